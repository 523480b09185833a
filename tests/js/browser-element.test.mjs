// The element by web-component conventions, in real Chromium: its text in the page's language
// (and a site's own), the heading level, the phone's full-screen panel as a modal dialog,
// focus left alone by ask(), properties set before the element is defined, engines freed
// when no widget uses them, and a QaWidgetError with a code for every failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  INLINE, LAUNCHER, ROOT, assertClean, breakDownloads, focused, launch, openPage, serveSite, stageSite, transcript, widget,
} from './support/browser.mjs';

const FDA = 'Is stem cell therapy approved by the FDA?';
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

// A page in English with a French section; the French strings are not loaded with it.
const LANGUAGES_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Languages</title><link rel="icon" href="favicon.svg" type="image/svg+xml"><script type="module" src="qa-widget.js"></script></head>
<body>
  <main>
    <section id="fr-section" lang="fr">
      <qa-widget id="fr" mode="inline" index="content.idx" contact="Appelez-nous au 01 23 45 67 89."></qa-widget>
    </section>
    <qa-widget id="en" mode="inline" index="content.idx"></qa-widget>
  </main>
</body>
</html>
`;

let browser;
let site;
let staged;

before(async () => {
  browser = await launch();
  staged = await stageSite({
    'languages.html': LANGUAGES_PAGE,
    'translations/fr.js': await readFile(join(ROOT, 'pkg/translations/fr.js')),
  }, { whole: true });
  site = await serveSite(staged.dir);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await staged?.remove();
});

/** The texts a visitor reads (or hears) in one widget's chrome. */
function chrome(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const root = el.shadowRoot;
    const part = (name) => root.querySelector(`[part~="${name}"]`);
    return {
      title: part('title').textContent,
      placeholder: part('input').placeholder,
      disclaimer: part('disclaimer').textContent.trim(),
      greeting: root.querySelector('.greeting').textContent,
      field: root.querySelector('label[for="input"]').textContent,
      send: part('send').getAttribute('aria-label'),
      panelLang: part('panel').getAttribute('lang'),
    };
  }, selector);
}

test("a widget speaks its section's language once the translation is loaded, and a site's own texts win", async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(`${site.url}languages.html`);
  // No French strings yet: English, marked as English inside a French section.
  assert.deepEqual(await chrome(page, '#fr'), {
    title: 'Ask a question',
    placeholder: 'Type your question…',
    disclaimer: "Answers are quotes from this clinic's pages, not medical advice.",
    greeting: 'Ask in your own words. Answers are quoted from our pages, with a link to where each one comes from.',
    field: 'Your question',
    send: 'Ask',
    panelLang: 'en',
  });
  // The translation module registers French: the widget switches at once, the English one stays.
  await page.evaluate(() => import('./translations/fr.js'));
  assert.deepEqual(await chrome(page, '#fr'), {
    title: 'Posez une question',
    placeholder: 'Tapez votre question…',
    disclaimer: 'Les réponses sont des citations des pages de cette clinique, et non un avis médical.',
    greeting: 'Posez votre question avec vos propres mots. Les réponses sont des citations de nos pages, avec un lien vers leur source.',
    field: 'Votre question',
    send: 'Envoyer',
    panelLang: null,
  });
  assert.equal((await chrome(page, '#en')).title, 'Ask a question');

  // Asking in French: the conversation and the "not covered" reply are French too.
  const fr = widget(page, '#fr');
  await fr.suggestion.first().waitFor({ state: 'visible' });
  assert.equal(await fr.part('suggestions').locator('.suggestions-label').textContent(), 'Questions fréquentes');
  await fr.input.fill('Quels sont vos horaires ?');
  await fr.input.press('Enter');
  await fr.answers(1);
  const [question, answer] = await transcript(page, '#fr'); // white space, no-break included, as one space
  assert.equal(question.text, 'Votre question : Quels sont vos horaires ?');
  assert.equal(await fr.question.first().locator('.sr').textContent(), 'Votre question\u00a0: ', 'French typography');
  assert.match(answer.text, /^Nos pages ne traitent pas de cette question ; nous préférons ne pas deviner\.Appelez-nous au 01 23 45 67 89\.Passages les plus proches/);

  // The widget's own lang wins over its section's; a region falls back to its language; a
  // language with no strings is English, marked so.
  const title = (s) => page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('[part~="title"]').textContent, s);
  await page.evaluate(() => { document.querySelector('#fr').lang = 'en'; });
  assert.equal(await title('#fr'), 'Ask a question');
  await page.evaluate(() => document.querySelector('#fr').removeAttribute('lang'));
  assert.equal(await title('#fr'), 'Posez une question');
  await page.evaluate(() => { document.querySelector('#fr-section').lang = 'fr-CA'; });
  assert.equal(await title('#fr'), 'Posez une question', 'fr-CA uses the French strings');
  await page.evaluate(() => { document.querySelector('#fr-section').lang = 'de'; });
  assert.deepEqual([await title('#fr'), (await chrome(page, '#fr')).panelLang], ['Ask a question', 'en']);
  await page.evaluate(() => { document.documentElement.lang = 'fr'; document.querySelector('#fr-section').removeAttribute('lang'); });
  assert.equal(await title('#en'), 'Posez une question', "the document's language, for a widget with none nearer");
  await page.evaluate(() => { document.documentElement.lang = 'en'; document.querySelector('#fr-section').lang = 'fr'; });

  // A site's strings for a language, then one widget's own, then an attribute: each wins over the last.
  await page.evaluate(() => customElements.get('qa-widget').registerStrings('fr', { heading: 'Questions à la clinique', send: 'Demander' }));
  assert.equal(await title('#fr'), 'Questions à la clinique');
  assert.equal((await chrome(page, '#fr')).send, 'Demander');
  assert.equal((await chrome(page, '#fr')).placeholder, 'Tapez votre question…', 'the rest of the French table stays');
  await page.evaluate(() => { document.querySelector('#fr').strings = { heading: 'Notre clinique répond', greeting: 'Bonjour\u202f!' }; });
  assert.deepEqual([await title('#fr'), (await chrome(page, '#fr')).greeting], ['Notre clinique répond', 'Bonjour\u202f!']);
  assert.equal(await title('#en'), 'Ask a question', "one widget's strings are its own");
  await page.evaluate(() => document.querySelector('#fr').setAttribute('heading', 'Titre choisi'));
  assert.equal(await title('#fr'), 'Titre choisi');
  await page.evaluate(() => document.querySelector('#fr').removeAttribute('heading'));
  assert.equal(await title('#fr'), 'Notre clinique répond');
  assert.deepEqual(await page.evaluate(() => document.querySelector('#fr').strings), { heading: 'Notre clinique répond', greeting: 'Bonjour\u202f!' });

  // Strings that are not texts are refused with a code.
  const refused = await page.evaluate(async () => {
    const { QaWidgetError, registerStrings } = await import('./qa-widget.js');
    const attempt = (f) => { try { f(); return 'accepted'; } catch (e) { return `${e instanceof QaWidgetError} ${e.code}`; } };
    return [
      attempt(() => registerStrings('', { heading: 'x' })),
      attempt(() => registerStrings('fr', { heading: 5 })),
      attempt(() => { document.querySelector('#fr').strings = 'Bonjour'; }),
    ];
  });
  assert.deepEqual(refused, ['true bad-strings', 'true bad-strings', 'true bad-strings']);
  assertClean(problems, 'languages');
  await close();
});

test('heading-level sets the level of the panel heading, which still names the panel', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const headings = await page.evaluate(async () => {
    const el = document.createElement('qa-widget');
    el.id = 'levels';
    el.mode = 'inline';
    el.index = 'content.idx';
    document.querySelector('main').append(el);
    const title = () => el.shadowRoot.querySelector('[part~="title"]');
    const seen = [[title().localName, el.headingLevel]];
    el.setAttribute('heading-level', '3');
    seen.push([title().localName, el.headingLevel]);
    el.headingLevel = 5;
    seen.push([title().localName, el.getAttribute('heading-level')]);
    el.setAttribute('heading-level', '7');
    seen.push([title().localName, el.headingLevel]);
    el.headingLevel = 4;
    const panel = el.shadowRoot.querySelector('[part~="panel"]');
    seen.push([title().id, el.shadowRoot.getElementById(panel.getAttribute('aria-labelledby')) === title()]);
    return seen;
  });
  assert.deepEqual(headings, [['h2', 2], ['h3', 3], ['h5', '5'], ['h2', 2], ['title', true]]);
  // As assistive technology sees it.
  assert.equal(await page.getByRole('heading', { level: 4, name: 'Ask a question', exact: true }).count(), 1);
  assert.equal(await page.getByRole('region', { name: 'Ask a question', exact: true }).count(), 2, 'the demo inline widget and this one are named by their headings');
  assertClean(problems, 'heading level');
  await close();
});

test('ask() from code leaves focus where it is; on a phone it opens the modal panel and focus goes in', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const link = page.locator('a.button').first();
  await link.focus();
  const before = await focused(page);
  assert.equal(before.tag, 'a');
  // Launcher closed: ask() opens the panel without taking focus.
  const answered = await page.evaluate((s) => document.querySelector(s).ask('Is stem cell therapy approved by the FDA?').then((a) => a.answered), LAUNCHER);
  assert.equal(answered, true);
  assert.ok(await widget(page).panel.isVisible(), 'the panel opened');
  assert.deepEqual(await focused(page), before, 'focus stayed on the page');
  // Inline, and the launcher's panel already open: the same.
  await page.evaluate(([s, q]) => document.querySelector(s).ask(q), [INLINE, 'Is it covered by insurance?']);
  await page.evaluate(([s, q]) => document.querySelector(s).ask(q), [LAUNCHER, 'What are the risks?']);
  assert.deepEqual(await focused(page), before);
  assertClean(problems, 'ask focus');
  await close();

  const phone = await openPage(browser, PHONE);
  await phone.page.goto(site.url);
  await phone.page.locator('a.button').first().focus();
  await phone.page.evaluate((s) => document.querySelector(s).ask('How long does it take to see results?'), LAUNCHER);
  assert.deepEqual(await focused(phone.page), { host: 'qa-widget', tag: 'input', part: 'input', text: '' }, 'the modal panel takes focus');
  assert.equal(await widget(phone.page).panel.getAttribute('aria-modal'), 'true');
  assertClean(phone.problems, 'ask focus on a phone');
  await phone.close();
});

/** Where focus is: the widget part's name, whether it is inside the panel, or the page's element. */
function focusPlace(page) {
  return page.evaluate((selector) => {
    const host = document.querySelector(selector);
    if (document.activeElement !== host) return { inPanel: false, page: document.activeElement?.localName ?? null };
    const active = host.shadowRoot.activeElement;
    const panel = host.shadowRoot.querySelector('[part~="panel"]');
    return { inPanel: panel.contains(active), part: active.getAttribute('part') ?? active.localName };
  }, LAUNCHER);
}

test("on a phone the full-screen panel is a modal dialog: Tab cycles inside, focus can't leave, Escape returns it", async () => {
  const { page, problems, close } = await openPage(browser, PHONE);
  await page.goto(site.url);
  const w = widget(page);
  await w.launcher.tap();
  assert.equal(await w.panel.getAttribute('role'), 'dialog');
  assert.equal(await w.panel.getAttribute('aria-modal'), 'true');
  assert.equal(await page.getByRole('dialog', { name: 'Ask Riverside Spine', exact: true }).count(), 1, 'a dialog named by its heading');
  assert.deepEqual(await focusPlace(page), { inPanel: true, part: 'input' });
  await w.input.fill('Is stem cell therapy approved by the FDA?');
  await w.input.press('Enter');
  await w.answers(1);

  // Forward: every stop is in the panel, and the cycle comes round to where it started.
  const forward = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    const place = await focusPlace(page);
    assert.ok(place.inPanel, `Tab ${i + 1} stays in the panel: ${JSON.stringify(place)}`);
    forward.push(place.part);
  }
  const cycle = forward.indexOf('input', 1) + 1;
  assert.ok(cycle > 3, `the cycle holds the panel's stops: ${forward}`);
  assert.deepEqual(forward.slice(cycle, cycle + 3), forward.slice(0, 3), `Tab cycles: ${forward}`);
  assert.ok(['close', 'log', 'more', 'send'].every((part) => forward.includes(part)), `every kind of stop is reached: ${forward}`);
  // Backward from the first stop (the close button) to the last (the send button).
  await w.part('close').focus();
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await focusPlace(page), { inPanel: true, part: 'send' });
  await page.keyboard.press('Tab');
  assert.deepEqual(await focusPlace(page), { inPanel: true, part: 'close' });

  // Focus sent to the page behind comes back to the question field.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'behind', textContent: 'Behind' })));
  await page.evaluate(() => document.querySelector('#behind').focus());
  assert.deepEqual(await focusPlace(page), { inPanel: true, part: 'input' });

  await page.keyboard.press('Escape');
  assert.equal(await w.panel.isVisible(), false);
  assert.equal(await w.panel.getAttribute('aria-modal'), null);
  assert.deepEqual(await focusPlace(page), { inPanel: false, part: 'launcher' });
  // Closed, the page's focus is free again.
  await page.evaluate(() => document.querySelector('#behind').focus());
  assert.deepEqual(await focusPlace(page), { inPanel: false, page: 'button' });
  assertClean(problems, 'modal panel');
  await close();
});

