// `make bench-scale`: a site of 300,000+ passages, stated rather than tested. Builds it with
// `qa-widget build` under /usr/bin/time -v (wall time, peak memory), reports the size of the
// index root (and of any files beside it), then the bytes, requests and time to the first
// answer of a few LiveQA questions in fresh Chromium contexts. Then Pagefind on growing
// slices of the same site, under a memory cap, to see where it stops.
//
// The corpus (bench/scale/corpus.jsonl, generated, git-ignored):
//   - MedQuAD as a site (6,168 pages), as it is;
//   - SciFact's 5,183 abstracts, one page each;
//   - VARIANTS rewritten copies of MedQuAD: each section's sentences in another order, the
//     sections of a page in another order, and every rare word (in at most 2 sections of
//     MedQuAD) spelled anew per copy, so that the vocabulary grows as a real site's does
//     (Heaps' law) instead of staying MedQuAD's. Deterministic (a seeded generator).
//
// Usage: node scripts/bench/scale.mjs [--shared ../shared] [--variants 8]
//          [--pagefind-pages 15000,30000,60000] [--pagefind-memory-gb 8] [--questions 3]
//          [--steps qa-widget,pagefind]
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../../tests/js/support/browser.mjs';
import { medquadCorpus } from './corpora.mjs';
import { measurer } from './measure.mjs';
import { percentile } from './metrics.mjs';
import { serveBench } from './server.mjs';
import { fileName, pageHtml, QA_WIDGET_INDEX, writePagefindPage, writeQaWidgetSite } from './systems.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const { values: args } = parseArgs({
  options: {
    shared: { type: 'string', default: process.env.SHARED || '../shared' },
    out: { type: 'string', default: 'bench/scale' },
    variants: { type: 'string', default: '8' },
    'pagefind-pages': { type: 'string', default: '15000,30000,60000' },
    'pagefind-memory-gb': { type: 'string', default: '8' },
    questions: { type: 'string', default: '3' },
    steps: { type: 'string', default: 'qa-widget,pagefind' },
  },
});
const steps = new Set(args.steps.split(','));
const shared = resolve(ROOT, args.shared);
const out = resolve(ROOT, args.out);
const progress = (line) => process.stderr.write(`${line}\n`);
const MB = 1024 * 1024;
const LETTERS = 'bcdfghjklmnpqrstvwxz';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. The corpus.
const medquad = medquadCorpus(shared);
const scifact = readFileSync(join(shared, 'data/scifact/corpus.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const pages = [...medquad.pages];
for (const doc of scifact) pages.push({ id: `scifact-${doc.id}`, title: doc.title, url: null, sections: [{ id: `scifact-${doc.id}`, heading: null, text: doc.text }] });
const rare = rareWords(medquad.pages);
for (let v = 1; v <= Number(args.variants); v++) {
  const random = seeded(v);
  for (const page of medquad.pages) {
    pages.push({
      id: `${page.id}~${v}`,
      title: respell(page.title, rare, v),
      url: page.url ? `${page.url}?copy=${v}` : null,
      sections: shuffle(page.sections.map((s) => ({
        id: `${s.id}~${v}`,
        heading: respell(s.heading, rare, v),
        text: shuffle(sentences(s.text), random).map((t) => respell(t, rare, v)).join(' '),
      })), random),
    });
  }
}
const corpusPath = join(out, 'corpus.jsonl');
await writeLines(corpusPath, pages.map((p) => JSON.stringify(p)));
const corpusBytes = statSync(corpusPath).size;
progress(`scale corpus: ${pages.length} pages, ${pages.reduce((n, p) => n + p.sections.length, 0)} sections, ${(corpusBytes / 1e6).toFixed(0)} MB`);

// 2. qa-widget build, timed.
const site = join(out, 'www/qa-widget');
let qaWidget = null;
if (steps.has('qa-widget')) {
  writeQaWidgetSite(site);
  const reportPath = join(out, 'build-report.json');
  const build = timed(join(ROOT, 'target/release/qa-widget'), ['build', corpusPath, '-o', join(site, QA_WIDGET_INDEX), '--quiet', '--report', reportPath, '--max-file-size', '1GB'] /* one 235 MB JSONL file, past the 64 MB default */);
  if (build.status !== 0) throw new Error(`qa-widget build failed:\n${build.stderr}`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const indexDir = dirname(join(site, QA_WIDGET_INDEX));
  const files = readdirSync(indexDir).map((name) => ({ name, bytes: statSync(join(indexDir, name)).size }));
  qaWidget = {
    passages: report.passages,
    terms: report.terms,
    build: { seconds: build.seconds, peakKb: build.peakKb },
    root: files.find((f) => f.name === basename(QA_WIDGET_INDEX))?.bytes ?? null,
    files,
  };
  progress(`qa-widget build: ${report.passages} passages, ${report.terms} terms, ${build.seconds.toFixed(0)} s, peak ${gb(build.peakKb)} GB`);
}

// 3. Pagefind on growing slices, capped.
const pagefindRuns = [];
if (steps.has('pagefind')) {
  for (const size of args['pagefind-pages'].split(',').map(Number).filter((n) => n <= pages.length)) {
    const dir = join(out, `www/pagefind-${size}`);
    mkdirSync(join(dir, 'pages'), { recursive: true });
    for (const page of pages.slice(0, size)) writeFileSync(join(dir, 'pages', `${fileName(page.id)}.html`), pageHtml(page));
    const run = timed(join(ROOT, 'node_modules/.bin/pagefind'), ['--site', dir, '--glob', 'pages/**/*.html'], { memoryGb: Number(args['pagefind-memory-gb']) });
    const indexed = Number(run.stdout.match(/Indexed (\d+) pages/)?.[1] ?? 0);
    const ok = run.status === 0 && indexed === size;
    const error = ok ? null : `exit ${run.status}, ${indexed} of ${size} pages indexed: ${lastLines(run.stderr || run.stdout)}`;
    pagefindRuns.push({ pages: size, ok, seconds: run.seconds, peakKb: run.peakKb, error });
    progress(`pagefind ${size} pages: ${ok ? 'ok' : `FAILED (${error})`} in ${run.seconds.toFixed(0)} s, peak ${gb(run.peakKb)} GB`);
    if (!ok) break;
    rmSync(join(dir, 'pages'), { recursive: true, force: true }); // the bundle stays for the browser run
  }
}

// 4. The first answer, in fresh contexts.
const questions = medquad.questions.slice(0, Number(args.questions));
const server = await serveBench(join(out, 'www'));
const browser = await launch();
const { coldRun } = measurer(browser, server);
const firstAnswers = {};
try {
  const sites = [];
  if (qaWidget) sites.push({ name: 'qa-widget', dir: site });
  const largest = pagefindRuns.filter((r) => r.ok).at(-1);
  if (largest) {
    const dir = join(out, `www/pagefind-${largest.pages}`);
    writePagefindPage(dir);
    sites.push({ name: `pagefind (${largest.pages} pages)`, dir });
  }
  for (const { name, dir } of sites) {
    await server.prime(dir);
    firstAnswers[name] = [];
    for (const q of questions) firstAnswers[name].push(await coldRun(`${server.url}${basename(dir)}/`, q));
  }
} finally {
  await browser.close();
  await server.close();
}

writeFileSync(join(out, 'results.json'), `${JSON.stringify({ corpus: { pages: pages.length, bytes: corpusBytes, variants: Number(args.variants) }, qaWidget, firstAnswers, pagefind: pagefindRuns, pagefindMemoryCapGb: Number(args['pagefind-memory-gb']) }, null, 1)}\n`);

console.log(`scale run: ${pages.length} pages (MedQuAD + SciFact + ${args.variants} rewritten copies of MedQuAD), ${(corpusBytes / 1e6).toFixed(0)} MB of JSONL`);
if (qaWidget) {
  console.log(`qa-widget build: ${qaWidget.passages} passages, ${qaWidget.terms} terms; ${qaWidget.build.seconds.toFixed(1)} s wall, peak RSS ${gb(qaWidget.build.peakKb)} GB (/usr/bin/time -v, 2 cores)`);
  console.log(`index: root ${(qaWidget.root / MB).toFixed(2)} MB; ${qaWidget.files.length} file(s) in all, ${(qaWidget.files.reduce((n, f) => n + f.bytes, 0) / MB).toFixed(2)} MB`);
}
for (const [system, runs] of Object.entries(firstAnswers)) {
  for (const run of runs) {
    const question = questions.find((q) => q.id === run.question);
    const line = run.error ? `error: ${run.error}` : `${(run.bytes / 1024).toFixed(1)} KB in ${run.requests} requests, ${run.ms.toFixed(0)} ms, ${run.items.length} results`;
    console.log(`  first answer, ${system}, LiveQA ${run.question} (${question.text.slice(0, 40)}…): ${line}`);
  }
  const ok = runs.filter((r) => !r.error);
  if (ok.length) console.log(`  ${system}: median ${(percentile(ok.map((r) => r.bytes), 0.5) / 1024).toFixed(1)} KB to the first answer (gzip where smaller)`);
}
for (const run of pagefindRuns) {
  console.log(`pagefind ${run.pages} pages: ${run.ok ? 'built' : `stopped: ${run.error}`} in ${run.seconds.toFixed(0)} s, peak RSS ${gb(run.peakKb)} GB (address space capped at ${args['pagefind-memory-gb']} GB)`);
}

function gb(kb) {
  return (kb / 1024 / 1024).toFixed(2);
}

/** Runs a command under /usr/bin/time -v: { status, seconds, peakKb, stdout, stderr }. */
function timed(command, commandArgs, { memoryGb } = {}) {
  // An address-space cap (ulimit -v) so that a runaway build fails here instead of taking
  // the shared machine's memory.
  const cap = memoryGb ? `ulimit -v ${Math.round(memoryGb * 1024 * 1024)}; ` : '';
  const run = spawnSync('bash', ['-c', `${cap}exec /usr/bin/time -v "$@"`, 'timed', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 256 * MB });
  const field = (name) => run.stderr.match(new RegExp(`${name}: (.*)`))?.[1]?.trim();
  const clock = (field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)') ?? '0:0').split(':').map(Number);
  const seconds = clock.reduce((total, part) => total * 60 + part, 0);
  return { status: run.status, seconds, peakKb: Number(field('Maximum resident set size \\(kbytes\\)') ?? 0), stdout: run.stdout, stderr: run.stderr };
}

function lastLines(text, n = 3) {
  return text.trim().split('\n').filter((l) => !/^\s*(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l)).slice(-n).join(' | ');
}

/** Words (lower case) found in at most 2 sections of MedQuAD. */
function rareWords(medquadPages) {
  const df = new Map();
  for (const page of medquadPages) {
    for (const s of page.sections) {
      for (const w of new Set(`${s.heading ?? ''} ${s.text}`.toLowerCase().match(/[a-z]{4,}/g) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  return new Set([...df].filter(([, n]) => n <= 2).map(([w]) => w));
}

function respell(text, rare, copy) {
  if (!text) return text;
  const suffix = LETTERS[copy % LETTERS.length] + LETTERS[Math.floor(copy / LETTERS.length) % LETTERS.length];
  return text.replace(/[A-Za-z]{4,}/g, (w) => (rare.has(w.toLowerCase()) ? `${w}${suffix}` : w));
}

function sentences(text) {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"(])/);
}

function shuffle(items, random) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function seeded(seed) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function writeLines(path, lines) {
  return new Promise((done, fail) => {
    const stream = createWriteStream(path);
    stream.on('error', fail);
    stream.on('finish', done);
    for (const line of lines) stream.write(`${line}\n`);
    stream.end();
  });
}
