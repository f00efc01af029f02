// What's new: the digest (`dossier digest`) of the reports ingested since a date, each item with its evidence.

import { get } from './api.js';
import { el, section } from './dom.js';

function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return d.toISOString().slice(0, 10);
}

function evidence(ev) {
  return el('li', { class: 'evidence' }, `“${ev.text}” `,
    el('span', { class: 'muted', text: `(${ev.document}${ev.page ? `, p. ${ev.page}` : ''})` }));
}

function factItem(f) {
  const changes = [];
  if (f.before && f.before.independent_sources !== f.independent_sources) {
    changes.push(`independent sources ${f.before.independent_sources} → ${f.independent_sources}`);
  }
  if (f.before && f.before.grade !== f.grade) changes.push(`grade ${f.before.grade} → ${f.grade}`);
  return el('li', {}, el('strong', { text: f.headline }), ' ',
    el('span', { class: 'badge', text: f.grade }), changes.length ? ` — ${changes.join(', ')}` : '',
    el('ul', {}, f.supports.flatMap((s) => s.evidence.map(evidence))));
}

const SECTIONS = [
  ['documents', 'New documents', (d) => el('li', {}, el('strong', { text: d.title || d.source }),
    ` ${[d.publisher, d.published].filter(Boolean).join(', ')}`)],
  ['entities', 'New entities', (e) => el('li', {}, el('strong', { text: e.name }), ' ',
    el('span', { class: 'badge type', text: e.type }), el('ul', {}, e.evidence.map(evidence)))],
  ['relations', 'New relations', factItem],
  ['events', 'New events', factItem],
  ['facts_changed', 'Facts with new sources or a new grade', factItem],
  ['discrepancies', 'New discrepancies', (d) => el('li', {}, el('strong', { text: `${d.kind}: ${d.about}` }),
    el('ul', {}, d.values.map((v) => el('li', {}, el('strong', { text: v.value }),
      el('ul', {}, v.supports.flatMap((s) => s.evidence.map(evidence)))))))],
  ['watchlist_hits', 'Watchlist hits', (h) => el('li', {}, el('strong', { text: h.entity }), ' ~ ',
    el('span', { class: 'badge watchlist', text: `${h.list}: ${h.entry_name}` }),
    ` score ${h.score.toFixed(2)}: ${h.reasons.how.join('; ')}${h.verdict ? ` [${h.verdict}]` : ''}`)],
];

export async function renderWhatsNew(view, parts, params) {
  const since = params.get('since') || daysAgo(7);
  const input = el('input', { type: 'date', name: 'since', value: since, 'aria-label': 'Since' });
  const form = el('form', { class: 'since' }, 'Ingested since ', input, ' ', el('button', { type: 'submit', text: 'Show' }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `#/new?since=${encodeURIComponent(input.value)}`;
  });
  view.append(el('h1', { text: "What's new" }), form);
  const digest = await get('/api/whats-new', { since });
  for (const [key, title, item] of SECTIONS) {
    const items = digest[key] || [];
    if (items.length) view.append(section(`${title} (${items.length})`, el('ul', { class: `digest ${key}` }, items.map(item))));
  }
  if (!digest.documents.length) view.append(el('p', { class: 'muted', text: `No report was ingested since ${since}.` }));
}
