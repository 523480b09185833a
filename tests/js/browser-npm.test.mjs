// The npm package in an app, as a front-end developer uses it: `npm pack pkg/`, install the
// tarball into a copy of tests/vite-app/, bundle with Vite (and with webpack 5), serve the
// output and use it in Chromium: the <qa-widget> element and the programmatic `load()`.
//
// npm downloads (vite, webpack and their dependencies, pinned by tests/vite-app's lockfile)
// come from npm's own cache after the first run (`--prefer-offline`), so the test takes a few
// seconds once warm.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INLINE, ROOT, SITE, assertClean, launch, openPage, serveSite, widget } from './support/browser.mjs';

const FIXTURE = join(ROOT, 'tests/vite-app');
const FDA = 'Is stem cell therapy approved by the FDA?';
let browser;
let dir;
let app;
let wasm;

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-npm-app-'));
  const [{ filename }] = JSON.parse(run('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', dir, '--json'], dir));
  app = join(dir, 'app');
  await cp(FIXTURE, app, { recursive: true, filter: (path) => !/^(node_modules|dist|dist-webpack)$/.test(basename(path)) });
  await mkdir(join(app, 'public'), { recursive: true });
  await cp(join(SITE, 'content.idx'), join(app, 'public/content.idx'));
  // The bundlers from the fixture's lockfile, and the package from its tarball, in one go.
  run('npm', ['install', join(dir, filename), '--prefer-offline', '--no-audit', '--no-fund'], app);
  wasm = await readFile(join(ROOT, 'pkg/qa-widget-engine_bg.wasm'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every file under `folder`, as paths relative to it. */
async function files(folder) {
  return (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(folder.length + 1))
    .sort();
}

/** Checks a bundler's output folder: the wasm is an asset of its own, the engine's JS in the entry once. */
async function checkOutput(dist, bundler) {
  const built = await files(dist);
  const wasmFiles = built.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasmFiles.length, 1, `${bundler}: one .wasm asset in ${built}`);
  assert.ok((await readFile(join(dist, wasmFiles[0]))).equals(wasm), `${bundler}: the package's wasm, as it is`);
  // The engine's JS (the wasm glue) travels in the entry, so the first question asks for the
  // wasm and the index at once; the element and load() share that one copy.
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const entry = html.match(/<script[^>]*\ssrc="?([^"\s>]+)/)[1].replace(/^\//, '');
  let copies = 0;
  for (const chunk of built.filter((f) => f.endsWith('.js'))) {
    copies += (await readFile(join(dist, chunk), 'utf8')).split('failed to fetch Wasm').length - 1;
  }
  assert.equal(copies, 1, `${bundler}: one copy of the wasm glue in ${built}`);
  assert.match(await readFile(join(dist, entry), 'utf8'), /failed to fetch Wasm/, `${bundler}: the wasm glue is in the entry ${entry}`);
  return built;
}

/**
 * Opens the app at `url` and gets an answer through the programmatic path (shown in plain DOM
 * by the app) and through the element's UI. Resolves to the responses, { path, status, type }.
 */
async function useApp(url, bundler) {
  const { page, problems, close } = await openPage(browser);
  const responses = [];
  page.on('response', (r) => responses.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] }));
  try {
    await page.goto(url);
    const answer = page.locator('#answer');
    await page.waitForFunction(() => document.querySelector('#answer').dataset.state !== 'loading');
    assert.equal(await answer.getAttribute('data-state'), 'answered', `${bundler}: ${await answer.textContent()}`);
    assert.match(await answer.textContent(), /not universally approved/);
    const w = widget(page, INLINE);
    await w.input.fill(FDA);
    await w.input.press('Enter');
    await w.answers(1);
    assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/);
    assert.equal(await w.answer.first().locator('[part~="error"]').count(), 0);
    const wasmResponses = responses.filter((r) => r.path.endsWith('.wasm'));
    assert.equal(wasmResponses.length, 1, `${bundler}: the wasm is fetched once, for both uses`);
    assert.deepEqual([wasmResponses[0].status, wasmResponses[0].type], [200, 'application/wasm'], bundler);
    assertClean(problems, `${bundler} app`); // no 404, no failed request, no console error
    return responses;
  } finally {
    await close();
  }
}

/** Serves a build and uses it; every request must be for a file of the build. */
async function serveAndUse(dist, bundler) {
  const built = await checkOutput(dist, bundler);
  const site = await serveSite(dist);
  try {
    await useApp(site.url, bundler);
    for (const path of site.requests.map((p) => p.replace(/^\//, ''))) {
      assert.ok(path === '' || built.includes(path), `${bundler}: ${path} is a file of the build`);
    }
    assert.ok(site.requests.includes('/content.idx'), `${bundler}: the index was fetched`);
  } finally {
    await site.close();
  }
}

test('Vite bundles the package: the wasm becomes an asset, the element and load() both answer', async () => {
  run(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  await serveAndUse(join(app, 'dist'), 'vite');
});

test('webpack 5 bundles the package the same way', async () => {
  run(process.execPath, ['build-webpack.mjs'], app);
  await serveAndUse(join(app, 'dist-webpack'), 'webpack');
});

test("Vite's dev server serves the package as it is (pre-bundled, with the wasm found)", async () => {
  const vite = createRequire(join(app, 'package.json')).resolve('vite');
  const { createServer } = await import(pathToFileURL(vite).href);
  const server = await createServer({ root: app, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  try {
    const responses = await useApp(server.resolvedUrls.local[0], 'vite dev');
    assert.ok(responses.some((r) => r.path.includes('/qa-widget')), 'the package is served from the install');
  } finally {
    await server.close();
  }
});
