// `make bench`: qa-widget, Pagefind, MiniSearch and FlexSearch side by side, in one run, in
// headless Chromium, on the same pages and questions, served by one server.
//
// For each corpus and system: bytes (as transferred: gzip -9 where it shrinks a body) and
// requests to the first answer, and the time to it, each in a fresh browser context per
// question; warm times per question in one page after its first answer; and, on MedQuAD,
// LiveQA-Med nDCG@10 from each system's ranking of section ids. Prints one table per corpus
// and writes bench/results.json and a TREC run per system (bench/runs/).
//
// Usage: node scripts/bench/run.mjs [--smoke] [--corpora demo,medquad] [--systems a,b]
//          [--questions N] [--repeats N] [--shared ../shared] [--out bench]
// (after `make site`; SHARED in the environment also sets --shared).
// --smoke: the demo corpus, three questions, every system; fails only when a system errors
// or shows nothing, never on a figure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../../tests/js/support/browser.mjs';
import { demoCorpus, medquadCorpus } from './corpora.mjs';
import { liveqa, median, percentile, writeRun } from './metrics.mjs';
import { measurer } from './measure.mjs';
import { serveBench } from './server.mjs';
import { buildSystem, SYSTEMS } from './systems.mjs';
import { printSystems, printTables } from './table.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    corpora: { type: 'string' },
    systems: { type: 'string' },
    questions: { type: 'string' },
    repeats: { type: 'string' },
    shared: { type: 'string', default: process.env.SHARED || '../shared' },
    out: { type: 'string', default: 'bench' },
  },
});
const shared = resolve(ROOT, args.shared);
const out = resolve(ROOT, args.out);
const www = join(out, 'www');
const corpusNames = (args.corpora ?? (args.smoke ? 'demo' : 'demo,medquad')).split(',');
const systems = args.systems ? SYSTEMS.filter((s) => args.systems.split(',').includes(s.name)) : SYSTEMS;
const maxQuestions = args.questions ? Number(args.questions) : Infinity;
const repeats = Number(args.repeats ?? (args.smoke ? 1 : 3));
const RANK_DEPTH = 100; // the LiveQA-Med protocol's top 100

const progress = (line) => process.stderr.write(`${line}\n`);
const started = performance.now();

const corpora = corpusNames.map((name) => {
  if (name === 'demo') return demoCorpus(ROOT, shared, { smoke: args.smoke });
  if (name === 'medquad') return medquadCorpus(shared);
  throw new Error(`unknown corpus ${name}: demo or medquad`);
});

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverage: { start: loadavg()[0] } },
  method: {
    bytes: 'sum of the response bodies as sent: gzip -9 (Content-Encoding: gzip) where that is smaller than the body, else the body as is (Pagefind gzips its own index files); headers not counted',
    requests: 'every request the server saw from navigation start to the first answer shown, in a fresh browser context per question (page, scripts, wasm, index data, fragments)',
    firstAnswer: 'performance.now() in the page (ms since navigation start) when the first results are in the DOM; the question is asked as soon as the page\'s script runs',
    warm: 'one page, after its first answer: each question once as a new question (single timing, 5 µs timer), then repeated rounds (batched timings); the time to get what the page shows for the top 5 (qa-widget: ask with excerpts; Pagefind: search + data() of the top 5; others: search + texts)',
    noResult: 'questions whose first answer (cold) or warm search showed no result. qa-widget\'s "not covered" on a sharded index shows none until the visitor opens its closest passages, so there the cold count is its not-covered replies',
    quality: `LiveQA-Med 2017: each system ranks section ids (top ${RANK_DEPTH}) in its warm page; nDCG@10 with gain = grade − 1 over the judged questions, a question with no results scoring 0 (trec_eval -c)`,
  },
  corpora: [],
};

