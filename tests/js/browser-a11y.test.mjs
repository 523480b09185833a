// Accessibility: axe (WCAG 2.0/2.1 A and AA) on the demo page with the widget open on answers,
// light and dark, launcher and inline, and on a phone with the panel as a modal dialog; and the
// whole flow with the keyboard alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { INLINE, LAUNCHER, assertClean, focused, launch, openPage, serveSite, widget } from './support/browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
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

async function axe(page, what) {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.flat().join(' >>> ')}: ${n.failureSummary}`).join('\n')}`);
  assert.deepEqual(report, [], `${what}: axe violations`);
  // Make sure axe looked inside the widget: some rule passed on a node in its shadow root
  // (axe names such a node by a path of selectors, one per shadow root).
  assert.ok(passes.some((p) => p.nodes.some((n) => Array.isArray(n.target[0]) && n.target[0][0].startsWith('qa-widget'))), `${what}: axe checked the shadow DOM`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.1 AA violation, ${colorScheme}: launcher and inline, with answers shown`, async () => {
    const { page, problems, close } = await openPage(browser, { colorScheme });
    await page.goto(site.url);
    await axe(page, `${colorScheme}, page with the launcher closed`);

    const w = widget(page, LAUNCHER);
    await w.launcher.click();
    await w.suggestion.first().waitFor({ state: 'visible' });
    await axe(page, `${colorScheme}, panel open with suggestions`);

    await w.input.fill('Is stem cell therapy approved by the FDA?');
    await w.input.press('Enter');
    await w.answers(1);
    await w.more.click();
    await w.input.fill('What are your opening hours?');
    await w.input.press('Enter');
    await w.answers(2);
    await w.part('closest').locator('summary').click();
    await axe(page, `${colorScheme}, panel open with an answer and an uncovered question`);
    await page.keyboard.press('Escape');

    const inline = widget(page, INLINE);
    await inline.host.scrollIntoViewIfNeeded();
    await inline.input.fill('How long does it take to see results?');
    await inline.input.press('Enter');
    await inline.answers(1);
    await axe(page, `${colorScheme}, inline with an answer`);
    assertClean(problems, colorScheme);
    await close();
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.1 AA violation on a phone, ${colorScheme}: the full-screen panel as a modal dialog`, async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme });
    await page.goto(site.url);
    const w = widget(page, LAUNCHER);
    await w.launcher.tap();
    await w.suggestion.first().waitFor({ state: 'visible' });
    assert.equal(await w.panel.getAttribute('aria-modal'), 'true', 'the panel is modal here');
    await axe(page, `${colorScheme}, phone, modal panel with suggestions`);
    await w.input.fill('Is stem cell therapy approved by the FDA?');
    await w.input.press('Enter');
    await w.answers(1);
    await w.more.tap();
    await w.input.fill('What are your opening hours?');
    await w.input.press('Enter');
    await w.answers(2);
    await w.part('closest').locator('summary').tap();
    await axe(page, `${colorScheme}, phone, modal panel with an answer and an uncovered question`);
    assertClean(problems, `phone ${colorScheme}`);
    await close();
  });
}

test('the whole flow works with the keyboard alone', async () => {
  const { page, problems, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page, LAUNCHER);

  // Tab through the page until the launcher has focus (it comes last in the page).
  let steps = 0;
  while ((await focused(page)).part !== 'launcher') {
    await page.keyboard.press('Tab');
    assert.ok(++steps < 40, 'the launcher is reachable with Tab');
    const now = await focused(page);
    assert.notEqual(now.tag, 'body', 'focus never falls to the page body');
  }
  assert.equal((await focused(page)).host, 'qa-widget', 'the launcher, not the inline instance');
  const ring = await w.launcher.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(ring, 'none', 'a visible focus ring on the launcher');

  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).part, 'input', 'opening moves focus into the field');
  await page.keyboard.type('Is stem cell therapy approved by the FDA?');
  await page.keyboard.press('Enter');
  await w.answers(1);
  assert.equal((await focused(page)).part, 'input', 'focus stays in the field after asking');

  // Back from the field through the answer: More answers, then whatever the answer offers.
  const visited = [];
  for (let i = 0; i < 8 && !visited.includes('more'); i++) {
    await page.keyboard.press('Shift+Tab');
    visited.push((await focused(page)).part);
  }
  assert.ok(visited.includes('more'), `"More answers" is reachable with the keyboard: ${visited}`);
  const before = await w.answer.first().locator('[part~="result"]').count();
  await page.keyboard.press('Enter');
  assert.equal(await w.answer.first().locator('[part~="result"]').count(), before + 1, 'Enter on "More answers" reveals one more');

  // Forward again: every stop is inside the panel until the send button.
  const forward = [];
  for (let i = 0; i < 12 && forward.at(-1) !== 'send'; i++) {
    await page.keyboard.press('Tab');
    forward.push((await focused(page)).part);
  }
  assert.equal(forward.at(-1), 'send', `Tab reaches the send button: ${forward}`);
  assert.ok(forward.includes('input'));

  await page.keyboard.press('Escape');
  assert.equal(await w.panel.isVisible(), false, 'Escape closes the panel');
  assert.equal((await focused(page)).part, 'launcher', 'focus returns to the launcher');
  assert.equal(await w.launcher.getAttribute('aria-expanded'), 'false');
  assertClean(problems, 'keyboard');
  await close();
});

test('the conversation is a polite log, and the loading status stays out of it', async () => {
  const { page, close } = await openPage(browser);
  await page.goto(site.url);
  const w = widget(page, LAUNCHER);
  await w.launcher.click();
  assert.equal(await w.log.getAttribute('role'), 'log');
  assert.equal(await w.log.getAttribute('aria-live'), 'polite');
  assert.equal(await w.panel.getAttribute('role'), 'dialog');
  assert.ok(await w.panel.getAttribute('aria-labelledby'));
  // Record what enters the live region while a question is answered.
  await page.evaluate((selector) => {
    const log = document.querySelector(selector).shadowRoot.querySelector('[part~="log"]');
    window.__logAdditions = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) window.__logAdditions.push(n.textContent);
    }).observe(log, { childList: true, subtree: true, characterData: true });
  }, LAUNCHER);
  await w.input.fill('How long does it take to see results?');
  await w.input.press('Enter');
  await w.answers(1);
  const additions = await page.evaluate(() => window.__logAdditions);
  assert.ok(!additions.some((text) => /Looking|Getting ready/.test(text)), `no loading chatter in the live region: ${additions}`);
  await close();
});
