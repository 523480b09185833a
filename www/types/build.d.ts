// `qa-widget/build`: the index builder for Node (18+), with no Rust to install.

/** A page held in memory, indexed as if it were a file at `path` (its extension says how to read it). */
export interface Page {
  /** Where the page would be, relative to `cwd` ("blog/post.html"); the report names it so. */
  path: string;
  content: string | Uint8Array | ArrayBuffer;
  /** The page's title, instead of the one found in it (its `<h1>` or `<title>`, else its first heading). */
  title?: string;
  /** Where the page is on the site: the widget links its answers there. */
  url?: string;
}

/** One file the build wrote. */
export interface BuiltFile {
  /** Relative to `cwd` (absolute when outside it); the index's is `output` as given. */
  path: string;
  bytes: Uint8Array;
}

/**
 * The options of `qa-widget build`, camelCased (`--max-passage-chars` is `maxPassageChars`);
 * a flag is `true`. Options that name a file (`synonyms`) also take an in-memory `Page`.
 */
export interface BuildOptions {
  /** Files and folders of .txt, .md, .html and .jsonl (a folder may hold a manifest.json), and in-memory pages. */
  inputs: Array<string | Page>;
  /** Where to write the index (and any files beside it). Without it nothing is written: the bytes are returned. */
  output?: string;
  /** False: build in memory only, even with `output` (whose name the files then take). Default: whether `output` is given. */
  write?: boolean;
  /** What relative paths are relative to. Default: `process.cwd()`. */
  cwd?: string;
  /** Also write the report (the `report` object below) as JSON to this path. */
  report?: string;
  /** Keep ads, calls to action, repeated blocks and placeholder text. */
  keepBoilerplate?: boolean;
  /** A synonym file: one group per line, comma-separated ("fat, adipose"). */
  synonyms?: string | Page;
  /** Leave out the built-in English lay ↔ clinical synonyms. */
  noBuiltinSynonyms?: boolean;
  /** Longest passage, in characters (whole sentences are never cut). */
  maxPassageChars?: number;
  k1?: number;
  b?: number;
  headingWeight?: number;
  titleWeight?: number;
  /** Also write one self-contained HTML page (widget, wasm and index inlined) that works offline. */
  standalone?: string;
  /** Any other option of `qa-widget build` (`qa-widget build --help` lists them). */
  [option: string]: unknown;
}

export interface Removal {
  kind: 'repeated_block' | 'call_to_action' | 'advertising' | 'placeholder' | 'markup' | 'mojibake_repaired' | 'page_chrome' | string;
  /** The start of what was removed, so a person can recognise it. */
  sample: string;
  count: number;
}

export interface FileReport {
  path: string;
  outcome: { status: 'indexed'; documents: number; passages: number } | { status: 'skipped'; reason: string };
  documents: Array<{ id: string; title: string; passages: number; removed: Removal[] }>;
}

/** The build report (`qa-widget build --report`): every input file accounted for. */
export interface BuildReport {
  files: FileReport[];
  documents: number;
  passages: number;
  terms: number;
  index_bytes: number;
  [field: string]: unknown;
}

export interface BuildResult {
  /** The index: the bytes to serve as `content.idx`, or to pass to `load()`. */
  index: Uint8Array;
  /**
   * Every file the build wrote, the index first. An index can be several files: a big site's
   * index (format v2) has shard files beside the root one, which the engine fetches on
   * demand; serve them all from the same folder. `standalone` adds its page here too.
   */
  files: BuiltFile[];
  report: BuildReport;
  /** What `qa-widget build` prints: the summary line, then what happened to each file. */
  text: string;
}

/**
 * Builds an index with the same builder as the `qa-widget` command line (compiled to
 * WebAssembly): the same inputs give the same bytes. Rejects with an Error named
 * `QaWidgetError` whose `code` is "bad-options" (an unknown or invalid option), "build-failed"
 * (nothing to index, an input that does not exist: the message says which), "builder-crashed",
 * or "builder-unavailable".
 */
export function build(options: BuildOptions): Promise<BuildResult>;

/**
 * Runs `qa-widget <argv…>` (build, ask, eval…) on the process's stdin, stdout and stderr, as
 * `npx qa-widget` does; resolves to the exit code.
 */
export function runCli(argv: string[], options?: { cwd?: string }): Promise<number>;
