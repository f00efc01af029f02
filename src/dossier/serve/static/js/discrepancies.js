// Where reports disagree: a fact, and the values each group of reports gives for it.

import { get } from './api.js';
import { el, docLink, section, plural } from './dom.js';

export async function renderDiscrepancies(view) {
  const body = await get('/api/discrepancies', { limit: 500 });
  view.append(el('h1', { text: 'Discrepancies' }));
  if (!body.items.length) {
    view.append(el('p', { class: 'muted', text: 'The reports do not contradict each other on any fact.' }));
    return;
  }
  view.append(section(plural(body.total, 'disagreement'), el('div', { class: 'discrepancies' }, body.items.map((d) =>
    el('div', { class: 'discrepancy', data: { kind: d.kind } },
      el('h3', {}, el('span', { class: 'badge', text: d.kind }), ' ', d.about),
      el('ul', {}, d.values.map((v) => el('li', {},
        el('strong', { text: v.value }), ' — ',
        v.supports.map((s) => {
          const ev = (s.evidence || [])[0];
          return el('span', { class: 'support-inline' },
            docLink(s.document, ev, s.publisher || s.title || s.document), ' ');
        })))))))));
}
