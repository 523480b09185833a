// The demo page in real headless Chromium, driven as a visitor would: click, type, press keys.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  INLINE, LAUNCHER, SITE, assertClean, engineRequests, focused, launch, openPage, serveSite,
  holdIndex, serviceWorkerReady, transcript, widget,
} from './support/browser.mjs';

const FDA = 'Is stem cell therapy approved by the FDA?';
let browser;
let site;

before(async () => {
  browser = await launch();
  site = await serveSite();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('the widget module imports in Node (server-side rendering) without touching the DOM', async () => {
  const module = await import(new URL('../../pkg/qa-widget.js', import.meta.url));
  assert.equal(typeof module.QaWidgetElement, 'function');
  assert.equal(typeof module.load, 'function');
});

test('the demo page loads clean, and nothing of the engine loads before the launcher opens', async () => {
  const { page, problems, close } = await openPage(browser);
  const mark = site.requests.length;
  await page.goto(site.url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await widget(page).launcher.waitFor({ state: 'visible' });
  // The favicon is declared and served.
  const favicon = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="icon"]');
    const response = await fetch(link.href);
    return { status: response.status, type: response.headers.get('content-type') };
  });
  assert.deepEqual(favicon, { status: 200, type: 'image/svg+xml' });
  assertClean(problems, 'demo page');
  const loaded = site.since(mark);
  assert.ok(loaded.includes('/qa-widget.js'), `the widget module loads with the page: ${loaded}`);
  assert.deepEqual(engineRequests(loaded), [], 'no wasm or index before the launcher is opened');
  // The page itself uses no external resources.
  const external = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => !u.startsWith(location.origin)));
  assert.deepEqual(external, []);
  await close();
});

test('a visitor opens the launcher, asks, reads the answer, and asking again costs no request', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page);
  const events = await recordEvents(page);
  const mark = site.requests.length;
  assert.deepEqual(engineRequests(site.since(mark)), []);

  await w.launcher.click();
  assert.equal(await w.host.getAttribute('open'), '', 'the open attribute reflects the panel');
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(await focused(page), { host: 'qa-widget', tag: 'input', part: 'input', text: '' }, 'focus moves into the question field');
  await w.suggestion.first().waitFor({ state: 'visible' });
  const suggestions = await w.suggestion.allTextContents();
  assert.ok(suggestions.length >= 1 && suggestions.length <= 4, `1 to 4 suggested questions: ${suggestions}`);
  assert.deepEqual([...new Set(engineRequests(site.since(mark)))].sort(), ['/content.idx', '/qa-widget-engine_bg.wasm'], 'the wasm and the index load on first open, and nothing else of the engine');

  await page.keyboard.type(FDA);
  await page.keyboard.press('Enter');
  await w.answers(1);
  assert.equal(await w.input.inputValue(), '', 'the field is emptied for the next question');
  const [question, answer] = await transcript(page);
  assert.deepEqual(question, { kind: 'question', text: `You asked: ${FDA}` });
  assert.equal(answer.kind, 'answer');
  const excerpt = w.answer.first().locator('[part~="excerpt"]');
  assert.match(await excerpt.textContent(), /not universally approved/);
  assert.ok(await excerpt.locator('mark[part~="highlight"]').count() >= 1, 'the matching words are highlighted');
  const source = (await w.answer.first().locator('[part~="source"]').textContent()).trim();
  assert.match(source, /\S.* › \S/, `the source reads "Title › Section": ${source}`);
  assert.equal(await w.suggestion.count() > 0 && (await w.suggestion.first().isVisible()), false, 'suggestions give way to the conversation');

  // The demo page installs its service worker once the content is loaded: let it finish
  // precaching, then no further question may cause any request at all.
  await serviceWorkerReady(page);
  await page.waitForLoadState('networkidle');
  const afterFirst = site.requests.length;
  await w.input.fill('How long does it take to see results?');
  await w.input.press('Enter');
  await w.answers(2);
  // The inline instance shares the loaded engine; its suggestions are still on offer.
  const inline = widget(page, INLINE);
  await inline.host.scrollIntoViewIfNeeded();
  await inline.suggestion.first().waitFor({ state: 'visible' });
  const picked = (await inline.suggestion.first().textContent()).trim();
  await inline.suggestion.first().click();
  await inline.answers(1);
  assert.equal((await transcript(page, INLINE))[0].text, `You asked: ${picked}`, 'a clicked suggestion is asked');
  assert.deepEqual(site.since(afterFirst), [], 'after the first answer, asking makes no request');

  // The event carries the engine's own answer: one result to show and four behind "More answers".
  const expected = await engineAnswer(page, FDA);
  assert.equal(expected.answered, true);
  assert.equal(expected.results.length, 5);
  assert.deepEqual(events.slice(0, 2), [
    { type: 'qa-ask', question: FDA },
    { type: 'qa-answer', question: FDA, answer: expected },
  ]);
  assert.equal(await excerpt.textContent(), expected.results[0].excerpt.replace(/^- /gm, '• '), 'the first result is the one shown');
  assert.equal(events.filter((e) => e.type === 'qa-ask').length, 3);
  assert.equal(events.filter((e) => e.type === 'qa-answer').length, 3);
  assertClean(problems, 'asking');
  await close();
});

