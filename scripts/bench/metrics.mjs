// Ranking metrics with trec_eval's semantics (ndcg_cut.10 as pytrec_eval computes it), and
// the percentiles the tables print. check_ndcg.py compares ndcg@10 here with
// pytrec-eval-terrier's on the runs `make bench` writes.
import { writeFileSync } from 'node:fs';

/**
 * nDCG@k of one ranking (ids, best first) against judgments (id → gain, 0 = judged not
 * relevant): linear gains, log2(rank + 1) discounts, the ideal from every judged gain > 0.
 * Unjudged ids gain 0. 0 when nothing is relevant.
 */
export function ndcgAt(ranking, judged, k = 10) {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    dcg += (judged.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

/** Share of the top k that carries a judgment (the pool is shallow: see the data README). */
export function judgedAt(ranking, judged, k = 10) {
  return ranking.slice(0, k).filter((id) => judged.has(id)).length / k;
}

/**
 * Mean nDCG@10 and judged@10 over every judged question; a question a system returned nothing
 * for scores 0 and stays in the mean (trec_eval -c), as the LiveQA-Med protocol asks.
 */
export function liveqa(questions, rankings, qrels) {
  const perQuestion = [];
  questions.forEach((q, i) => {
    const judged = qrels.get(q.id);
    if (!judged) return;
    perQuestion.push({ id: q.id, ndcg10: ndcgAt(rankings[i], judged), judged10: judgedAt(rankings[i], judged), returned: rankings[i].length });
  });
  const mean = (key) => perQuestion.reduce((s, r) => s + r[key], 0) / Math.max(1, perQuestion.length);
  return {
    questions: perQuestion.length,
    ndcg10: mean('ndcg10'),
    judged10: mean('judged10'),
    empty: perQuestion.filter((r) => r.returned === 0).length,
    perQuestion,
  };
}

/** A TREC run file: "qid Q0 docid rank score tag", scores strictly decreasing so order is kept. */
export function writeRun(path, questions, rankings, tag) {
  const lines = [];
  questions.forEach((q, i) => {
    rankings[i].forEach((id, rank) => lines.push(`${q.id} Q0 ${id} ${rank + 1} ${(rankings[i].length - rank).toFixed(1)} ${tag}`));
  });
  writeFileSync(path, lines.length ? `${lines.join('\n')}\n` : '');
}

/** Nearest-rank percentile of numbers (p in 0..1); null for none. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const median = (values) => percentile(values, 0.5);