test('on a wider screen the floating panel is not modal, and becomes modal when the window narrows', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page);
  await w.launcher.click();
  assert.equal(await w.panel.getAttribute('role'), 'dialog');
  assert.equal(await w.panel.getAttribute('aria-modal'), null);
  await w.part('send').focus();
  await page.keyboard.press('Tab');
  assert.equal((await focusPlace(page)).inPanel, false, 'Tab leaves a non-modal panel');
  await page.setViewportSize({ width: 400, height: 800 });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('[part~="panel"]').getAttribute('aria-modal') === 'true', LAUNCHER);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction((s) => !document.querySelector(s).shadowRoot.querySelector('[part~="panel"]').hasAttribute('aria-modal'), LAUNCHER);
  assertClean(problems, 'not modal');
  await close();
});

test('properties set before the element is defined take effect when it is', async () => {
  const { page, problems, close } = await openPage(browser);
  // A page without the widget's script, where a framework sets properties first.
  await page.route('**/early.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><link rel="icon" href="favicon.svg"></head><body><main></main></body></html>' }));
  await page.goto(`${site.url}early.html`);
  const seen = await page.evaluate(async () => {
    const el = document.createElement('qa-widget');
    Object.assign(el, { mode: 'inline', index: 'content.idx', heading: 'Early', headingLevel: 3, suggestions: 2, strings: { placeholder: 'Ask away' } });
    document.querySelector('main').append(el);
    await import('./qa-widget.js');
    await customElements.whenDefined('qa-widget');
    const root = el.shadowRoot;
    return {
      attributes: ['mode', 'index', 'heading', 'heading-level', 'suggestions'].map((name) => el.getAttribute(name)),
      title: [root.querySelector('[part~="title"]').localName, root.querySelector('[part~="title"]').textContent],
      placeholder: root.querySelector('[part~="input"]').placeholder,
      own: ['mode', 'index', 'heading', 'headingLevel', 'suggestions', 'strings'].filter((name) => Object.hasOwn(el, name)),
    };
  });
  assert.deepEqual(seen, {
    attributes: ['inline', 'content.idx', 'Early', '3', '2'],
    title: ['h3', 'Early'],
    placeholder: 'Ask away',
    own: [],
  });
  const w = widget(page, 'qa-widget');
  await w.suggestion.first().waitFor({ state: 'visible' });
  assert.equal(await w.suggestion.count(), 2);
  assertClean(problems, 'early properties');
  await close();
});

