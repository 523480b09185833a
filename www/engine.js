// The programmatic API: load an index, get an engine with `ask`. The widget's entry bundles
// this module (3.3 KB more of the entry's gzip, where a separate file would cost its own
// request and round trip before the wasm could be asked for); the wasm itself is fetched
// only on first use, so a page that only shows the launcher does not download it.
import init, { QaEngine } from './qa-widget-engine.js';

let wasmReady;

/** Instantiates the wasm once. `wasm` may be a URL, a Response, bytes or a WebAssembly.Module. */
export function initWasm(wasm) {
  // A literal `new URL(…, import.meta.url)` so that Vite and webpack 5 bundle the .wasm.
  const source = wasm ?? new URL('./qa-widget-engine_bg.wasm', import.meta.url);
  wasmReady ??= init({ module_or_path: source }).catch((error) => {
    wasmReady = undefined; // a failed download may succeed on the next try
    // A Content-Security-Policy without 'wasm-unsafe-eval': the widget tells the site owner.
    if (/CompileError|EvalError/.test(error?.name) && /Content.Security|CSP|unsafe-eval|wasm-eval|disallowed by embedder/i.test(error.message)) {
      throw Object.assign(coded(`this page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src directive (script-src 'self' 'wasm-unsafe-eval'); the browser said: ${error.message}`, 'wasm-blocked'), { cause: error });
    }
    const where = source instanceof URL || typeof source === 'string' ? ` from ${source}` : '';
    // Node's fetch cannot read files: say what to do instead of "not implemented... yet".
    const hint = source instanceof URL && source.protocol === 'file:'
      ? '; where fetch cannot read files, as in Node, pass its bytes: load(index, { wasm: bytes })'
      : '; check that qa-widget-engine_bg.wasm is served next to engine.js (or pass its URL as `wasm`), as application/wasm';
    throw coded(`could not load the engine's WebAssembly${where} (${error.message})${hint}`, 'wasm-unavailable');
  });
  return wasmReady;
}

/**
 * Loads an index and returns an engine.
 * @param {string | URL | ArrayBuffer | Uint8Array} index URL of a `.idx` file (an index in one
 *   file, or a sharded index's root), or its bytes.
 * @param {{ wasm?: string | URL | BufferSource | WebAssembly.Module, fetch?: typeof fetch, base?: string | URL }} [options]
 *   `base`: where a sharded index's root is, when it is given as bytes (its shards are beside it).
 */
export async function load(index, options = {}) {
  const fetchFn = options.fetch ?? globalThis.fetch;
  // The index downloads while the wasm does: one round trip less before the first answer.
  const [, { bytes, url }] = await Promise.all([initWasm(options.wasm), indexBytes(index, fetchFn)]);
  const engine = new QaEngine(bytes);
  // A root with shards still to fetch; a bundle (root and shards in one, as --standalone pages
  // carry it) is whole.
  const sharded = engine.info().missing > 0;
  let freed = false;
  const live = () => {
    if (freed) throw coded('this engine was freed (engine.free()); load the index again to ask more', 'engine-freed');
    return engine;
  };
  const base = options.base ? new URL(options.base, globalThis.location?.href) : url;
  const shards = sharded ? shardLoader(live, base, fetchFn) : null;
  return {
    /** Whether the index is a root whose shards are fetched as questions need them (then `ask` returns a Promise). */
    sharded,
    /**
     * The same object as `qa-widget ask --json`; for a sharded index, a Promise of it (the
     * shards the question needs are fetched first).
     */
    ask: sharded
      ? (question, askOptions) => askSharded(live, shards, String(question), askOptions)
      : (question, askOptions) => live().ask(String(question), askOptions),
    suggestions: (limit = 4) => live().suggestions(limit),
    info: () => live().info(),
    free: () => {
      if (!freed) engine.free();
      freed = true;
    },
  };
}

