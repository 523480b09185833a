// The builder compiled to wasm (npx qa-widget build) against the native CLI: its size, build
// times and peak memory on the demo corpus and on larger inputs given as arguments (MedQuAD's
// pages.jsonl from `make bench-builder`), and whether both wrote the same bytes.
// Usage: node scripts/bench-builder.mjs [INPUT…]   (after `make cli pkg`; RUNS=3 by default)
// Times are the median of RUNS runs: wall clock, and CPU (user + system, V8's compiler threads
// included) from /usr/bin/time, which also gives the peak resident memory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const top = fileURLToPath(new URL('..', import.meta.url));
const NATIVE = join(top, 'target/release/qa-widget');
const NPX_BIN = join(top, 'pkg/bin/qa-widget.js');
const WASM = join(top, 'pkg/qa-widget-builder.wasm');
const RUNS = Number(process.env.RUNS ?? 3);
const TIME = '/usr/bin/time';

const wasm = readFileSync(WASM);
console.log(`builder wasm (${WASM.slice(top.length)}): ${(wasm.length / 1024).toFixed(1)} KB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9`);
console.log(`node ${process.version}, ${RUNS} runs each, median\n`);

const inputs = [join(top, 'corpus/demo'), ...process.argv.slice(2)];
const dir = mkdtempSync(join(tmpdir(), 'qa-widget-bench-builder-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function measure(command, args) {
  const timed = existsSync(TIME);
  const started = process.hrtime.bigint();
  const result = timed
    ? spawnSync(TIME, ['-f', '%U %S %M', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  if (!timed) return { wall };
  const [user, system, maxKb] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system, peakMb: maxKb / 1024 };
}

try {
  // The floor under any build through Node: starting Node itself.
  const start = Array.from({ length: RUNS }, () => measure(process.execPath, ['-e', '0']));
  const cpu = start[0].cpu === undefined ? '' : `, CPU ${median(start.map((r) => r.cpu)).toFixed(2)} s`;
  console.log(`node -e 0 (start-up alone): wall ${median(start.map((r) => r.wall)).toFixed(2)} s${cpu}\n`);
  for (const input of inputs) {
    if (!existsSync(input)) {
      console.log(`${input}: not found, not measured`);
      continue;
    }
    const rows = {};
    for (const [name, command, prefix] of [['native', NATIVE, []], ['wasm', process.execPath, [NPX_BIN]]]) {
      // One folder each and the same file name: a sharded root names its shards after it.
      const folder = join(dir, name);
      mkdirSync(folder, { recursive: true });
      const output = join(folder, 'content.idx');
      const runs = Array.from({ length: RUNS }, () => measure(command, [...prefix, 'build', input, '-o', output, '--quiet']));
      rows[name] = {
        wall: median(runs.map((r) => r.wall)),
        cpu: runs[0].cpu === undefined ? undefined : median(runs.map((r) => r.cpu)),
        peakMb: runs[0].peakMb === undefined ? undefined : Math.max(...runs.map((r) => r.peakMb)),
        bytes: Buffer.concat(readdirSync(folder).sort().map((file) => readFileSync(join(folder, file)))),
        files: readdirSync(folder).length,
      };
    }
    const size = statSync(input).isDirectory() ? 'folder' : `${(statSync(input).size / 1e6).toFixed(1)} MB`;
    console.log(`${input.startsWith(top) ? input.slice(top.length) : input} (${size}):`);
    for (const [name, r] of Object.entries(rows)) {
      const cpu = r.cpu === undefined ? '' : `, CPU ${r.cpu.toFixed(2)} s`;
      const peak = r.peakMb === undefined ? '' : `, peak memory ${r.peakMb.toFixed(0)} MB`;
      console.log(`  ${name.padEnd(6)} wall ${r.wall.toFixed(2)} s${cpu}${peak}`);
    }
    const ratio = (key) => (rows.native[key] ? (rows.wasm[key] / rows.native[key]).toFixed(2) : '–');
    console.log(`  wasm / native: wall ${ratio('wall')}×, CPU ${ratio('cpu')}×; same index bytes (${rows.native.files} file(s)): ${rows.wasm.bytes.equals(rows.native.bytes) ? 'yes' : 'NO'}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