/** The wasm memory's size in bytes (the module instance every engine of the page shares). */
function wasmMemory(page) {
  return page.evaluate(async () => (await (await import('./qa-widget.js')).initWasm()).memory.buffer.byteLength);
}

test('an engine no widget uses is freed: changing the index, or removing the widget, keeps the wasm memory flat', async (t) => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  // What one engine of the demo index costs: load a few and keep them.
  const perEngine = await page.evaluate(async () => {
    const { initWasm, load } = await import('./qa-widget.js');
    const { memory } = await initWasm();
    const engines = [await load('content.idx')];
    const start = memory.buffer.byteLength;
    for (let i = 0; i < 8; i++) engines.push(await load('content.idx'));
    const cost = (memory.buffer.byteLength - start) / 8;
    engines.forEach((engine) => engine.free());
    return cost;
  });
  assert.ok(perEngine > 32 * 1024, `an engine takes room in the wasm memory: ${perEngine} bytes`);

  const SWAPS = 30;
  const sizes = await page.evaluate(async (swaps) => {
    const { memory } = await (await import('./qa-widget.js')).initWasm();
    const el = Object.assign(document.createElement('qa-widget'), { id: 'swapped', mode: 'inline' });
    document.querySelector('main').append(el);
    const ready = () => new Promise((done) => el.addEventListener('qa-ready', done, { once: true }));
    const sizes = [];
    for (let i = 0; i < swaps; i++) {
      const loaded = ready();
      el.index = `content.idx?edition=${i}`;
      if (i === 0) el.shadowRoot.querySelector('[part~="input"]').focus(); // inline widgets load on focus
      await loaded;
      sizes.push(memory.buffer.byteLength);
    }
    // Widgets taken off the page, each with an index of its own.
    for (let i = 0; i < swaps; i++) {
      const other = Object.assign(document.createElement('qa-widget'), { mode: 'inline', index: `content.idx?removed=${i}` });
      const loaded = new Promise((done) => other.addEventListener('qa-ready', done, { once: true }));
      document.querySelector('main').append(other);
      other.shadowRoot.querySelector('[part~="input"]').focus();
      await loaded;
      other.remove();
      await new Promise((done) => setTimeout(done, 0));
      sizes.push(memory.buffer.byteLength);
    }
    return sizes;
  }, SWAPS);
  const growth = sizes.at(-1) - sizes[4];
  t.diagnostic(`wasm memory: one engine ${(perEngine / 1024).toFixed(0)} KB; after 5 swaps ${(sizes[4] / 1024).toFixed(0)} KB, after ${SWAPS} swaps and ${SWAPS} removals ${(sizes.at(-1) / 1024).toFixed(0)} KB`);
  assert.ok(growth <= 2 * perEngine, `the memory stays flat over ${2 * SWAPS - 5} engines replaced or removed: grew ${growth} bytes, one engine is ${perEngine}`);

  // The swapped widget still answers from its current engine.
  const swapped = widget(page, '#swapped');
  await swapped.input.fill(FDA);
  await swapped.input.press('Enter');
  await swapped.answers(1);
  assert.match(await swapped.answer.first().textContent(), /not universally approved/);
  assertClean(problems, 'engines freed');
  await close();
});

