// Places with events on a world map drawn from Natural Earth outlines shipped with the server (no tile server).

import { get } from './api.js';
import { el, entityLink, section } from './dom.js';
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
      el('div', { class: 'facts events' }, here.map(eventItem))));
  }

  async function load() {
    const body = await get('/api/places', apiParams(filters.values(), 'type'));
    if (!current()) return;
    dots.replaceChildren();
    const peak = Math.max(1, ...body.items.map((p) => p.events));
    for (const p of body.items) {
      const r = 3 + 9 * Math.sqrt(p.events / peak);
      const dot = svg('circle', { cx: x(p.lon).toFixed(1), cy: y(p.lat).toFixed(1), r: r.toFixed(1),
        class: p.id === focus ? 'place focus' : 'place', tabindex: 0 });
      dot.dataset.id = p.id;
      const title = svg('title');
      title.textContent = `${p.name}: ${p.events} event(s)`;
      dot.append(title);
      dot.addEventListener('click', () => showPlace(p));
      dots.append(dot);
      const label = svg('text', { x: (x(p.lon) + r + 2).toFixed(1), y: (y(p.lat) + 3).toFixed(1), class: 'place-label' });
      label.textContent = p.name;
      dots.append(label);
    }
    zoomTo(body.items);
    const chosen = body.items.find((p) => p.id === focus);
    if (chosen) await showPlace(chosen);
  }

  function zoomTo(items) {
    if (!items.length) { chart.setAttribute('viewBox', `0 0 ${W} ${H}`); return; }
    const xs = items.map((p) => x(p.lon));
    const ys = items.map((p) => y(p.lat));
    const pad = 60;
    let [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
    const w = Math.max(x1 - x0, 200);
    const h = Math.max(y1 - y0, 100);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const ww = Math.max(w, h * 2);
    const hh = ww / 2;
    x0 = cx - ww / 2; y0 = cy - hh / 2;
    chart.setAttribute('viewBox', `${x0.toFixed(0)} ${y0.toFixed(0)} ${ww.toFixed(0)} ${hh.toFixed(0)}`);
  }
  await load();
}