test('ask() resolves to the answer; uncovered questions say so and give the contact line', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page);
  const question = 'What are your opening hours?';
  const answer = await page.evaluate(([selector, q]) => document.querySelector(selector).ask(q), [LAUNCHER, question]);
  const expected = await engineAnswer(page, question);
  assert.deepEqual(answer, expected, "ask() resolves to the engine's answer");
  assert.equal(answer.answered, false);
  assert.equal(answer.question, question);
  assert.equal(answer.results.length, 5, 'the closest passages come with a "not covered" answer');
  assert.ok(await w.panel.isVisible(), 'ask() opens the panel');
  const notCovered = w.part('not-covered');
  assert.match(await notCovered.textContent(), /pages don't cover that question/);
  const contact = await page.locator(LAUNCHER).getAttribute('contact');
  assert.equal((await w.part('contact').textContent()).trim(), contact);
  // The closest passages are there for the curious, collapsed and labelled as not an answer.
  const closest = w.part('closest');
  assert.equal(await closest.count(), 1);
  assert.equal(await closest.getAttribute('open'), null);
  assert.match(await closest.locator('summary').textContent(), /not an answer/);
  const excerpts = closest.locator('[part~="excerpt"]');
  assert.equal(await excerpts.count(), answer.results.length, 'every closest passage is listed');
  assert.equal(await excerpts.first().isVisible(), false);
  assert.equal(await excerpts.first().textContent(), answer.results[0].excerpt.replace(/^- /gm, '• '));
  // An empty question, or one longer than the field takes, is refused, not asked.
  const refused = await page.evaluate(async (selector) => {
    const el = document.querySelector(selector);
    const outcome = (q) => el.ask(q).then(() => 'asked', (e) => `${e.name} ${e.code}`);
    return [await outcome('   '), await outcome('why? '.repeat(101)), await outcome(`${'a'.repeat(499)}?`)];
  }, LAUNCHER);
  assert.deepEqual(refused, ['QaWidgetError empty-question', 'QaWidgetError question-too-long', 'asked']);
  assert.equal(await w.question.count(), 2, 'only the questions asked are in the conversation');
  assertClean(problems, 'not covered');
  await close();
});

test('"More answers" reveals the next results, then Escape closes and focus returns to the launcher', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill('Is stem cell therapy approved by the FDA?');
  await w.input.press('Enter');
  await w.answers(1);
  const results = w.answer.first().locator('[part~="result"]');
  assert.equal(await results.count(), 1, 'one result first');
  assert.ok(await w.more.isVisible(), 'a "More answers" button when there are more');
  let clicks = 0;
  while (await w.more.count()) {
    await w.more.click();
    clicks++;
    assert.equal(await results.count(), 1 + clicks);
  }
  assert.ok(clicks >= 1);
  const texts = await results.locator('[part~="excerpt"]').allTextContents();
  assert.equal(new Set(texts).size, texts.length, 'each result is a different passage');
  assert.equal((await focused(page)).part, 'result', 'when the button goes, focus lands on the last result');

  await page.keyboard.press('Escape');
  assert.equal(await w.panel.isVisible(), false, 'Escape closes the panel');
  assert.equal(await w.host.getAttribute('open'), null);
  assert.deepEqual(await focused(page), { host: 'qa-widget', tag: 'button', part: 'launcher', text: 'Ask a question' });
  // Reopening keeps the conversation.
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).part, 'input');
  assert.equal(await w.answer.count(), 1);
  assertClean(problems, 'more answers');
  await close();
});

