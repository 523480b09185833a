// Builds each system's site for a corpus under <www>/<corpus>/<system>/: its page (the shared
// harness and the system's adapter inlined in one module script), its scripts, and its
// index data, written the way that system's documentation sets a site up. Every system gets
// the same pages and sections; each its own default settings.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const PAGE = join(HERE, 'page');
const SHOW = 5; // results shown for a question: the widget's answer and its four "More answers"

/** Settings passed to the libraries, at build and at load time alike (their defaults). */
const MINISEARCH_OPTIONS = { fields: ['title', 'heading', 'text'] };
const FLEXSEARCH_OPTIONS = {};

export const SYSTEMS = [
  {
    name: 'qa-widget',
    version: () => JSON.parse(readFileSync(join(ROOT, 'pkg/package.json'), 'utf8')).version, // written by `make pkg`
    returns: 'sections ranked by passage, with excerpts (the answering sentences, highlighted) and an answered/not-covered decision',
    defaults: '`qa-widget build` defaults (BM25 k1 1.5, b 0.9, heading 1.5, title 0.6, passages ≤ 900 chars); the element\'s top 5 (answer + 4 more; on a sharded index the first answer waits only for what it shows: none of the texts when not covered, one passage\'s when answered, the rest load on "More answers")',
    build: buildQaWidget,
  },
  {
    name: 'pagefind',
    version: () => packageVersion('pagefind'),
    returns: 'pages ranked, each with an excerpt and sub-results per heading (one fragment request per page shown)',
    defaults: 'pagefind --site (default ranking; every word of the query must match), JS API pagefind.search + result.data()',
    build: buildPagefind,
  },
  {
    name: 'minisearch',
    version: () => packageVersion('minisearch'),
    returns: 'ids and scores only (the page shows the start of each section from texts.json)',
    defaults: 'fields title, heading, text; default search options (OR, no prefix, no fuzzy)',
    build: buildMiniSearch,
  },
  {
    name: 'flexsearch',
    version: () => packageVersion('flexsearch'),
    returns: 'ids only (the page shows the start of each section from texts.json)',
    defaults: 'new Index() on "title heading text" (tokenize strict, default encoder); default search (every term must match)',
    build: buildFlexSearch,
  },
];

function packageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Builds one system's site for `corpus` in `dir` (emptied first). Resolves to { buildMs, note }. */
export async function buildSystem(system, corpus, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const start = performance.now();
  const result = (await system.build(corpus, dir)) ?? {};
  return { buildMs: performance.now() - start, ...result };
}

/** The page: CONFIG, the harness and the adapter in one inline module, so one request. */
function writePage(dir, system, config, { head = '', body = '' } = {}) {
  const script = [
    `const CONFIG = ${JSON.stringify({ show: SHOW, ...config })};`,
    readFileSync(join(PAGE, 'harness.js'), 'utf8'),
    readFileSync(join(PAGE, `adapter-${system}.js`), 'utf8'),
    'start();',
  ].join('\n');
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${system}: bench</title>
${head}</head>
<body>
<main>
<h1>Ask a question</h1>
${body}<ol id="results"></ol>
</main>
<script type="module">
${script.replaceAll('</script', '<\\/script')}
</script>
</body>
</html>
`);
}

// qa-widget: the package's files from pkg/ and the whole output folder of `qa-widget build`
// (a single-file index today; a root and its shards once the index is sharded).
function buildQaWidget(corpus, dir) {
  writeQaWidgetSite(dir);
  const start = performance.now();
  execFileSync(join(ROOT, 'target/release/qa-widget'), ['build', ...corpus.qaWidgetInputs, '-o', join(dir, QA_WIDGET_INDEX), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const indexBuildMs = performance.now() - start;
  return { indexBuildMs, indexFiles: listFiles(join(dir, 'index')) };
}

/** Where the page expects the index: its own folder, so that files written beside it are served too. */
export const QA_WIDGET_INDEX = 'index/content.idx';

/** The qa-widget page and the package's files in `dir`; the index goes to `dir`/QA_WIDGET_INDEX. */
export function writeQaWidgetSite(dir) {
  mkdirSync(join(dir, 'index'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'pkg'))) {
    if (/\.(js|wasm)$/.test(name) && !name.includes('standalone')) copyFileSync(join(ROOT, 'pkg', name), join(dir, name));
  }
  writePage(dir, 'qa-widget', { index: QA_WIDGET_INDEX }, { body: `<qa-widget mode="inline" index="${QA_WIDGET_INDEX}"></qa-widget>\n` });
}

// Pagefind: one HTML page per page of the corpus, each section under an <h2 id="section id">,
// so that Pagefind's sub-results name sections; then the pagefind CLI over them.
function buildPagefind(corpus, dir) {
  const pagesDir = join(dir, 'pages');
  mkdirSync(pagesDir);
  for (const page of corpus.pages) writeFileSync(join(pagesDir, `${fileName(page.id)}.html`), pageHtml(page));
  const start = performance.now();
  const output = execFileSync(join(ROOT, 'node_modules/.bin/pagefind'), ['--site', dir, '--glob', 'pages/**/*.html'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const indexBuildMs = performance.now() - start;
  const indexed = output.match(/Indexed (\d+) pages/);
  if (!indexed || Number(indexed[1]) !== corpus.pages.length) throw new Error(`pagefind indexed ${indexed?.[1] ?? 'no'} pages of ${corpus.pages.length}:\n${output}`);
  writePagefindPage(dir);
  return { indexBuildMs, indexFiles: listFiles(join(dir, 'pagefind')) };
}

/** The bench page of a site whose Pagefind bundle is in `dir`/pagefind. */
export const writePagefindPage = (dir) => writePage(dir, 'pagefind', {});

/** A corpus page as HTML: the title as <h1>, each section under <h2 id="its id">. */
export function pageHtml(page) {
  const sections = page.sections.map((s) => {
    const heading = s.heading ? `<h2 id="${escape(s.id)}">${escape(s.heading)}</h2>\n` : '';
    return `<section>\n${heading}${blocks(s.text)}</section>\n`;
  });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(page.title)}</title></head>
<body>
<main>
<h1>${escape(page.title)}</h1>
${sections.join('')}</main>
</body>
</html>
`;
}

