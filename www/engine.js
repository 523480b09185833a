// The programmatic API: load an index, get an engine with `ask`.
// This module is imported lazily by the widget (on first open), so a page that only shows
// the launcher downloads neither the wasm glue nor the wasm.
import init, { QaEngine } from './qa-widget-engine.js';

let wasmReady;

/** Instantiates the wasm once. `wasm` may be a URL, a Response, bytes or a WebAssembly.Module. */
export function initWasm(wasm) {
  // A literal `new URL(…, import.meta.url)` so that Vite and webpack 5 bundle the .wasm.
  const source = wasm ?? new URL('./qa-widget-engine_bg.wasm', import.meta.url);
  wasmReady ??= init({ module_or_path: source }).catch((error) => {
    wasmReady = undefined; // a failed download may succeed on the next try
    // Node's fetch cannot read files: say what to do instead of "not implemented... yet".
    if (source instanceof URL && source.protocol === 'file:') {
      throw coded(`could not load the wasm from ${source.href} (${error.message}); where fetch cannot read files, as in Node, pass its bytes: load(index, { wasm: bytes })`, 'wasm-unavailable');
    }
    throw error;
  });
  return wasmReady;
}

/**
 * Loads an index and returns an engine.
 * @param {string | URL | ArrayBuffer | Uint8Array} index URL of a `.idx` file, or its bytes.
 * @param {{ wasm?: string | URL | BufferSource | WebAssembly.Module, fetch?: typeof fetch }} [options]
 */
export async function load(index, options = {}) {
  await initWasm(options.wasm);
  const bytes = await indexBytes(index, options.fetch ?? globalThis.fetch);
  const engine = new QaEngine(bytes);
  return {
    /** @returns the same object as `qa-widget ask --json`. */
    ask: (question, askOptions) => engine.ask(String(question), askOptions),
    suggestions: (limit = 4) => engine.suggestions(limit),
    info: () => engine.info(),
    free: () => engine.free(),
  };
}

async function indexBytes(index, fetchFn) {
  if (index instanceof Uint8Array) return index;
  if (index instanceof ArrayBuffer) return new Uint8Array(index);
  if (ArrayBuffer.isView(index)) return new Uint8Array(index.buffer, index.byteOffset, index.byteLength);
  let response;
  try {
    response = await fetchFn(index);
  } catch (cause) {
    throw coded(`could not download the index from ${index}: ${cause.message}`, 'index-unavailable');
  }
  if (!response.ok) {
    throw coded(`could not download the index from ${index}: HTTP ${response.status}`, 'index-unavailable');
  }
  return new Uint8Array(await response.arrayBuffer());
}

function coded(message, code) {
  const error = new Error(message);
  error.name = 'QaWidgetError';
  error.code = code;
  return error;
}
