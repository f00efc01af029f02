// Add a report from the browser: upload a file or paste text; the new entities open in the graph.

import { getToken, post, setToken } from './api.js';
import { el, field, entityLink } from './dom.js';

export async function renderIngest(view, _parts, _params, { say }) {
  const token = el('input', { type: 'password', id: 'token', value: getToken(), autocomplete: 'off',
    placeholder: 'printed by `dossier serve`' });
  const file = el('input', { type: 'file', id: 'file', accept: '.txt,.md,.markdown,.html,.htm,.pdf' });
  const text = el('textarea', { id: 'paste', rows: 12, placeholder: 'or paste a report here (plain text or HTML)' });
  const out = el('div', { id: 'ingest-result', class: 'result' });
  const button = el('button', { type: 'button', id: 'ingest-go', text: 'Ingest' });

  button.addEventListener('click', async () => {
    setToken(token.value);
    out.replaceChildren();
    const chosen = file.files && file.files[0];
    if (!chosen && !text.value.trim()) { say('choose a file or paste a report', 'error'); return; }
    button.disabled = true;
    say('ingesting…');
    try {
      const r = chosen
        ? await post('/api/documents', chosen, { params: { name: chosen.name }, contentType: 'application/octet-stream' })
        : await post('/api/documents', text.value, { contentType: 'text/plain; charset=utf-8' });
      const first = r.entities[0];
      out.append(el('p', { class: 'ok', text: `${r.status === 'exists' ? 'Already in the store' : 'Ingested'}: ${r.source}` }),
        el('p', {}, el('a', { href: `#/doc/${encodeURIComponent(r.document)}`, text: 'Open the document' }),
          first ? [' · ', el('a', { class: 'button', href: `#/graph/${encodeURIComponent(first.id)}`, text: `Show ${first.name} in the link chart` })] : null),
        el('ul', { class: 'chips' }, r.entities.map((e) => el('li', {}, entityLink(e)))));
      say('');
    } catch (err) {
      out.append(el('p', { class: 'error', role: 'alert', text: err.message }));
      say(err.message, 'error');
    } finally {
      button.disabled = false;
    }
  });
  view.append(el('h1', { text: 'Add a report' }),
    el('form', { class: 'ingest', onsubmit: (e) => e.preventDefault() },
      field('Write token', token), field('Report file (.txt, .md, .html, .pdf)', file), field('Pasted text', text), button),
    out);
}
