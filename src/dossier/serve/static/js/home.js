// The start page: what is in the store, the most mentioned entities, the latest reports.

import { get } from './api.js';
import { el, entityLink, docLink, section, plural } from './dom.js';

export async function renderHome(view) {
  const [health, top, docs] = await Promise.all([
    get('/api/health'), get('/api/entities', { limit: 15 }), get('/api/documents', { limit: 10 }),
  ]);
  view.append(el('h1', { text: "Analyst's workbench" }));
  // The same figures as `dossier summary` (statements in current reports), the distinct facts in brackets.
  const st = health.statements || {};
  const both = (n, word, distinct) => `${plural(n, word)}` + (distinct !== n ? ` (${distinct} distinct)` : '');
  view.append(el('p', { class: 'lead', text:
    `${plural(health.documents, 'report')} · ${plural(health.entities, 'entity', 'entities')} · ` +
    `${both(st.relations ?? health.relations, 'relation', health.relations)} · ` +
    `${both(st.events ?? health.events, 'event', health.events)} · ` +
    `${both(st.claims ?? health.claims, 'claim', health.claims)}` }));
  view.append(section('Most mentioned',
    el('ul', { class: 'chips' }, top.items.map((e) => el('li', {}, entityLink(e),
      el('span', { class: 'muted', text: ` ${e.mentions}` }))))));
  view.append(section('Latest reports', documentList(docs.items)));
}

export function documentList(items) {
  return el('ul', { class: 'docs' }, items.map((d) => el('li', {},
    el('span', { class: 'date', text: d.published || 'undated' }),
    docLink(d.id, null, d.title),
    d.title_from !== 'path' ? el('span', { class: 'muted path', text: ` ${d.source}` }) : null,
    el('span', { class: 'muted', text: d.publisher ? ` — ${d.publisher}` : '' }))));
}
