// How a bench page is measured (the page side is page/harness.js): one question in a fresh
// browser context (requests, bytes and time to the first answer), and one warm page (every
// question again, then the rankings). Used by run.mjs and scale.mjs.

const FIRST_ANSWER_TIMEOUT = 180_000;

/** Binds the measurements to a browser and a bench server (server.mjs). */
export function measurer(browser, server, { repeats = 3, rankDepth = 100 } = {}) {
  /** One question in a fresh context: the requests, bytes and time to the first answer shown. */
  async function coldRun(url, question) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const mark = server.log.length;
    try {
      await page.goto(`${url}?q=${encodeURIComponent(question.text)}`);
      const first = await firstAnswer(page, problems);
      const requests = server.log.slice(mark);
      if (first.error) return { question: question.id, error: first.error, problems };
      return {
        question: question.id,
        ms: first.ms,
        requests: requests.length,
        bytes: sum(requests),
        byKind: byKind(requests),
        items: first.items,
        note: first.note,
        problems,
      };
    } catch (error) {
      return { question: question.id, error: error.message.split('\n')[0], problems };
    } finally {
      await context.close();
    }
  }

  /** One page: its first answer, then every question as a warm one, then (with qrels) the rankings. */
  async function warmRun(url, questions, qrels) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const texts = questions.map((q) => q.text);
    try {
      await page.goto(`${url}?q=${encodeURIComponent(texts[0])}`);
      const first = await firstAnswer(page, problems);
      if (first.error) return { error: first.error, problems, questions: [] };
      await page.evaluate(() => window.bench.prepare());
      const mark = server.log.length;
      const timed = await page.evaluate(([all, rounds]) => window.bench.warm(all, { repeats: rounds }), [texts, repeats]);
      const requests = server.log.slice(mark);
      const rankings = qrels ? await page.evaluate(([all, depth]) => window.bench.rank(all, depth), [texts, rankDepth]) : null;
      return { questions: timed, requests: requests.length, bytes: sum(requests), rankings, problems };
    } catch (error) {
      return { error: error.message.split('\n')[0], problems, questions: [] };
    } finally {
      await context.close();
    }
  }

  return { coldRun, warmRun };
}

async function firstAnswer(page, problems) {
  const answered = page
    .waitForFunction(() => window.bench?.first, null, { timeout: FIRST_ANSWER_TIMEOUT, polling: 5 })
    .then((handle) => handle.jsonValue())
    .catch((error) => ({ error: `no first answer: ${problems[0] ?? error.message.split('\n')[0]}` }));
  // An uncaught error that leaves no answer behind it (a script that failed to load, say)
  // ends the wait, rather than the timeout.
  const crashed = new Promise((done) => {
    page.once('pageerror', (error) => setTimeout(async () => {
      const first = await page.evaluate(() => window.bench?.first ?? null).catch(() => null);
      if (!first) done({ error: `no first answer: uncaught ${error.message}` });
    }, 2000));
  });
  return Promise.race([answered, crashed]);
}

/** Everything a visitor's console would show as a problem. */
function watch(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}

export const sum = (requests) => requests.reduce((n, r) => n + r.bytes, 0);

/** Bytes by what they are: the page, scripts, wasm, and index data (everything else). */
export function byKind(requests) {
  const kinds = { page: 0, scripts: 0, wasm: 0, index: 0 };
  for (const r of requests) {
    const kind = /\.html?$|\/$/.test(r.path) ? 'page'
      : /\.m?js$/.test(r.path) ? 'scripts'
        : /\.wasm$|\/wasm\.[^/]*\.pagefind$/.test(r.path) ? 'wasm'
          : 'index';
    kinds[kind] += r.bytes;
  }
  return kinds;
}
