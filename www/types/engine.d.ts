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
  /** How many results (default 3). */
  top?: number;
}

export interface Engine {
  ask(question: string, options?: AskOptions): Answer;
  /** Questions the content answers, to offer before anything is asked. */
  suggestions(limit?: number): string[];
  info(): { documents: number; passages: number; terms: number; builder: string };
  /** Frees the wasm memory held by this engine. */
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
}

/**
 * Loads an index (a URL, or its bytes) and returns an engine.
 * Rejects with an Error whose `code` is "index-unavailable", "not-an-index",
 * "unsupported-version", "truncated", "corrupt", "unsupported-language", or "wasm-unavailable"
 * (the default wasm URL is a file: URL that fetch cannot read, as in Node).
 */
export function load(index: string | URL | ArrayBuffer | Uint8Array, options?: LoadOptions): Promise<Engine>;

/** Instantiates the wasm ahead of time (optional: `load` does it on first use). */
export function initWasm(wasm?: LoadOptions['wasm']): Promise<unknown>;
