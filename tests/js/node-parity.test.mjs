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
  let compared = 0;
  for (const [i, question] of questions.entries()) {
    const fromWasm = engine.ask(question.trim(), { top: 5 });
    assert.deepEqual(fromWasm, native[i], `answers differ for ${JSON.stringify(question)}`);
    compared += fromWasm.results.length;
  }
  assert.ok(compared > questions.length, 'the questions must retrieve passages for the comparison to mean something');
});

test('the wasm engine reports bad bytes with a code', async () => {
  const { load } = await import(new URL('pkg/engine.js', root));
  await assert.rejects(load(new TextEncoder().encode('<!DOCTYPE html>')), { code: 'not-an-index' });
  const index = readFileSync(indexPath);
  await assert.rejects(load(index.subarray(0, index.length - 10)), { code: 'truncated' });
  const engine = await load(index);
  assert.throws(() => engine.ask('stem cells', { top: 0 }), { code: 'bad-options' });
});
