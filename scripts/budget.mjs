// Size budgets, measured as a visitor's browser receives them (gzip -9), printed and checked.
// Usage: node scripts/budget.mjs   (after `make site`)
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

const KB = 1024;
const budgets = [
  // 60 KB. Index format v2 took it from 55.5 to 64.0 KB (shards, the occurrences derived at
  // load, the decoder's limits, relations, the fitted answer decision); back to 59.1 KB on
  // 2026-12-02 (stable Rust) by: the JS functions declared in src/wasm/sys.rs instead of
  // js-sys (-1.0 KB), the CRC table made at run time (-1.4 KB), LLVM's inline threshold 12
  // in .cargo/config.toml (-0.4 KB), wasm-opt inlining one-caller functions only when tiny
  // (Makefile, -2.0 KB). What is left is mostly the engine itself and core's panic and
  // formatting paths (the stemmer's string slicing keeps char's Debug and its Unicode tables).
  // 59.9 -> 52.1 KB on 2026-12-03: std rebuilt by a dated nightly, and a panic aborts without
  // formatting its message (Makefile, WASM_TOOLCHAIN), which took those paths out. 52.1 -> 51.4
  // KB on 2026-12-04: std's optimize_for_size and wasm-opt's --low-memory-unused (Makefile).
  { file: 'pkg/qa-widget-engine_bg.wasm', what: 'the wasm', max: 60 * KB },
  { file: 'pkg/qa-widget.js', what: "the widget's JS entry", max: 15 * KB },
];
const firstAnswer = [
  'site/index.html',
  'site/qa-widget.js',
  'site/qa-widget-engine_bg.wasm',
  'site/content.idx',
];

function gzipSize(file) {
  return execFileSync('gzip', ['-9c', file], { maxBuffer: 64 * 1024 * 1024 }).length;
}

function row(file, gz, note = '') {
  const raw = statSync(file).size;
  return `${file.padEnd(32)} ${(raw / KB).toFixed(1).padStart(7)} KB ${(gz / KB).toFixed(1).padStart(7)} KB gzip  ${note}`;
}

let failed = false;
console.log('budgets (gzip -9):');
for (const { file, what, max } of budgets) {
  const gz = gzipSize(file);
  const ok = gz <= max;
  failed ||= !ok;
  console.log(row(file, gz, `${what}: budget ${(max / KB).toFixed(0)} KB ${ok ? 'ok' : 'OVER BUDGET'}`));
}
let total = 0;
console.log('\nbytes to the first answer on the demo page (gzip -9):');
for (const file of firstAnswer) {
  const gz = gzipSize(file);
  total += gz;
  console.log(row(file, gz));
}
console.log(`${'total'.padEnd(32)} ${''.padStart(10)} ${(total / KB).toFixed(1).padStart(7)} KB gzip`);
if (failed) {
  console.error('\na size budget is exceeded');
  process.exit(1);
}
