// Query time of the wasm engine, as a browser's JavaScript engine runs it (V8, under Node),
// on the demo index unless another is given. Prints the figures; fails only if the demo's
// median reaches 1 ms, the budget.
// Usage: node scripts/bench-query.mjs [index] [--questions FILE] [--rounds N] [--baseline DIR]
//   (after `make site`). The index may be a sharded root: its shards are read from beside it
//   while the first round warms up, so only answering is timed. FILE: one question a line, or
//   JSONL with a `text` field (LiveQA-Med's queries.jsonl); tests/fixtures/questions.txt by
//   default. N rounds over the questions (100 by default).
// --baseline DIR: another build's engine (DIR/engine.js and DIR/qa-widget-engine_bg.wasm,
// e.g. the pkg/ of a `git worktree` at an older commit), timed in the same process, question
// by question in turn with this one. This machine's speed swings by 1.5–2× from one run to
// the next, so only figures taken side by side tell two builds apart.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url);
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : null;
};
const baseline = option('--baseline');
const questionsPath = option('--questions') ?? fileURLToPath(new URL('tests/fixtures/questions.txt', root));
const rounds = Number(option('--rounds') ?? 100);
// The 1 ms budget is the demo index's.
const budgeted = args[0] === undefined;
const indexPath = resolve(args[0] ?? fileURLToPath(new URL('site/content.idx', root)));
const questions = readFileSync(questionsPath, 'utf8')
  .split('\n')
  .filter((q) => q.trim())
  .map((line) => (questionsPath.endsWith('.jsonl') ? JSON.parse(line).text : line));
// A sharded root's shards, from beside it on disk.
const fromDisk = async (url) => new Response(readFileSync(fileURLToPath(url)));

async function engineFrom(folder) {
  const { initWasm, load } = await import(new URL('engine.js', folder));
  await initWasm(readFileSync(new URL('qa-widget-engine_bg.wasm', folder)));
  const engine = await load(pathToFileURL(indexPath), { fetch: fromDisk });
  if (engine.sharded) for (const question of questions) await engine.ask(question);
  return engine;
}

const builds = [{ name: 'this build', engine: await engineFrom(new URL('pkg/', root)), timings: [] }];
if (baseline) builds.push({ name: `baseline ${baseline}`, engine: await engineFrom(pathToFileURL(`${resolve(baseline)}/`)), timings: [] });

const sharded = builds[0].engine.sharded;
// A visitor's first question runs before the JIT has optimised anything (on a sharded root,
// after `engineFrom` has asked each question once to load the shards it needs).
let start = performance.now();
await builds[0].engine.ask(questions[0], { top: 3 });
const first = performance.now() - start;
// Let the JIT settle; a one-file index answers at once, and awaiting would time the event loop.
for (let i = 0; i < 3000; i++) for (const { engine } of builds) await engine.ask(questions[i % questions.length]);
for (let round = 0; round < rounds; round++) {
  for (const question of questions) {
    // Each build goes first every other round, so neither gains from the other's warm caches.
    for (const build of round % 2 ? builds : [...builds].reverse()) {
      start = performance.now();
      if (sharded) await build.engine.ask(question, { top: 3 });
      else build.engine.ask(question, { top: 3 });
      build.timings.push(performance.now() - start);
    }
  }
}
const info = builds[0].engine.info();
console.log(`query time in wasm (Node ${process.version}), ${indexPath}: ${info.passages} passages, ${info.terms} terms${sharded ? `, ${info.shards} shards` : ''}`);
console.log(`  first question after loading: ${(first * 1000).toFixed(0)} µs`);
let median;
for (const { name, timings } of builds) {
  timings.sort((a, b) => a - b);
  const at = (p) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))];
  const mean = timings.reduce((a, b) => a + b, 0) / timings.length;
  median ??= at(0.5);
  const label = builds.length > 1 ? `${name}, ` : '';
  console.log(`  ${label}${timings.length} questions: median ${(at(0.5) * 1000).toFixed(0)} µs, mean ${(mean * 1000).toFixed(0)} µs, p95 ${(at(0.95) * 1000).toFixed(0)} µs, max ${(at(1) * 1000).toFixed(0)} µs`);
}
if (budgeted && median >= 1) {
  console.error('the median query time reached the 1 ms budget');
  process.exit(1);
}
