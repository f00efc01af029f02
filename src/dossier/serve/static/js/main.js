// Hash router, type-ahead search and the status line. Each view module renders into <main id="view">.

import { captureToken, get } from './api.js';
import { clear, el } from './dom.js';
import { renderEntity } from './entity.js';
import { renderGraph } from './graph.js';
import { renderTimeline } from './timeline.js';
import { renderMap } from './map.js';
import { renderDocument, renderDocuments } from './document.js';
import { renderDiscrepancies } from './discrepancies.js';
import { renderIngest } from './ingest.js';
import { renderHome } from './home.js';
import { renderWhatsNew } from './whatsnew.js';
import { renderSearch } from './search.js';
import { renderJudgements } from './corrections.js';
import { renderSources } from './sources.js';

const view = document.getElementById('view');
const status = document.getElementById('status');

export function say(text, kind = '') {
  status.textContent = text;
  status.className = `status ${kind}`;
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || '') };
}

const ROUTES = {
  '': renderHome,
  entity: renderEntity,
  graph: renderGraph,
  timeline: renderTimeline,
  map: renderMap,
  doc: renderDocument,
  documents: renderDocuments,
  discrepancies: renderDiscrepancies,
  ingest: renderIngest,
  new: renderWhatsNew,
  search: renderSearch,
  judgements: renderJudgements,
  sources: renderSources,
};

let generation = 0;

async function route() {
  const { parts, params } = parseHash();
  const render = ROUTES[parts[0] || ''] || renderHome;
  const mine = ++generation;
  clear(view);
  document.getElementById('suggestions').hidden = true;
  document.getElementById('search').value = '';
  view.dataset.view = parts[0] || 'home';
  view.dataset.ready = 'false';
  try {
    await render(view, parts.slice(1), params, { say, current: () => mine === generation });
    if (mine === generation) say('');
  } catch (err) {
    if (mine !== generation) return;
    view.append(el('p', { class: 'error', role: 'alert', text: err.message || String(err) }));
    say(err.message || String(err), 'error');
  } finally {
    if (mine === generation) view.dataset.ready = 'true';
  }
}

function setupSearch() {
  const input = document.getElementById('search');
  const list = document.getElementById('suggestions');
  let timer = null;
  let active = -1;
  let asked = 0;

  const close = () => { list.hidden = true; active = -1; };
  const choose = (item) => {
    close(); input.value = '';
    location.hash = item.fulltext ? `#/search?q=${encodeURIComponent(item.fulltext)}` : `#/entity/${encodeURIComponent(item.id)}`;
  };
  const highlight = () => {
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
  };

  async function suggest() {
    const q = input.value.trim();
    if (!q) { close(); return; }
    const mine = ++asked;
    const body = await get('/api/search', { q, limit: 10 });
    if (mine !== asked) return;
    clear(list);
    for (const item of body.items) {
      const aka = item.aliases.length ? `aka ${item.aliases.slice(0, 3).join(', ')}` : '';
      const li = el('li', { role: 'option', class: 'suggestion', data: { id: item.id } },
        el('span', { class: `name t-${item.type}`, text: item.name }),
        el('span', { class: 'type', text: item.type }),
        el('span', { class: 'aka', text: aka }));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(item); });
      li.item = item;
      list.append(li);
    }
    if (!body.items.length) list.append(el('li', { class: 'empty', text: 'no entity by that name' }));
    const full = el('li', { role: 'option', class: 'suggestion fulltext', id: 'search-reports' },
      el('span', { class: 'name', text: `Search the reports for “${q}”` }));
    full.item = { fulltext: q };
    full.addEventListener('mousedown', (e) => { e.preventDefault(); choose(full.item); });
    list.append(full);
    list.hidden = false;
    active = 0;
    highlight();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest().catch((e) => say(e.message, 'error')), 120);
  });
  input.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('li.suggestion')];
    if (e.key === 'ArrowDown' && items.length) { active = (active + 1) % items.length; highlight(); e.preventDefault(); }
    else if (e.key === 'ArrowUp' && items.length) { active = (active - 1 + items.length) % items.length; highlight(); e.preventDefault(); }
    else if (e.key === 'Enter' && active >= 0 && items[active]) { choose(items[active].item); e.preventDefault(); }
    else if (e.key === 'Enter' && input.value.trim()) { choose({ fulltext: input.value.trim() }); e.preventDefault(); }
    else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

captureToken();
setupSearch();
window.addEventListener('hashchange', route);
route();
