// A front-end developer without Rust: in a fresh folder, with Node and npm only and no cargo or
// rustc on PATH, `npm install` the packed tarball and Vite, `npx qa-widget build content -o
// public/content.idx`, `vite build`, and the widget answers in Chromium. Then the same app with
// its index built by the Vite plugin (from the content folder, and from the built pages), and
// the plugin's dev server rebuilding the index when the content changes.
//
// The app is tests/vite-app's page and scripts; Vite is the version its package.json pins,
// from npm's cache after the first run (`--prefer-offline`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { INLINE, ROOT, assertClean, launch, openPage, serveSite, widget } from './support/browser.mjs';

const FIXTURE = join(ROOT, 'tests/vite-app');
const NATIVE = join(ROOT, 'target/release/qa-widget');
const FDA = 'Is stem cell therapy approved by the FDA?';
const PARKING = 'Where can patients park?';

/** PATH without any folder that holds cargo or rustc (rustup's ~/.cargo/bin among them). */
const NO_RUST_PATH = process.env.PATH.split(delimiter)
  .filter((folder) => folder && !['cargo', 'rustc'].some((tool) => existsSync(join(folder, tool))))
  .join(delimiter);
// NO_COLOR: under CI=1 Vite prints in colour, and escape codes then split the printed URL.
const ENV = { ...process.env, PATH: NO_RUST_PATH, NO_COLOR: '1' };

let browser;
let dir;
let app;
let engineWasm;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: app, env: ENV, encoding: 'utf8', timeout: 300_000, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

before(async () => {
  for (const tool of ['cargo', 'rustc']) {
    assert.equal(spawnSync(tool, ['--version'], { env: ENV }).error?.code, 'ENOENT', `${tool} is not on the test's PATH`);
  }
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-npx-'));
  app = join(dir, 'site');
  const [{ filename }] = JSON.parse(run('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', dir, '--json'], { cwd: dir }));
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'clinic-site', private: true, type: 'module' }));
  for (const name of ['index.html', 'src', 'vite.plugin.config.js']) await cp(join(FIXTURE, name), join(app, name), { recursive: true });
  await cp(join(ROOT, 'corpus/demo'), join(app, 'content'), { recursive: true });
  const vite = JSON.parse(await readFile(join(FIXTURE, 'package.json'), 'utf8')).devDependencies.vite;
  run('npm', ['install', join(dir, filename), `vite@${vite}`, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app });
  engineWasm = await readFile(join(app, 'node_modules/qa-widget/qa-widget-engine_bg.wasm'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (dir && !process.env.KEEP) await rm(dir, { recursive: true, force: true });
});

/** Opens the app and gets the FDA answer from `load()` (shown by the app) and from the widget. */
async function answersInChromium(url, what) {
  const { page, problems, close } = await openPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#answer').dataset.state !== 'loading');
    const answer = page.locator('#answer');
    assert.equal(await answer.getAttribute('data-state'), 'answered', `${what}: ${await answer.textContent()}`);
    assert.match(await answer.textContent(), /not universally approved/);
    const w = widget(page, INLINE);
    await w.input.fill(FDA);
    await w.input.press('Enter');
    await w.answers(1);
    assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/, what);
    assertClean(problems, what);
  } finally {
    await close();
  }
}

async function serveAndAnswer(dist, what) {
  const site = await serveSite(dist);
  try {
    await answersInChromium(site.url, what);
    assert.ok(site.requests.includes('/content.idx'), `${what}: the index was fetched`);
  } finally {
    await site.close();
  }
}

const ask = async (indexBytes, question) => {
  const { load } = await import(join(app, 'node_modules/qa-widget/engine.js'));
  return (await load(indexBytes, { wasm: engineWasm })).ask(question, { top: 1 });
};

