// DOM helpers: elements are made by hand (no innerHTML anywhere), text always goes in as text.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value != null && value !== false) el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

const ICONS = {
  chat: 'M21 11.5a8.4 8.4 0 0 1-9 8.4 9 9 0 0 1-3.9-.9L3 20.5l1.5-4.4A8 8 0 0 1 3.5 11.5 8.5 8.5 0 0 1 12.2 3 8.4 8.4 0 0 1 21 11.5zM9.6 9.3a2.5 2.5 0 0 1 4.8.9c0 1.6-2.4 2.3-2.4 2.3M12 15.8h.01',
  close: 'M6 6l12 12M18 6 6 18',
  down: 'm6 9 6 6 6-6',
  send: 'M12 19V5M5.5 11.5 12 5l6.5 6.5',
  doc: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M9 13h6M9 17h4',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16v-4.5M12 8h.01',
};

export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.append(path);
  return svg;
}

/**
 * The excerpt with its `[start, end)` UTF-16 ranges wrapped in <mark part="highlight">; ranges
 * only a space apart share one mark ("stem cell therapy", not three). List items' "- " markers
 * become bullets: one code unit for one, so the ranges still fall where they should.
 */
export function highlighted(text, ranges) {
  text = text.replace(/^- /gm, '• ');
  const out = [];
  let at = 0;
  let mark = null;
  for (const [from, to] of [...(ranges ?? [])].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(from, at);
    const end = Math.min(to, text.length);
    if (end <= start) continue;
    const gap = text.slice(at, start);
    if (mark && !gap.trim()) mark.append(gap + text.slice(start, end));
    else out.push(gap, (mark = h('mark', { part: 'highlight' }, text.slice(start, end))));
    at = end;
  }
  out.push(text.slice(at));
  return out.filter((piece) => piece !== '');
}

/** A link target for a source URL, or null unless it is http(s) or relative to this page. */
export function safeHref(url) {
  if (typeof url !== 'string' || !url.trim()) return null;
  try {
    const target = new URL(url, location.href);
    const relative = !/^\s*[a-z][a-z\d+.-]*:/i.test(url) && target.protocol === location.protocol;
    return /^https?:$/.test(target.protocol) || relative ? target : null;
  } catch {
    return null;
  }
}
