// Building the page from untrusted data: every string becomes a text node (never HTML), every link is an
// in-app hash route, and event handlers are functions, never attribute strings.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'href') node.setAttribute('href', route(value));
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'data') for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Only links inside the app: a "javascript:" or remote URL from a report can never become an href.
export function route(value) {
  return typeof value === 'string' && value.startsWith('#/') ? value : '#/';
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// "1 disagreement", "2 disagreements", "1 entity", "3 entities".
export function plural(n, word, many) {
  return `${n} ${n === 1 ? word : (many || `${word}s`)}`;
}

export function badge(text, kind) {
  return el('span', { class: `badge ${kind || ''}`.trim(), text });
}

export function modalityBadge(m) {
  return el('span', { class: `badge modality m-${m}`, text: m, title: `modality: ${m}` });
}

export function sourcesBadge(fact) {
  const n = fact.independent_sources ?? 0;
  return el('span', {
    class: `badge sources s-${Math.min(n, 3)}`,
    text: plural(n, 'source'),
    title: `${plural(n, 'independent source')}, ${plural(fact.documents ?? n, 'document')}`,
  });
}

export function gradeBadge(fact) {
  if (!fact.grade) return null;
  return el('span', { class: 'badge grade', text: fact.grade, title: fact.grade_reason || '' });
}

export function entityLink(ref) {
  if (!ref) return el('span', { text: '?' });
  return el('a', { class: `entity t-${ref.type}`, href: `#/entity/${encodeURIComponent(ref.id)}`, text: ref.name });
}

export function docLink(docId, span, label) {
  const hl = span ? `?hl=${span.start}-${span.end}` : '';
  return el('a', { class: 'doclink', href: `#/doc/${encodeURIComponent(docId)}${hl}`, text: label });
}

export function field(label, input) {
  return el('label', { class: 'field' }, el('span', { text: label }), input);
}

export function section(title, ...children) {
  return el('section', { class: 'panel' }, el('h2', { text: title }), ...children);
}
