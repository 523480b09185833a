// The widget's styles: one constructable stylesheet shared by every instance (adoptedStyleSheets),
// so no <style> element and no style attribute: the widget runs under `style-src 'self'`.

/** Where the launcher's panel fills the screen, and becomes a modal dialog. */
export const PHONE = '(max-width: 480px)';

let sheet;

/** The stylesheet, made on first use (not at import: Node has no CSSStyleSheet). */
export function styles() {
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

@media ${PHONE} {
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
