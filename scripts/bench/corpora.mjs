// The corpora and question sets of `make bench`, read in place. A corpus is a list of pages
// { id, title, url, sections: [{ id, heading, text }] } that every system indexes, plus
// what qa-widget's builder is given for it (the same content as its own files).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const readJsonl = (path) => readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));

/**
 * The demo corpus: its five scraped files go to qa-widget's builder as they are; the peers
 * get the sections that the builder's ingestion makes of them (ads, markup and mojibake
 * removed), so that every system searches the same clean text.
 */
export function demoCorpus(root, shared, { smoke = false } = {}) {
  const inputs = [join(root, 'corpus/demo')];
  const exported = execFileSync('cargo', ['run', '--quiet', '--example', 'bench-sections', '--', ...inputs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pages = exported.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
  const fixture = readFileSync(join(root, 'tests/fixtures/questions.txt'), 'utf8').split('\n').map((q) => q.trim()).filter(Boolean);
  const devPath = join(shared, 'eval/dev.jsonl');
  const dev = existsSync(devPath) ? readJsonl(devPath).map((r) => r.q.trim()) : [];
  const all = [...new Set([...fixture, ...dev])];
  // The smoke run's three: one of each kind (what, is it, how long), answered by every system.
  const questions = smoke ? SMOKE_QUESTIONS.filter((q) => all.includes(q)) : all;
  return {
    name: 'demo',
    description: `demo corpus (corpus/demo): ${pages.length} pages, ${countSections(pages)} sections`,
    qaWidgetInputs: inputs,
    pages,
    questions: questions.map((text, i) => ({ id: String(i + 1), text })),
    qrels: null,
  };
}

export const SMOKE_QUESTIONS = [
  'What is stem cell therapy?',
  'Is stem cell therapy approved by the FDA?',
  'How long does it take to see results?',
];

/** MedQuAD as a health website, and the LiveQA-Med 2017 questions and judgments. */
export function medquadCorpus(shared) {
  const data = join(shared, 'data');
  const pagesPath = join(data, 'medquad/pages.jsonl');
  if (!existsSync(pagesPath)) throw new Error(`${pagesPath} not found: pass SHARED=<the folder holding data/> (default ../shared)`);
  const pages = readJsonl(pagesPath).map(({ id, title, url, sections }) => ({ id, title, url, sections }));
  const questions = readJsonl(join(data, 'liveqa-med/queries.jsonl')).map((q) => ({ id: q.id, text: asTyped(q.text) }));
  return {
    name: 'medquad',
    description: `MedQuAD as a site (${pagesPath}): ${pages.length} pages, ${countSections(pages)} sections; LiveQA-Med 2017 questions`,
    qaWidgetInputs: [pagesPath],
    pages,
    questions,
    qrels: readQrels(join(data, 'liveqa-med/qrels.tsv')),
  };
}

/** query id → section id → gain, with gain = grade − 1 (../shared/data/liveqa-med/RELEVANCE.md). */
export function readQrels(path) {
  const qrels = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [query, section, grade] = line.split('\t');
    if (!qrels.has(query)) qrels.set(query, new Map());
    qrels.get(query).set(section, Number(grade) - 1);
  }
  return qrels;
}

const countSections = (pages) => pages.reduce((n, p) => n + p.sections.length, 0);

/** What a visitor can type: the widget's field takes 500 characters (UTF-16 units), so the
 * few longer LiveQA questions are cut there, at a word, for every system alike. */
export function asTyped(text) {
  const MAX = 500;
  if (text.length <= MAX) return text;
  const cut = text.slice(0, MAX);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}
