// Query time of the wasm engine on the demo index, as a browser's JavaScript engine runs it
// (V8, under Node). Prints the figures; fails only if the median reaches 1 ms, the budget.
// Usage: node scripts/bench-query.mjs [index]   (after `make site`)
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const indexPath = process.argv[2] ?? new URL('site/content.idx', root).pathname;
const questions = readFileSync(new URL('tests/fixtures/questions.txt', root), 'utf8')
  .split('\n')
  .filter((q) => q.trim());

const { initWasm, load } = await import(new URL('pkg/engine.js', root));
await initWasm(readFileSync(new URL('pkg/qa-widget-engine_bg.wasm', root)));
const engine = await load(readFileSync(indexPath));

// A visitor's first question runs before the JIT has optimised anything.
let start = performance.now();
engine.ask(questions[0], { top: 3 });
const first = performance.now() - start;
for (let i = 0; i < 3000; i++) engine.ask(questions[i % questions.length]); // let the JIT settle
const timings = [];
for (let round = 0; round < 100; round++) {
  for (const question of questions) {
    start = performance.now();
    engine.ask(question, { top: 3 });
    timings.push(performance.now() - start);
  }
}
timings.sort((a, b) => a - b);
const at = (p) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))];
const mean = timings.reduce((a, b) => a + b, 0) / timings.length;
const info = engine.info();
console.log(`query time in wasm (Node ${process.version}), demo index: ${info.passages} passages, ${info.terms} terms`);
console.log(`  first question after loading: ${(first * 1000).toFixed(0)} µs`);
console.log(`  ${timings.length} questions: median ${(at(0.5) * 1000).toFixed(0)} µs, mean ${(mean * 1000).toFixed(0)} µs, p95 ${(at(0.95) * 1000).toFixed(0)} µs, max ${(at(1) * 1000).toFixed(0)} µs`);
if (at(0.5) >= 1) {
  console.error('the median query time reached the 1 ms budget');
  process.exit(1);
}
