// Places with events on a world map drawn from Natural Earth outlines shipped with the server (no tile server).

import { get } from './api.js';
import { el, entityLink, section, plural } from './dom.js';
import { apiParams, filterBar } from './filters.js';
import { eventItem } from './facts.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 1000;
const H = 500;
let outlines = null;

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

const x = (lon) => ((lon + 180) / 360) * W;
const y = (lat) => ((90 - lat) / 180) * H;

function ringPath(ring) {
  // A ring that crosses the antimeridian is cut there rather than drawn across the whole map.
  let prev = null;
  const parts = ring.map(([lon, lat]) => {
    const jump = prev === null || Math.abs(lon - prev) > 180;
    prev = lon;
    return `${jump ? 'M' : 'L'}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`;
  });
  return parts.join('');
}

function geometryPath(g) {
  if (!g) return '';
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.map((p) => p.map(ringPath).join('')).join('');
}

async function countries() {
  if (!outlines) {
    if (!window.topojson) throw new Error('the map library is missing: run `make web`');
    const topo = await (await fetch('/static/vendor/countries-110m.json')).json();
    outlines = window.topojson.feature(topo, topo.objects.countries).features;
  }
  return outlines;
}

// How exactly a marker places what the reports name: a country or a province is drawn at one point (its capital
// or centre), so the analyst must not read it as a town.
const PRECISION = { city: 'a town or city', district: 'a district (marker at its centre)',
  admin1: 'a province or state (marker at its centre)', country: 'a whole country (marker at its capital)',
  region: 'a region (marker at its centre)' };

export function precisionText(p) {
  const where = [p.admin1, p.country].filter(Boolean).join(', ');
  const what = PRECISION[p.precision] || 'precision unknown';
  return `Precision: ${what}${where ? ` · in ${where}` : ''}`;
}

const coarse = (p) => p.precision && p.precision !== 'city';

