// Events in date order, with a histogram per month and the shared filters (type, modality, sources, dates).

import { get } from './api.js';
import { el, entityLink, section, plural } from './dom.js';
import { apiParams, filterBar } from './filters.js';
import { eventItem } from './facts.js';

export async function renderTimeline(view, _parts, params, { current }) {
  const entity = params.get('entity') || '';
  const initial = await get('/api/timeline', { limit: 1, entity });
  const results = el('div', { id: 'timeline-results' });
  const filters = filterBar({ kindLabel: 'Event type', kinds: initial.types, onChange: load });
  let heading = el('h1', { text: 'Timeline' });
  if (entity) {
    const card = await get(`/api/entities/${encodeURIComponent(entity)}`, { limit: 1 });
    heading = el('h1', {}, 'Timeline: ', entityLink(card.entity));
  }
  view.append(heading, filters.bar, results);

  async function load() {
    const body = await get('/api/timeline', { ...apiParams(filters.values(), 'type'), entity, limit: 500 });
    if (!current()) return;
    const peak = Math.max(1, ...body.months.map((m) => m.events));
    const bars = el('div', { class: 'histogram', role: 'img', 'aria-label': 'events per period' },
      body.months.map((m) => {
        const bar = el('div', { class: 'bar', title: `${m.month}: ${m.events}` },
          el('span', { class: 'bar-fill' }), el('span', { class: 'bar-label', text: m.month }));
        bar.firstChild.style.height = `${Math.round((100 * m.events) / peak)}%`;
        return bar;
      }));
    const groups = new Map();
    for (const f of body.items) {
      const key = f.date.length >= 7 && f.date[4] === '-' ? f.date.slice(0, 7) : f.date.slice(0, 4);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    }
    const undated = body.undated || { items: [], total: 0 };
    results.replaceChildren(bars, section(`${plural(body.total, 'dated event')} · ${plural(undated.total, 'undated event')}`,
      el('ol', { class: 'timeline' }, [...groups].map(([period, items]) =>
        el('li', { class: 'period' }, el('h3', { text: period }),
          el('div', { class: 'facts events' }, items.map(eventItem)))))),
      undated.total ? section(plural(undated.total, 'undated event'),
        el('div', { class: 'facts events undated', id: 'undated-events' }, undated.items.map(eventItem))) : null);
  }
  await load();
}
