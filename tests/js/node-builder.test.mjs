// The builder compiled to wasm (pkg/qa-widget-builder.wasm, run by pkg/bin/qa-widget.js) against
// the native CLI (target/release/qa-widget): the same inputs give the same index bytes, the
// same report and the same answers, on every input format.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NATIVE = join(ROOT, 'target/release/qa-widget');
const NPX_BIN = join(ROOT, 'pkg/bin/qa-widget.js');
const WASM = join(ROOT, 'pkg/qa-widget-builder.wasm');

// Every input format: plain text with a manifest (the demo), JSONL, HTML and Markdown sites.
const CORPORA = {
  'demo corpus (txt + manifest)': [join(ROOT, 'corpus/demo')],
  'JSONL records': [join(ROOT, 'tests/fixtures/index-v1-source.jsonl')],
  'HTML site': [join(ROOT, 'tests/bank/sites/eye-clinic')],
  'Markdown site and a single page': [join(ROOT, 'tests/bank/sites/cancer-centre'), join(ROOT, 'tests/bank/sites/sleep-clinic/insomnia.html')],
};

let dir;
const slug = (name) => name.replace(/\W+/g, '-');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-builder-'));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs the native CLI or the wasm one (through Node) with `args` in `cwd`. */
function run(which, args, { cwd, input, env } = {}) {
  const [command, argv] = which === 'native' ? [NATIVE, args] : [process.execPath, [NPX_BIN, ...args]];
  const result = spawnSync(command, argv, { cwd, input, encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return result;
}

/** Builds with both in two folders of their own, with the same relative output names. */
async function buildBoth(name, inputs, extra = []) {
  const out = {};
  for (const which of ['native', 'wasm']) {
    const cwd = join(dir, name, which);
    await mkdir(cwd, { recursive: true });
    const result = run(which, ['build', ...inputs, '-o', 'content.idx', '--report', 'report.json', ...extra], { cwd });
    assert.equal(result.status, 0, `${which}: ${result.stderr}`);
    out[which] = {
      ...result,
      index: await readFile(join(cwd, 'content.idx')),
      report: await readFile(join(cwd, 'report.json'), 'utf8'),
      cwd,
    };
  }
  return out;
}

for (const [name, inputs] of Object.entries(CORPORA)) {
  test(`${name}: the wasm builder writes the native index byte for byte, and the same report`, async () => {
    const { native, wasm } = await buildBoth(slug(name), inputs);
    assert.ok(native.index.length > 1000, 'a real index');
    assert.ok(wasm.index.equals(native.index), `index bytes differ (${wasm.index.length} vs ${native.index.length})`);
    assert.equal(wasm.report, native.report, 'the --report JSON');
    assert.equal(wasm.stdout, native.stdout, 'the printed report');
    assert.equal(wasm.stderr, native.stderr);
    assert.match(wasm.stdout, /^indexed \d+ files/);
  });
}

test('relative paths mean the same, and the report prints them as given', async () => {
  const cwd = join(ROOT, 'corpus');
  const native = run('native', ['build', 'demo', '-o', join(dir, 'relative-native.idx')], { cwd });
  const wasm = run('wasm', ['build', 'demo', '-o', join(dir, 'relative-wasm.idx')], { cwd });
  assert.equal(wasm.status, 0, wasm.stderr);
  assert.match(wasm.stdout, /^ {2}demo\/000_ba5672a1dce806c9\.txt: indexed/m);
  assert.equal(wasm.stdout.replace('relative-wasm', 'relative-native'), native.stdout);
  assert.ok((await readFile(join(dir, 'relative-wasm.idx'))).equals(await readFile(join(dir, 'relative-native.idx'))));
});

test('the same options: synonyms, passage length, BM25 and field weights, --keep-boilerplate', async () => {
  const synonyms = join(dir, 'synonyms.txt');
  await writeFile(synonyms, '# test\nspine, backbone\n');
  const options = ['--synonyms', synonyms, '--max-passage-chars', '400', '--k1', '1.2', '--b', '0.7', '--heading-weight', '2', '--title-weight', '0.3', '--keep-boilerplate', '--quiet'];
  const { native, wasm } = await buildBoth('options', [join(ROOT, 'corpus/demo')], options);
  assert.ok(wasm.index.equals(native.index));
  assert.equal(wasm.stdout, native.stdout);
  const defaults = await readFile(join(dir, slug(Object.keys(CORPORA)[0]), 'native/content.idx'));
  assert.ok(!wasm.index.equals(defaults), 'the options change the index');
});

test('ask answers as the native ask does: text, --json, --explain, questions on stdin', async () => {
  const index = join(dir, slug(Object.keys(CORPORA)[0]), 'native/content.idx');
  const questions = (await readFile(join(ROOT, 'tests/fixtures/questions.txt'), 'utf8')).trim();
  for (const args of [['--json', '--top', '5'], [], ['--explain']]) {
    const native = run('native', ['ask', '--index', index, ...args], { input: questions });
    const wasm = run('wasm', ['ask', '--index', index, ...args], { input: questions });
    assert.equal(wasm.status, 0, wasm.stderr);
    assert.ok(wasm.stdout.split('\n').length > 10, 'answers were printed');
    assert.equal(wasm.stdout, native.stdout, `ask ${args.join(' ')}`);
  }
  const one = run('wasm', ['ask', '--index', index, '--json', 'Is stem cell therapy approved by the FDA?']);
  assert.equal(JSON.parse(one.stdout).answered, true);
});

// The OS error numbers differ (WASI's ENOENT is 44, Linux's 2); the words are the same.
const osErrorNumber = (text) => text.replace(/\(os error \d+\)/g, '(os error N)');

test('errors: the same messages and exit codes', () => {
  const cases = [
    ['build', join(dir, 'no-such-folder'), '-o', join(dir, 'never.idx')],
    ['build', join(ROOT, 'corpus/demo')], // -o missing: a usage error
    ['build', join(ROOT, 'corpus/demo'), '-o', join(dir, 'x.idx'), '--k1', 'much'],
    ['ask', '--index', join(ROOT, 'README.md'), 'hello'],
    ['frobnicate'],
  ];
  for (const args of cases) {
    const native = run('native', args);
    const wasm = run('wasm', args);
    assert.notEqual(native.status, 0, args.join(' '));
    assert.equal(wasm.status, native.status, `exit code of ${args.join(' ')}`);
    assert.equal(osErrorNumber(wasm.stderr), osErrorNumber(native.stderr), `stderr of ${args.join(' ')}`);
  }
});

test('--version is Cargo.toml\'s version, which is the package\'s', async () => {
  const cargo = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^\[package\][\s\S]*?^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(await readFile(join(ROOT, 'pkg/package.json'), 'utf8'));
  assert.equal(pkg.version, cargo, 'pkg/package.json');
  assert.equal(run('wasm', ['--version']).stdout.trim(), `qa-widget ${cargo}`);
  assert.equal(run('native', ['--version']).stdout.trim(), `qa-widget ${cargo}`);
  const www = JSON.parse(await readFile(join(ROOT, 'www/package.json'), 'utf8'));
  assert.equal(www.version, undefined, 'www/package.json keeps no version of its own');
});

test('--standalone without --assets takes the widget from the package', async () => {
  const cwd = join(dir, 'standalone');
  await mkdir(cwd, { recursive: true });
  const wasm = run('wasm', ['build', join(ROOT, 'corpus/demo'), '-o', 'content.idx', '--quiet', '--standalone', 'page.html'], { cwd });
  assert.equal(wasm.status, 0, wasm.stderr);
  const native = run('native', ['build', join(ROOT, 'corpus/demo'), '-o', 'native.idx', '--quiet', '--standalone', 'native.html', '--assets', join(ROOT, 'pkg')], { cwd });
  assert.equal(native.status, 0, native.stderr);
  assert.equal(await readFile(join(cwd, 'page.html'), 'utf8'), await readFile(join(cwd, 'native.html'), 'utf8'));
});

test('a progress bar shows on a terminal for a large input, as natively', async (t) => {
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  assert.equal(script.status, 0, 'script(1), from util-linux, runs the build on a pseudo-terminal');
  // ~2.5 MB of JSONL: over the CLI's 2 MB threshold for a progress bar.
  const lines = [];
  for (let i = 0; lines.join('\n').length < 2_500_000; i++) {
    lines.push(JSON.stringify({ id: `r${i}`, title: `Record ${i}`, text: `Record ${i} is about topic ${i % 97}. `.repeat(40) }));
  }
  const big = join(dir, 'big.jsonl');
  await writeFile(big, `${lines.join('\n')}\n`);
  const onTerminal = (command) => {
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' }, timeout: 120_000 });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    return result.stdout;
  };
  const wasm = onTerminal(`${process.execPath} ${NPX_BIN} build ${big} -o ${join(dir, 'big-wasm.idx')} --quiet`);
  const native = onTerminal(`${NATIVE} build ${big} -o ${join(dir, 'big-native.idx')} --quiet`);
  const frames = (output) => output.match(/reading [█░]+ +[\d.]+ MiB\/[\d.]+ MiB/g) ?? [];
  t.diagnostic(`progress frames: wasm ${frames(wasm).length}, native ${frames(native).length}`);
  assert.ok(frames(native).length > 0, 'the native CLI draws a bar here');
  assert.ok(frames(wasm).length > 0, `the wasm CLI draws one too: ${JSON.stringify(wasm.slice(0, 300))}`);
  // Piped (not a terminal), neither draws.
  assert.doesNotMatch(run('wasm', ['build', big, '-o', join(dir, 'big-piped.idx'), '--quiet']).stderr, /reading/);
});

test('the host implements every WASI function the builder imports', async () => {
  const { IMPLEMENTED } = await import(join(ROOT, 'pkg/build-wasi.js'));
  const module = new WebAssembly.Module(await readFile(WASM));
  const imports = WebAssembly.Module.imports(module);
  assert.ok(imports.length > 10);
  for (const { module: from, name } of imports) {
    assert.equal(from, 'wasi_snapshot_preview1', name);
    assert.ok(IMPLEMENTED.includes(name), `${name} is implemented, not answered with ENOSYS`);
  }
});

test('the builder wasm is a module of its own: the browser engine holds none of it', async (t) => {
  const builder = await readFile(WASM);
  const engine = await readFile(join(ROOT, 'pkg/qa-widget-engine_bg.wasm'));
  const { gzipSync } = await import('node:zlib');
  t.diagnostic(`builder wasm: ${(builder.length / 1024).toFixed(1)} KB raw, ${(gzipSync(builder, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9`);
  const engineImports = WebAssembly.Module.imports(new WebAssembly.Module(engine));
  assert.ok(engineImports.every((i) => i.module !== 'wasi_snapshot_preview1'), 'the engine is not a WASI program');
  assert.ok(engine.length < builder.length / 5, 'the engine stays lean');
});
