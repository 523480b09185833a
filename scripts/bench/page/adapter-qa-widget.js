// qa-widget: the element itself answers the first question (what a visitor sees: the
// widget's UI, its engine, the wasm, the index), then the engine API (`load`, which the
// element uses inside) for the warm and ranking passes. Results carry their excerpts.
import { load } from './qa-widget.js';

const widget = document.querySelector('qa-widget');
let engine;
let answered = null;

const item = (r) => ({
  id: r.source.section_id ?? `${r.source.doc}#${r.source.section ?? ''}`,
  title: r.source.title,
  heading: r.source.section,
  excerpt: r.excerpt,
});

const adapter = {
  rendersItself: true,
  async first(question, n) {
    const answer = await widget.ask(question);
    answered = answer.answered;
    return answer.results.slice(0, n).map(item);
  },
  note: () => ({ answered }),
  async prepare() {
    engine = await load(CONFIG.index);
  },
  async search(question, n) {
    return (await engine.ask(question, { top: n })).results.map(item);
  },
  async rank(question, depth) {
    // Several passages can share a section: ask for enough passages to fill `depth` sections.
    const answer = await engine.ask(question, { top: Math.min(1000, depth * 3) });
    return answer.results.map((r) => item(r).id);
  },
};
