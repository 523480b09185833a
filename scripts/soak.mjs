// Soak test of the wasm engine: many questions through one engine in Node, as a long-lived
// page would ask them: random words, real questions from the question sets, and hostile
// strings (huge, control characters, emoji, right-to-left text, lone surrogates, one word
// repeated 10,000 times), with now and then a bad `top`. It watches the wasm memory
// (WebAssembly.Memory's byte length), which must not grow by more than 1 MB after the
// warm-up, and prints the worst time per question.
//
// Fails only when the memory grows past that or something other than a QaWidgetError is
// thrown; timings are printed, never asserted (the machine is shared).
// Usage: node scripts/soak.mjs [--questions N] [--index site/content.idx]   (after `make site`)
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const total = Number(option('--questions', 100_000));
const indexPath = option('--index', new URL('site/content.idx', root).pathname);
const MAX_GROWTH = 1 << 20;

const { initWasm, load } = await import(new URL('pkg/engine.js', root));
const wasm = await initWasm(readFileSync(new URL('pkg/qa-widget-engine_bg.wasm', root)));
const memory = wasm.memory;
const engine = await load(readFileSync(indexPath));

// A fixed pseudo-random sequence (mulberry32), so that a failure can be replayed.
let seed = 0x9e3779b9;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const read = (path) => readFileSync(new URL(path, root), 'utf8');
const real = read('tests/fixtures/questions.txt').split('\n').filter((q) => q.trim());
for (const file of readdirSync(new URL('tests/bank/tune/', root))) {
  for (const line of read(`tests/bank/tune/${file}`).split('\n').filter(Boolean)) real.push(JSON.parse(line).q);
}
const words = [...new Set(readdirSync(new URL('corpus/demo/', root))
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => read(`corpus/demo/${f}`).toLowerCase().match(/[a-z]{2,}/g) ?? []))];

const randomQuestion = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(words)).join(' ');
const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\x7f\x85\u2028\u202e';
// Each hostile kind, at its largest; the warm-up asks every one, so the memory they need is
// there before the measurement starts.
const hostile = {
  huge: () => Array.from({ length: 20_000 }, () => pick(words)).join(' '), // ~150 KB
  control: () => `${pick(real)} ${controls} \x1b[31mred\x1b[0m \x1b]0;title\x07`,
  emoji: () => `${pick(words)} 👩🏽‍⚕️🦴💉 ${pick(words)} 🇨🇦`.repeat(50),
  rtl: () => `${pick(real)} ما هو العلاج بالخلايا الجذعية؟ \u202eevil\u202c מה המחיר`,
  surrogates: () => `${pick(words)} \ud800 ${pick(words)} \udfff\ud83d x`,
  repeated: () => `${pick(words)} `.repeat(10_000),
  empty: () => pick(['', ' ', '\n\t', '?', '...', '\u200b']),
  numbers: () => `${Math.floor(random() * 1e9)} ${'9'.repeat(400)} 1e308 -0 NaN`,
};
const kinds = Object.keys(hostile);

function question(i) {
  if (i < kinds.length) return [kinds[i], hostile[kinds[i]]()];
  const r = random();
  if (r < 0.45) return ['random', randomQuestion()];
  if (r < 0.9) return ['real', pick(real)];
  const kind = pick(kinds);
  return [kind, hostile[kind]()];
}

const BAD_TOPS = [-1, 1.5, 1001, NaN, Infinity, '3'];
const warmUp = Math.min(1_000, Math.floor(total / 3));
let before = 0;
let badOptions = 0;
let worst = { ms: 0, kind: '', length: 0 };
const times = [];
const started = performance.now();
for (let i = 0; i < total; i++) {
  if (i === warmUp) before = memory.buffer.byteLength;
  const [kind, text] = question(i);
  const badTop = random() < 0.01;
  const top = badTop ? pick(BAD_TOPS) : Math.floor(random() * 6); // 0: the decision alone
  const start = performance.now();
  try {
    const answer = await engine.ask(text, { top });
    if (badTop) throw new Error(`top ${String(top)} was accepted`);
    if (!Array.isArray(answer.results) || answer.results.length > top) throw new Error(`a bad answer for ${kind}`);
  } catch (error) {
    if (error?.name !== 'QaWidgetError' || (badTop && error.code !== 'bad-options')) {
      console.error(`question ${i} (${kind}, ${text.length} characters, top ${String(top)}) threw: ${error?.stack ?? error}`);
      process.exit(1);
    }
    badOptions++;
  }
  const ms = performance.now() - start;
  times.push(ms);
  if (ms > worst.ms) worst = { ms, kind, length: text.length };
}
const seconds = (performance.now() - started) / 1000;
const after = memory.buffer.byteLength;
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
const mb = (bytes) => (bytes / 1048576).toFixed(2);
console.log(`soak: ${total} questions through one wasm engine in ${seconds.toFixed(1)} s (Node ${process.version}), ${badOptions} bad tops refused as bad-options`);
console.log(`  wasm memory: ${mb(before)} MB after ${warmUp} questions of warm-up, ${mb(after)} MB at the end (growth ${after - before} bytes, at most ${MAX_GROWTH})`);
console.log(`  time per question: median ${at(0.5)} ms, p99 ${at(0.99)} ms, worst ${worst.ms.toFixed(2)} ms (${worst.kind}, ${worst.length} characters)`);
if (after - before > MAX_GROWTH) {
  console.error(`the wasm memory grew by ${after - before} bytes after the warm-up: something is kept per question`);
  process.exit(1);
}
