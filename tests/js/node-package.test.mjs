// The npm package as built in pkg/ (`make pkg`), seen from Node: it imports without a DOM (as
// server-side rendering does), its `exports` map and `bin` resolve from a real install of the
// packed tarball, `load()` from the entry answers, and the tarball holds exactly the intended
// files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = join(ROOT, 'pkg');
const FDA = 'Is stem cell therapy approved by the FDA?';

// What the published package holds, and nothing else (npm adds README/LICENSE when present).
const INTENDED = [
  'package.json',
  'qa-widget.js',
  'qa-widget.d.ts',
  'qa-widget.standalone.js',
  'engine.js',
  'engine.d.ts',
  'qa-widget-engine_bg.wasm',
  'qa-widget-engine_bg.wasm.d.ts',
  'custom-elements.json',
  'translations/fr.js',
  // The builder (the CLI compiled to wasm) and its Node entry points.
  'bin/qa-widget.js',
  'build.js',
  'build-wasi.js',
  'build-worker.js',
  'build.d.ts',
  'vite.js',
  'vite.d.ts',
  'qa-widget-builder.wasm',
].sort();

let dir;
let installed; // require() bound to a module inside the temporary install

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-npm-node-'));
  const [{ filename }] = JSON.parse(npm(['pack', PKG, '--pack-destination', dir, '--json'], dir));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // A local tarball with no dependencies installs without the registry.
  npm(['install', join(dir, filename), '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  installed = createRequire(join(dir, 'consumer.js'));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the entry, the engine and the standalone bundle import in Node without a DOM', async () => {
  assert.equal(globalThis.document, undefined);
  const entry = await import(pathToFileURL(join(PKG, 'qa-widget.js')).href);
  assert.equal(typeof entry.QaWidgetElement, 'function');
  assert.equal(typeof entry.load, 'function');
  const engine = await import(pathToFileURL(join(PKG, 'engine.js')).href);
  assert.equal(typeof engine.load, 'function');
  assert.equal(typeof engine.initWasm, 'function');
  const standalone = await import(pathToFileURL(join(PKG, 'qa-widget.standalone.js')).href);
  assert.equal(typeof standalone.load, 'function');
  assert.equal(typeof standalone.QaWidgetElement, 'function');
});

test('the exports map resolves, from an install of the packed tarball, to files that exist', async () => {
  const manifest = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  const expected = {
    'qa-widget': 'qa-widget.js',
    'qa-widget/engine': 'engine.js',
    'qa-widget/standalone': 'qa-widget.standalone.js',
    'qa-widget/qa-widget-engine_bg.wasm': 'qa-widget-engine_bg.wasm',
    'qa-widget/build': 'build.js',
    'qa-widget/vite': 'vite.js',
    'qa-widget/qa-widget-builder.wasm': 'qa-widget-builder.wasm',
    'qa-widget/package.json': 'package.json',
  };
  for (const [specifier, file] of Object.entries(expected)) {
    const path = installed.resolve(specifier);
    assert.equal(path, join(dir, 'node_modules/qa-widget', file), specifier);
    assert.ok((await stat(path)).size > 0, `${specifier} → ${path} exists`);
  }
  // Every "types" condition points at a declaration file in the package.
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'object') {
      assert.ok(target.types.endsWith('.d.ts'), subpath);
      assert.ok((await stat(join(dir, 'node_modules/qa-widget', target.types))).size > 0, `${subpath} types`);
    }
  }
  assert.ok((await stat(join(dir, 'node_modules/qa-widget', manifest.types))).size > 0);
  // The wasm resolves to the file engine.js locates with `new URL(…, import.meta.url)`.
  const engineSource = await readFile(installed.resolve('qa-widget/engine'), 'utf8');
  assert.match(engineSource, /new URL\(["']\.\/qa-widget-engine_bg\.wasm["'], import\.meta\.url\)/);
  // The wasm glue and the WASI host are private.
  assert.throws(() => installed.resolve('qa-widget/qa-widget-engine.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  assert.throws(() => installed.resolve('qa-widget/build-wasi.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});

test('the qa-widget command is installed: bin/qa-widget.js, executable, runs with Node', async () => {
  const manifest = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { 'qa-widget': './bin/qa-widget.js' });
  const link = join(dir, 'node_modules/.bin/qa-widget');
  assert.ok(((await stat(link)).mode & 0o111) !== 0, 'executable');
  assert.match(await readFile(link, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  assert.equal(execFileSync(link, ['--version'], { encoding: 'utf8' }).trim(), `qa-widget ${manifest.version}`);
  assert.match(manifest.engines.node, /^>=18/);
});

test('load() from the installed entry answers a question in Node, given the index and wasm bytes', async () => {
  const entry = await import(pathToFileURL(installed.resolve('qa-widget')).href);
  const wasm = await readFile(installed.resolve('qa-widget/qa-widget-engine_bg.wasm'));
  const engine = await entry.load(await readFile(join(ROOT, 'site/content.idx')), { wasm });
  const answer = engine.ask(FDA);
  assert.equal(answer.question, FDA);
  assert.equal(answer.answered, true);
  assert.match(answer.results[0].excerpt, /not universally approved/);
  assert.ok(engine.suggestions(3).length > 0);
  assert.ok(engine.info().passages > 0);
  engine.free();
});

test('without the wasm bytes, Node gets an error that says what to pass', async () => {
  // A fresh module instance: the installed copy above has its wasm already.
  const { load } = await import(`${pathToFileURL(join(PKG, 'engine.js')).href}?no-wasm`);
  await assert.rejects(load(await readFile(join(ROOT, 'site/content.idx'))), (error) => {
    assert.equal(error.code, 'wasm-unavailable');
    assert.match(error.message, /pass its bytes/);
    return true;
  });
});

test('npm pack lists exactly the intended files: no tests, no sources', () => {
  const [report] = JSON.parse(npm(['pack', '--dry-run', '--json'], PKG));
  const files = report.files.map((f) => f.path).sort();
  const extras = files.filter((f) => /^(README|LICEN[CS]E)(\.md)?$/i.test(f));
  assert.deepEqual(files.filter((f) => !extras.includes(f)), INTENDED);
  assert.ok(report.files.every((f) => f.size > 0), 'no empty file');
  assert.equal(report.name, 'qa-widget');
});