test('npx qa-widget build, then vite build: the widget answers, from an index identical to the native one', async () => {
  const printed = run('npx', ['--no', 'qa-widget', 'build', 'content', '-o', 'public/content.idx']);
  assert.match(printed, /^indexed 5 files \(1 skipped\) into 5 documents, \d+ passages and \d+ terms: public\/content\.idx/);
  assert.match(printed, /^ {2}content\/000_ba5672a1dce806c9\.txt: indexed into \d+ passages/m);
  const native = execFileSync(NATIVE, ['build', 'content', '-o', join(dir, 'native.idx')], { cwd: app, encoding: 'utf8' });
  assert.equal(printed.replace('public/content.idx', join(dir, 'native.idx')), native, 'the report the native CLI prints');
  assert.ok((await readFile(join(app, 'public/content.idx'))).equals(await readFile(join(dir, 'native.idx'))), 'the same bytes');

  const answer = JSON.parse(run('npx', ['--no', 'qa-widget', 'ask', '--index', 'public/content.idx', '--json', FDA]));
  assert.equal(answer.answered, true);

  run('npx', ['--no', 'vite', 'build', '--logLevel', 'warn']);
  await serveAndAnswer(join(app, 'dist'), 'npx build + vite build');
});

test('the Vite plugin indexes the content folder and emits the index as an asset of the build', async () => {
  await rm(join(app, 'public'), { recursive: true, force: true }); // no index but the plugin's
  const printed = run('npx', ['--no', 'vite', 'build', '--config', 'vite.plugin.config.js']);
  assert.match(printed, /qa-widget: indexed 5 files \(1 skipped\) into 5 documents/);
  const dist = join(app, 'dist-plugin');
  const built = await readFile(join(dist, 'content.idx'));
  assert.ok(built.equals(await readFile(join(dir, 'native.idx'))), 'the index the CLI builds');
  // The app took the URL from the virtual module: it is in the bundle, not hard-coded in the app.
  const scripts = (await readdir(join(dist, 'assets'))).filter((f) => f.endsWith('.js'));
  const bundled = (await Promise.all(scripts.map((f) => readFile(join(dist, 'assets', f), 'utf8')))).join('\n');
  assert.ok(/[`"']\/content\.idx[`"']/.test(bundled), 'the URL "/content.idx" is in the bundle');
  await serveAndAnswer(dist, 'Vite plugin, content folder');
});

test('the Vite plugin with pages: true indexes the HTML pages the build wrote, with their URLs', async () => {
  await mkdir(join(app, 'public/sleep'), { recursive: true });
  for (const name of ['narcolepsy.html', 'snoring.html']) {
    await cp(join(ROOT, 'tests/bank/sites/sleep-clinic', name), join(app, 'public/sleep', name));
  }
  const printed = run('npx', ['--no', 'vite', 'build', '--config', 'vite.plugin.config.js'], { env: { ...ENV, QA_WIDGET_PAGES: '1' } });
  // The app's own page is the site's home page: a landing page, left out (the report says so).
  assert.match(printed, /qa-widget: indexed 2 files \(1 skipped\)/, 'the two pages copied from public/, not the app page');
  const index = await readFile(join(app, 'dist-pages/content.idx'));
  const narcolepsy = await ask(index, 'What is narcolepsy?');
  assert.equal(narcolepsy.answered, true);
  assert.equal(narcolepsy.results[0].source.url, '/sleep/narcolepsy.html');
  await rm(join(app, 'public'), { recursive: true, force: true });
});

test("the plugin's dev server serves the index and rebuilds it when the content changes", async () => {
  // Vite's own bin, in a process group of its own, so that stopping it stops all it started.
  const vite = join(app, 'node_modules/vite/bin/vite.js');
  const server = spawn(process.execPath, [vite, '--config', 'vite.plugin.config.js', '--port', '0', '--host', '127.0.0.1'], {
    cwd: app, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await waitFor(() => withoutEscapes(output).match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0], () => `the dev server did not start:\n${output}`);
    const index = async () => Buffer.from(await (await fetch(`${url}content.idx`)).arrayBuffer());
    assert.equal((await ask(await index(), FDA)).answered, true);
    assert.equal((await ask(await index(), PARKING)).answered, false, 'the content does not say yet');
    await answersInChromium(url, 'Vite dev server with the plugin');

    await writeFile(join(app, 'content/parking.txt'), 'Parking\n\nPatients park for free in the clinic garage on Elm Street, which is open around the clock.\n');
    await waitFor(async () => (await ask(await index(), PARKING)).answered, () => `the index was not rebuilt:\n${output}`);
    assert.match(output, /qa-widget: indexed 6 files/);
  } finally {
    process.kill(-server.pid);
  }
});

/** The text a terminal would show: colour escape codes removed. */
function withoutEscapes(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Polls `check` until it returns something truthy (at most 30 s). */
async function waitFor(check, message) {
  const until = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(message());
    await new Promise((done) => setTimeout(done, 200));
  }
}