test('widgets with the same index share one engine; one changing index or moving leaves the other working', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const requests = [];
  // Only this test's indexes (the demo's own inline widget may load content.idx as it scrolls by).
  page.on('request', (request) => request.url().includes('.idx?') && requests.push(new URL(request.url()).search));
  await page.evaluate(async () => {
    const loaded = [];
    for (const id of ['one', 'two']) {
      const el = Object.assign(document.createElement('qa-widget'), { id, mode: 'inline', index: 'content.idx?shared' });
      loaded.push(new Promise((done) => el.addEventListener('qa-ready', done, { once: true })));
      document.querySelector('main').append(el);
      el.shadowRoot.querySelector('[part~="input"]').focus();
    }
    await Promise.all(loaded);
    // One moves to another place in the page (disconnected and connected in one go)...
    document.querySelector('#ask .wrap').append(document.querySelector('#one'));
    await new Promise((done) => setTimeout(done, 0));
    // ...and the other changes index.
    const two = document.querySelector('#two');
    const reloaded = new Promise((done) => two.addEventListener('qa-ready', done, { once: true }));
    two.index = 'content.idx?other';
    await reloaded;
  });
  assert.deepEqual(requests, ['?shared', '?other'], 'one request for the shared index, none for the move');
  for (const id of ['#one', '#two']) {
    const w = widget(page, id);
    await w.input.fill(FDA);
    await w.input.press('Enter');
    await w.answers(1);
    assert.match(await w.answer.first().textContent(), /not universally approved/, id);
  }
  assert.deepEqual(requests, ['?shared', '?other']);
  assertClean(problems, 'shared engine');
  await close();
});