/** Asks, fetching what the question needs until it can be answered. */
async function askSharded(live, shards, question, askOptions) {
  const loaded = new Set();
  for (;;) {
    const result = live().ask(question, askOptions);
    if (!result.missing) return result;
    // Each round brings at least one shard the engine lacked, so this ends; a shard asked for
    // again right after it was given would be a bug, not a reason to loop.
    if (result.missing.some((shard) => loaded.has(shard))) {
      throw coded(`the engine asked again for a part of the index it was given (${result.missing}); please report this`, 'internal');
    }
    result.missing.forEach((shard) => loaded.add(shard));
    await shards.load(result.missing);
  }
}

/**
 * Fetches the shards of a sharded index: only those a question needs, all at once, each once;
 * the engine says which it lacks and checks what it is given, and keeps them. `live()` is the
 * engine (it throws once freed); `base` is the root's URL (shards are beside it); `fetchFn`
 * is the fetch to use. `load(numbers)` resolves once every shard is in the engine, or
 * rejects with a QaWidgetError: "shard-unavailable" (not downloadable) or "corrupt" (not the
 * shard the root names). A failed shard is fetched again by the next question that needs it.
 */
function shardLoader(live, base, fetchFn) {
  const inFlight = new Map(); // shard number → Promise, while it downloads

  function fetchShard(shard) {
    const name = live().shardFile(shard);
    const job = (async () => {
      let url;
      try {
        url = new URL(name, base);
      } catch {
        throw coded(`this index is sharded and its part ${name} is needed, but there is no URL to fetch it from: pass load(bytes, { base: rootUrl })`, 'shard-unavailable');
      }
      const where = url.href;
      let response;
      try {
        response = await fetchFn(where);
      } catch (cause) {
        throw coded(`could not download part of the index (${where}): ${cause.message}`, 'shard-unavailable');
      }
      if (!response.ok) throw coded(`could not download part of the index (${where}): HTTP ${response.status}`, 'shard-unavailable');
      const bytes = await bodyBytes(response, `could not download part of the index (${where})`, 'shard-unavailable');
      const engine = live();
      try {
        engine.addShard(shard, bytes);
      } catch (error) {
        throw coded(`part of the index (${where}) is damaged or from another build: ${error.message}`, 'corrupt');
      }
    })();
    inFlight.set(shard, job);
    job.then(() => inFlight.delete(shard), () => inFlight.delete(shard));
    return job;
  }

  return {
    load: (shards) => Promise.all(shards.map((shard) => inFlight.get(shard) ?? fetchShard(shard))),
  };
}

async function indexBytes(index, fetchFn) {
  if (index instanceof Uint8Array) return { bytes: index };
  if (index instanceof ArrayBuffer) return { bytes: new Uint8Array(index) };
  if (ArrayBuffer.isView(index)) return { bytes: new Uint8Array(index.buffer, index.byteOffset, index.byteLength) };
  let url;
  try {
    url = new URL(index, globalThis.location?.href);
  } catch (cause) {
    throw coded(`the index URL ${index} is not a URL: ${cause.message}`, 'index-unavailable');
  }
  let response;
  try {
    response = await fetchFn(url.href);
  } catch (cause) {
    throw coded(`could not download the index from ${index}: ${cause.message}`, 'index-unavailable');
  }
  if (!response.ok) {
    throw coded(`could not download the index from ${index}: HTTP ${response.status}`, 'index-unavailable');
  }
  return { bytes: await bodyBytes(response, `could not download the index from ${index}`, 'index-unavailable'), url };
}

/**
 * The bytes of `response`'s body. A connection that drops while the body comes is as much a
 * network failure as no answer: `code`, with `failure` and the browser's words.
 */
async function bodyBytes(response, failure, code) {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw coded(`${failure}: ${cause.message}`, code);
  }
}

function coded(message, code) {
  const error = new Error(message);
  error.name = 'QaWidgetError';
  error.code = code;
  return error;
}
