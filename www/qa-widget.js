/**
 * <qa-widget>: answers a visitor's questions from the site's own pages, entirely in the browser.
 *
 *   <script type="module" src="/qa-widget/qa-widget.js"></script>
 *   <qa-widget index="/qa-widget/content.idx" contact="Call us on 555-0100"></qa-widget>
 *
 * The package's entry: registers the element and exports it with the programmatic API. Its
 * attributes, properties, events, parts and custom properties are in custom-elements.json
 * and in the README. The sources are in widget/ (element, styles, strings, engines, errors,
 * DOM helpers) and the engine's JS (../engine.js, with its wasm glue); `make pkg` bundles them
 * into this one file (scripts/bundle.mjs), so a page makes one request for its script. Only
 * the wasm and the index wait until a widget first needs them.
 */
import { QaWidgetElement } from './widget/element.js';

export { QaWidgetElement };
export { QaWidgetError } from './widget/errors.js';
export { registerStrings } from './widget/strings.js';
export { initWasm, load } from './widget/engines.js';

// Registering twice (the npm package and the snippet on one page) is harmless.
if (globalThis.customElements && !customElements.get('qa-widget')) {
  customElements.define('qa-widget', QaWidgetElement);
}
