// `import { build } from 'qa-widget/build'` (pkg/build.js): files and in-memory pages in, the
// index bytes and the report out, the same bytes as the native CLI on the same pages on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NATIVE = join(ROOT, 'target/release/qa-widget');
const DEMO = join(ROOT, 'corpus/demo');
const FDA = 'Is stem cell therapy approved by the FDA?';

let build;
let load;
let wasm;
let dir;

before(async () => {
  ({ build } = await import(join(ROOT, 'pkg/build.js')));
  ({ load } = await import(join(ROOT, 'pkg/engine.js')));
  wasm = await readFile(join(ROOT, 'pkg/qa-widget-engine_bg.wasm'));
  dir = await mkdtemp(join(tmpdir(), 'qa-widget-build-api-'));
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The demo corpus as in-memory pages under `folder/`, in the order a folder walk lists them. */
async function demoPages(folder = 'demo') {
  const names = (await readdir(DEMO)).sort();
  return Promise.all(names.map(async (name) => ({ path: `${folder}/${name}`, content: await readFile(join(DEMO, name), 'utf8') })));
}

const ask = async (index, question) => (await load(index, { wasm })).ask(question, { top: 1 });

test('in-memory pages give the bytes the native CLI writes for the same files on disk', async () => {
  const empty = join(dir, 'in-memory');
  await mkdir(empty);
  const pages = await demoPages();
  const result = await build({ inputs: pages, cwd: empty });
  assert.deepEqual(await readdir(empty), [], 'nothing was written to disk');

  const onDisk = join(dir, 'on-disk');
  await mkdir(join(onDisk, 'demo'), { recursive: true });
  for (const page of pages) await writeFile(join(onDisk, page.path), page.content);
  const printed = execFileSync(NATIVE, ['build', ...pages.map((p) => p.path), '-o', 'content.idx', '--report', 'report.json'], { cwd: onDisk, encoding: 'utf8' });
  assert.ok(result.index instanceof Uint8Array);
  assert.ok(Buffer.from(result.index).equals(await readFile(join(onDisk, 'content.idx'))), 'the same index bytes');
  assert.deepEqual(result.report, JSON.parse(await readFile(join(onDisk, 'report.json'), 'utf8')), 'the same report');
  assert.equal(result.text, printed, "the same printed report (the summary names the output 'content.idx')");

  // The manifest.json among the pages gave the titles; the report accounts for every page.
  assert.equal(result.report.files.length, pages.length);
  assert.deepEqual(result.report.files.map((f) => f.path), pages.map((p) => p.path));
  assert.equal(result.report.files.find((f) => f.path.endsWith('manifest.json')).outcome.status, 'skipped');
  assert.equal(result.report.documents, 5);
  assert.ok(result.report.passages > 50);
  assert.deepEqual(result.files.map((f) => f.path), ['content.idx']);
  assert.equal((await ask(result.index, FDA)).answered, true);
});

test('pages carry their title and URL; HTML, Markdown and bytes are read as files would be', async () => {
  const result = await build({
    inputs: [
      { path: 'clinic/parking.html', content: '<html><head><title>Ignored</title></head><body><h1>Parking</h1><p>The clinic car park is behind the building on Elm Street and parking is free for patients for three hours.</p></body></html>', title: 'Getting here', url: '/visit/parking' },
      { path: 'clinic/hours.md', content: new TextEncoder().encode('# Opening hours\n\nThe clinic opens at eight in the morning and closes at six in the evening on weekdays.\n') },
    ],
    cwd: dir,
  });
  const parking = await ask(result.index, 'Where can I park my car?');
  assert.equal(parking.answered, true);
  assert.deepEqual([parking.results[0].source.title, parking.results[0].source.url], ['Getting here', '/visit/parking']);
  const hours = await ask(result.index, 'When does the clinic open?');
  assert.equal(hours.results[0].source.title, 'Opening hours');
  assert.equal(hours.results[0].source.url, null);
});

test('files on disk and in-memory pages together; output writes the index', async () => {
  const output = join(dir, 'out/site.idx');
  const result = await build({
    inputs: [DEMO, { path: 'extra/parking.txt', content: 'Parking\n\nPatients park for free in the garage on Elm Street, open around the clock.' }],
    output,
    keepBoilerplate: true,
    maxPassageChars: 500,
  });
  assert.ok(Buffer.from(result.index).equals(await readFile(output)), 'written where asked');
  assert.deepEqual(result.files.map((f) => f.path), [output]);
  assert.equal(result.report.files.at(-1).path, 'extra/parking.txt');
  assert.equal((await ask(result.index, 'Is parking free?')).answered, true);
  assert.equal((await ask(result.index, FDA)).answered, true);
  // keepBoilerplate reached the builder: nothing was removed.
  assert.ok(result.report.files.every((f) => f.documents.every((d) => d.removed.every((r) => r.kind === 'mojibake_repaired' || r.kind === 'markup'))));
  const cleaned = await build({ inputs: [DEMO] });
  assert.ok(cleaned.report.files.some((f) => f.documents.some((d) => d.removed.some((r) => r.kind === 'call_to_action'))));
});

test('an in-memory synonym file, and output with write: false', async () => {
  const inputs = [{ path: 'p/cars.txt', content: 'Vehicles\n\nVisitors may leave their automobile in the basement garage during appointments.' }];
  // Without relations too: WordNet alone finds "automobile" for "car".
  const without = await build({ inputs, output: 'never-written.idx', write: false, noBuiltinSynonyms: true, noRelations: true });
  assert.equal((await ask(without.index, 'Where do I leave my car?')).answered, false);
  const withSynonyms = await build({ inputs, noBuiltinSynonyms: true, noRelations: true, synonyms: { path: 'synonyms.txt', content: 'car, automobile\n' } });
  assert.equal((await ask(withSynonyms.index, 'Where do I leave my car?')).answered, true);
  await assert.rejects(readFile(join(process.cwd(), 'never-written.idx')), { code: 'ENOENT' });
});

test('errors have codes and say what to do', async () => {
  await assert.rejects(build({}), { name: 'QaWidgetError', code: 'bad-options' });
  await assert.rejects(build({ inputs: [{ content: 'no path' }] }), { code: 'bad-options', message: /path/ });
  await assert.rejects(build({ inputs: [DEMO], frobnicate: 3 }), { code: 'bad-options', message: /--frobnicate/ });
  await assert.rejects(build({ inputs: [join(dir, 'missing')] }), { code: 'build-failed', message: /cannot read .*missing/ });
  await assert.rejects(build({ inputs: [{ path: 'a.pdf', content: '%PDF' }] }), { code: 'build-failed', message: /nothing to index/ });
  await assert.rejects(
    build({ inputs: [{ path: 'x/a.txt', content: 'A', url: '/a' }, { path: 'x/manifest.json', content: '{"documents":{}}' }] }),
    { code: 'bad-options', message: /not both/ },
  );
});

test('a build runs in a worker thread: the event loop of the caller (a dev server) keeps turning', async () => {
  await build({ inputs: [DEMO] }); // the builder is compiled (asynchronously) once: done before counting
  let turns = 0;
  let turning = true;
  const spin = () => {
    turns += 1;
    if (turning) setImmediate(spin);
  };
  spin();
  const started = turns;
  await build({ inputs: [DEMO] });
  turning = false;
  assert.ok(turns - started > 10, `the event loop turned ${turns - started} times during the build`);
});