export async function renderMap(view, _parts, params, { current }) {
  const focus = params.get('focus');
  const types = (await get('/api/timeline', { limit: 1 })).types;
  const filters = filterBar({ kindLabel: 'Event type', kinds: types, onChange: load });
  const chart = svg('svg', { id: 'map', class: 'map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'map of places with events' });
  const base = svg('g', { class: 'countries' });
  for (const f of await countries()) base.append(svg('path', { d: geometryPath(f.geometry) }));
  const dots = svg('g', { class: 'places' });
  chart.append(base, dots);
  const side = el('div', { id: 'place-events', class: 'place-events' },
    el('p', { class: 'muted', text: 'Click a place to list its events.' }));
  view.append(el('h1', { text: 'Map of places with events' }), filters.bar,
    el('div', { class: 'map-wrap' }, chart, side));

  async function showPlace(p) {
    const v = apiParams(filters.values(), 'type');
    const body = await get('/api/events', { ...v, entity: p.id, limit: 200 });
    const here = body.items.filter((f) => f.place && f.place.id === p.id);
    side.replaceChildren(section('', el('h3', {}, entityLink(p)),
      el('p', { class: 'precision muted', text: precisionText(p) }),
      el('div', { class: 'facts events' }, here.map(eventItem))));
  }

  // Zoom (wheel, buttons) and pan (drag) change the viewBox; markers are re-clustered and labels re-sized for
  // the scale, so they keep their size on screen, never pile up, and never leave the visible box.
  let box = [0, 0, W, H];
  let places = [];
  const setBox = (b) => { box = b; chart.setAttribute('viewBox', b.map((v) => v.toFixed(1)).join(' ')); draw(); };
  const unitsPerPixel = () => box[2] / Math.max(1, chart.clientWidth || 1000);
  function zoom(factor, cx = box[0] + box[2] / 2, cy = box[1] + box[3] / 2) {
    const w = Math.min(W * 1.2, Math.max(8, box[2] * factor));
    const h = w / 2;
    setBox([cx - ((cx - box[0]) / box[2]) * w, cy - ((cy - box[1]) / box[3]) * h, w, h]);
  }
  chart.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = chart.getBoundingClientRect();
    zoom(e.deltaY > 0 ? 1.25 : 0.8, box[0] + ((e.clientX - r.left) / r.width) * box[2], box[1] + ((e.clientY - r.top) / r.height) * box[3]);
  }, { passive: false });
  let drag = null;
  chart.addEventListener('pointerdown', (e) => { drag = { x: e.clientX, y: e.clientY, box: [...box] }; });
  window.addEventListener('pointerup', () => { drag = null; });
  chart.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const k = drag.box[2] / Math.max(1, chart.clientWidth);
    setBox([drag.box[0] - (e.clientX - drag.x) * k, drag.box[1] - (e.clientY - drag.y) * k, drag.box[2], drag.box[3]]);
  });
  const zoomBar = el('div', { class: 'toolbar map-zoom' },
    el('button', { type: 'button', id: 'map-zoom-in', text: '+', title: 'zoom in', onclick: () => zoom(0.6) }),
    el('button', { type: 'button', id: 'map-zoom-out', text: '−', title: 'zoom out', onclick: () => zoom(1 / 0.6) }),
    el('button', { type: 'button', id: 'map-reset', text: 'Fit', onclick: () => zoomTo(places) }));
  view.insertBefore(zoomBar, view.querySelector('.map-wrap'));

  function clusters() {
    // Greedy: the place with most events first takes every place within 22 screen pixels of it.
    const near = 22 * unitsPerPixel();
    const out = [];
    for (const p of [...places].sort((a, b) => b.events - a.events || a.name.localeCompare(b.name))) {
      const px = x(p.lon);
      const py = y(p.lat);
      const c = out.find((k) => Math.hypot(k.x - px, k.y - py) < near);
      if (c) c.members.push(p); else out.push({ x: px, y: py, members: [p] });
    }
    return out;
  }

  // A cluster zooms in on its places; places at the same spot (a country shown at its capital) never part, so
  // then, or at the closest zoom, the cluster lists its places instead.
  function openCluster(c) {
    const same = c.members.every((p) => Math.abs(x(p.lon) - c.x) < 0.01 && Math.abs(y(p.lat) - c.y) < 0.01);
    if (!same && box[2] > 9) { zoom(0.35, c.x, c.y); return; }
    side.replaceChildren(section(`${plural(c.members.length, 'place')} here`, el('ul', { class: 'cluster-list' },
      c.members.map((p) => el('li', {}, el('button', { type: 'button', class: 'linklike', data: { id: p.id },
        text: `${p.name} (${plural(p.events, 'event')})`, onclick: () => showPlace(p) }))))));
  }

  function draw() {
    dots.replaceChildren();
    const u = unitsPerPixel();
    const peak = Math.max(1, ...places.map((p) => p.events));
    for (const c of clusters()) {
      const events = c.members.reduce((n, p) => n + p.events, 0);
      const lead = c.members[0];
      const r = (4 + 9 * Math.sqrt(Math.min(events, peak) / peak)) * u;
      const many = c.members.length > 1;
      const dot = svg('circle', { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2),
        class: `${many ? 'place cluster' : 'place'}${c.members.some((p) => p.id === focus) ? ' focus' : ''}${!many && coarse(lead) ? ' coarse' : ''}`,
        tabindex: 0, 'data-precision': many ? '' : (lead.precision || ''),
        'stroke-width': (1.2 * u).toFixed(3) });
      dot.dataset.id = lead.id;
      const title = svg('title');
      title.textContent = c.members.map((p) => `${p.name}: ${plural(p.events, 'event')}${p.precision ? ` (${p.precision})` : ''}`).join('\n');
      dot.append(title);
      dot.addEventListener('click', () => (many ? openCluster(c) : showPlace(lead)));
      dots.append(dot);
      // the label goes left of the marker near the right edge, so it is never cut off
      const right = c.x + r + 120 * u > box[0] + box[2];
      const label = svg('text', { x: (right ? c.x - r - 3 * u : c.x + r + 3 * u).toFixed(2), y: (c.y + 4 * u).toFixed(2),
        class: 'place-label', 'font-size': (12 * u).toFixed(3), 'text-anchor': right ? 'end' : 'start' });
      label.textContent = many ? `${lead.name} +${c.members.length - 1}` : lead.name;
      dots.append(label);
    }
  }

  async function load() {
    const body = await get('/api/places', apiParams(filters.values(), 'type'));
    if (!current()) return;
    places = body.items;
    zoomTo(places);
    const chosen = places.find((p) => p.id === focus);
    if (chosen) await showPlace(chosen);
  }

  function zoomTo(items) {
    if (!items.length) { setBox([0, 0, W, H]); return; }
    const xs = items.map((p) => x(p.lon));
    const ys = items.map((p) => y(p.lat));
    const pad = 60;
    const [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
    const w = Math.max(x1 - x0, 200);
    const h = Math.max(y1 - y0, 100);
    const ww = Math.max(w, h * 2);
    setBox([(x0 + x1) / 2 - ww / 2, (y0 + y1) / 2 - ww / 4, ww, ww / 2]);
  }
  await load();
}
