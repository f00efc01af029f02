// The entity card: names, aliases, type, attributes, relations, events, claims and mentions, each with sources.

import { get, getToken, post } from './api.js';
import { el, field, section, plural } from './dom.js';
import { relationItem, eventItem, claimItem } from './facts.js';
import { entityCorrections } from './corrections.js';

function mentionItem(m) {
  const s = m.sentence || {};
  const text = s.text || m.text;
  const from = s.start != null ? m.start - s.start : 0;
  const to = s.start != null ? m.end - s.start : m.text.length;
  return el('li', { class: 'mention-line' },
    el('a', { class: 'doclink', href: `#/doc/${encodeURIComponent(m.document)}?hl=${m.start}-${m.end}`, text: '¶' }), ' ',
    text.slice(0, from), el('mark', { text: text.slice(from, to) }), text.slice(to));
}

function counted(title, part) {
  return part.total > part.items.length ? `${title} (${part.items.length} of ${part.total})` : `${title} (${part.total})`;
}

export async function renderEntity(view, [id]) {
  const card = await get(`/api/entities/${encodeURIComponent(id)}`);
  const e = card.entity;
  document.title = `${e.name} — dossier`;
  const attrs = Object.entries(e.attributes || {});
  view.append(el('article', { class: 'card' },
    el('header', { class: 'card-head' },
      el('h1', { class: `t-${e.type}`, text: e.name }),
      el('span', { class: 'badge type', text: e.type }),
      (card.watchlists || []).map(watchlistBadge),
      el('span', { class: 'muted', text: `${plural(e.mentions, 'mention')} in ${plural(e.documents, 'report')}` }),
      el('div', { class: 'actions' },
        el('a', { class: 'button', href: `#/graph/${encodeURIComponent(e.id)}`, text: 'Link chart' }),
        el('a', { class: 'button', href: `#/timeline?entity=${encodeURIComponent(e.id)}`, text: 'Timeline' }),
        e.coordinates ? el('a', { class: 'button', href: `#/map?focus=${encodeURIComponent(e.id)}`, text: 'Map' }) : null)),
    e.aliases.length ? el('p', { class: 'aliases' }, el('strong', { text: 'Also known as: ' }), e.aliases.join(' · ')) : null,
    attrs.length ? el('dl', { class: 'attributes' }, attrs.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])) : null,
    section(counted('Relations', card.relations), el('div', { class: 'facts relations' }, card.relations.items.map(relationItem))),
    section(counted('Events', card.events), el('div', { class: 'facts events' }, card.events.items.map(eventItem))),
    card.claims.total ? section(counted('Claims made', card.claims), el('div', { class: 'facts claims' }, card.claims.items.map(claimItem))) : null,
    section(counted('Mentions', card.mentions), el('ul', { class: 'mentions' }, card.mentions.items.map(mentionItem))),
    entityCorrections(e),
    judgementForm(e)));
}

// A watchlist hit (dossier screen): the list and entry, with the names that matched and how, on hover.
function watchlistBadge(h) {
  const why = `${h.matched[0]} ~ ${h.matched[1]}: ${h.how.join('; ')} (score ${h.score.toFixed(2)})` +
    (h.programs ? ` — ${h.programs}` : '') + (h.verdict ? ` — ${h.verdict} by the analyst` : '');
  return el('span', { class: `badge watchlist${h.verdict === 'confirmed' ? ' confirmed' : ''}`, title: why,
    text: `${h.list}: ${h.entry_name}${h.verdict === 'confirmed' ? ' ✓' : ''}` });
}

// Analyst judgements (token): this entity and another, by name or id, are one entity, or are not.
function judgementForm(e) {
  const other = el('input', { type: 'text', id: 'judge-other', placeholder: 'another entity: name or id' });
  const note = el('input', { type: 'text', id: 'judge-note', placeholder: 'why (kept with the judgement)' });
  const out = el('p', { id: 'judge-result', class: 'muted' });
  const send = async (decision) => {
    out.textContent = '';
    if (!getToken()) { out.textContent = 'Writing needs the token: open the URL `dossier serve` printed.'; return; }
    try {
      const r = await post('/api/judgements', JSON.stringify({ decision, a: e.id, b: other.value, note: note.value || null }),
        { contentType: 'application/json' });
      out.textContent = r.honoured ? `Judgement #${r.judgement} recorded.` : `Judgement #${r.judgement} recorded, but an earlier split wins.`;
      if (r.a.entity && r.a.entity !== e.id) location.hash = `#/entity/${encodeURIComponent(r.a.entity)}`;
    } catch (err) {
      out.textContent = err.message;
    }
  };
  return el('details', { class: 'panel judge' }, el('summary', { text: 'Merge or split (analyst judgement)' }),
    el('div', { class: 'filters' }, field('Other entity', other), field('Note', note),
      el('button', { type: 'button', id: 'judge-merge', text: 'Same entity (merge)', onclick: () => send('merge') }),
      el('button', { type: 'button', id: 'judge-split', text: 'Different entities (split)', onclick: () => send('split') })),
    out);
}
