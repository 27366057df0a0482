// Small DOM helpers: elements are built with createElement and textContent only (never innerHTML), so no value from
// the API is ever interpreted as markup, and the Content-Security-Policy needs no inline anything.

/** h('tag.class#id', {attributes}, children...) */
export function h(selector, attributes, ...children) {
  const [tagAndClasses, id] = selector.split('#');
  const [tag, ...classes] = tagAndClasses.split('.');
  const element = document.createElement(tag);
  if (id) {
    element.id = id;
  }
  classes.filter(Boolean).forEach((c) => element.classList.add(c));
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.substring(2), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  });
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (no style attribute: the Content-Security-Policy allows only the stylesheet). */
export function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes || {}).forEach(([key, value]) => element.setAttribute(key, String(value)));
  append(element, children);
  return element;
}

function append(element, children) {
  children.flat(Infinity).forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

/** Announces an asynchronous result in the polite live region. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  // a fresh text node after clearing makes screen readers read a repeated message again
  window.setTimeout(() => { status.textContent = message; }, 20);
}

/** Replaces the view with a new one, sets the page title and moves focus to the view's heading. */
export function show(title, ...children) {
  const view = document.getElementById('view');
  fill(view, children);
  document.title = `${title} · Reconciliation console`;
  const heading = view.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** A table with a caption, column headers (scope=col) and, where asked, a row header per row (scope=row). */
export function table(caption, headers, rows, options = {}) {
  return h(`table${options.className ? `.${options.className}` : ''}`, options.id ? { id: options.id } : {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows.map((row) => {
      const tr = h('tr', row.attributes || {});
      row.cells.forEach((cell, index) => {
        const isHeader = index === 0 && options.rowHeaders;
        const content = cell instanceof Node || Array.isArray(cell) ? cell : text(cell);
        tr.append(h(isHeader ? 'th' : 'td', isHeader ? { scope: 'row' } : {}, content));
      });
      return tr;
    })));
}

export function text(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A time as the API gives it (ISO-8601 UTC), shown as such with a machine-readable time element. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  return h('time', { datetime: iso }, iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** A message for a failed call, with the problem's detail when there is one. */
export function failure(what, error) {
  const detail = error && error.message ? error.message : String(error);
  return `${what} failed${error && error.status ? ` (HTTP ${error.status})` : ''}: ${detail}`;
}

/** Replaces an element's children; arrays are flattened, null and false left out. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}