/** Paragraphs (blank-line separated) and "- " list items, as the sections' text marks them. */
function blocks(text) {
  return text.split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) return '';
    if (lines.every((l) => l.startsWith('- '))) return `<ul>${lines.map((l) => `<li>${escape(l.slice(2))}</li>`).join('')}</ul>\n`;
    return lines.map((l) => (l.startsWith('- ') ? `<ul><li>${escape(l.slice(2))}</li></ul>\n` : `<p>${escape(l)}</p>\n`)).join('');
  }).join('');
}

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
export const fileName = (id) => id.replace(/[^A-Za-z0-9._~-]/g, '_');

/** One record per section, numbered, for the id-only libraries; and the texts they show. */
function sectionRecords(corpus) {
  const records = [];
  for (const page of corpus.pages) {
    for (const s of page.sections) records.push({ id: records.length, section: s.id, title: page.title, heading: s.heading ?? '', text: s.text });
  }
  return records;
}

function writeTexts(dir, records) {
  writeFileSync(join(dir, 'texts.json'), JSON.stringify(records.map((r) => [r.section, r.title, r.heading, r.text])));
}

// MiniSearch: indexed in Node, serialized with JSON.stringify (its documented way), loaded
// in the page with MiniSearch.loadJSON. The library is bundled and minified with esbuild, as a
// site's build would.
function buildMiniSearch(corpus, dir) {
  const records = sectionRecords(corpus);
  const start = performance.now();
  const index = new MiniSearch(MINISEARCH_OPTIONS);
  index.addAll(records);
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  const indexBuildMs = performance.now() - start;
  writeTexts(dir, records);
  execFileSync(join(ROOT, 'node_modules/.bin/esbuild'), [join(ROOT, 'node_modules/minisearch/dist/es/index.js'), '--bundle', '--minify', '--format=esm', '--log-level=warning', `--outfile=${join(dir, 'minisearch.js')}`]);
  writePage(dir, 'minisearch', { options: MINISEARCH_OPTIONS });
  return { indexBuildMs, indexFiles: listFiles(dir, /\.json$/) };
}

// FlexSearch: indexed in Node, exported chunk by chunk (index.export) into one JSON file of
// [key, data] pairs, imported in the page with index.import. The page loads the package's own
// minified module build, the same file Node imported.
async function buildFlexSearch(corpus, dir) {
  const records = sectionRecords(corpus);
  const start = performance.now();
  const index = new FlexSearch.Index(FLEXSEARCH_OPTIONS);
  for (const r of records) index.add(r.id, `${r.title} ${r.heading} ${r.text}`);
  const chunks = [];
  await index.export((key, data) => {
    chunks.push([key, JSON.parse(data)]);
  });
  writeFileSync(join(dir, 'index.json'), JSON.stringify(chunks));
  const indexBuildMs = performance.now() - start;
  writeTexts(dir, records);
  copyFileSync(join(ROOT, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'), join(dir, 'flexsearch.js'));
  writePage(dir, 'flexsearch', { options: FLEXSEARCH_OPTIONS });
  return { indexBuildMs, indexFiles: listFiles(dir, /\.json$/) };
}

/** Files under `dir` (recursively) and their sizes: what the build wrote. */
function listFiles(dir, pattern = /./) {
  const out = [];
  const walk = (d, prefix) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (pattern.test(name)) out.push({ name: `${prefix}${name}`, bytes: statSync(path).size });
    }
  };
  walk(dir, '');
  return { count: out.length, bytes: out.reduce((n, f) => n + f.bytes, 0) };
}