/** Adds an inline widget with `attributes` and reports its first qa-error and what it shows. */
function failure(page, attributes) {
  return page.evaluate(async (attrs) => {
    const { QaWidgetError } = await import('./qa-widget.js');
    const el = document.createElement('qa-widget');
    for (const [name, value] of Object.entries({ mode: 'inline', ...attrs })) el.setAttribute(name, value);
    const error = new Promise((done) => el.addEventListener('qa-error', (e) => done(e.detail.error), { once: true }));
    document.querySelector('main').append(el);
    el.shadowRoot.querySelector('[part~="input"]').focus();
    const e = await error;
    const shown = el.shadowRoot.querySelector('[part~="error"]');
    const asked = await el.ask('How long does recovery take?').then(() => 'answered', (x) => x.code);
    return { name: e.name, code: e.code, instance: e instanceof QaWidgetError, shown: shown?.textContent, asked };
  }, attributes);
}

test('every failure of the element is a QaWidgetError with a code, and the visitor reads a plain message', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const unset = "The assistant isn't set up on this page yet.Call (555) 014-2290.";
  const unavailable = "The assistant can't load its content right now. Please try again later.Call (555) 014-2290.";
  const cases = [
    [{ index: 'http://[::1' }, 'invalid-url', unset],
    [{ index: 'content.idx', wasm: 'http://[::1' }, 'invalid-url', unset],
    [{}, 'no-index', unset],
    [{ index: 'no-such.idx' }, 'index-unavailable', unavailable],
    [{ index: 'favicon.svg' }, 'not-an-index', unavailable],
  ];
  for (const [attributes, code, shown] of cases) {
    const outcome = await failure(page, { ...attributes, contact: 'Call (555) 014-2290.' });
    assert.deepEqual(outcome, { name: 'QaWidgetError', code, instance: true, shown, asked: code }, JSON.stringify(attributes));
  }
  // The only problems on the console are the 404s asked for; nothing was thrown uncaught.
  assert.ok(problems.length > 0 && problems.every((p) => p.includes('404')), `only the missing index: ${problems}`);

  // The programmatic API: the same error type, from the element's modules, the engine's and the wasm.
  const api = await page.evaluate(async () => {
    const { QaWidgetError, load } = await import('./qa-widget.js');
    const code = (promise) => promise.then(() => 'loaded', (e) => `${e instanceof QaWidgetError} ${e.code}`);
    const engine = await load('content.idx');
    const outcome = [
      await code(load('http://[::1')),
      await code(load(new TextEncoder().encode('<!doctype html>'))),
      await code(Promise.resolve().then(() => engine.ask('stem cells', { top: 1001 }))),
    ];
    engine.free();
    return outcome;
  });
  assert.deepEqual(api, ['true index-unavailable', 'true not-an-index', 'true bad-options']);
  await close();
});

