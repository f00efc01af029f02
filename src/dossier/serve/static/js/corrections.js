// Analyst corrections (token): forms on the entity card, the document view and each fact, and the judgements
// view that lists every merge, split and correction with who and when, and undoes a correction.

import { get, getToken, post } from './api.js';
import { el, field, section } from './dom.js';

const TYPES = ['person', 'organization', 'place', 'group'];

export async function sendCorrection(body, out) {
  out.textContent = '';
  if (!getToken()) { out.textContent = 'Writing needs the token: open the URL `dossier serve` printed.'; return null; }
  try {
    const c = await post('/api/corrections', JSON.stringify(body), { contentType: 'application/json' });
    out.textContent = `Correction c${c.id} recorded (undo it under Judgements).`;
    return c;
  } catch (err) {
    out.textContent = err.message;
    return null;
  }
}

function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function entityCorrections(e) {
  const name = el('input', { type: 'text', id: 'fix-name', value: e.name });
  const type = el('select', { id: 'fix-type' }, TYPES.map((t) => el('option', { value: t, text: t, selected: t === e.type })));
  const note = el('input', { type: 'text', id: 'fix-note', placeholder: 'why (kept with the correction)' });
  const out = el('p', { id: 'fix-result', class: 'muted', role: 'status' });
  const send = async (fieldName, value) => {
    if (await sendCorrection({ target: 'entity', id: e.id, field: fieldName, value, note: note.value || null }, out)) reload();
  };
  return el('details', { class: 'panel fix', id: 'fix-entity' }, el('summary', { text: 'Correct this entity' }),
    el('div', { class: 'filters' },
      field('Canonical name', name),
      el('button', { type: 'button', id: 'fix-rename', text: 'Rename', onclick: () => send('name', name.value) }),
      field('Type', type),
      el('button', { type: 'button', id: 'fix-retype', text: 'Change type', onclick: () => send('type', type.value) }),
      field('Note', note)),
    out);
}

export function documentCorrections(doc) {
  const title = el('input', { type: 'text', id: 'fix-title', value: doc.title || '' });
  const publisher = el('input', { type: 'text', id: 'fix-publisher', value: doc.publisher || '' });
  const published = el('input', { type: 'text', id: 'fix-published', value: doc.published || '', placeholder: 'YYYY-MM-DD' });
  const out = el('p', { id: 'fix-result', class: 'muted', role: 'status' });
  const send = async (fieldName, value) => {
    if (await sendCorrection({ target: 'document', id: doc.id, field: fieldName, value: value || null }, out)) reload();
  };
  return el('details', { class: 'panel fix', id: 'fix-document' }, el('summary', { text: 'Correct this report' }),
    el('div', { class: 'filters' },
      field('Title', title), el('button', { type: 'button', id: 'fix-set-title', text: 'Set title', onclick: () => send('title', title.value) }),
      field('Publisher', publisher), el('button', { type: 'button', id: 'fix-set-publisher', text: 'Set publisher', onclick: () => send('publisher', publisher.value) }),
      field('Date', published), el('button', { type: 'button', id: 'fix-set-date', text: 'Set date', onclick: () => send('published', published.value) })),
    out);
}

// Under a fact's supports: reject it as wrong; for an event, set its date or place.
export function factCorrections(kind, fact) {
  const out = el('span', { class: 'muted fix-out', role: 'status' });
  const parts = [el('button', { type: 'button', class: 'fix-reject', text: 'Wrong: reject',
    onclick: async () => { if (await sendCorrection({ target: kind, id: fact.id, field: 'rejected' }, out)) reload(); } })];
  if (kind === 'event') {
    const date = el('input', { type: 'text', class: 'fix-event-date', value: fact.date || '', placeholder: 'YYYY-MM-DD', size: 10 });
    const place = el('input', { type: 'text', class: 'fix-event-place', value: fact.place ? fact.place.name : '', placeholder: 'place name', size: 14 });
    parts.push(' ', date, el('button', { type: 'button', class: 'fix-set-event-date', text: 'Set date',
      onclick: async () => { if (await sendCorrection({ target: 'event', id: fact.id, field: 'date', value: date.value || null }, out)) reload(); } }),
    ' ', place, el('button', { type: 'button', class: 'fix-set-event-place', text: 'Set place',
      onclick: async () => { if (await sendCorrection({ target: 'event', id: fact.id, field: 'place', value: place.value || null }, out)) reload(); } }));
  }
  if (kind === 'event') parts.push(' ', eventJudgements(fact, out));
  return el('div', { class: 'fact-fix' }, parts, ' ', out);
}

