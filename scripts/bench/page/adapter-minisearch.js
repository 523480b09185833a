// MiniSearch: the index built in Node and serialized (JSON.stringify), loaded with
// MiniSearch.loadJSON and the same options; the section texts it needs to show a result come
// in a second file. Default search options (OR of the terms, no prefix, no fuzzy). It
// returns ids and scores only: a result shows the start of its section.
import MiniSearch from './minisearch.js';

const [json, texts] = await Promise.all([
  fetch('index.json').then((r) => r.text()),
  fetch('texts.json').then((r) => r.json()),
]);
const index = MiniSearch.loadJSON(json, CONFIG.options);

const item = (id) => {
  const [section, title, heading, text] = texts[id];
  return { id: section, title, heading, excerpt: preview(text) };
};

const top = async (question, n) => index.search(question).slice(0, n).map((r) => item(r.id));

const adapter = {
  first: top,
  search: top,
  rank: async (question, depth) => index.search(question).slice(0, depth).map((r) => texts[r.id][0]),
};
