// The engines of the page: `load` for programs, and one shared engine per (index, wasm) for the
// widgets, counted by its users and freed, wasm memory and all, when the last one lets go.

import { initWasm as initEngineWasm, load as loadEngine } from '../engine.js';
import { QaWidgetError, asQaWidgetError } from './errors.js';

/**
 * The programmatic API, as in `qa-widget/engine`: loads an index (a URL, or its bytes) and
 * returns an engine, which the caller frees with `free()`. Rejects with a QaWidgetError.
 * @param {string | URL | ArrayBuffer | Uint8Array} index
 * @param {LoadOptions} [options]
 * @returns {Promise<Engine>}
 */
export async function load(index, options) {
  try {
    return await loadEngine(index, options);
  } catch (error) {
    throw asQaWidgetError(error, 'load-failed');
  }
}

/**
 * Instantiates the wasm ahead of time, for a page that expects a question soon (optional:
 * `load` does it on first use). Resolves to the wasm's exports; rejects with a QaWidgetError.
 * @param {string | URL | Response | BufferSource | WebAssembly.Module} [wasm]
 * @returns {Promise<unknown>}
 */
export async function initWasm(wasm) {
  try {
    return await initEngineWasm(wasm);
  } catch (error) {
    throw asQaWidgetError(error, 'load-failed');
  }
}

const shared = new Map(); // key → { promise: Promise<Engine>, users: number }

/** The key of an (index, wasm) pair: both URLs resolved against the page. */
function keyOf(index, wasm) {
  const base = globalThis.document?.baseURI;
  const resolve = (name, url) => {
    try {
      return new URL(url, base).href;
    } catch (cause) {
      throw new QaWidgetError('invalid-url', `qa-widget: the ${name} attribute ${JSON.stringify(url)} is not a URL`, { cause });
    }
  };
  return `${resolve('index', index)}\n${wasm ? resolve('wasm', wasm) : ''}`;
}

/**
 * A lease on the shared engine for (index, wasm): `{ engine: Promise<Engine>, release() }`.
 * The engine is freed once every lease on it is released; a later lease loads it again.
 * Throws a QaWidgetError (`invalid-url`) at once if a URL cannot be parsed.
 */
export function leaseEngine(index, wasm) {
  const key = keyOf(index, wasm);
  let entry = shared.get(key);
  if (!entry) {
    entry = { users: 0, promise: load(index, wasm ? { wasm } : {}) };
    shared.set(key, entry);
    const failed = entry;
    // A network failure may pass, so the next lease tries again; a page that forbids
    // WebAssembly will not change its mind, so that failure stays while anyone holds it.
    entry.promise.catch((error) => error.code !== 'wasm-blocked' && shared.get(key) === failed && shared.delete(key));
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    engine: held.promise,
    release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      if (shared.get(key) === held) shared.delete(key);
      held.promise.then((engine) => engine.free(), () => {});
    },
  };
}
