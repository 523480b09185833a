// FlexSearch: an Index with default options (tokenize "strict", the default encoder), built
// in Node, exported (index.export) into one JSON file of its chunks and imported chunk by
// chunk (index.import); the section texts come in a second file. Default search options
// (every term must match, limit 100). It returns ids only: a result shows the start of its
// section.
import { Index } from './flexsearch.js';

const index = new Index(CONFIG.options);
const [chunks, texts] = await Promise.all([
  fetch('index.json').then((r) => r.json()),
  fetch('texts.json').then((r) => r.json()),
]);
for (const [key, data] of chunks) await index.import(key, data);

const item = (id) => {
  const [section, title, heading, text] = texts[id];
  return { id: section, title, heading, excerpt: preview(text) };
};

const top = async (question, n) => (await index.search(question, n)).map(item);

const adapter = {
  first: top,
  search: top,
  rank: async (question, depth) => (await index.search(question, depth)).map((id) => texts[id][0]),
};
