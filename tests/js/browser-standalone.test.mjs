// `qa-widget build … --standalone page.html`: one HTML file (widget, engine, wasm and index
// inlined) that answers from file:// with no network at all, for kiosks, intranets and email.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, INLINE, ROOT, assertClean, launch, openPage, transcript, widget } from './support/browser.mjs';

const FDA = 'Is stem cell therapy approved by the FDA?';
let browser;
let dir;
let pagePath;

before(async () => {
  browser = await launch();
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-standalone-'));
  pagePath = join(dir, 'clinic answers.html'); // a space: file URLs are escaped properly
  execFileSync(CLI, ['build', join(ROOT, 'corpus/demo'), '-o', join(dir, 'content.idx'), '--quiet',
    '--standalone', pagePath, '--assets', join(ROOT, 'pkg')], { stdio: ['ignore', 'ignore', 'inherit'] });
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the standalone page is one file with nothing external', async (t) => {
  const html = await readFile(pagePath, 'utf8');
  const size = (await stat(pagePath)).size;
  t.diagnostic(`standalone page for corpus/demo: ${size} bytes`);
  assert.deepEqual(html.match(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//gi), null, 'no src/href to another host');
  assert.deepEqual(html.match(/<(?:link|iframe|img|object|embed)\b/gi), null, 'no linked resources');
  const scripts = html.match(/<script\b[^>]*>/gi);
  assert.deepEqual(scripts, ['<script type="module">'], 'one inline module script, no src');
  assert.equal(html.match(/<\/script/gi).length, 1, 'the inlined JS cannot end its script early');
  assert.doesNotMatch(html, /<!--/, 'nor open an HTML comment inside it');
  assert.match(html, /index="data:application\/octet-stream;base64,[A-Za-z0-9+/]+=*"/);
  assert.match(html, /wasm="data:application\/wasm;base64,AGFzbQ[A-Za-z0-9+/]+=*"/);
  // The inlined index is the one the CLI wrote next to it, byte for byte.
  const inlined = Buffer.from(html.match(/index="data:[^,]+,([^"]+)"/)[1], 'base64');
  assert.ok(inlined.equals(await readFile(join(dir, 'content.idx'))), 'the inlined index is the built index');
  const wasm = Buffer.from(html.match(/wasm="data:[^,]+,([^"]+)"/)[1], 'base64');
  assert.ok(wasm.equals(await readFile(join(ROOT, 'pkg/qa-widget-engine_bg.wasm'))), 'the inlined wasm is the built wasm');
});

test('opened from file:// with every network request refused, it answers through the UI', async () => {
  const { context, page, problems, close } = await openPage(browser);
  await context.setOffline(true);
  const network = [];
  const files = [];
  // Routes see file: URLs too (data: URLs are read without a request): let the page's own
  // file through and refuse, and count, everything else.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) {
      files.push(url);
      return route.continue();
    }
    network.push(url);
    return route.abort('internetdisconnected');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !network.includes(url)) network.push(url);
  });
  const url = pathToFileURL(pagePath).href;
  await page.goto(url);
  assert.match(await page.title(), /\S/, 'the page has a title');
  assert.match(await page.locator('h1').textContent(), /Stem Cell Therapy/i, 'titled after the first document');
  assert.match(await page.locator('main').textContent(), /works offline/);

  const w = widget(page, INLINE);
  await w.suggestion.first().waitFor({ state: 'visible' }); // the engine loaded by itself
  await w.input.fill(FDA);
  await w.input.press('Enter');
  await w.answers(1);
  const [question, answer] = await transcript(page, INLINE);
  assert.equal(question.text, `You asked: ${FDA}`);
  assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/);
  assert.match(answer.text, /Source: .+ › /, 'with its source');
  // A second question, and a suggestion, still without a request.
  await w.input.fill('How long does recovery take?');
  await w.input.press('Enter');
  await w.answers(2);

  assert.deepEqual(network, [], 'no request left file://');
  assert.deepEqual(files, [url], 'the only file read is the page itself');
  assertClean(problems, 'standalone page');
  await close();
});

test('without the built package, the CLI says to run make pkg or pass --assets', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'qa-widget-no-assets-'));
  try {
    const run = spawnSync(CLI, ['build', join(ROOT, 'corpus/demo'), '-o', join(empty, 'x.idx'), '--quiet',
      '--standalone', join(empty, 'page.html'), '--assets', empty], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /make pkg/);
    assert.match(run.stderr, /--assets/);
    await assert.rejects(stat(join(empty, 'page.html')), { code: 'ENOENT' }, 'no half-made page');
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});
