/** Where a quote comes from. */
export interface Source {
  /** The document's id (its file name without extension, or the JSONL record's id). */
  doc: string;
  title: string;
  /** The heading of the section the passage belongs to. */
  section: string | null;
  /** The input's own section id (JSONL `sections[].id`). */
  section_id: string | null;
  url: string | null;
}

export interface Result {
  rank: number;
  score: number;
  /** The whole passage. */
  passage: string;
  /** The sentence or sentences that answer the question. */
  excerpt: string;
  /** `[start, end)` ranges of `excerpt` to highlight, in UTF-16 code units (String#slice). */
  highlights: [number, number][];
  source: Source;
}

/** The same object as one line of `qa-widget ask --json`. */
export interface Answer {
  question: string;
  /** False when the content does not answer the question; `results` still holds the closest passages. */
  answered: boolean;
  results: Result[];
}

export interface AskOptions {
  /** How many results, 0 to 1000 (default 3). 0 asks only whether the pages answer: on a
   * sharded index that needs no passage texts. */
  top?: number;
}

export interface Engine {
  /** True for a sharded index's root: its shards are fetched as questions need them. */
  sharded: boolean;
  /**
   * The answer; for a sharded index, a Promise of it (the shards the question needs are fetched
   * first, in parallel, and kept). `await` it to handle both. A shard that cannot be fetched
   * rejects with code "shard-unavailable", one that is damaged or of another build with
   * "corrupt"; the next question tries again.
   */
  ask(question: string, options?: AskOptions): Answer | Promise<Answer>;
  /** Questions the content answers, to offer before anything is asked. */
  suggestions(limit?: number): string[];
  info(): { documents: number; passages: number; terms: number; shards: number; missing: number; builder: string };
  /** Frees the wasm memory held by this engine. Using it afterwards throws code "engine-freed". */
  free(): void;
}

export interface LoadOptions {
  /**
   * The wasm, if not next to this module: a URL, a Response, bytes or a compiled module.
   * In Node (whose fetch cannot read files), pass its bytes, e.g.
   * `readFileSync(fileURLToPath(import.meta.resolve('qa-widget/qa-widget-engine_bg.wasm')))`.
   */
  wasm?: string | URL | Response | BufferSource | WebAssembly.Module;
  fetch?: typeof fetch;
  /** Where a sharded index's root is when it is given as bytes: its shards are fetched beside it. */
  base?: string | URL;
}

/**
 * Loads an index (a URL, or its bytes: an index in one file, a sharded index's root, or a bundle)
 * and returns an engine.
 * Rejects with an Error named QaWidgetError whose `code` is "index-unavailable", "not-an-index",
 * "unsupported-version", "truncated", "corrupt", "unsupported-language", or "wasm-unavailable"
 * (the wasm could not be fetched or compiled: a 404, a wrong type, or a file: URL that fetch
 * cannot read, as in Node).
 */
export function load(index: string | URL | ArrayBuffer | Uint8Array, options?: LoadOptions): Promise<Engine>;

/** Instantiates the wasm ahead of time (optional: `load` does it on first use). */
export function initWasm(wasm?: LoadOptions['wasm']): Promise<unknown>;
