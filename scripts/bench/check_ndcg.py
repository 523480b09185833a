#!/usr/bin/env python3
"""Checks the nDCG@10 that scripts/bench/metrics.mjs computed against pytrec-eval-terrier's
ndcg_cut_10, question by question, on the TREC runs `make bench` wrote.

Usage (after `make bench`): pip install pytrec-eval-terrier
       python3 scripts/bench/check_ndcg.py [--shared ../shared] [--bench bench]

pytrec_eval scores only the questions a run has results for; the bench scores a question a
system returned nothing for as 0 and keeps it in the mean (trec_eval -c). Both means are
printed, and the per-question values must agree to 1e-9.
"""
import argparse
import json
import sys
from pathlib import Path

import pytrec_eval


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default="../shared")
    parser.add_argument("--bench", default="bench")
    args = parser.parse_args()

    qrels = {}
    lines = Path(args.shared, "data/liveqa-med/qrels.tsv").read_text().splitlines()[1:]
    for line in lines:
        query, section, grade = line.split("\t")
        qrels.setdefault(query, {})[section] = int(grade) - 1  # gain = grade - 1
    results = json.loads(Path(args.bench, "results.json").read_text())
    medquad = next(c for c in results["corpora"] if c["name"] == "medquad")

    worst = 0.0
    for system in medquad["systems"]:
        run = {}
        path = Path(args.bench, "runs", f"medquad-{system['name']}.run")
        for line in path.read_text().splitlines():
            query, _, doc, _, score, _ = line.split()
            run.setdefault(query, {})[doc] = float(score)
        evaluator = pytrec_eval.RelevanceEvaluator({q: j for q, j in qrels.items() if q in run}, {"ndcg_cut.10"})
        theirs = {q: m["ndcg_cut_10"] for q, m in evaluator.evaluate(run).items()}
        ours = {r["id"]: r["ndcg10"] for r in system["quality"]["perQuestion"]}
        diffs = [abs(ours[q] - theirs.get(q, 0.0)) for q in ours]
        worst = max(worst, max(diffs))
        print(
            f"{system['name']:<12} questions with results {len(theirs):>3}: pytrec_eval mean {sum(theirs.values()) / max(1, len(theirs)):.4f}"
            f" | over all {len(ours)} judged (no result = 0): pytrec_eval {sum(theirs.get(q, 0.0) for q in ours) / len(ours):.4f},"
            f" bench {system['quality']['ndcg10']:.4f} | largest per-question difference {max(diffs):.2e}"
        )
    print(f"pytrec_eval {getattr(pytrec_eval, '__version__', '')}: {'agree' if worst < 1e-9 else 'DISAGREE'} (largest difference {worst:.2e})")
    sys.exit(0 if worst < 1e-9 else 1)


if __name__ == "__main__":
    main()
