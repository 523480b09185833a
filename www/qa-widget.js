/**
 * <qa-widget>: answers a visitor's questions from the site's own pages, entirely in the browser.
 *
 *   <script type="module" src="/qa-widget/qa-widget.js"></script>
 *   <qa-widget index="/qa-widget/content.idx" contact="Call us on 555-0100"></qa-widget>
 *
 * Nothing but this file loads with the page. The engine (engine.js, its wasm glue, the .wasm)
 * and the index are fetched on first open (launcher mode) or when the element first scrolls
 * into view or gets focus (inline mode), once per page, and shared by every instance.
 *
 * Attributes (each also a property of the same name; `open` is a boolean, `suggestions` a number):
 *   index        URL (or data: URL) of the index built by `qa-widget build` (required).
 *   wasm         URL (or data: URL) of qa-widget-engine_bg.wasm. Default: next to engine.js.
 *   mode         "launcher" (default): a floating button opening a chat panel;
 *                "inline": the panel sits in the page flow.
 *   open         Present while the launcher's panel is open (reflects, and can be set).
 *   heading      The panel's title. Default "Ask a question".
 *   label        The launcher button's text. Default "Ask a question".
 *   greeting     The line shown before anything is asked.
 *   placeholder  The question field's placeholder. Default "Type your question…".
 *   contact      How to reach the clinic, shown when the pages don't cover a question.
 *   disclaimer   The line under the field. Default
 *                "Answers are quotes from this clinic's pages, not medical advice."
 *   suggestions  How many suggested questions to offer (default 4; 0 for none).
 *
 * Methods: ask(question) → Promise<Answer> (shows the exchange, opens the panel);
 *   show(), close().
 * Events (bubble, composed): qa-ask {question}, qa-answer {question, answer},
 *   qa-ready {info} once the content is loaded, qa-error {error}, qa-toggle {open}.
 *
 * CSS custom properties: --qa-accent, --qa-accent-contrast, --qa-background, --qa-surface,
 *   --qa-text, --qa-muted, --qa-border, --qa-highlight, --qa-highlight-text, --qa-radius,
 *   --qa-font, --qa-font-size, --qa-shadow, --qa-z-index, --qa-offset, --qa-width, --qa-height.
 *   Light and dark defaults follow prefers-color-scheme; a value you set wins in both.
 * Parts: launcher, panel, header, title, close, log, message, question, answer, result,
 *   excerpt, highlight, source, source-link, more, not-covered, contact, closest, error,
 *   intro, suggestions, suggestion, status, form, input, send, disclaimer.
 *
 * All styles are constructable stylesheets (adoptedStyleSheets): no <style> element and no
 * style attribute, so the widget runs under `style-src 'self'`. All content from the index
 * and every question is inserted as text; links are kept only for http(s) and relative URLs.
 */

const TAG = 'qa-widget';
const MORE = 4; // results fetched beyond the first, for "More answers"
const DEFAULTS = {
  heading: 'Ask a question',
  label: 'Ask a question',
  greeting: 'Ask in your own words. Answers are quoted from our pages, with a link to where each one comes from.',
  placeholder: 'Type your question…',
  disclaimer: "Answers are quotes from this clinic's pages, not medical advice.",
};
const TEXT = {
  notCovered: "Our pages don't cover that question, so we'd rather not guess.",
  closest: 'Closest passages (not an answer)',
  more: 'More answers',
  loading: 'Getting ready…',
  looking: 'Looking through our pages…',
  unavailable: "The assistant can't load its content right now. Please try again later.",
  blocked: "The assistant can't run on this page because of the page's security settings.",
  unset: "The assistant isn't set up on this page yet.",
  popular: 'Popular questions',
  you: 'You asked: ',
  answer: 'From our pages: ',
  from: 'Source:',
  newTab: ' (opens in a new tab)',
};

/**
 * The programmatic API, as in `qa-widget/engine`: loads an index and returns an engine.
 * The engine module is imported on first call, so it stays out of this entry's bundle.
 */
export async function load(index, options) {
  const engine = await import('./engine.js');
  return engine.load(index, options);
}

// One engine per (index, wasm) for the page: every instance asking the same content shares it.
const engines = new Map();

