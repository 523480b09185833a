// Assembles the demo site in site/ from www/ (the page), pkg/ (the built package: the entry,
// which holds the widget, the engine and its wasm glue, and the wasm) and site/content.idx (written by `qa-widget build` beforehand), then
// stamps the service worker with the list of files it precaches and a hash of their contents,
// so that every change to any of them gets a new cache.
// Usage: node scripts/site.mjs   (run by `make site`, after `make pkg` and the index build)
// As a module: `stampServiceWorker(folder)` re-stamps a copy of the site (the offline tests
// change a file in a staged copy and re-stamp it, as a new build would).
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const top = fileURLToPath(new URL('..', import.meta.url));
const www = `${top}www/`;
const pkg = `${top}pkg/`;
const site = `${top}site/`;

// File name in site/ → where it comes from. Everything here is precached by the service worker.
export const FILES = {
  'index.html': www,
  'demo.css': www,
  'demo.js': www,
  'favicon.svg': www,
  'qa-widget.js': pkg,
  'qa-widget-engine_bg.wasm': pkg,
  'content.idx': site,
};

/** What the service worker precaches, relative to its scope: the page as "./" (how it is asked for), the rest by name. */
export const PRECACHE = Object.keys(FILES).map((name) => (name === 'index.html' ? './' : name));

/**
 * The names of the index's shards, if it is a sharded root: `content.<16 hex digits>.idx`
 * (scripts and the service worker match them by this pattern, never by a list: a new build
 * has new names).
 */
export const SHARD_PATTERN = '/content\\.[0-9a-f]{16}\\.idx$';

async function need(path, hint) {
  try {
    if ((await stat(path)).size > 0) return;
  } catch {}
  throw new Error(`${path} is missing or empty: ${hint}`);
}

/**
 * Writes `folder`/sw.js from www/sw.js, stamped with PRECACHE and a hash of the files of
 * FILES as they are in `folder`. Resolves to { version, bytes }.
 */
export async function stampServiceWorker(folder) {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const name of Object.keys(FILES)) {
    const content = await readFile(join(folder, name));
    bytes += content.length;
    hash.update(`${name}\0${content.length}\0`).update(content);
  }
  const version = hash.digest('hex').slice(0, 16);
  const worker = await readFile(`${www}sw.js`, 'utf8');
  const stamped = worker
    .replace(/^const PRECACHE = \[\];$/m, () => `const PRECACHE = ${JSON.stringify(PRECACHE)};`)
    .replace(/^const VERSION = 'unstamped';$/m, () => `const VERSION = '${version}';`)
    .replace(/^const SHARDS = null;$/m, () => `const SHARDS = new RegExp(${JSON.stringify(SHARD_PATTERN)});`);
  if (!stamped.includes(version) || stamped.includes('const PRECACHE = [];') || stamped.includes('const SHARDS = null;')) {
    throw new Error('www/sw.js: could not find the lines `const PRECACHE = [];`, `const VERSION = \'unstamped\';` and `const SHARDS = null;` to stamp');
  }
  await writeFile(join(folder, 'sw.js'), stamped);
  return { version, bytes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await mkdir(site, { recursive: true });
  for (const [name, from] of Object.entries(FILES)) {
    const source = from + name;
    await need(source, from === site ? 'build it with `qa-widget build … -o site/content.idx` (make site)' : 'run `make site`');
    if (from !== site) await copyFile(source, site + name);
  }
  const { version, bytes } = await stampServiceWorker(site);
  console.log(`site/: ${PRECACHE.length} files precached (${(bytes / 1024).toFixed(1)} KB), service worker cache version ${version}`);
}
