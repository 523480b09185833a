// Query time of the wasm engine on the demo index, as a browser's JavaScript engine runs it
// (V8, under Node). Prints the figures; fails only if the median reaches 1 ms, the budget.
// Usage: node scripts/bench-query.mjs [index] [--baseline DIR]   (after `make site`)
// --baseline DIR: another build's engine (DIR/engine.js and DIR/qa-widget-engine_bg.wasm,
// e.g. the pkg/ of a `git worktree` at an older commit), timed in the same process, question
// by question in turn with this one. This machine's speed swings by 1.5–2× from one run to
// the next, so only figures taken side by side tell two builds apart.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url);
const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? args.splice(baselineAt, 2)[1] : null;
const indexPath = args[0] ?? new URL('site/content.idx', root).pathname;
const questions = readFileSync(new URL('tests/fixtures/questions.txt', root), 'utf8')
  .split('\n')
  .filter((q) => q.trim());

async function engineFrom(folder) {
  const { initWasm, load } = await import(new URL('engine.js', folder));
  await initWasm(readFileSync(new URL('qa-widget-engine_bg.wasm', folder)));
  return load(readFileSync(indexPath));
}

const builds = [{ name: 'this build', engine: await engineFrom(new URL('pkg/', root)), timings: [] }];
if (baseline) builds.push({ name: `baseline ${baseline}`, engine: await engineFrom(pathToFileURL(`${resolve(baseline)}/`)), timings: [] });

// A visitor's first question runs before the JIT has optimised anything.
let start = performance.now();
builds[0].engine.ask(questions[0], { top: 3 });
const first = performance.now() - start;
for (let i = 0; i < 3000; i++) for (const { engine } of builds) engine.ask(questions[i % questions.length]); // let the JIT settle
for (let round = 0; round < 100; round++) {
  for (const question of questions) {
    // Each build goes first every other round, so neither gains from the other's warm caches.
    for (const build of round % 2 ? builds : [...builds].reverse()) {
      start = performance.now();
      build.engine.ask(question, { top: 3 });
      build.timings.push(performance.now() - start);
    }
  }
}
const info = builds[0].engine.info();
console.log(`query time in wasm (Node ${process.version}), demo index: ${info.passages} passages, ${info.terms} terms`);
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
if (median >= 1) {
  console.error('the median query time reached the 1 ms budget');
  process.exit(1);
}