function engineFor(index, wasm) {
  const base = globalThis.document?.baseURI;
  const key = `${new URL(index, base)}\n${wasm ? new URL(wasm, base) : ''}`;
  let promise = engines.get(key);
  if (!promise) {
    promise = load(index, wasm ? { wasm } : {});
    engines.set(key, promise);
    // A network failure may pass; a page that forbids WebAssembly will not.
    promise.catch((error) => isBlocked(error) || engines.delete(key));
  }
  return promise;
}

/** A CompileError/EvalError raised because the page's CSP forbids compiling WebAssembly. */
function isBlocked(error) {
  if (error?.code === 'wasm-blocked') return true;
  return /CompileError|EvalError/.test(error?.name) &&
    /Content.Security|CSP|unsafe-eval|wasm-eval|disallowed by embedder/i.test(error.message);
}

/** A link target for a source URL, or null unless it is http(s) or relative to this page. */
function safeHref(url) {
  if (typeof url !== 'string' || !url.trim()) return null;
  try {
    const target = new URL(url, location.href);
    const relative = !/^\s*[a-z][a-z\d+.-]*:/i.test(url) && target.protocol === location.protocol;
    return /^https?:$/.test(target.protocol) || relative ? target : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: elements are made by hand (no innerHTML anywhere), text always goes in as text.

function h(tag, attrs, ...children) {
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

function icon(name) {
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
function highlighted(text, ranges) {
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

// ---------------------------------------------------------------------------------------------
// Styles

let sheet;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

const CSS = `
:host {
  all: initial;
  display: block;
  color-scheme: light dark;
  --_accent: var(--qa-accent, #0b6b66);
  --_on-accent: var(--qa-accent-contrast, #ffffff);
  --_bg: var(--qa-background, #ffffff);
  --_surface: var(--qa-surface, #f1f6f5);
  --_text: var(--qa-text, #182a29);
  --_muted: var(--qa-muted, #51605e);
  --_border: var(--qa-border, #d5e1df);
  --_mark: var(--qa-highlight, #fdeaa6);
  --_mark-text: var(--qa-highlight-text, inherit);
  --_radius: var(--qa-radius, 16px);
  --_shadow: var(--qa-shadow, 0 18px 48px -12px rgb(12 40 38 / .28), 0 4px 12px rgb(12 40 38 / .08));
  --_offset: var(--qa-offset, 20px);
  --_z: var(--qa-z-index, 2147483000);
  --_head: var(--_accent);
  --_on-head: var(--_on-accent);
  font: 400 var(--qa-font-size, 16px) / 1.5 var(--qa-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  color: var(--_text);
  text-align: start;
  -webkit-text-size-adjust: 100%;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--qa-accent, #62d2c4);
    --_on-accent: var(--qa-accent-contrast, #04211f);
    --_bg: var(--qa-background, #111a1a);
    --_surface: var(--qa-surface, #1a2625);
    --_text: var(--qa-text, #e4eeec);
    --_muted: var(--qa-muted, #a2b4b1);
    --_border: var(--qa-border, #2d3d3b);
    --_mark: var(--qa-highlight, #574a16);
    --_mark-text: var(--qa-highlight-text, #fff6d8);
    --_shadow: var(--qa-shadow, 0 18px 48px -12px rgb(0 0 0 / .6), 0 0 0 1px rgb(255 255 255 / .06));
    --_head: var(--_surface);
    --_on-head: var(--_text);
  }
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, input { font: inherit; color: inherit; letter-spacing: inherit; }
button { cursor: pointer; border: 1px solid transparent; background: none; padding: 0; margin: 0; }
:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.icon { width: 1.25em; height: 1.25em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}

.launcher {
  position: fixed; inset-block-end: var(--_offset); inset-inline-end: var(--_offset); z-index: var(--_z);
  display: inline-flex; align-items: center; gap: .5em;
  min-height: 3.25em; padding: .75em 1.25em .75em 1em;
  border-radius: 999px; background: var(--_accent); color: var(--_on-accent);
  font-weight: 600; line-height: 1.2;
  box-shadow: var(--_shadow);
  transition: transform .15s ease, box-shadow .15s ease;
}
.launcher:hover { transform: translateY(-1px); }
.launcher:active { transform: translateY(0); }
.launcher .icon { width: 1.5em; height: 1.5em; }
.launcher .icon-down, :host([open]) .launcher .icon-chat { display: none; }
:host([open]) .launcher .icon-down { display: block; }
:host([open]) .launcher { padding: .75em; }
:host([open]) .launcher span { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

.panel {
  display: flex; flex-direction: column;
  background: var(--_bg); color: var(--_text);
  border-radius: var(--_radius); overflow: hidden;
}
:host(:not([mode="inline"])) .panel {
  position: fixed; z-index: var(--_z);
  inset-inline-end: var(--_offset); inset-block-end: calc(var(--_offset) + 4.25em);
  width: min(var(--qa-width, 400px), 100vw - 2 * var(--_offset));
  height: min(var(--qa-height, 620px), 100vh - var(--_offset) * 2 - 5em);
  box-shadow: var(--_shadow);
  transform-origin: bottom right;
  animation: qa-in .18s ease-out;
}
:host([mode="inline"]) .launcher, :host([mode="inline"]) .close { display: none; }
:host([mode="inline"]) .panel {
  height: var(--qa-height, 34em);
  border: 1px solid var(--_border);
}
@keyframes qa-in { from { opacity: 0; transform: translateY(8px) scale(.98); } }

.header {
  display: flex; align-items: center; gap: .75em;
  padding: .875em 1em; background: var(--_head); color: var(--_on-head);
  border-bottom: 1px solid color-mix(in srgb, var(--_border) 60%, transparent);
}
.avatar {
  display: grid; place-items: center; width: 2.5em; height: 2.5em; flex: none;
  border-radius: 50%; background: var(--_accent); color: var(--_on-accent);
  box-shadow: 0 0 0 2px color-mix(in srgb, var(--_on-head) 22%, transparent);
}
.avatar .icon { width: 1.4em; height: 1.4em; }
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 1.0625em; font-weight: 650; line-height: 1.3; }
.subtitle { margin: 0; font-size: .8125em; opacity: .92; }
.close {
  display: grid; place-items: center; width: 2.5em; height: 2.5em; flex: none;
  border-radius: 50%; color: inherit;
}
.close:hover { background: color-mix(in srgb, var(--_on-head) 14%, transparent); }
.header :focus-visible { outline-color: var(--_on-head); outline-offset: -2px; }

.body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.intro { padding: 1.25em 1.25em 0; overflow: auto; }
.greeting { margin: 0 0 1em; color: var(--_muted); font-size: .9375em; }
.suggestions-label { margin: 0 0 .6em; color: var(--_muted); font-size: .75em; font-weight: 650; text-transform: uppercase; letter-spacing: .06em; }
.suggestions ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; align-items: flex-start; gap: .5em; }
.suggestion {
  text-align: start; padding: .55em .9em; border-radius: 12px; line-height: 1.35;
  border-color: var(--_border); background: var(--_bg); color: var(--_accent); font-weight: 500; font-size: .9375em;
  transition: background-color .15s ease, border-color .15s ease;
}
.suggestion:hover { background: var(--_surface); border-color: var(--_accent); }

.log {
  flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  position: relative; padding: 1em 1.25em; display: flex; flex-direction: column; gap: .75em;
}
.log:focus-visible { outline-offset: -3px; }
.msg { margin: 0; overflow-wrap: anywhere; }
.msg:empty { display: none; }
.question {
  align-self: flex-end; max-width: 85%;
  padding: .6em .95em; border-radius: 18px 18px 4px 18px;
  background: var(--_accent); color: var(--_on-accent); white-space: pre-wrap;
}
.answer { align-self: stretch; display: flex; flex-direction: column; gap: .6em; align-items: flex-start; }
.answer > p { margin: 0; }
.result {
  margin: 0; width: 100%; padding: .85em 1em; border-radius: 4px 18px 18px 18px;
  background: var(--_surface);
}
.result:focus { outline: none; }
.result:focus-visible { outline: 2px solid var(--_accent); }
.excerpt {
  margin: 0; padding-inline-start: .75em; border-inline-start: 3px solid var(--_accent);
  white-space: pre-line;
}
mark { background: var(--_mark); color: var(--_mark-text); border-radius: 3px; padding: 0 .1em; margin: 0 -.1em; }
.source {
  display: flex; gap: .4em; align-items: flex-start; margin-top: .7em;
  font-size: .8125em; line-height: 1.4; color: var(--_muted);
}
.source .icon { width: 1.15em; height: 1.15em; margin-top: .05em; }
.source-text { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.source-link { color: var(--_accent); text-decoration: underline; text-underline-offset: 2px; font-weight: 550; }
.source-link:hover { text-decoration-thickness: 2px; }
.more {
  display: inline-flex; align-items: center; gap: .35em; padding: .4em .85em; border-radius: 999px;
  border-color: var(--_border); color: var(--_accent); font-weight: 600; font-size: .875em;
}
.more:hover { background: var(--_surface); }
.not-covered, .error {
  padding: .85em 1em; border-radius: 4px 18px 18px 18px; background: var(--_surface);
}
.not-covered p, .error p { margin: 0; }
.not-covered .contact, .error .contact { margin-top: .6em; padding-top: .6em; border-top: 1px solid var(--_border); font-size: .9375em; font-weight: 500; }
.closest { width: 100%; font-size: .9375em; }
.closest summary { cursor: pointer; color: var(--_muted); font-size: .875em; padding: .25em 0; border-radius: 4px; }
.closest[open] summary { margin-bottom: .5em; }
.closest .result { background: transparent; border: 1px dashed var(--_border); margin-top: .5em; }

.status { margin: 0; padding: 0 1.25em .5em; color: var(--_muted); font-size: .875em; display: flex; align-items: center; gap: .5em; }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 5px; height: 5px; border-radius: 50%; background: currentColor; animation: qa-dot 1s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; }
.dots i:nth-child(3) { animation-delay: .3s; }
@keyframes qa-dot { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }

.form {
  display: flex; align-items: center; gap: .5em; margin: 0 1em;
  padding: .3em .3em .3em 1em; border: 1px solid var(--_border); border-radius: 999px; background: var(--_bg);
  transition: border-color .15s ease, box-shadow .15s ease;
}
.form:focus-within { border-color: var(--_accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 28%, transparent); }
.input { flex: 1; min-width: 0; border: 0; background: transparent; padding: .5em 0; outline: none; }
.input::placeholder { color: var(--_muted); opacity: 1; }
.send {
  display: grid; place-items: center; width: 2.5em; height: 2.5em; flex: none;
  border-radius: 50%; background: var(--_accent); color: var(--_on-accent);
}
.send:hover { filter: brightness(1.08); }
.disclaimer { margin: 0; padding: .6em 1.25em .8em; font-size: .75em; line-height: 1.4; color: var(--_muted); text-align: center; }
.disclaimer .icon { width: 1.2em; height: 1.2em; vertical-align: -.25em; margin-inline-end: .3em; }

@media (max-width: 480px) {
  :host(:not([mode="inline"])) .panel {
    inset: 0; width: 100%; height: 100%; border-radius: 0; transform-origin: bottom center;
  }
  :host([open]:not([mode="inline"])) .launcher { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .log { scroll-behavior: smooth; }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
@media (forced-colors: active) {
  .launcher, .send, .question, .result, .form { border: 1px solid CanvasText; }
  mark { forced-color-adjust: none; background: Mark; color: MarkText; }
}
`;

// ---------------------------------------------------------------------------------------------
// The element

const Base = globalThis.HTMLElement ?? class {};
const ATTRIBUTES = ['index', 'wasm', 'mode', 'open', 'heading', 'label', 'greeting', 'placeholder', 'contact', 'disclaimer', 'suggestions'];

export class QaWidgetElement extends Base {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #ui;
  #engine = null; // Promise<Engine> once loading started, for this instance's index
  #generation = 0; // bumped when the index changes: answers from an older index are dropped
  #pending = 0; // questions waiting for the engine
  #state = 'idle'; // idle | loading | ready | failed
  #observer = null;
  #warned = false;
  #loadError = null; // the message shown for a failed load that no question was waiting for

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    const ui = (this.#ui = {});
    ui.launcher = h('button', { part: 'launcher', class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'panel' },
      icon('chat'), icon('down'), (ui.label = h('span')));
    ui.title = h('h2', { part: 'title', class: 'title', id: 'title' });
    ui.close = h('button', { part: 'close', class: 'close', type: 'button', 'aria-label': 'Close' }, icon('close'));
    ui.greeting = h('p', { class: 'greeting' });
    ui.suggestionList = h('ul', { 'aria-labelledby': 'popular' });
    ui.suggestions = h('div', { part: 'suggestions', class: 'suggestions', hidden: true },
      h('p', { class: 'suggestions-label', id: 'popular' }, TEXT.popular), ui.suggestionList);
    ui.intro = h('div', { part: 'intro', class: 'intro' }, ui.greeting, ui.suggestions);
    ui.log = h('div', { part: 'log', class: 'log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'title' });
    ui.status = h('p', { part: 'status', class: 'status', hidden: true });
    ui.input = h('input', { part: 'input', class: 'input', id: 'input', type: 'text', autocomplete: 'off', enterkeyhint: 'send', maxlength: '500', spellcheck: 'true' });
    ui.form = h('form', { part: 'form', class: 'form' },
      h('label', { class: 'sr', for: 'input' }, 'Your question'),
      ui.input,
      h('button', { part: 'send', class: 'send', type: 'submit', 'aria-label': 'Ask' }, icon('send')));
    ui.disclaimer = h('span');
    ui.panel = h('section', { part: 'panel', class: 'panel', id: 'panel', 'aria-labelledby': 'title', hidden: true },
      h('header', { part: 'header', class: 'header' },
        h('span', { class: 'avatar' }, icon('chat')),
        h('div', { class: 'titles' }, ui.title, h('p', { class: 'subtitle' }, 'Answers from our pages')),
        ui.close),
      h('div', { class: 'body' }, ui.intro, ui.log),
      ui.status,
      ui.form,
      h('p', { part: 'disclaimer', class: 'disclaimer' }, icon('info'), ui.disclaimer));
    root.append(ui.launcher, ui.panel);

    ui.launcher.addEventListener('click', () => (this.open ? this.close() : this.show()));
    for (const warm of ['pointerenter', 'focus']) ui.launcher.addEventListener(warm, () => this.#load(), { once: true });
    ui.close.addEventListener('click', () => this.close());
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = ui.input.value.trim();
      if (!question) return;
      ui.input.value = '';
      this.ask(question).catch(() => {}); // shown in the log
    });
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open && !this.#inline) {
        event.stopPropagation();
        this.close();
      }
    });
    this.addEventListener('focusin', () => this.#inline && this.#load());
  }

  get #inline() {
    return this.getAttribute('mode') === 'inline';
  }

  connectedCallback() {
    this.#render();
    if (this.open && !this.#inline) queueMicrotask(() => this.#load());
    if (this.#inline && !this.#observer && globalThis.IntersectionObserver) {
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#load();
      }, { rootMargin: '100px' });
      this.#observer.observe(this);
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if ((name === 'index' || name === 'wasm') && this.#state !== 'idle') {
      // New content: forget the old engine, its suggestions and the conversation.
      this.#engine = null;
      this.#state = 'idle';
      this.#generation++;
      this.#ui.log.replaceChildren();
      this.#ui.intro.hidden = false;
      this.#ui.suggestions.hidden = true;
      this.#load();
    }
    if (name === 'mode' && this.isConnected) {
      this.disconnectedCallback();
      this.connectedCallback();
    }
    this.#render();
    if (name === 'open') {
      // After the current batch of attribute callbacks, so that `index` is known.
      if (this.open) queueMicrotask(() => this.isConnected && this.open && this.#load());
      this.dispatchEvent(new CustomEvent('qa-toggle', { bubbles: true, composed: true, detail: { open: this.open } }));
    }
  }

  get open() {
    return this.hasAttribute('open');
  }

  set open(value) {
    this.toggleAttribute('open', !!value);
  }

  get suggestions() {
    const n = parseInt(this.getAttribute('suggestions') ?? '4', 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 12) : 0;
  }

  set suggestions(value) {
    this.setAttribute('suggestions', String(value));
  }

  /** Opens the panel (launcher mode) and puts the cursor in the question field. */
  show() {
    this.open = true;
    this.#ui.input.focus();
  }

  /** Closes the panel and gives focus back to the launcher if it was inside the panel. */
  close() {
    const inside = this.#ui.panel.contains(this.shadowRoot.activeElement);
    this.open = false;
    if (inside) this.#ui.launcher.focus();
  }

  /**
   * Asks a question as if the visitor had typed it: shows the question and the answer in the
   * conversation (opening the panel if needed) and resolves to the answer object.
   */
  async ask(question) {
    question = String(question ?? '').trim();
    if (!question) throw new TypeError('qa-widget: ask(question) needs a question');
    const ui = this.#ui;
    if (!this.#inline && !this.open) this.show();
    const generation = this.#generation;
    const slot = h('div', { part: 'message answer', class: 'msg answer' });
    ui.intro.hidden = true;
    ui.log.setAttribute('tabindex', '0'); // scrollable: reachable by keyboard
    ui.log.append(h('p', { part: 'message question', class: 'msg question' }, h('span', { class: 'sr' }, TEXT.you), question), slot);
    this.#scrollTo(slot.previousSibling);
    this.#emit('qa-ask', { question });
    this.#pending++;
    this.#busy();
    try {
      const engine = await this.#load();
      if (generation !== this.#generation) throw new DOMException('The index changed before the answer came', 'AbortError');
      const answer = await engine.ask(question, { top: 1 + MORE }); // a Promise for a sharded index
      this.#answer(slot, answer);
      this.#emit('qa-answer', { question, answer });
      return answer;
    } catch (error) {
      if (generation === this.#generation) slot.append(this.#problem(error));
      throw error;
    } finally {
      this.#pending--;
      this.#busy();
      if (generation === this.#generation) this.#scrollTo(slot.previousSibling);
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #render() {
    const ui = this.#ui;
    const text = (name) => this.getAttribute(name) ?? DEFAULTS[name];
    const inline = this.#inline;
    const open = inline || this.open;
    ui.label.textContent = text('label');
    ui.title.textContent = text('heading');
    ui.greeting.textContent = text('greeting');
    ui.input.placeholder = text('placeholder');
    ui.disclaimer.textContent = text('disclaimer');
    ui.disclaimer.parentNode.hidden = !ui.disclaimer.textContent;
    ui.panel.hidden = !open;
    ui.panel.setAttribute('role', inline ? 'region' : 'dialog');
    ui.launcher.setAttribute('aria-expanded', String(open));
    ui.launcher.setAttribute('aria-label', open && !inline ? 'Close the assistant' : text('label'));
  }

  /** Starts loading the engine (once) and offers suggestions when it is ready. */
  #load() {
    if (this.#engine) return this.#engine;
    const index = this.getAttribute('index');
    const generation = this.#generation;
    const engine = (this.#engine = index
      ? engineFor(index, this.getAttribute('wasm'))
      : Promise.reject(Object.assign(new Error('qa-widget: set the index attribute to the URL of your content.idx'), { code: 'no-index' })));
    this.#state = 'loading';
    this.#busy();
    engine.then(
      (ready) => {
        if (generation !== this.#generation) return;
        this.#state = 'ready';
        this.#busy();
        this.#offer(ready);
        this.#emit('qa-ready', { info: ready.info() });
      },
      (error) => {
        if (generation !== this.#generation) return;
        this.#state = 'failed';
        if (!isBlocked(error)) this.#engine = null; // try again on the next question
        this.#explain(error);
        this.#busy();
        this.#emit('qa-error', { error });
        // Nothing asked yet: say so in the panel rather than leaving it empty (once).
        if (!this.#pending) {
          this.#ui.intro.hidden = true;
          this.#loadError?.remove();
          this.#ui.log.append((this.#loadError = h('div', { part: 'message answer', class: 'msg answer' }, this.#problem(error))));
        }
      },
    );
    return engine;
  }

  /** Suggested questions, while nothing has been asked. */
  #offer(engine) {
    const ui = this.#ui;
    const questions = this.suggestions && !ui.log.firstChild ? engine.suggestions(this.suggestions) : [];
    ui.suggestionList.replaceChildren(...questions.map((question) => {
      const button = h('button', { part: 'suggestion', class: 'suggestion', type: 'button' }, question);
      button.addEventListener('click', () => {
        ui.input.focus();
        this.ask(question).catch(() => {});
      });
      return h('li', null, button);
    }));
    ui.suggestions.hidden = !questions.length;
  }

  #busy() {
    const { status, log } = this.#ui;
    const loading = this.#state === 'loading';
    const text = this.#pending ? TEXT.looking : loading ? TEXT.loading : '';
    // Not a live region: the answer itself is what gets announced, once, from the log.
    status.hidden = !text;
    if (text) status.replaceChildren(h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), text);
    log.setAttribute('aria-busy', String(!!this.#pending));
  }

  #answer(slot, answer) {
    const results = answer.results ?? [];
    if (answer.answered && results.length) {
      const items = results.map((result) => this.#result(result));
      slot.append(h('span', { class: 'sr' }, TEXT.answer), items[0]);
      if (items.length > 1) {
        let shown = 1;
        const more = h('button', { part: 'more', class: 'more', type: 'button' }, TEXT.more, icon('down'));
        more.addEventListener('click', () => {
          const next = items[shown++];
          more.before(next);
          if (shown >= items.length) {
            more.remove();
            next.focus();
          }
        });
        slot.append(more);
      }
      return;
    }
    const contact = this.getAttribute('contact');
    slot.append(h('div', { part: 'not-covered', class: 'not-covered' },
      h('p', null, TEXT.notCovered),
      contact && h('p', { part: 'contact', class: 'contact' }, contact)));
    if (results.length) {
      slot.append(h('details', { part: 'closest', class: 'closest' },
        h('summary', null, TEXT.closest),
        results.map((result) => this.#result(result))));
    }
  }

  #result({ excerpt, passage, highlights, source }) {
    const text = excerpt || passage || '';
    const label = [source?.title, source?.section].filter(Boolean).join(' › ');
    const href = safeHref(source?.url);
    let origin = null;
    if (href && href.origin !== location.origin) origin = h('span', { class: 'sr' }, TEXT.newTab);
    const link = href
      ? h('a', { part: 'source-link', class: 'source-link', href: href.href, ...(origin && { target: '_blank', rel: 'noopener' }) }, label || href.hostname, origin)
      : label;
    return h('figure', { part: 'result', class: 'result', tabindex: '-1' },
      h('blockquote', { part: 'excerpt', class: 'excerpt' }, highlighted(text, excerpt ? highlights : [])),
      (label || href) && h('figcaption', { part: 'source', class: 'source' },
        icon('doc'),
        h('span', { class: 'source-text' }, h('span', { class: 'sr' }, TEXT.from), ' ', link)));
  }

  /** A message in plain words for the visitor. */
  #problem(error) {
    const contact = this.getAttribute('contact');
    const text = isBlocked(error) ? TEXT.blocked : error?.code === 'no-index' ? TEXT.unset : TEXT.unavailable;
    return h('div', { part: 'error', class: 'error', role: 'note' },
      h('p', null, text),
      contact && h('p', { part: 'contact', class: 'contact' }, contact));
  }

  /** The details for the site owner, once, in the console. */
  #explain(error) {
    if (this.#warned) return;
    this.#warned = true;
    const message = isBlocked(error)
      ? "qa-widget: this page's Content-Security-Policy does not allow WebAssembly. " +
        "Add 'wasm-unsafe-eval' to its script-src directive (script-src 'self' 'wasm-unsafe-eval') for the assistant to run."
      : `qa-widget: could not load the assistant's content (${error?.code ?? error?.name}): ${error?.message}`;
    console.warn(message);
  }

  #scrollTo(element) {
    const log = this.#ui.log;
    if (element) log.scrollTop = element.offsetTop - 12;
    else log.scrollTop = log.scrollHeight;
  }
}

// String attributes as properties of the same name (`open` and `suggestions` are above).
for (const name of ATTRIBUTES.filter((a) => a !== 'open' && a !== 'suggestions')) {
  Object.defineProperty(QaWidgetElement.prototype, name, {
    get() {
      return this.getAttribute(name);
    },
    set(value) {
      if (value == null) this.removeAttribute(name);
      else this.setAttribute(name, value);
    },
    configurable: true,
  });
}

// Registering twice (the npm package and the snippet on one page) is harmless.
if (globalThis.customElements && !customElements.get(TAG)) {
  customElements.define(TAG, QaWidgetElement);
}