test('questions asked while the engine is still loading are answered in order, none lost or doubled', async () => {
  const { page, problems, close } = await openPage(browser);
  // Hold the index back so that all three questions wait for it.
  const release = await holdIndex(page);
  await page.goto(site.url);
  const questions = ['How long does it take to see results?', 'What are your opening hours?', FDA];
  const answers = page.evaluate(([selector, qs]) => {
    const el = document.querySelector(selector);
    return Promise.all(qs.map((q) => el.ask(q).then((a) => a.question)));
  }, [LAUNCHER, questions]);
  const w = widget(page);
  await w.status.waitFor({ state: 'visible' });
  assert.match(await w.status.textContent(), /…/);
  assert.equal(await w.log.getAttribute('aria-busy'), 'true', 'the log is busy, not chattering, while loading');
  assert.equal(await w.log.locator('[part~="status"]').count(), 0, 'the status line is not inside the live log');
  release();
  assert.deepEqual(await answers, questions);
  await w.answers(3);
  const log = await transcript(page);
  assert.deepEqual(log.map((m) => m.kind), ['question', 'answer', 'question', 'answer', 'question', 'answer']);
  assert.deepEqual(log.filter((m) => m.kind === 'question').map((m) => m.text), questions.map((q) => `You asked: ${q}`));
  assert.match(log[3].text, /don't cover/);
  assert.match(log[5].text, /not universally approved/);
  assert.equal(await w.log.getAttribute('aria-busy'), 'false');
  assert.equal(await w.status.isVisible(), false);
  assertClean(problems, 'ordering');
  await close();
});

test('changing the index drops answers still waiting for the old one, and starts afresh', async () => {
  const { page, problems, close } = await openPage(browser);
  const release = await holdIndex(page);
  await page.goto(site.url);
  const outcome = page.evaluate(async (selector) => {
    const el = document.querySelector(selector);
    const stale = el.ask('How long does it take to see results?').then(() => 'answered', (e) => `${e.name} ${e.code}`);
    await new Promise((done) => setTimeout(done, 50));
    el.index = 'content.idx?edition=2';
    return stale;
  }, LAUNCHER);
  const w = widget(page);
  await w.suggestion.first().waitFor({ state: 'visible' });
  assert.equal(await w.question.count(), 0, 'the old conversation is gone');
  release();
  assert.equal(await outcome, 'QaWidgetError index-changed', 'the question for the old index is dropped');
  await w.suggestion.first().click();
  await w.answers(1);
  const log = await transcript(page);
  assert.deepEqual(log.map((m) => m.kind), ['question', 'answer'], 'only the new exchange, once');
  assertClean(problems, 'index change');
  await close();
});

test('a panel declared open loads at once, without taking focus from the page', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const toggles = await page.evaluate(async () => {
    const seen = [];
    document.addEventListener('qa-toggle', (e) => seen.push(e.detail.open));
    // Parsed markup, the way a page declares it (attributes come before the element upgrades).
    const holder = document.body.appendChild(document.createElement('div'));
    holder.innerHTML = '<qa-widget id="declared" open index="content.idx" heading="Declared"></qa-widget>';
    return seen;
  });
  assert.deepEqual(toggles, [true]);
  const w = widget(page, '#declared');
  await w.suggestion.first().waitFor({ state: 'visible' });
  assert.equal((await focused(page)).host, null, 'focus stays on the page');
  assert.equal((await w.part('title').textContent()), 'Declared');
  await w.launcher.click();
  assert.equal(await w.panel.isVisible(), false, 'the launcher closes it');
  assertClean(problems, 'declared open');
  await close();
});

test('defining the element twice (npm package and snippet on one page) does no harm', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const outcome = await page.evaluate(async () => {
    const first = customElements.get('qa-widget');
    const again = await import('./qa-widget.js?again');
    // The entry's `load` gives the engine without any UI.
    const engine = await again.load('content.idx');
    return {
      same: customElements.get('qa-widget') === first,
      otherModule: again.QaWidgetElement !== first,
      answered: engine.ask('Is stem cell therapy approved by the FDA?').answered,
    };
  });
  assert.deepEqual(outcome, { same: true, otherModule: true, answered: true });
  const w = widget(page);
  await w.launcher.click();
  await w.input.fill(FDA);
  await w.input.press('Enter');
  await w.answers(1);
  assertClean(problems, 'second definition');
  await close();
});

test('on a 375 px phone the open panel fills the screen', async () => {
  const { page, problems, close } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await page.goto(site.url);
  const mark = site.requests.length;
  await page.waitForLoadState('networkidle');
  assert.deepEqual(engineRequests(site.since(mark)), []);
  const w = widget(page);
  await w.launcher.tap();
  await w.input.fill(FDA);
  await w.input.press('Enter');
  await w.answers(1);
  const box = await w.panel.boundingBox();
  assert.ok(Math.abs(box.x) <= 1 && Math.abs(box.y) <= 1, `panel at the corner: ${JSON.stringify(box)}`);
  assert.ok(Math.abs(box.width - 375) <= 1 && Math.abs(box.height - 812) <= 1, `panel fills 375×812: ${JSON.stringify(box)}`);
  assert.ok(await w.part('close').isVisible(), 'a close button on the full-screen panel');
  await w.part('close').tap();
  assert.equal(await w.panel.isVisible(), false);
  assert.ok(await w.launcher.isVisible());
  assertClean(problems, 'phone');
  await close();
});

