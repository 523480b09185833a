// Shared helpers for the browser tests: one headless Chromium per test file, the demo site (or a
// staged copy of it) served by scripts/serve.mjs, a collector of everything that should never
// happen on a clean page, and handles on the widget's parts.
//
// Playwright's CSS locators pierce open shadow roots, so `qa-widget [part~="input"]` reaches
// into the widget the way a person's clicks and keys do.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SITE = join(ROOT, 'site');
export const FIXTURES = join(ROOT, 'tests/fixtures/web');
export const CLI = join(ROOT, 'target/release/qa-widget');
export const SCREENSHOTS = join(ROOT, 'tests/screenshots');

/** Paths of what the engine loads when first needed: the wasm, any index (and the engine's
 * modules, which the entry bundles: asked for separately, they would show here). */
export const ENGINE_FILE = /\/(engine\.js|qa-widget-engine\.js|qa-widget-engine_bg\.wasm|[^/]*\.idx)$/;

export const LAUNCHER = 'qa-widget:not([mode="inline"])';
export const INLINE = 'qa-widget[mode="inline"]';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const LAUNCH_ATTEMPTS = 3;

/**
 * Starts headless Chromium. A start that dies before its first page ("Target page, context or
 * browser has been closed", seen once on CI with nothing of ours running yet) is retried: it
 * says nothing about the widget, and a test file that cannot start never checks anything.
 */
export async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      });
    } catch (error) {
      if (attempt === LAUNCH_ATTEMPTS) throw error;
      console.log(`# chromium did not start (attempt ${attempt} of ${LAUNCH_ATTEMPTS}): ${String(error.message).split('\n')[0]}`);
      await new Promise((resume) => setTimeout(resume, 500 * attempt));
    }
  }
}

/**
 * Serves a folder (the demo site by default). `requests` records every path asked for;
 * `headersFor(path)` adds response headers, a CSP say.
 */
export async function serveSite(root = SITE, { headersFor } = {}) {
  const { server, url, requests } = await serve(root, { headersFor });
  return {
    url,
    requests,
    /** Paths requested since `mark` (a previous `requests.length`). */
    since: (mark) => requests.slice(mark),
    /** Stops the server at once: open keep-alive (or preconnected) sockets are closed too. */
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}

/**
 * A temporary copy of the built site plus `extra` files ({ path: string | Buffer }, folders
 * made as needed). The page and the index are left out unless `whole` is set (then it is the
 * complete demo site).
 */
export async function stageSite(extra = {}, { whole = false } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'qa-widget-site-'));
  for (const name of await readdir(SITE)) {
    if (whole || !/\.(html|idx)$/.test(name)) await cp(join(SITE, name), join(dir, name));
  }
  for (const [name, content] of Object.entries(extra)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds an index with the CLI. */
export function buildIndex(inputs, output) {
  execFileSync(CLI, ['build', ...inputs, '-o', output, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return output;
}

/**
 * A fresh context and page that record every problem a visitor's console would show:
 * console errors, uncaught exceptions, failed requests and HTTP errors (404s included).
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', ...options } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  const warnings = [];
  const dialogs = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { context, page, problems, warnings, dialogs, close: () => context.close() };
}

/** Locators for one widget's parts. */
/** Holds the index download back until the returned `release()` is called. */
export async function holdIndex(page) {
  let release;
  const held = new Promise((done) => (release = done));
  await page.route('**/content.idx', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export function widget(page, host = LAUNCHER) {
  const part = (name) => page.locator(`${host} [part~="${name}"]`);
  return {
    host: page.locator(host),
    part,
    launcher: part('launcher'),
    panel: part('panel'),
    input: part('input'),
    log: part('log'),
    suggestion: part('suggestion'),
    answer: part('answer'),
    question: part('question'),
    more: part('more'),
    status: part('status'),
    /** Waits until the log holds `count` finished answers (or error messages). */
    answers: (count) => waitForAnswers(page, host, count),
  };
}

export async function waitForAnswers(page, host, count) {
  await page.waitForFunction(
    ([selector, n]) => {
      const log = document.querySelector(selector)?.shadowRoot?.querySelector('[part~="log"]');
      const done = [...(log?.querySelectorAll('[part~="answer"]') ?? [])].filter((a) => a.childElementCount > 0);
      return done.length >= n;
    },
    [host, count],
  );
}

/** What has focus, looking into shadow roots: { host, part, text }. */
export function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    let host = null;
    while (element?.shadowRoot?.activeElement) {
      host = element;
      element = element.shadowRoot.activeElement;
    }
    return {
      host: host ? `${host.localName}${host.getAttribute('mode') === 'inline' ? '[inline]' : ''}` : null,
      tag: element?.localName ?? null,
      part: element?.getAttribute('part') ?? null,
      text: element?.textContent?.trim() ?? '',
    };
  });
}

/** The log's messages as { kind, text } in order, read from the shadow DOM. */
export function transcript(page, host = LAUNCHER) {
  return page.evaluate((selector) => {
    const log = document.querySelector(selector).shadowRoot.querySelector('[part~="log"]');
    return [...log.children].map((m) => ({
      kind: m.getAttribute('part').split(' ').pop(),
      text: m.textContent.replace(/\s+/g, ' ').trim(),
    }));
  }, host);
}

/** Waits until the demo page's service worker is installed and active (it precaches then). */
export async function serviceWorkerReady(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (registration.active?.state !== 'activated') {
      await new Promise((done) => registration.active.addEventListener('statechange', done, { once: true }));
    }
  });
}

/** Waits until a service worker controls the page (after `clients.claim()` on a first visit). */
export async function serviceWorkerControls(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/** The page's Cache Storage: { cache name: [request URLs, sorted] }. */
export function cacheContents(page) {
  return page.evaluate(async () => {
    const contents = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      contents[name] = (await cache.keys()).map((request) => request.url).sort();
    }
    return contents;
  });
}

export function assertClean(problems, what) {
  assert.deepEqual(problems, [], `${what}: the console and network must be clean`);
}

/**
 * Before the page's scripts run: every download whose path matches `pattern` breaks off in
 * its body (reading it rejects, as when the connection drops), while the page's
 * `globalThis.breakDownloads` is true (it starts so).
 */
export function breakDownloads(page, pattern) {
  return page.addInitScript((source) => {
    const fetchFromNetwork = globalThis.fetch;
    const broken = new RegExp(source);
    globalThis.breakDownloads = true;
    globalThis.fetch = async (url, init) => {
      const response = await fetchFromNetwork(url, init);
      if (!globalThis.breakDownloads || !broken.test(new URL(url, location.href).pathname)) return response;
      return new Response(new ReadableStream({ start: (body) => body.error(new TypeError('network error')) }), { status: 200 });
    };
  }, pattern.source);
}

/** Requests for the engine's files among `paths`. */
export const engineRequests = (paths) => paths.filter((path) => ENGINE_FILE.test(path));
