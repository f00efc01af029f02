// How a fact is shown everywhere: what it says, its modality, corroboration and grade, and each supporting
// report with its evidence sentence (a link that opens the document with the sentence highlighted).

import { el, entityLink, docLink, modalityBadge, sourcesBadge, gradeBadge, plural } from './dom.js';
import { factCorrections } from './corrections.js';

export function supportList(fact) {
  const items = (fact.supports || []).map((s) => {
    const ev = (s.evidence || [])[0];
    return el('li', { class: 'support' },
      el('div', { class: 'support-head' },
        el('span', { class: 'publisher', text: s.publisher || 'unknown publisher' }),
        el('span', { class: 'doc-title', text: s.title || s.source || 'a report' }),
        el('span', { class: 'date', text: s.published || '' }),
        ev && ev.page ? el('span', { class: 'page muted', text: `p. ${ev.page}` }) : null,
        modalityBadge(s.modality),
        s.attribution && s.attribution !== 'reporter' ? el('span', { class: 'muted', text: `according to ${s.attribution}` }) : null),
      ev ? el('blockquote', { class: 'evidence' }, ev.text) : null,
      ev ? docLink(ev.document, ev, ev.page ? `show in document (p. ${ev.page})` : 'show in document')
        : docLink(s.document, null, 'open document'));
  });
  const more = (fact.supports_total || 0) > items.length
    ? el('li', { class: 'muted', text: `and ${plural(fact.supports_total - items.length, 'more report')}` }) : null;
  return el('ul', { class: 'supports' }, items, more);
}

function kindOf(fact) {
  return fact.id.startsWith('rel') ? 'relation' : fact.id.startsWith('clm') || fact.proposition !== undefined ? 'claim' : 'event';
}

function details(summary, fact) {
  const box = el('details', { class: 'fact', data: { id: fact.id } }, el('summary', {}, summary));
  box.addEventListener('toggle', () => {
    if (box.open && !box.querySelector('.supports')) {
      if (fact.grade_reason) box.append(el('p', { class: 'grade-reason muted', text: `Grade ${fact.grade}: ${fact.grade_reason}` }));
      box.append(supportList(fact), factCorrections(kindOf(fact), fact));
    }
  }, { once: false });
  return box;
}

export function relationItem(fact) {
  const roles = (fact.roles || []).length ? ` (${fact.roles.join(', ')})` : '';
  return details([
    entityLink(fact.subject), el('span', { class: 'predicate', text: ` — ${fact.predicate}${roles} → ` }),
    entityLink(fact.object), ' ', modalityBadge(fact.modality), sourcesBadge(fact), gradeBadge(fact),
  ], fact);
}

export function eventItem(fact) {
  const who = (fact.participants || []).map((p) => [entityLink(p.entity), el('span', { class: 'muted', text: p.role ? ` (${p.role}) ` : ' ' })]);
  return details([
    el('span', { class: 'date', text: fact.date || 'undated' }), ' ',
    el('span', { class: 'etype', text: fact.type }), ' ', el('span', { class: 'label', text: fact.label }), ' ',
    fact.place ? ['at ', entityLink(fact.place), ' '] : null,
    who.length ? ['· ', who] : null,
    modalityBadge(fact.modality), sourcesBadge(fact), gradeBadge(fact),
  ], fact);
}

export function claimItem(fact) {
  return details([
    fact.source_entity ? entityLink(fact.source_entity) : el('span', { class: 'claim-source', text: fact.source }),
    el('span', { class: 'muted', text: ` ${fact.cue || 'says'}: ` }),
    el('q', { text: fact.proposition }), ' ', modalityBadge(fact.modality), sourcesBadge(fact), gradeBadge(fact),
  ], fact);
}
