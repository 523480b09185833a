// A sharded index in real Chromium: the demo content built as a root and many small shards
// (`--shards always`, small shard sizes), served with the demo page. A question fetches the root
// once and then only the shards it needs, each once and in parallel; the same question again
// fetches nothing; a missing or damaged shard fails that question with a typed error, in plain
// words in the widget, and the next question still works; once the service worker has run,
// what was asked answers offline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stampServiceWorker } from '../../scripts/site.mjs';
import {
  CLI, LAUNCHER, ROOT, assertClean, breakDownloads, launch, openPage, serveSite, serviceWorkerControls, serviceWorkerReady, stageSite,
} from './support/browser.mjs';

const FDA = 'Is stem cell therapy approved by the FDA?';
const SHARD = /^\/content\.[0-9a-f]{16}\.idx$/;
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The demo site with its index sharded small, so that one question needs several shards. */
async function shardedSite() {
  const stage = await stageSite({}, { whole: true });
  execFileSync(CLI, ['build', join(ROOT, 'corpus/demo'), '-o', join(stage.dir, 'content.idx'), '--quiet', '--shards', 'always',
    '--postings-shard-kb', '2', '--texts-shard-kb', '4'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await stampServiceWorker(stage.dir);
  const shards = (await readdir(stage.dir)).filter((name) => SHARD.test(`/${name}`));
  return { ...stage, shards };
}

/** Asks through the launcher's element API; resolves to the answer, or to the error's code. */
function ask(page, question) {
  return page.evaluate(([selector, q]) => document.querySelector(selector).ask(q).then(
    (answer) => ({ answer: { answered: answer.answered, excerpt: answer.results[0]?.excerpt, results: answer.results.length } }),
    (error) => ({ code: error.code, name: error.name, message: error.message }),
  ), [LAUNCHER, question]);
}

test('one question fetches the root and only the shards it needs, each once; asking again fetches nothing', async (t) => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  // No service worker here: its precaching would add requests of its own.
  const { page, problems, close } = await openPage(browser, { serviceWorkers: 'block' });
  try {
    assert.ok(stage.shards.length >= 15, `${stage.shards.length} shards: enough that a question cannot need them all`);
    await page.goto(site.url);
    const mark = site.requests.length;
    const { answer } = await ask(page, FDA);
    assert.ok(answer?.answered, `answered from the shards: ${JSON.stringify(answer)}`);
    assert.match(answer.excerpt, /not universally approved/);
    const requests = site.since(mark);
    const shardRequests = requests.filter((path) => SHARD.test(path));
    assert.equal(requests.filter((path) => path === '/content.idx').length, 1, 'the root once');
    assert.equal(new Set(shardRequests).size, shardRequests.length, `no shard twice: ${shardRequests}`);
    assert.ok(shardRequests.length >= 2 && shardRequests.length < stage.shards.length / 2, `${shardRequests.length} of ${stage.shards.length} shards`);
    t.diagnostic(`one question: ${requests.length} requests (${requests.join(' ')}), ${shardRequests.length} of ${stage.shards.length} shards`);

    const again = site.requests.length;
    assert.ok((await ask(page, FDA)).answer.answered);
    assert.deepEqual(site.since(again), [], 'the same question again: no request');
    assertClean(problems, 'sharded demo');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});

test('the first answer waits only for what it shows; "More answers" and the closest passages fetch the rest', async () => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  const { page, problems, close } = await openPage(browser, { serviceWorkers: 'block' });
  const answers = page.locator(`${LAUNCHER} [part~="message"][part~="answer"]`);
  try {
    await page.goto(site.url);
    await page.locator(`${LAUNCHER} [part~="launcher"]`).click();
    const { answer } = await ask(page, FDA);
    assert.equal(answer?.results, 1, `the answer shown, and no other result yet: ${JSON.stringify(answer)}`);
    const more = answers.last().locator('[part~="more"]');
    let mark = site.requests.length;
    await more.click();
    await answers.last().locator('[part~="result"]').nth(1).waitFor();
    assert.ok(site.since(mark).some((path) => SHARD.test(path)), 'the next result\'s text is fetched when asked for');
    for (let shown = 2; shown < 5; shown++) await more.click();
    await more.waitFor({ state: 'detached' });
    assert.equal(await answers.last().locator('[part~="result"]').count(), 5, 'all five, one click each');

    mark = site.requests.length;
    const unanswered = await ask(page, 'Can stem cells treat Alzheimer\'s disease?');
    assert.deepEqual(unanswered.answer, { answered: false, excerpt: undefined, results: 0 });
    const notCovered = answers.last();
    assert.match(await notCovered.textContent(), /don't cover that/);
    const decided = site.since(mark).length;
    mark = site.requests.length;
    await notCovered.locator('[part~="closest"] summary').click();
    await notCovered.locator('[part~="closest"] [part~="result"]').nth(4).waitFor();
    assert.ok(site.since(mark).some((path) => SHARD.test(path)), `the closest passages' texts came only when opened (${decided} requests before)`);
    assert.match(await notCovered.locator('[part~="closest"] [part~="excerpt"]').first().textContent(), /\w/);
    assertClean(problems, 'sharded demo, later results');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});

test('a missing shard fails that question as shard-unavailable, and the next one works', async () => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  const { page, close } = await openPage(browser, { serviceWorkers: 'block' });
  try {
    // Find the shards the question needs, then take one away.
    await page.goto(site.url);
    const mark = site.requests.length;
    assert.ok((await ask(page, FDA)).answer.answered);
    const needed = site.since(mark).filter((path) => SHARD.test(path));
    await page.goto(site.url); // a fresh engine: nothing in memory
    const hidden = join(stage.dir, needed[needed.length - 1]);
    await rename(hidden, `${hidden}.away`);
    const failed = await ask(page, FDA);
    assert.equal(failed.code, 'shard-unavailable', JSON.stringify(failed));
    assert.equal(failed.name, 'QaWidgetError');
    const shown = await page.locator(`${LAUNCHER} [part~="error"]`).last().textContent();
    assert.match(shown, /can't load its content right now/, 'the widget says so in plain words');
    await rename(`${hidden}.away`, hidden);
    const next = await ask(page, 'How long does it take to see results?');
    assert.ok(next.answer, `the next question is answered: ${JSON.stringify(next)}`);
    assert.ok((await ask(page, FDA)).answer.answered, 'and the first one, now that its shard is back');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});

test('a shard whose download breaks off fails that question as shard-unavailable, and asking again works', async () => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  const { page, close } = await openPage(browser, { serviceWorkers: 'block' });
  try {
    // Every shard's body fails while it comes (a dropped connection), until the page lets them through.
    await breakDownloads(page, SHARD);
    await page.goto(site.url);
    const failed = await ask(page, FDA);
    assert.deepEqual([failed.name, failed.code], ['QaWidgetError', 'shard-unavailable'], JSON.stringify(failed));
    await page.evaluate(() => {
      globalThis.breakDownloads = false;
    });
    assert.ok((await ask(page, FDA)).answer?.answered, 'asked again, once the shards come whole');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});

test('a damaged shard fails that question as corrupt, and the next one works', async () => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  const { page, close } = await openPage(browser, { serviceWorkers: 'block' });
  try {
    await page.goto(site.url);
    const mark = site.requests.length;
    const first = await ask(page, FDA);
    assert.ok(first.answer?.answered, JSON.stringify(first));
    const needed = site.since(mark).filter((path) => SHARD.test(path));
    await page.goto(site.url);
    const damaged = join(stage.dir, needed[0]);
    const good = await readFile(damaged);
    const bad = Buffer.from(good);
    bad[Math.floor(bad.length / 2)] ^= 0x20;
    await writeFile(damaged, bad);
    const failed = await ask(page, FDA);
    assert.equal(failed.code, 'corrupt', JSON.stringify(failed));
    await writeFile(damaged, good);
    assert.ok((await ask(page, FDA)).answer.answered, 'the next question, with the shard repaired');
  } finally {
    await close();
    await site.close();
    await stage.remove();
  }
});

test('the service worker keeps the root and the shards a visitor fetched: those questions answer offline', async () => {
  const stage = await shardedSite();
  const site = await serveSite(stage.dir);
  const { context, page, close } = await openPage(browser);
  try {
    await page.goto(site.url);
    await page.locator(`${LAUNCHER} [part~="launcher"]`).click();
    assert.ok((await ask(page, FDA)).answer.answered);
    await serviceWorkerReady(page);
    await serviceWorkerControls(page);
    // Shards fetched before the worker controlled the page are fetched again through it.
    assert.ok((await ask(page, 'Is stem cell therapy for back pain approved by the FDA?')).answer);
    await page.reload();
    assert.ok((await ask(page, FDA)).answer.answered, 'online, through the worker');

    await context.setOffline(true);
    await site.close();
    await page.reload();
    const offline = await ask(page, FDA);
    assert.ok(offline.answer?.answered, `offline, from the cache: ${JSON.stringify(offline)}`);
    const elsewhere = await ask(page, 'Can I get an IV instead of a shot?');
    assert.ok(elsewhere.answer || elsewhere.code === 'shard-unavailable', `a question needing other shards: ${JSON.stringify(elsewhere)}`);
  } finally {
    await close();
    await stage.remove();
  }
});
