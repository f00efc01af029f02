// Publishers, how many reports each gave, and the analyst's reliability rating (Admiralty A–F), which the
// facts' grades follow; rated here with the token, as `dossier rate`.

import { get, getToken, post } from './api.js';
import { el, section, plural } from './dom.js';

export async function renderSources(view) {
  const body = await get('/api/sources');
  const out = el('p', { class: 'muted', role: 'status', id: 'rate-result' });
  const rows = body.items.map((s) => {
    const pick = el('select', { class: 'rate' }, Object.entries(body.scale).map(([k, v]) =>
      el('option', { value: k, text: `${k}: ${v}`, selected: k === s.reliability })));
    const note = el('input', { type: 'text', class: 'rate-note', value: s.note || '', placeholder: 'why' });
    const save = el('button', { type: 'button', text: 'Rate', disabled: !s.publisher, onclick: async () => {
      if (!getToken()) { out.textContent = 'Writing needs the token: open the URL `dossier serve` printed.'; return; }
      try {
        await post('/api/sources/ratings', JSON.stringify({ publisher: s.publisher, reliability: pick.value, note: note.value || null }),
          { contentType: 'application/json' });
        out.textContent = `${s.publisher}: ${pick.value}`;
      } catch (err) { out.textContent = err.message; }
    } });
    return el('tr', {}, el('td', { text: s.publisher || 'unknown publisher' }), el('td', { text: plural(s.reports, 'report') }),
      el('td', { text: `${s.reliability} (${s.meaning})` }), el('td', {}, s.publisher ? [pick, ' ', note, ' ', save] : null));
  });
  view.append(el('h1', { text: 'Sources' }),
    el('p', { class: 'muted', text: 'A fact’s grade takes the best rating among its independent sources; unrated sources are F.' }),
    section(plural(body.items.length, 'publisher'), out, el('table', { class: 'judgements sources' },
      el('thead', {}, el('tr', {}, ['publisher', 'reports', 'rating', ''].map((h) => el('th', { text: h })))),
      el('tbody', {}, rows))));
}
