// The bench's nDCG@10 (scripts/bench/metrics.mjs) on hand-computed cases; its agreement with
// pytrec_eval on the real runs is checked by scripts/bench/check_ndcg.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgedAt, liveqa, ndcgAt, percentile } from '../../scripts/bench/metrics.mjs';

const judged = (pairs) => new Map(Object.entries(pairs));
const close = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

test('nDCG@10 is 1 for the ideal order, lower for another, 0 without a relevant id', () => {
  const j = judged({ a: 3, b: 1, c: 0 });
  close(ndcgAt(['a', 'b', 'c'], j), 1);
  close(ndcgAt(['b', 'a'], j), (1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)));
  close(ndcgAt(['x', 'a'], j), 3 / Math.log2(3) / (3 + 1 / Math.log2(3)));
  assert.equal(ndcgAt(['x'], judged({ c: 0 })), 0);
  assert.equal(ndcgAt([], j), 0);
});

test('only the first k ranks count, and the ideal is cut at k too', () => {
  const j = judged(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r${i}`, 1])));
  const ranking = Array.from({ length: 10 }, (_, i) => `x${i}`).concat(['r0']);
  assert.equal(ndcgAt(ranking, j), 0);
  close(ndcgAt(Array.from({ length: 10 }, (_, i) => `r${i}`), j), 1);
});

test('a question with no results scores 0 and stays in the mean; unjudged questions are left out', () => {
  const qrels = new Map([['1', judged({ a: 2 })], ['2', judged({ b: 1 })]]);
  const result = liveqa([{ id: '1' }, { id: '2' }, { id: '3' }], [['a'], [], ['z']], qrels);
  assert.equal(result.questions, 2);
  assert.equal(result.empty, 1);
  close(result.ndcg10, 0.5);
  close(judgedAt(['a', 'x'], judged({ a: 0 })), 0.1);
});

test('percentiles are nearest-rank', () => {
  const values = [5, 1, 4, 2, 3];
  assert.equal(percentile(values, 0.5), 3);
  assert.equal(percentile(values, 0.95), 5);
  assert.equal(percentile(values, 0), 1);
  assert.equal(percentile([], 0.5), null);
});