test('the content failing to load gives a plain message, never a blank panel', async () => {
  const { page, close, warnings } = await openPage(browser);
  await page.goto(site.url);
  const cases = {
    missing: 'no-such.idx',
    'not an index': 'favicon.svg',
    corrupt: 'corrupt.idx',
    truncated: 'truncated.idx',
  };
  const index = await (await page.request.get(`${site.url}content.idx`)).body();
  await page.route('**/corrupt.idx', (route) => {
    const bytes = Buffer.from(index);
    for (let i = 64; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
    return route.fulfill({ body: bytes, contentType: 'application/octet-stream' });
  });
  await page.route('**/truncated.idx', (route) => route.fulfill({ body: index.subarray(0, index.length >> 1), contentType: 'application/octet-stream' }));
  for (const [name, url] of Object.entries(cases)) {
    const host = `qa-widget[data-case="${name}"]`;
    await page.evaluate(([n, u]) => {
      const el = document.createElement('qa-widget');
      el.setAttribute('mode', 'inline');
      el.setAttribute('index', u);
      el.setAttribute('contact', 'Call (555) 014-2290.');
      el.dataset.case = n;
      document.querySelector('#ask .wrap').append(el);
    }, [name, url]);
    const w = widget(page, host);
    // Focusing the field starts loading; the failure is explained before anything is asked.
    await w.input.click();
    await w.part('error').first().waitFor({ state: 'visible' });
    // Asking tries again, and explains again, in the conversation.
    await w.input.fill('How long does it take to see results?');
    await w.input.press('Enter');
    await w.answers(2);
    const messages = await transcript(page, host);
    assert.deepEqual(messages.map((m) => m.kind), ['answer', 'question', 'answer'], name);
    for (const { text } of [messages[0], messages[2]]) {
      assert.match(text, /can't load its content right now/, `${name}: a plain message`);
      assert.match(text, /Call \(555\) 014-2290\./, `${name}: the contact line`);
    }
  }
  assert.ok(warnings.some((w) => w.startsWith('qa-widget: could not load')), 'the site owner gets the details in the console');
  await close();
});

test('the wasm attribute loads the engine from another URL, or from a data: URL', async () => {
  const wasm = await readFile(join(SITE, 'qa-widget-engine_bg.wasm'));
  const sources = { url: 'elsewhere/engine.wasm', data: `data:application/wasm;base64,${wasm.toString('base64')}` };
  for (const [kind, source] of Object.entries(sources)) {
    const { page, problems, close } = await openPage(browser);
    await page.route('**/elsewhere/engine.wasm', (route) => route.fulfill({ body: wasm, contentType: 'application/wasm' }));
    const wasmRequests = [];
    page.on('request', (request) => request.url().includes('wasm') && wasmRequests.push(request.url()));
    await page.goto(site.url);
    await page.evaluate((value) => {
      const el = Object.assign(document.createElement('qa-widget'), { id: 'custom' });
      el.mode = 'inline';
      el.index = 'content.idx';
      el.wasm = value;
      document.querySelector('main').prepend(el);
    }, source);
    const w = widget(page, '#custom');
    await w.input.fill(FDA);
    await w.input.press('Enter');
    await w.answers(1);
    assert.match(await w.answer.first().textContent(), /not universally approved/, kind);
    // A data: URL is read without any request (Playwright does not report one either).
    assert.deepEqual(wasmRequests, kind === 'url' ? [`${site.url}elsewhere/engine.wasm`] : [], `${kind}: only the given wasm is used`);
    assertClean(problems, kind);
    await close();
  }
});

/** Records qa-ask / qa-answer events as they reach `document`. */
async function recordEvents(page) {
  const events = [];
  await page.exposeFunction('__recordQaEvent', (event) => events.push(event));
  await page.evaluate(() => {
    for (const type of ['qa-ask', 'qa-answer']) {
      document.addEventListener(type, (event) => window.__recordQaEvent({ type, ...event.detail }));
    }
  });
  return events;
}

/** The answer of an engine of its own (the entry's `load`) to `question`, with the widget's `top`. */
function engineAnswer(page, question) {
  return page.evaluate(async (q) => {
    const engine = await (await import('./qa-widget.js')).load('content.idx');
    try {
      return engine.ask(q, { top: 5 });
    } finally {
      engine.free();
    }
  }, question);
}
