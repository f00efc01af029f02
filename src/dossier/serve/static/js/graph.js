// The link chart (Cytoscape.js): expand neighbours, filter, export PNG/SVG. Edge line style shows modality,
// width and opacity show corroboration (independent sources).

import { get } from './api.js';
import { el, entityLink, plural } from './dom.js';
import { apiParams, filterBar, keeps } from './filters.js';

const TYPE_COLOURS = { person: '#2f6fb3', organization: '#b3562f', place: '#3a8f4b', group: '#8a5bb0', event: '#c58a00' };
const NODE_TYPES = ['person', 'organization', 'place', 'group', 'event'];

const STYLE = [
  { selector: 'node', style: {
    label: 'data(name)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, color: '#222',
    'background-color': (n) => TYPE_COLOURS[n.data('type')] || '#777', width: 18, height: 18,
    'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': 1 } },
  { selector: 'node[type = "event"]', style: { shape: 'diamond', width: 20, height: 20 } },
  { selector: 'node.center', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#111' } },
  { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#555' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#e0a100' } },
  { selector: 'edge', style: {
    'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, label: 'data(predicate)',
    'font-size': 8, color: '#333', 'text-rotation': 'autorotate', 'text-margin-y': -7,
    'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    width: (e) => 1 + 1.5 * Math.min(e.data('independent_sources') || 1, 4),
    opacity: (e) => Math.min(0.45 + 0.2 * (e.data('independent_sources') || 1), 1),
    'line-color': '#6b7280', 'target-arrow-color': '#6b7280' } },
  { selector: 'edge[kind = "event"]', style: { 'target-arrow-shape': 'none', 'line-color': '#d6b25e' } },
  { selector: 'edge[modality = "reported"]', style: { 'line-style': 'dashed' } },
  { selector: 'edge[modality = "alleged"]', style: { 'line-style': 'dotted', 'line-color': '#c2410c', 'target-arrow-color': '#c2410c' } },
  { selector: 'edge[modality = "denied"]', style: { 'line-style': 'dashed', 'line-color': '#b91c1c', 'target-arrow-color': '#b91c1c' } },
  { selector: 'edge[modality = "speculative"]', style: { 'line-style': 'dotted', 'line-color': '#a3a3a3', 'target-arrow-color': '#a3a3a3' } },
  { selector: 'edge.path', style: { 'line-color': '#e0a100', 'target-arrow-color': '#e0a100', width: 6, opacity: 1 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#e0a100' } },
  { selector: '.hidden', style: { display: 'none' } },
  // a dense chart (over DENSE nodes) keeps edge labels for the edge under the pointer or selected, and node labels
  // drop out when zoomed so far out that they would be unreadable anyway
  { selector: 'edge.dense', style: { label: '' } },
  { selector: 'edge.dense.hover, edge.dense:selected, edge.dense.path', style: { label: 'data(predicate)' } },
  { selector: 'node.dense', style: { 'min-zoomed-font-size': 7 } },
];

const DENSE = 60;

// A month ("2025-03") from a date at any precision, at the start or the end of what it covers.
function month(d, end) {
  if (!d) return null;
  const parts = String(d).split('/');  // an interval ("2022/2024"): its start or its end
  d = end ? parts[parts.length - 1] : parts[0];
  if (!/^\d{4}/.test(d)) return null;
  if (d.length >= 7) return d.slice(0, 7);
  return `${d.slice(0, 4)}-${end ? '12' : '01'}`;
}

function monthsBetween(lo, hi) {
  const out = [];
  let [y, m] = lo.split('-').map(Number);
  const [y1, m1] = hi.split('-').map(Number);
  while ((y < y1 || (y === y1 && m <= m1)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function download(blob, name) {
  const a = el('a', { download: name });
  a.href = URL.createObjectURL(blob);
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

export async function renderGraph(view, [id], _params, { say }) {
  if (typeof window.cytoscape !== 'function') throw new Error('the chart library is missing: run `make web`');
  const first = await get(`/api/entities/${encodeURIComponent(id)}/neighbourhood`, { limit: 80 });
  const centre = first.nodes.find((n) => n.id === id);
  const box = el('div', { id: 'cy', class: 'chart' });
  const info = el('div', { class: 'chart-info', id: 'chart-info' },
    el('p', { class: 'muted', text: 'Click a node to see it; double-click (or “Expand”) to add its neighbours.' }));
  const predicates = new Set(first.edges.map((e) => e.predicate));
  const filters = filterBar({ kindLabel: 'Relation', kinds: [...predicates].sort(), onChange: apply });
  const expandBtn = el('button', { type: 'button', id: 'expand', text: 'Expand selected' });
  const pngBtn = el('button', { type: 'button', id: 'export-png', text: 'Export PNG' });
  const svgBtn = el('button', { type: 'button', id: 'export-svg', text: 'Export SVG' });
  const counts = el('span', { id: 'chart-counts', class: 'muted' });
  const pathTo = el('input', { type: 'search', id: 'path-to', placeholder: 'name of another entity' });
  const pathBtn = el('button', { type: 'button', id: 'find-path', text: 'Find paths' });
  const eventsBox = el('input', { type: 'checkbox', id: 'events-toggle' });
  const typeBoxes = NODE_TYPES.map((t) => el('input', { type: 'checkbox', class: 'type-toggle', value: t, checked: true }));
  const typeBar = el('fieldset', { class: 'types', id: 'type-filter' }, el('legend', { text: 'Show' }),
    typeBoxes.map((b) => el('label', { class: `t-${b.value}` }, b, ` ${b.value}`)));
  const withEvents = () => eventsBox.checked;
  // The time slider: two handles over the months the chart's links and events span; a link shows when its
  // reported dates overlap the chosen months. Undated links stay (and are counted), never silently dropped.
  const timeFrom = el('input', { type: 'range', id: 'time-from', min: 0, max: 0, value: 0, 'aria-label': 'from month' });
  const timeTo = el('input', { type: 'range', id: 'time-to', min: 0, max: 0, value: 0, 'aria-label': 'to month' });
  const timeLabel = el('span', { id: 'time-label', class: 'muted' });
  const timeBar = el('div', { class: 'toolbar time-slider', id: 'time-slider' }, el('span', { text: 'Time: ' }),
    timeFrom, timeTo, timeLabel);
  let months = [];
  view.append(el('h1', {}, 'Link chart: ', entityLink(centre)),
    filters.bar, el('div', { class: 'toolbar' }, el('label', {}, eventsBox, ' Events as nodes'), typeBar),
    el('div', { class: 'toolbar' }, expandBtn, pngBtn, svgBtn, pathTo, pathBtn, counts, legend()), timeBar,
    el('div', { class: 'chart-wrap' }, box, info));

  const cy = window.cytoscape({ container: box, style: STYLE, minZoom: 0.2, maxZoom: 3 });
  window.dossierChart = cy; // for tests and the console
  window.dossierChartLayout = () => { updateMonths(); apply(); layout(); };
  const add = (data, near) => {
    cy.batch(() => {
      for (const n of data.nodes) {
        if (!cy.getElementById(n.id).empty()) continue;
        // new nodes start around the node they hang from, so the layout settles them nearby
        const at = near ? { x: near.x + (Math.random() - 0.5) * 120, y: near.y + (Math.random() - 0.5) * 120 } : undefined;
        cy.add({ group: 'nodes', data: n, position: at });
      }
      for (const e of data.edges) if (cy.getElementById(e.id).empty()) cy.add({ group: 'edges', data: e });
    });
    for (const e of data.edges) predicates.add(e.predicate);
    updateMonths();
  };
  add(first);
  cy.getElementById(id).addClass('center expanded');

  function edgeSpan(e) {
    const d = e.data();
    const own = d.first_seen || d.date || (d.kind === 'event' ? (e.source().data('date') || e.target().data('date')) : null);
    const span = own ? [month(own, false), month(d.last_seen || own, true)] : null;
    return span && span[0] && span[1] ? span : null;
  }

  function updateMonths() {
    const spans = cy.edges().map(edgeSpan).filter(Boolean);
    const full = !months.length || (Number(timeFrom.value) === 0 && Number(timeTo.value) === months.length - 1);
    const [lo, hi] = [months[Number(timeFrom.value)], months[Number(timeTo.value)]];
    months = spans.length ? monthsBetween(spans.map((s) => s[0]).sort()[0], spans.map((s) => s[1]).sort().at(-1)) : [];
    for (const r of [timeFrom, timeTo]) { r.max = String(Math.max(0, months.length - 1)); r.disabled = months.length < 2; }
    timeFrom.value = String(full || !months.includes(lo) ? 0 : months.indexOf(lo));
    timeTo.value = String(full || !months.includes(hi) ? months.length - 1 : months.indexOf(hi));
    timeBar.hidden = months.length < 2;
  }

  function timeOk(e) {
    if (months.length < 2) return true;
    const span = edgeSpan(e);
    if (!span) return true;
    return span[1] >= months[Number(timeFrom.value)] && span[0] <= months[Number(timeTo.value)];
  }

  for (const [r, other, lower] of [[timeFrom, timeTo, true], [timeTo, timeFrom, false]]) {
    r.addEventListener('input', () => {
      if (lower ? Number(r.value) > Number(other.value) : Number(r.value) < Number(other.value)) other.value = r.value;
      apply();
    });
  }

  function apply() {
    const v = filters.values();
    const shown = new Set(typeBoxes.filter((b) => b.checked).map((b) => b.value));
    const typeOk = (n) => n.hasClass('center') || shown.has(n.data('type'));
    cy.batch(() => {
      cy.edges().forEach((e) => e.toggleClass('hidden', !(e.data('kind') === 'event' ? keeps({ ...e.data(), predicate: v.kind ? null : e.data('predicate') }, { ...v, kind: '' }, 'predicate') : keeps(e.data(), v, 'predicate'))
        || !typeOk(e.source()) || !typeOk(e.target()) || !timeOk(e)));
      cy.nodes().forEach((n) => n.toggleClass('hidden',
        !n.hasClass('center') && n.connectedEdges().filter((e) => !e.hasClass('hidden')).empty()));
    });
    const nodes = cy.nodes(':visible');
    const evs = nodes.filter((n) => n.data('type') === 'event').length;
    counts.textContent = `${plural(nodes.length - evs, 'entity', 'entities')}${evs ? ` · ${plural(evs, 'event')}` : ''} · ${plural(cy.edges(':visible').length, 'link')}`;
    if (months.length > 1) {
      const undated = cy.edges(':visible').filter((e) => !edgeSpan(e)).length;
      timeLabel.textContent = `${months[Number(timeFrom.value)]} – ${months[Number(timeTo.value)]}${undated ? ` · ${plural(undated, 'undated link')} shown` : ''}`;
    }
    cy.elements().toggleClass('dense', cy.nodes().length > DENSE);
  }

  function layout(first = false) {
    if (first) {  // the entity in the middle, its neighbours around it
      cy.layout({ name: 'concentric', concentric: (n) => 10 - (n.data('depth') || 0), levelWidth: () => 1,
        minNodeSpacing: 50, animate: false }).run();
      return;
    }
    // labels count in the node sizes, so the layout keeps them apart; a dense chart gets more room per node
    const dense = cy.nodes().length > DENSE;
    cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => (dense ? 400000 : 40000), idealEdgeLength: () => (dense ? 90 : 140), nodeOverlap: 40,
      componentSpacing: 120, numIter: dense ? 2500 : 1000, fit: true, padding: 60 }).run();
    declutter();
    cy.fit(undefined, 60);
    if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }  // a small chart stays at reading size, not blown up
  }

  // The force layout leaves some labels over others in a big chart: push such nodes apart (the lower one
  // down, or sideways when that is shorter) until no two labels overlap, or for a bounded number of rounds.
  function declutter() {
    const nodes = cy.nodes(':visible').toArray();
    for (let round = 0; round < 60; round += 1) {
      const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      let moved = 0;
      for (let i = 0; i < nodes.length; i += 1) {
        for (let j = i + 1; j < nodes.length; j += 1) {
          const a = boxes[i];
          const b = boxes[j];
          const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
          const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
          if (dx <= 0 || dy <= 0) continue;
          // only ever down or right, by the whole overlap: each push is final for this pair, and rounds converge
          const down = dy <= dx;
          const m = down ? ((b.y1 + b.y2 >= a.y1 + a.y2) ? j : i) : ((b.x1 + b.x2 >= a.x1 + a.x2) ? j : i);
          const p = nodes[m].position();
          nodes[m].position(down ? { x: p.x, y: p.y + dy + 2 } : { x: p.x + dx + 2, y: p.y });
          boxes[i] = nodes[i].boundingBox({ includeLabels: true, includeOverlays: false });
          boxes[j] = nodes[j].boundingBox({ includeLabels: true, includeOverlays: false });
          moved += 1;
        }
      }
      if (!moved) break;
    }
  }

  async function expand(node) {
    if (!node || node.empty() || node.hasClass('expanded')) return;
    say(`expanding ${node.data('name')}…`);
    const data = node.data('type') === 'event' ? await eventNeighbours(node.id())
      : await get(`/api/entities/${encodeURIComponent(node.id())}/neighbourhood`, { limit: 60, events: withEvents() });
    add(data, node.position());
    node.addClass('expanded');
    apply();
    layout();
    say('');
  }

  // An event's participants and place: its ties, from the event fact itself.
  async function eventNeighbours(evId) {
    const ev = await get(`/api/events/${encodeURIComponent(evId)}`);
    const members = (ev.participants || []).map((p) => [p.entity, p.role || 'participant']).filter(([e]) => e && e.id);
    if (ev.place && ev.place.id) members.push([ev.place, 'at']);
    const nodes = [];
    const edges = [];
    for (const [e, role] of members) {
      nodes.push({ id: e.id, name: e.name, type: e.type, mentions: 0, depth: 1, degree: 0 });
      edges.push({ id: `${evId}~${e.id}`, source: e.id, target: evId, predicate: role === 'place' ? 'at' : role, kind: 'event',
        modality: ev.modality, independent_sources: ev.independent_sources, documents: ev.documents, grade: ev.grade });
    }
    return { nodes, edges };
  }

  function show(node) {
    const d = node.data();
    if (d.type === 'event') {
      info.replaceChildren(el('h3', { text: d.name }),
        el('p', { class: 'muted', text: `event · ${d.event_type || ''} · ${d.date || 'undated'}` }),
        el('button', { type: 'button', text: 'Expand', onclick: () => expand(node) }));
      return;
    }
    info.replaceChildren(el('h3', {}, entityLink(d)),
      el('p', { class: 'muted', text: `${d.type} · ${plural(d.mentions, 'mention')} · ${plural(d.degree, 'relation')}` }),
      el('button', { type: 'button', text: 'Expand', onclick: () => expand(node) }));
  }

  function showEdge(edge) {
    const d = edge.data();
    info.replaceChildren(el('h3', { text: d.predicate }),
      el('p', {}, entityLink({ id: d.source, name: cy.getElementById(d.source).data('name'), type: cy.getElementById(d.source).data('type') }),
        ' → ', entityLink({ id: d.target, name: cy.getElementById(d.target).data('name'), type: cy.getElementById(d.target).data('type') })),
      el('p', { text: `${d.modality} · ${plural(d.independent_sources || 0, 'independent source')} · ${plural(d.documents || 0, 'report')}${d.grade ? ` · grade ${d.grade}` : ''}` }),
      d.first_seen ? el('p', { class: 'muted', text: `seen ${d.first_seen} – ${d.last_seen}` }) : null);
  }

  // Shortest paths from the centre to another entity (same filters), added to the chart and highlighted.
  async function findPaths() {
    const q = pathTo.value.trim();
    if (!q) return;
    const hit = (await get('/api/search', { q, limit: 1 })).items[0];
    if (!hit) { say(`no entity named ${q}`, 'error'); return; }
    const ask = (events) => get('/api/paths', { ...apiParams(filters.values(), 'predicate'), from: id, to: hit.id, max_length: 4, limit: 5, events });
    let body = await ask(withEvents());
    let via = '';
    if (!body.paths.length && !withEvents()) {  // co-participation in an event is a tie too: try through events
      body = await ask(true);
      if (body.paths.length) { eventsBox.checked = true; via = ' through events'; }
    }
    cy.elements().removeClass('path');
    if (!body.paths.length) { say(`no path to ${hit.name} within 4 links, events included (with these filters)`, 'error'); return; }
    add(body, cy.getElementById(id).position());
    for (const p of body.paths) {
      for (const n of p.nodes) cy.getElementById(n).addClass('path');
      for (const e of p.edges) cy.getElementById(e).addClass('path');
    }
    apply();
    layout();
    say(`${plural(body.paths.length, 'shortest path')} of ${plural(body.paths[0].length, 'link')} to ${hit.name}${via}`);
  }
  pathBtn.addEventListener('click', () => findPaths().catch((err) => say(err.message, 'error')));

  eventsBox.addEventListener('change', async () => {
    if (eventsBox.checked) {
      const data = await get(`/api/entities/${encodeURIComponent(id)}/neighbourhood`, { limit: 80, events: true });
      add(data, cy.getElementById(id).position());
    } else {
      cy.remove(cy.nodes('[type = "event"]'));
    }
    apply();
    layout();
  });
  for (const b of typeBoxes) b.addEventListener('change', apply);
  cy.on('tap', 'node', (e) => show(e.target));
  cy.on('tap', 'edge', (e) => showEdge(e.target));
  cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
  cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
  cy.on('dbltap', 'node', (e) => expand(e.target).catch((err) => say(err.message, 'error')));
  expandBtn.addEventListener('click', () => expand(cy.nodes(':selected').first()).catch((err) => say(err.message, 'error')));
  pngBtn.addEventListener('click', () => download(cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), `dossier-${id}.png`));
  svgBtn.addEventListener('click', () => {
    if (typeof cy.svg !== 'function') { say('SVG export is not available', 'error'); return; }
    download(new Blob([cy.svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' }), `dossier-${id}.svg`);
  });
  apply();
  layout(true);
  if (first.truncated) say('Showing the best-corroborated neighbours only');
}

function legend() {
  return el('span', { class: 'legend' },
    ['asserted', 'reported', 'alleged', 'denied', 'speculative'].map((m) => el('span', { class: `lg m-${m}`, text: m })),
    el('span', { class: 'muted', text: ' · thicker = more independent sources' }));
}
