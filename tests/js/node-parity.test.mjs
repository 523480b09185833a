// The same index and questions give identical answers from the native CLI and from the
// wasm (run under Node): one engine, two targets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const cli = new URL('target/release/qa-widget', root).pathname;
const indexPath = new URL('site/content.idx', root).pathname;
const questions = readFileSync(new URL('tests/fixtures/questions.txt', root), 'utf8').split('\n').filter((q) => q.trim());

test('native and wasm answers are identical', async () => {
  const { initWasm, load } = await import(new URL('pkg/engine.js', root));
  await initWasm(readFileSync(new URL('pkg/qa-widget-engine_bg.wasm', root)));
  const engine = await load(readFileSync(indexPath));
  const native = execFileSync(cli, ['ask', '--index', indexPath, '--json', '--top', '5'], {
    input: questions.join('\n'),
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(native.length, questions.length);
  // Every answer is padded to `top` with documents' opening passages (score 0): count what the
  // questions really retrieved, so that the comparison is known to cover ranking, highlights
  // and both answer decisions.
  let retrieving = 0;
  let highlights = 0;
  const decisions = new Set();
  for (const [i, question] of questions.entries()) {
    const fromWasm = engine.ask(question.trim(), { top: 5 });
    assert.deepEqual(fromWasm, native[i], `answers differ for ${JSON.stringify(question)}`);
    if (fromWasm.results.some((r) => r.score > 0)) retrieving++;
    highlights += fromWasm.results.reduce((n, r) => n + r.highlights.length, 0);
    decisions.add(fromWasm.answered);
  }
  assert.ok(retrieving >= questions.length / 2, `most questions must retrieve passages for the comparison to mean something: ${retrieving} of ${questions.length}`);
  assert.ok(highlights > 0, 'some answers have highlights');
  assert.deepEqual([...decisions].sort(), [false, true], 'answered and unanswered questions are both compared');
});

test('the wasm engine reports bad bytes with a code', async () => {
  const { load } = await import(new URL('pkg/engine.js', root));
  await assert.rejects(load(new TextEncoder().encode('<!DOCTYPE html>')), { code: 'not-an-index' });
  const index = readFileSync(indexPath);
  await assert.rejects(load(index.subarray(0, index.length - 10)), { code: 'truncated' });
  const engine = await load(index);
  assert.throws(() => engine.ask('stem cells', { top: 1001 }), { code: 'bad-options' });
  assert.throws(() => engine.ask('stem cells', { top: 2.5 }), { code: 'bad-options' });
});