const server = await serveBench(www);
const browser = await launch();
results.machine.chromium = browser.version();
const { coldRun, warmRun } = measurer(browser, server, { repeats, rankDepth: RANK_DEPTH });
const failures = [];
try {
  for (const corpus of corpora) {
    const questions = corpus.questions.slice(0, maxQuestions);
    const entry = { name: corpus.name, description: corpus.description, questions: questions.length, systems: [] };
    results.corpora.push(entry);
    for (const system of systems) {
      const dir = join(www, corpus.name, system.name);
      progress(`[${corpus.name}] ${system.name}: building`);
      const build = await buildSystem(system, corpus, dir);
      await server.prime(dir);
      const url = `${server.url}${corpus.name}/${system.name}/`;
      progress(`[${corpus.name}] ${system.name}: ${questions.length} cold contexts`);
      const cold = [];
      for (const question of questions) cold.push(await coldRun(url, question));
      progress(`[${corpus.name}] ${system.name}: warm page`);
      const warm = await warmRun(url, questions, corpus.qrels);
      const record = {
        name: system.name,
        version: system.version(),
        defaults: system.defaults,
        returns: system.returns,
        build,
        cold: summarizeCold(cold),
        warm: summarizeWarm(warm),
      };
      if (corpus.qrels && warm.rankings) {
        record.quality = liveqa(questions, warm.rankings, corpus.qrels);
        mkdirSync(join(out, 'runs'), { recursive: true });
        writeRun(join(out, 'runs', `${corpus.name}-${system.name}.run`), questions, warm.rankings, system.name);
      }
      const problems = [...cold.flatMap((c) => c.problems), ...warm.problems];
      record.problems = [...new Set(problems)].slice(0, 20);
      const empty = cold.filter((c) => !c.error && c.items.length === 0).length;
      if (cold.some((c) => c.error) || warm.error) failures.push(`${corpus.name}/${system.name}: ${cold.find((c) => c.error)?.error ?? warm.error}`);
      else if (args.smoke && (empty || warm.questions.some((q) => q.results === 0))) failures.push(`${corpus.name}/${system.name}: no results for ${empty || 'some'} question(s)`);
      entry.systems.push(record);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
results.elapsedSeconds = (performance.now() - started) / 1000;
results.machine.loadAverage.end = loadavg()[0];
mkdirSync(out, { recursive: true });
const jsonPath = join(out, args.smoke ? 'results-smoke.json' : 'results.json');
writeFileSync(jsonPath, `${JSON.stringify(results, null, 1)}\n`);
printTables(results);
printSystems(results);
console.log(`\n${jsonPath.replace(`${ROOT}/`, '')} written; ${results.elapsedSeconds.toFixed(0)} s in all`);
if (failures.length) {
  console.error(`\nbench failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}

function summarizeCold(runs) {
  const ok = runs.filter((r) => !r.error);
  const pick = (key) => ok.map((r) => r[key]);
  const kinds = Object.fromEntries(['page', 'scripts', 'wasm', 'index'].map((k) => [k, median(ok.map((r) => r.byKind[k]))]));
  return {
    contexts: runs.length,
    errors: runs.length - ok.length,
    empty: ok.filter((r) => r.items.length === 0).length,
    bytes: { median: median(pick('bytes')), p90: percentile(pick('bytes'), 0.9), max: percentile(pick('bytes'), 1), medianByKind: kinds },
    requests: { median: median(pick('requests')), p90: percentile(pick('requests'), 0.9), max: percentile(pick('requests'), 1) },
    ms: { median: median(pick('ms')), p90: percentile(pick('ms'), 0.9), max: percentile(pick('ms'), 1) },
    answered: ok.some((r) => r.note?.answered != null) ? ok.filter((r) => r.note?.answered).length : null,
    perQuestion: runs.map(({ problems, ...rest }) => rest),
  };
}

function summarizeWarm(warm) {
  if (warm.error) return { error: warm.error };
  // The first question was this page's first answer: it is not new here.
  const fresh = warm.questions.slice(1);
  const newMs = fresh.map((q) => q.ms);
  const repeatMs = warm.questions.map((q) => median(q.repeatMs)).filter((v) => v != null);
  return {
    questions: warm.questions.length,
    newMs: { median: median(newMs), p95: percentile(newMs, 0.95), max: percentile(newMs, 1) },
    repeatMs: { median: median(repeatMs), p95: percentile(repeatMs, 0.95), max: percentile(repeatMs, 1) },
    requestsPerNewQuestion: warm.requests / Math.max(1, fresh.length),
    bytesPerNewQuestion: warm.bytes / Math.max(1, fresh.length),
    empty: warm.questions.filter((q) => q.results === 0).length,
    perQuestion: warm.questions,
  };
}
