// The part of every bench page that is the same for all systems. Each page inlines, in one
// module script: CONFIG, this file, the system's adapter, then `start();`. On load it asks
// the question in `?q=` at once, shows the system's first SHOW results, and publishes what it
// saw in `window.bench.first`:
// the milliseconds since navigation started (performance.now()) and the results shown.
// The runner then calls `bench.warm` and `bench.rank` in the same page.
//
// An adapter has: first(question, n) → items shown (it may render them itself),
// prepare() → readies `search` (optional), search(question, n) → items as they would be
// shown, rank(question, depth) → section ids, best first. An item is
// { id, title, heading, excerpt }.

const SHOW = CONFIG.show;

/** What an id-only system shows for a result: the start of its text. */
function preview(text, max = 240) {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > 0 ? cut : max)}…`;
}

function render(items) {
  const list = document.getElementById('results');
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    const source = document.createElement('b');
    source.textContent = item.heading ? `${item.title} › ${item.heading}` : item.title;
    const excerpt = document.createElement('p');
    excerpt.textContent = item.excerpt;
    li.append(source, excerpt);
    return li;
  }));
}

const unique = (ids) => [...new Set(ids)];

/** Milliseconds per call of `run`, batched so that a call well under the timer's resolution is still measured. */
async function timePerCall(run, single) {
  const calls = Math.min(200, Math.max(1, Math.ceil(2 / Math.max(single, 0.005))));
  const start = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return (performance.now() - start) / calls;
}

window.bench = {
  first: null,
  /** Readies the warm path; separate so that its requests are not counted as a question's. */
  async prepare() {
    await adapter.prepare?.();
  },
  /**
   * Each question once as a new question (single timing), then `repeats` rounds of each
   * again (batched timings). Resolves to [{ question, ms, repeatMs: [...], results }].
   */
  async warm(questions, { repeats = 3 } = {}) {
    const out = [];
    for (const question of questions) {
      const start = performance.now();
      const items = await adapter.search(question, SHOW);
      out.push({ question, ms: performance.now() - start, repeatMs: [], results: items.length });
    }
    for (let round = 0; round < repeats; round++) {
      for (const entry of out) entry.repeatMs.push(await timePerCall(() => adapter.search(entry.question, SHOW), entry.ms));
    }
    return out;
  },
  /** Section ids for each question, best first, at most `depth`. */
  async rank(questions, depth) {
    const out = [];
    for (const question of questions) out.push(unique(await adapter.rank(question, depth)).slice(0, depth));
    return out;
  },
};

/** Called at the end of the page's script, after the adapter's own loading code. */
async function start() {
  const question = new URLSearchParams(location.search).get('q') ?? '';
  try {
    const items = await adapter.first(question, SHOW);
    if (!adapter.rendersItself) render(items);
    const ms = performance.now();
    window.bench.first = { ms, items: items.map(({ id, title, heading, excerpt }) => ({ id, title, heading, excerpt: String(excerpt ?? '').slice(0, 200) })), note: adapter.note?.() ?? null };
  } catch (error) {
    window.bench.first = { error: `${error?.name ?? 'Error'}: ${error?.message ?? error}` };
  }
}
