// `qa-widget/build`: the index builder for Node tools, with no Rust to install. It is the
// `qa-widget` command line itself, compiled to wasm32-wasip1 (qa-widget-builder.wasm) and run
// by a small WASI host (build-wasi.js), so a build here writes the same bytes, takes the
// same options and reports the same things as the native binary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WasiHost, toGuest, toHost } from './build-wasi.js';

const posix = path.posix;
const WASM = new URL('./qa-widget-builder.wasm', import.meta.url);
/** The package's folder: `--standalone` pages inline its widget bundle and engine wasm. */
const PACKAGE_DIR = fileURLToPath(new URL('.', import.meta.url));
/** Where the JSON report goes: a path that is never on disk (writes are kept in memory). */
const REPORT = '/.qa-widget-build/report.json';
const DEFAULT_OUTPUT = 'content.idx';
/** See raiseTieringBudget(); measured with scripts/bench-builder.mjs (V8's default: 1,800,000). */
const TIERING_BUDGET = 1_000_000_000;

let compiled;

/** The compiled builder, compiled once per process. */
function builder() {
  raiseTieringBudget();
  compiled ??= WebAssembly.compile(readFileSync(WASM)).catch((error) => {
    compiled = undefined;
    throw coded(`cannot load the builder ${fileURLToPath(WASM)}: ${error.message}`, 'builder-unavailable');
  });
  return compiled;
}

/**
 * Runs `qa-widget <argv…>` as the command line does, on the process's own stdin, stdout and
 * stderr; resolves to its exit code. `--standalone` pages take the widget from this package.
 */
export async function runCli(argv, { cwd = process.cwd() } = {}) {
  // TERM too: indicatif draws no progress bar where it is unset or "dumb", as natively.
  const env = { PWD: toGuest(cwd), ...(process.env.TERM ? { TERM: process.env.TERM } : {}) };
  const host = new WasiHost({ args: ['qa-widget', ...withPackageAssets(argv)], env, stdin: 0, stdout: 1, stderr: 2 });
  const module = await builder();
  try {
    return host.run(module);
  } catch (error) {
    // A Rust panic has printed its message and aborted (a trap): exit as a native panic does.
    if (error instanceof WebAssembly.RuntimeError) return 101;
    throw error;
  }
}

/**
 * Builds an index. Inputs are paths of files and folders (as for `qa-widget build`) and
 * in-memory pages `{ path, content }`; options are the command line's, camelCased. Resolves to
 * `{ index, files, report, text }`; with `output`, the files are also written there (unless
 * `write` is false).
 */
