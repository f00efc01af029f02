// Full-text search over the reports: each hit with its title, date, publisher and the matching passage, the
// matched words marked (segments from the API, rendered as text nodes: never markup from a report).

import { get } from './api.js';
import { el, docLink, field, section, plural } from './dom.js';

export async function renderSearch(view, _parts, params) {
  const q = params.get('q') || '';
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  const publisher = params.get('publisher') || '';
  const input = el('input', { type: 'search', id: 'fts-q', value: q, placeholder: 'words, "a phrase", prefix*' });
  const fromIn = el('input', { type: 'text', id: 'fts-from', value: from, placeholder: 'YYYY-MM-DD' });
  const toIn = el('input', { type: 'text', id: 'fts-to', value: to, placeholder: 'YYYY-MM-DD' });
  const pubIn = el('input', { type: 'text', id: 'fts-publisher', value: publisher, placeholder: 'publisher' });
  const go = () => {
    const p = new URLSearchParams({ q: input.value });
    if (fromIn.value) p.set('from', fromIn.value);
    if (toIn.value) p.set('to', toIn.value);
    if (pubIn.value) p.set('publisher', pubIn.value);
    location.hash = `#/search?${p}`;
  };
  const form = el('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); go(); } },
    field('Text', input), field('From', fromIn), field('To', toIn), field('Publisher', pubIn),
    el('button', { type: 'submit', text: 'Search' }));
  view.append(el('h1', { text: 'Search the reports' }), form);
  if (!q.trim()) return;
  const body = await get('/api/search/documents', { q, date_from: from, date_to: to, publisher, limit: 100 });
  const items = body.items.map((d) => el('li', { class: 'hit' },
    el('div', {}, el('span', { class: 'date', text: d.published || 'undated' }), ' ',
      docLink(d.id, null, d.title),
      el('span', { class: 'muted', text: ` — ${d.publisher || 'unknown publisher'} · ${d.source}` })),
    el('p', { class: 'snippet' }, d.snippet.map((s) => (s.hit ? el('mark', { text: s.text }) : s.text)))));
  const shown = body.total > items.length ? ` (first ${items.length})` : '';
  view.append(section(`${plural(body.total, 'report')}${shown}`, el('ul', { class: 'hits' }, items)));
}