/**
 * Before the page's scripts run: the wasm's exports as the engine sees them, with `name` trapping
 * as a wasm bug would (the glue reads the exports from what WebAssembly.instantiateStreaming
 * gives it).
 */
function trapInWasm(page, name) {
  return page.addInitScript((trapped) => {
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const { instance, module } = await instantiate(...args);
      const trap = () => {
        throw new WebAssembly.RuntimeError('unreachable');
      };
      // A copy: the real exports object is frozen.
      const exports = { ...instance.exports, [trapped]: trap };
      return { instance: { exports }, module };
    };
  }, name);
}

test('an index or wasm that cannot load, or an engine failing on a question, gives index-unavailable, wasm-unavailable, load-failed or engine-failed', async () => {
  // The connection drops while the index downloads: a network failure, tried again later.
  const dropped = await openPage(browser);
  await breakDownloads(dropped.page, /\.idx$/);
  await dropped.page.goto(site.url);
  assert.deepEqual(await failure(dropped.page, { index: 'content.idx' }),
    { name: 'QaWidgetError', code: 'index-unavailable', instance: true, shown: "The assistant can't load its content right now. Please try again later.", asked: 'index-unavailable' });
  await dropped.close();

  // The engine traps while it reads the index (a wasm bug, or no memory left): nothing a
  // retry would mend by itself, reported as load-failed.
  const trapped = await openPage(browser);
  await trapInWasm(trapped.page, 'qaengine_new');
  await trapped.page.goto(site.url);
  const outcome = await failure(trapped.page, { index: 'content.idx' });
  assert.deepEqual(outcome, { name: 'QaWidgetError', code: 'load-failed', instance: true, shown: "The assistant can't load its content right now. Please try again later.", asked: 'load-failed' });
  const api = await trapped.page.evaluate(async () => (await import('./qa-widget.js')).load('content.idx').then(() => 'loaded', (e) => `${e.name} ${e.code} ${e.cause?.name}`));
  assert.equal(api, 'QaWidgetError load-failed RuntimeError');
  await trapped.close();

  // The wasm missing (a 404 where the wasm attribute points).
  const noWasm = await openPage(browser);
  await noWasm.page.goto(site.url);
  assert.deepEqual(await failure(noWasm.page, { index: 'content.idx', wasm: 'missing.wasm' }),
    { name: 'QaWidgetError', code: 'wasm-unavailable', instance: true, shown: "The assistant can't load its content right now. Please try again later.", asked: 'wasm-unavailable' });
  await noWasm.close();

  // An engine whose ask() traps, as a wasm bug would.
  const failing = await openPage(browser);
  await trapInWasm(failing.page, 'qaengine_ask');
  await failing.page.goto(site.url);
  const asked = await failing.page.evaluate(async (selector) => {
    const el = document.querySelector(selector);
    const errors = [];
    el.addEventListener('qa-error', (e) => errors.push(e.detail.error.code));
    const rejected = await el.ask('How long does recovery take?').then(() => 'answered', (e) => `${e.name} ${e.code} ${e.cause?.name}`);
    return { rejected, errors, shown: el.shadowRoot.querySelector('[part~="error"]')?.textContent };
  }, LAUNCHER);
  assert.deepEqual(asked, {
    rejected: 'QaWidgetError engine-failed RuntimeError',
    errors: ['engine-failed'],
    shown: "The assistant couldn't answer that just now. Please try again later.For anything else, call us on (555) 014-2290 (Mon–Fri, 8 am–5 pm) or write to care@riverside-spine.example.",
  });
  assertClean(failing.problems, 'failing engine');
  await failing.close();
});