export async function build({ inputs, output, write = output !== undefined, cwd = process.cwd(), report: reportPath, ...options } = {}) {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw coded('build() needs `inputs`: an array of file or folder paths and in-memory pages { path, content }', 'bad-options');
  }
  const guestCwd = toGuest(cwd);
  const pages = new Map();
  const described = new Map(); // folder → { file name: { title, url } }, for in-memory manifests
  const inMemory = (page, what) => {
    if (typeof page?.path !== 'string' || page.path === '' || !('content' in page)) {
      throw coded(`${what} must be a path or an in-memory page { path, content }, not ${JSON.stringify(page)}`, 'bad-options');
    }
    const guestPath = posix.resolve(guestCwd, page.path.split(path.sep).join('/'));
    pages.set(guestPath, bytesOf(page.content, page.path));
    if (page.title !== undefined || page.url !== undefined) {
      const folder = posix.dirname(guestPath);
      if (!described.has(folder)) described.set(folder, {});
      described.get(folder)[posix.basename(guestPath)] = { title: page.title ?? null, url: page.url ?? null };
    }
    return page.path;
  };
  const args = ['qa-widget', 'build'];
  inputs.forEach((input, i) => args.push(typeof input === 'string' ? input : inMemory(input, `inputs[${i}]`)));
  const outputName = output === undefined ? DEFAULT_OUTPUT : String(output);
  args.push('--output', outputName, '--report', REPORT);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || value === null || value === false) continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (value === true) args.push(flag);
    else if (typeof value === 'object' && !Array.isArray(value)) args.push(flag, inMemory(value, key));
    else for (const v of [value].flat()) args.push(flag, String(v));
  }
  if (options.standalone && !options.assets) args.push('--assets', PACKAGE_DIR);
  // Titles and URLs given with in-memory pages reach the builder as the manifest.json it reads
  // for files on disk, one per folder, in memory too.
  for (const [folder, documents] of described) {
    const manifest = posix.join(folder, 'manifest.json');
    if (pages.has(manifest)) {
      throw coded(`${toHost(manifest)}: give titles and URLs either with the pages or in a manifest.json, not both`, 'bad-options');
    }
    pages.set(manifest, new TextEncoder().encode(JSON.stringify({ documents })));
  }

  const { code, crashed, stdout, stderr, written } = await inWorker({ module: await builder(), args, env: { PWD: guestCwd }, pages });
  if (crashed !== null) {
    throw coded(`the builder stopped: ${stderr.trim() || crashed}; this is a bug in qa-widget, please report it`, 'builder-crashed');
  }
  if (code !== 0) {
    const message = stderr.trim().replace(/^error: /, '') || `the builder exited with code ${code}`;
    throw coded(message, code === 2 ? 'bad-options' : 'build-failed');
  }

  const kept = new Map(written);
  const reportFile = kept.get(REPORT);
  kept.delete(REPORT);
  const indexPath = posix.resolve(guestCwd, outputName);
  const files = [...kept].map(([guestPath, bytes]) => ({
    path: guestPath === indexPath ? outputName : relativeTo(guestCwd, guestPath),
    guestPath,
    bytes,
  }));
  files.sort((a, b) => (a.guestPath === indexPath ? -1 : b.guestPath === indexPath ? 1 : a.path < b.path ? -1 : 1));
  const index = files.find((f) => f.guestPath === indexPath)?.bytes;
  if (!index || !reportFile) throw coded(`the builder wrote no index (${stderr.trim() || stdout.trim()})`, 'build-failed');
  const report = JSON.parse(new TextDecoder().decode(reportFile));

  if (write) {
    for (const file of files) writeOut(path.resolve(cwd, file.path), file.bytes);
  }
  if (reportPath !== undefined) writeOut(path.resolve(cwd, String(reportPath)), JSON.stringify(report, null, 2));
  return { index, files: files.map(({ path: p, bytes }) => ({ path: p, bytes })), report, text: stdout };
}

/** Runs the builder in a worker thread (build-worker.js); resolves to what it printed and wrote. */
function inWorker(workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), { workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(coded(`the builder's worker thread exited (code ${code}) before it finished`, 'builder-crashed')));
  });
}

/**
 * V8 compiles a wasm function with its baseline compiler (Liftoff) on first call, then again
 * with its optimizing one (TurboFan) once it has run a while. The builder is 2 MB of code run
 * once: at V8's default budget, recompiling its large functions costs more than they gain (a
 * demo-sized build took 3 times the CPU, MedQuAD 1.3 times). With a budget 500 times larger,
 * only the hot loops of a long build are optimized. A budget the user set is left alone.
 */
function raiseTieringBudget() {
  if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('wasm-tiering-budget'))) {
    v8.setFlagsFromString(`--wasm-tiering-budget=${TIERING_BUDGET}`);
  }
}

/** argv with `--assets <this package>` when it asks for a standalone page and names none. */
function withPackageAssets(argv) {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const options = argv.slice(0, end);
  const standalone = options.some((a) => a === '--standalone' || a.startsWith('--standalone='));
  const assets = options.some((a) => a === '--assets' || a.startsWith('--assets='));
  if (argv[0] !== 'build' || !standalone || assets) return argv;
  return [...options, '--assets', PACKAGE_DIR, ...argv.slice(end)];
}

function bytesOf(content, name) {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  throw coded(`the content of ${name} must be a string, a Uint8Array or an ArrayBuffer`, 'bad-options');
}

function relativeTo(folder, guestPath) {
  const relative = posix.relative(folder, guestPath);
  return relative.startsWith('../') ? toHost(guestPath) : relative;
}

function writeOut(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function coded(message, code) {
  const error = new Error(message);
  error.name = 'QaWidgetError';
  error.code = code;
  return error;
}
