// A report's stored text, its mentions linked to their entities, an evidence span (?hl=start-end) highlighted.

import { get } from './api.js';
import { el, field, section, plural } from './dom.js';
import { documentList } from './home.js';
import { documentCorrections } from './corrections.js';

function spans(text, mentions, hl) {
  // Mentions that do not overlap an earlier one, in order; cut points from them and the highlight.
  const kept = [];
  let end = -1;
  for (const m of [...mentions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start >= end && m.entity) { kept.push(m); end = m.end; }
  }
  const cuts = new Set([0, text.length]);
  for (const m of kept) { cuts.add(m.start); cuts.add(m.end); }
  if (hl) { cuts.add(hl[0]); cuts.add(hl[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  let k = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    while (k < kept.length && kept[k].end <= a) k++;
    const m = kept[k] && kept[k].start <= a && b <= kept[k].end ? kept[k] : null;
    let node = document.createTextNode(text.slice(a, b));
    if (m) {
      node = el('a', { class: `mention t-${m.entity.type}`, href: `#/entity/${encodeURIComponent(m.entity.id)}`,
        title: `${m.entity.name} (${m.entity.type})` }, node);
    }
    if (hl && hl[0] <= a && b <= hl[1]) node = el('mark', { class: 'evidence-hl' }, node);
    out.push(node);
  }
  return out;
}

export async function renderDocument(view, [id], params) {
  const doc = await get(`/api/documents/${encodeURIComponent(id)}`);
  document.title = `${doc.title || doc.source} — dossier`;
  const m = (params.get('hl') || '').match(/^(\d+)-(\d+)$/);
  const hl = m ? [Number(m[1]), Number(m[2])] : null;
  view.append(el('article', { class: 'document' },
    el('h1', { text: doc.title || doc.source }),
    el('p', { class: 'meta' },
      el('span', { class: 'doc-publisher', text: doc.publisher || 'unknown publisher' }), ' · ',
      doc.author ? [el('span', { class: 'doc-author', text: `by ${doc.author}` }), ' · '] : null,
      el('span', { class: 'doc-date', text: doc.published ? `${doc.published}${doc.published_inferred ? ' (inferred)' : ''}` : 'undated' }), ' · ',
      (doc.corrected || []).length ? el('span', { class: 'badge corrected', text: `corrected: ${doc.corrected.map((f) => (f === 'published' ? 'date' : f)).join(', ')}` }) : null, ' ',
      el('span', { class: 'muted', text: `${doc.source} · version ${doc.version}${doc.current ? '' : ' (superseded)'}` })),
    el('div', { class: 'doc-text' }, spans(doc.text, doc.mentions, hl)),
    doc.current ? documentCorrections(doc) : null));
  const first = view.querySelector('mark.evidence-hl');
  if (first) first.scrollIntoView({ block: 'center' });
}

export async function renderDocuments(view, _parts, params) {
  const q = params.get('q') || '';
  const docs = await get('/api/documents', { q, limit: 200 });
  const input = el('input', { type: 'search', value: q, placeholder: 'title, source or publisher' });
  input.addEventListener('change', () => { location.hash = `#/documents?q=${encodeURIComponent(input.value)}`; });
  view.append(el('h1', { text: 'Documents' }), field('Filter', input),
    section(plural(docs.total, 'report'), documentList(docs.items)));
}
