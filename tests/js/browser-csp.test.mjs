// The demo page under a strict Content-Security-Policy: no inline script or style anywhere
// (the widget's styles are constructable stylesheets), and WebAssembly allowed only through
// 'wasm-unsafe-eval'. Without it, the widget says in plain words that it cannot run here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INLINE, LAUNCHER, STRICT_CSP, assertClean, launch, openPage, serveSite, widget } from './support/browser.mjs';

const NO_WASM_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
let browser;
let strict;
let noWasm;

before(async () => {
  browser = await launch();
  strict = await serveSite(undefined, { headersFor: () => ({ 'content-security-policy': STRICT_CSP }) });
  noWasm = await serveSite(undefined, { headersFor: () => ({ 'content-security-policy': NO_WASM_CSP }) });
});

after(async () => {
  await browser?.close();
  await strict?.close();
  await noWasm?.close();
});

/** Collects securitypolicyviolation events from the first moment of the page. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.effectiveDirective}: ${event.blockedURI || '(inline)'} ${event.sample || ''}`.trim());
    }, true);
  });
  return () => page.evaluate(() => window.__violations);
}

test(`under "${STRICT_CSP}" the page and the widget raise no violation and answer`, async () => {
  const { page, problems, close } = await openPage(browser);
  const violations = await watchViolations(page);
  const response = await page.goto(strict.url);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the policy is in force');
  const w = widget(page, LAUNCHER);
  await w.launcher.click();
  await w.suggestion.first().waitFor({ state: 'visible' });
  await w.input.fill('Is stem cell therapy approved by the FDA?');
  await w.input.press('Enter');
  await w.answers(1);
  assert.match(await w.answer.first().locator('[part~="excerpt"]').textContent(), /not universally approved/);
  // The styles did apply: the panel is laid out as a fixed, styled box.
  const styled = await w.panel.evaluate((el) => ({ position: getComputedStyle(el).position, radius: getComputedStyle(el).borderTopLeftRadius }));
  assert.deepEqual(styled, { position: 'fixed', radius: '16px' });
  // The not-covered path, and the inline instance, too.
  await page.evaluate((selector) => document.querySelector(selector).ask('What are your opening hours?'), LAUNCHER);
  await w.answers(2);
  await page.keyboard.press('Escape');
  const inline = widget(page, INLINE);
  await inline.host.scrollIntoViewIfNeeded();
  await inline.suggestion.first().click();
  await inline.answers(1);
  assert.deepEqual(await violations(), [], 'no securitypolicyviolation event');
  assertClean(problems, 'strict CSP');
  await close();
});

test(`without 'wasm-unsafe-eval' the widget says it cannot run on this page`, async () => {
  const { page, warnings, close } = await openPage(browser);
  const violations = await watchViolations(page);
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('qa-error', (event) => window.__errors.push(`${event.detail.error.name} ${event.detail.error.code}`));
  });
  await page.goto(noWasm.url);
  const w = widget(page, LAUNCHER);
  await w.launcher.click();
  const error = w.part('error');
  await error.waitFor({ state: 'visible' });
  assert.deepEqual(await page.evaluate(() => window.__errors), ['QaWidgetError wasm-blocked'], 'the widget names the cause with a code');
  assert.match(await error.textContent(), /can't run on this page because of the page's security settings/);
  // Asking still gives the plain message, in the conversation, rather than nothing.
  await w.input.fill('Is stem cell therapy approved by the FDA?');
  await w.input.press('Enter');
  await w.answers(2);
  const texts = await error.allTextContents();
  assert.equal(texts.length, 2);
  assert.ok(texts.every((t) => /security settings/.test(t)));
  assert.ok(warnings.some((t) => t.includes("script-src 'self' 'wasm-unsafe-eval'")), `the site owner is told which directive: ${warnings}`);
  assert.ok((await violations()).some((v) => v.startsWith('script-src')), 'the browser did block WebAssembly here');
  await close();
});
