// The filter bar shared by the link chart, timeline and map: kind, modality, minimum sources, date range.

import { el, field } from './dom.js';

export const MODALITIES = ['asserted', 'reported', 'alleged', 'denied', 'speculative'];

export function filterBar({ kindLabel, kinds, onChange, initial = {} }) {
  const kind = el('select', { name: 'kind', class: 'f-kind' }, el('option', { value: '', text: 'all' }),
    kinds.map((k) => el('option', { value: k, text: k })));
  kind.value = initial.kind || '';
  const boxes = MODALITIES.map((m) => {
    const box = el('input', { type: 'checkbox', name: 'modality', value: m, class: `f-mod f-${m}` });
    box.checked = !initial.modality || initial.modality.includes(m);
    return el('label', { class: `check m-${m}` }, box, ` ${m}`);
  });
  const minSources = el('input', { type: 'number', name: 'min_sources', class: 'f-min', min: 0, max: 50,
    value: initial.min_sources || 0 });
  const from = el('input', { type: 'date', name: 'date_from', class: 'f-from', value: initial.date_from || '' });
  const to = el('input', { type: 'date', name: 'date_to', class: 'f-to', value: initial.date_to || '' });
  const bar = el('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
    field(kindLabel, kind), el('fieldset', { class: 'modalities' }, el('legend', { text: 'Modality' }), boxes),
    field('Min. sources', minSources), field('From', from), field('To', to));

  const values = () => {
    const chosen = boxes.map((b) => b.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
    return {
      kind: kind.value,
      modality: chosen.length === MODALITIES.length ? [] : chosen,
      min_sources: Number(minSources.value) || 0,
      date_from: from.value,
      date_to: to.value,
    };
  };
  bar.addEventListener('change', () => onChange(values()));
  return { bar, values };
}

// Does a fact pass the filters? (client side, for elements already loaded in the chart)
export function keeps(f, v, kindField) {
  if (v.kind && f[kindField] !== v.kind) return false;
  if (v.modality.length && !v.modality.includes(f.modality)) return false;
  if ((f.independent_sources || 0) < v.min_sources) return false;
  const lo = f.first_seen || f.date;
  const hi = f.last_seen || f.date;
  if (v.date_from && (!hi || hi.slice(0, v.date_from.length) < v.date_from.slice(0, hi.length))) return false;
  if (v.date_to && (!lo || lo.slice(0, v.date_to.length) > v.date_to)) return false;
  return true;
}

export function apiParams(v, kindName) {
  return { [kindName]: v.kind, modality: v.modality, min_sources: v.min_sources || '', date_from: v.date_from,
    date_to: v.date_to };
}
