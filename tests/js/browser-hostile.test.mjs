// Hostile content: an index built (here, with the CLI) from records whose titles, sections,
// passages and URLs carry script, event handlers and javascript:/data: URLs, and questions that
// do the same. Nothing may execute, no markup may become elements, and the only links are
// http(s) or relative ones.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES, INLINE, buildIndex, launch, openPage, serveSite, stageSite, widget } from './support/browser.mjs';

const QUESTIONS = [
  'What should I do after the injection?',
  'Is insurance coverage for the injection available?',
  'Who handles billing for the injection invoice?',
  'Can I get copies of my medical records after the injection?',
  'Is parking free on the day of my injection?',
  'When does physiotherapy start after the injection?',
  'What should I bring to the injection appointment?',
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script> injection',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1> aftercare',
];

let browser;
let site;
let staged;

before(async () => {
  browser = await launch();
  staged = await stageSite({ 'hostile.html': await readFile(join(FIXTURES, 'hostile.html')) });
  buildIndex([join(FIXTURES, 'hostile')], join(staged.dir, 'hostile.idx'));
  site = await serveSite(staged.dir);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await staged?.remove();
});

test('hostile titles, passages, URLs and questions are shown as text and never run', async () => {
  const { page, dialogs, problems, close } = await openPage(browser);
  await page.goto(`${site.url}hostile.html`);
  const w = widget(page, INLINE);
  await w.input.click();
  // The index's FAQ question, markup and all, is offered as a suggestion, as text.
  await w.suggestion.first().waitFor({ state: 'visible' });
  const suggested = (await w.suggestion.first().textContent()).trim();
  assert.equal(suggested, '<img src=x onerror="window.__pwned=1"> What should I do after the injection?');
  await w.suggestion.first().click();
  await w.answers(1);

  let count = 1;
  for (const question of QUESTIONS) {
    await w.input.fill(question);
    await w.input.press('Enter');
    await w.answers(++count);
  }
  // Show everything the answers hold: every "More answers", every "closest passages".
  while (await w.more.count()) await w.more.first().click();
  for (const details of await w.part('closest').all()) await details.locator('summary').click();
  await page.waitForTimeout(300); // time for any injected <img onerror> to have fired

  const report = await page.evaluate((selector) => {
    const root = document.querySelector(selector).shadowRoot;
    const all = [...root.querySelectorAll('*')];
    const log = root.querySelector('[part~="log"]');
    return {
      pwned: window.__pwned,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName} ${a.name}`)),
      dangerous: [...log.querySelectorAll('script, img, iframe, object, embed, svg:not(.icon), form, input, style, link, meta')].map((el) => el.outerHTML.slice(0, 80)),
      links: [...root.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), protocol: new URL(a.href).protocol, origin: new URL(a.href).origin, target: a.target, rel: a.rel, text: a.textContent })),
      text: log.textContent,
      questions: [...log.querySelectorAll('[part~="question"]')].map((q) => q.textContent),
      heading: root.querySelector('[part~="title"]').textContent,
      contacts: [...root.querySelectorAll('[part~="contact"]')].map((c) => c.textContent),
      documentScripts: document.scripts.length,
    };
  }, INLINE);

  assert.equal(report.pwned, undefined, 'no injected script ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(report.handlers, [], 'no element in the widget has an on* attribute');
  assert.deepEqual(report.dangerous, [], 'no markup from the content became an element');
  assert.equal(report.documentScripts, 1, 'no script element was added to the page');

  // The hostile strings did reach the widget, as text: the test is not passing for want of them.
  assert.ok(report.text.includes('<img src=x onerror=window.__pwned=1>'), 'markup in passages is shown literally');
  assert.ok(report.text.includes('<script>window.__pwned=1</script>'), 'script tags in titles are shown literally');
  assert.deepEqual(report.questions, [suggested, ...QUESTIONS].map((q) => `You asked: ${q}`), 'hostile questions are shown literally');
  assert.equal(report.heading, '<img src=x onerror=window.__pwned=1>Ask');
  assert.ok(report.contacts.length > 0 && report.contacts.every((c) => c === '<img src=x onerror=window.__pwned=1> Call <b onmouseover=window.__pwned=1>us</b>'));

  // Links: only http(s) or same-origin relative; external ones open safely in a new tab.
  const origin = new URL(site.url).origin;
  for (const link of report.links) {
    assert.ok(['http:', 'https:'].includes(link.protocol) && (link.origin === origin || /^https?:/.test(link.href)), `safe link: ${JSON.stringify(link)}`);
    if (link.origin !== origin) assert.deepEqual([link.target, link.rel], ['_blank', 'noopener'], `external link: ${JSON.stringify(link)}`);
  }
  const hrefs = report.links.map((l) => l.href);
  assert.ok(hrefs.includes('https://example.org/parking'), `the http(s) source is linked: ${hrefs}`);
  assert.ok(hrefs.includes(`${origin}/physio.html#after-the-injection`), `the relative source is linked: ${hrefs}`);
  // Sources with javascript:, data: and vbscript: URLs are named, not linked.
  for (const title of ['Aftercare <script>', '<a href=javascript', 'Medical records', 'Insurance']) {
    assert.ok(report.text.includes(title), `the source "${title}…" is shown`);
    assert.ok(!report.links.some((l) => l.text.includes(title)), `the source "${title}…" is not a link`);
  }
  assert.deepEqual(problems, []);
  await close();
});