async function sendEventJudgement(path, body, out) {
  out.textContent = '';
  if (!getToken()) { out.textContent = 'Writing needs the token: open the URL `dossier serve` printed.'; return null; }
  try {
    const c = await post(path, JSON.stringify(body), { contentType: 'application/json' });
    out.textContent = `Correction c${c.id} recorded (undo it under Judgements).`;
    return c;
  } catch (err) {
    out.textContent = err.message;
    return null;
  }
}

// Merge two events (mark one, then merge another into it) or split some reports' telling off an event: both
// are corrections the event clustering replays (must-link / cannot-link), undone under Judgements.
function eventJudgements(fact, out) {
  const MARK = 'dossier-merge-event';
  const marked = JSON.parse(sessionStorage.getItem(MARK) || 'null');
  const parts = [];
  if (marked && marked.id !== fact.id) {
    parts.push(el('button', { type: 'button', class: 'fix-merge-event', text: `Same event as “${marked.label}”: merge`,
      onclick: async () => {
        if (await sendEventJudgement('/api/events/merge', { a: marked.id, b: fact.id }, out)) { sessionStorage.removeItem(MARK); reload(); }
      } }), ' ');
  }
  parts.push(el('button', { type: 'button', class: 'fix-mark-event', text: 'Mark to merge',
    title: 'Then open the other event and merge it into this one',
    onclick: () => { sessionStorage.setItem(MARK, JSON.stringify({ id: fact.id, label: `${fact.label} (${fact.date || 'undated'})` })); out.textContent = 'Marked: open the other event and choose “merge”.'; } }));
  const docs = [...new Map((fact.supports || []).map((s) => [s.document, s.title || s.source || 'a report'])).entries()];
  if (docs.length > 1) {
    const pick = el('select', { class: 'fix-split-report' }, docs.map(([id, title]) => el('option', { value: id, text: title })));
    parts.push(' ', pick, el('button', { type: 'button', class: 'fix-split-event', text: 'Split this report off',
      onclick: async () => { if (await sendEventJudgement('/api/events/split', { event: fact.id, reports: [pick.value] }, out)) reload(); } }));
  }
  return el('span', { class: 'event-judgements' }, parts);
}

export async function renderJudgements(view) {
  const [merges, fixes] = await Promise.all([get('/api/judgements'), get('/api/corrections')]);
  view.append(el('h1', { text: 'Judgements and corrections' }));
  const out = el('p', { class: 'muted', role: 'status', id: 'undo-result' });
  const rows = fixes.items.map((c) => {
    const what = c.field === 'rejected' ? 'rejected as wrong' : c.field === 'merge' ? 'events merged'
      : c.field === 'split' ? 'event split'
      : `${c.field === 'published' ? 'date' : c.field} set to ${c.value === null ? '(none)' : `“${c.value}”`}`;
    const undo = c.undone_at ? el('span', { class: 'muted', text: `undone ${c.undone_at}` })
      : el('button', { type: 'button', class: 'undo', text: 'Undo', onclick: async () => {
        if (!getToken()) { out.textContent = 'Writing needs the token: open the URL `dossier serve` printed.'; return; }
        try { await post(`/api/corrections/${c.id}/undo`); reload(); } catch (err) { out.textContent = err.message; }
      } });
    return el('tr', { class: c.undone_at ? 'undone' : '', data: { id: c.id } },
      el('td', { text: `c${c.id}` }), el('td', { text: c.target === 'document' ? 'report' : c.target }),
      el('td', { text: c.label }), el('td', { text: what }), el('td', { text: c.note || '' }),
      el('td', { text: c.who }), el('td', { text: c.at }), el('td', {}, undo));
  });
  view.append(section(`Corrections (${fixes.items.length})`, out, el('table', { class: 'judgements' },
    el('thead', {}, el('tr', {}, ['', 'what', 'which', 'correction', 'note', 'who', 'when', ''].map((h) => el('th', { text: h })))),
    el('tbody', {}, rows))));
  view.append(section(`Merges and splits (${merges.items.length})`, el('ul', {}, merges.items.map((j) =>
    el('li', { text: `#${j.id} ${j.at}${j.who ? ` ${j.who}` : ''}: ${j.decision} “${j.a}” and “${j.b}”${j.note ? ` (${j.note})` : ''}` })))));
}
