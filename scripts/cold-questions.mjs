// What a first-time visitor's question costs, in headless Chromium on loopback: each question in
// a fresh browser context (empty caches) on a minimal page holding one inline <qa-widget>, asked
// as soon as the page has loaded. Prints, per question, the requests (the page and scripts
// included), the bytes to the first answer (gzip -9 of every response, as a server compressing
// them would send them) and the time from navigation to the answer; then, in one warm context
// that has seen every question once, the time of each question asked again.
//
// Usage (after `make pkg` and `cargo build --release`):
//   node scripts/cold-questions.mjs --pages ../shared/data/medquad/pages.jsonl \
//        --questions ../shared/data/liveqa-med/queries.jsonl [--limit N] [--json out.json] [--build-args "…"]
// With --site DIR instead of --pages, DIR must already hold content.idx (and its shards).
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/js/support/browser.mjs';
import { asTyped } from './bench/corpora.mjs';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Ask</title>'
  + '<script type="module" src="qa-widget.js"></script></head><body><qa-widget mode="inline" index="content.idx" suggestions="0"></qa-widget></body></html>';

function questions(text) {
  return text.split('\n').filter((l) => l.trim()).map((line) => {
    try {
      const record = JSON.parse(line);
      return record.text ?? record.q ?? record.question;
    } catch {
      return line.trim();
    }
  }).filter(Boolean).map(asTyped);
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.round((values.length - 1) * p))];

async function prepareSite() {
  const dir = args.site ?? await mkdtemp(join(tmpdir(), 'qa-widget-cold-'));
  if (!args.site) {
    const extra = args['build-args'] ? args['build-args'].split(' ').filter(Boolean) : [];
    execFileSync(join(root, 'target/release/qa-widget'), ['build', args.pages, '-o', join(dir, 'content.idx'), '--quiet', ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  for (const name of ['qa-widget.js', 'qa-widget-engine_bg.wasm']) await cp(join(root, 'pkg', name), join(dir, name));
  await writeFile(join(dir, 'index.html'), PAGE);
  return dir;
}

const dir = await prepareSite();
const list = questions(await readFile(args.questions, 'utf8')).slice(0, Number(args.limit ?? Infinity));
const { server, url, requests } = await serve(dir);
const gzipped = new Map();
const gzipSize = async (path) => {
  if (!gzipped.has(path)) gzipped.set(path, gzipSync(await readFile(join(dir, path === '/' ? 'index.html' : path)), { level: 9 }).length);
  return gzipped.get(path);
};
const browser = await launch();

const cold = [];
try {
  for (const question of list) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const mark = requests.length;
    const started = Date.now();
    await page.goto(url);
    const result = await page.evaluate(async (q) => {
      const element = document.querySelector('qa-widget');
      await customElements.whenDefined('qa-widget');
      const answer = await element.ask(q);
      return { answered: answer.answered, results: answer.results.length, at: performance.now() };
    }, question);
    const paths = requests.slice(mark);
    let bytes = 0;
    for (const path of paths) bytes += await gzipSize(path);
    cold.push({ question, requests: paths.length, shards: paths.filter((p) => /\.[0-9a-f]{16}\.idx$/.test(p)).length, bytes, ms: result.at, wall_ms: Date.now() - started, answered: result.answered });
    await context.close();
  }

  // Warm: one context, every question once to fetch its shards, then each again, timed.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(url);
  const warm = await page.evaluate(async (qs) => {
    const { load } = await import('./qa-widget.js');
    const engine = await load('content.idx');
    for (const q of qs) await engine.ask(q, { top: 5 });
    const times = [];
    for (let round = 0; round < 5; round++) {
      for (const q of qs) {
        const start = performance.now();
        await engine.ask(q, { top: 5 });
        times.push(performance.now() - start);
      }
    }
    return times;
  }, list);
  await context.close();

  const column = (key) => cold.map((c) => c[key]);
  const show = (what, values, unit, scale = 1) =>
    console.log(`  ${what.padEnd(34)} median ${(percentile(values, 0.5) / scale).toFixed(1).padStart(8)} ${unit}   p90 ${(percentile(values, 0.9) / scale).toFixed(1).padStart(8)} ${unit}`);
  const info = execFileSync('du', ['-sh', dir]).toString().split('\t')[0];
  console.log(`cold, ${cold.length} questions, each in a fresh context (${info} of index files served from ${dir}):`);
  show('requests (page and scripts included)', column('requests'), '');
  show('  of which shards', column('shards'), '');
  show('bytes to the first answer (gzip -9)', column('bytes'), 'KB', 1024);
  show('time to the first answer', column('ms'), 'ms');
  console.log(`  answered: ${cold.filter((c) => c.answered).length} of ${cold.length}`);
  console.log(`warm, ${warm.length} questions (5 rounds), shards in memory:`);
  show('time per question', warm, 'ms');
  console.log(`  p95 ${percentile(warm, 0.95).toFixed(2)} ms`);
  if (args.json) await writeFile(args.json, JSON.stringify({ cold, warm }, null, 1));
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
  if (!args.site) await rm(dir, { recursive: true, force: true });
}
