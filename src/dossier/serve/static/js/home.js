// The start page: what is in the store, the most mentioned entities, the latest reports.

import { get } from './api.js';
import { el, entityLink, docLink, section } from './dom.js';

export async function renderHome(view) {
  const [health, top, docs] = await Promise.all([
    get('/api/health'), get('/api/entities', { limit: 15 }), get('/api/documents', { limit: 10 }),
  ]);
  view.append(el('h1', { text: "Analyst's workbench" }));
  view.append(el('p', { class: 'lead', text:
    `${health.documents} reports · ${health.entities} entities · ${health.relations} relations · ` +
    `${health.events} events · ${health.claims} claims` }));
  view.append(section('Most mentioned',
    el('ul', { class: 'chips' }, top.items.map((e) => el('li', {}, entityLink(e),
      el('span', { class: 'muted', text: ` ${e.mentions}` }))))));
  view.append(section('Latest reports', documentList(docs.items)));
}

export function documentList(items) {
  return el('ul', { class: 'docs' }, items.map((d) => el('li', {},
    el('span', { class: 'date', text: d.published || 'undated' }),
    docLink(d.id, null, d.title || d.source),
    el('span', { class: 'muted', text: d.publisher ? ` — ${d.publisher}` : '' }))));
}
