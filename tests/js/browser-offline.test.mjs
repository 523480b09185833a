// The demo page offline (kiosk, waiting room): once a visitor has used the assistant, its
// service worker holds the page and everything the assistant needs in one versioned cache.
// The network is cut for real: the HTTP server is closed (its port refuses connections), the
// context is set offline and every request that still reaches the network layer is aborted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PRECACHE, stampServiceWorker } from '../../scripts/site.mjs';
import {
  LAUNCHER, assertClean, cacheContents, launch, openPage, serveSite, serviceWorkerControls,
  serviceWorkerReady, stageSite, widget,
} from './support/browser.mjs';

const FDA = 'Is stem cell therapy approved by the FDA?';
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The cache version stamped into a staged site's sw.js. */
async function stampedVersion(dir) {
  const worker = await readFile(join(dir, 'sw.js'), 'utf8');
  return worker.match(/^const VERSION = '([0-9a-f]{16})';$/m)[1];
}

/** First visit, online: open the launcher, get an answer, wait for the worker to take over. */
async function visitAndAsk(page, url) {
  await page.goto(url);
  const w = widget(page, LAUNCHER);
  await w.launcher.click();
  await w.input.fill(FDA);
  await w.input.press('Enter');
  await w.answers(1);
  assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/);
  await serviceWorkerReady(page);
  await serviceWorkerControls(page);
}

test('after one online visit, the page and the assistant work with the server gone', async (t) => {
  const stage = await stageSite({}, { whole: true });
  const site = await serveSite(stage.dir);
  const { context, page, problems, close } = await openPage(browser);
  try {
    // Nothing of the worker before the visitor opens the assistant.
    await page.goto(site.url);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
    assert.ok(!site.requests.includes('/sw.js'), 'the service worker is not even downloaded with the page');

    await visitAndAsk(page, site.url);
    const version = await stampedVersion(stage.dir);
    const expected = PRECACHE.map((path) => new URL(path, site.url).href).sort();
    assert.deepEqual(await cacheContents(page), { [`qa-widget-demo-${version}`]: expected },
      'one versioned cache holding the page, CSS, JS, glue, wasm and index');

    // Cut the network: abort whatever reaches it, go offline, and close the server.
    const aborted = [];
    await context.route('**/*', (route) => {
      aborted.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    await site.close();
    await assert.rejects(fetch(site.url), 'the port refuses connections');
    // Do routes see the service worker's own fetches here? Either way they cannot succeed.
    const [worker] = context.serviceWorkers();
    const probe = `${site.url}probe-from-worker`;
    const outcome = await worker.evaluate((url) => fetch(url).then((r) => `HTTP ${r.status}`, (e) => `failed (${e.name})`), probe);
    assert.match(outcome, /^failed/, 'a fetch from the service worker fails');
    t.diagnostic(`a service worker fetch ${aborted.includes(probe) ? 'is' : 'is not'} intercepted by context.route in this Playwright/Chromium; the closed server refuses it either way`);

    // Reload: everything comes from the cache.
    problems.length = 0;
    aborted.length = 0;
    const responses = [];
    page.on('response', (response) => responses.push({ url: response.url(), status: response.status(), worker: response.fromServiceWorker() }));
    await page.reload();
    assert.match(await page.locator('h1').textContent(), /Stem cell therapy for back pain/);
    const styled = await page.evaluate(() => [...document.styleSheets].find((s) => s.href?.endsWith('/demo.css'))?.cssRules.length ?? 0);
    assert.ok(styled > 10, 'the stylesheet loaded from the cache');
    const w = widget(page, LAUNCHER);
    await w.launcher.click();
    await w.input.fill(FDA);
    await w.input.press('Enter');
    await w.answers(1);
    assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/);
    const paths = responses.map((r) => new URL(r.url).pathname);
    for (const file of ['/', '/demo.css', '/qa-widget.js', '/qa-widget-engine_bg.wasm', '/content.idx']) {
      assert.ok(paths.includes(file), `${file} was loaded after the reload: ${paths}`);
    }
    assert.deepEqual(responses.filter((r) => !r.worker || r.status !== 200), [], 'every response came from the service worker');
    assert.deepEqual(aborted, [], 'nothing had to go to the network');
    assertClean(problems, 'offline reload');
  } finally {
    await close();
    await site.close().catch(() => {});
    await stage.remove();
  }
});

test('a new build gets a new cache, and the old one is deleted once the new worker is active', async () => {
  const stage = await stageSite({}, { whole: true });
  const site = await serveSite(stage.dir);
  const { page, problems, close } = await openPage(browser);
  try {
    await visitAndAsk(page, site.url);
    const before = await stampedVersion(stage.dir);
    assert.deepEqual(Object.keys(await cacheContents(page)), [`qa-widget-demo-${before}`]);

    // A new build: one asset changes, so the stamped version does.
    await appendFile(join(stage.dir, 'demo.css'), '\n/* rebuilt */\n');
    const { version } = await stampServiceWorker(stage.dir);
    assert.notEqual(version, before);

    // The next visit finds the new worker; it installs, activates and removes the old cache.
    await page.reload();
    const settled = await page.evaluate(async (name) => {
      for (let tries = 0; tries < 100; tries++) {
        const keys = await caches.keys();
        if (keys.length === 1 && keys[0] === name && navigator.serviceWorker.controller?.state === 'activated') return true;
        await new Promise((done) => setTimeout(done, 100));
      }
      return caches.keys();
    }, `qa-widget-demo-${version}`);
    assert.equal(settled, true, `within 10 s, only the new cache is left: ${settled}`);
    const contents = await cacheContents(page);
    assert.deepEqual(contents, { [`qa-widget-demo-${version}`]: PRECACHE.map((path) => new URL(path, site.url).href).sort() });
    const css = await page.evaluate(async () => (await (await caches.open((await caches.keys())[0])).match('demo.css')).text());
    assert.ok(css.endsWith('/* rebuilt */\n'), 'the new cache holds the new build');
    // And the page now gets the new file from it.
    await page.reload();
    assert.ok((await page.evaluate(() => fetch('demo.css').then((r) => r.text()))).endsWith('/* rebuilt */\n'));
    assertClean(problems, 'update');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});
