"""Splits the written question bank into its tune and test parts, once and reproducibly.

Each corpus's questions (both writers) are shuffled with a fixed seed, separately for the
answerable and the unanswerable ones, and each half goes to tune/ or test/. The test part is
scored once, at the end of a piece of work; every decision is made on the tune part.
Usage: python3 scripts/bank/split.py   (rewrites tests/bank/tune/*.jsonl and tests/bank/test/*.jsonl)
"""
import json
import pathlib
import random

BANK = pathlib.Path(__file__).resolve().parents[2] / "tests" / "bank"
SEED = 20261201


def main():
    by_corpus = {}
    for path in sorted((BANK / "written").glob("*.jsonl")):
        corpus = path.stem.rsplit("-", 1)[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                by_corpus.setdefault(corpus, []).append(json.loads(line))
    for part in ("tune", "test"):
        (BANK / part).mkdir(exist_ok=True)
    for corpus, questions in sorted(by_corpus.items()):
        rng = random.Random(f"{SEED}-{corpus}")
        parts = {"tune": [], "test": []}
        for answerable in (True, False):
            group = [q for q in questions if bool(q["expect"]) == answerable]
            rng.shuffle(group)
            half = (len(group) + 1) // 2
            parts["tune"] += group[:half]
            parts["test"] += group[half:]
        for part, chosen in parts.items():
            chosen.sort(key=lambda q: q["id"])
            lines = [json.dumps({"id": q["id"], "q": q["q"], "expect": q["expect"], "style": q.get("style")}, ensure_ascii=False) for q in chosen]
            (BANK / part / f"{corpus}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{part}/{corpus}.jsonl: {len(chosen)} questions, {sum(1 for q in chosen if not q['expect'])} unanswerable")


if __name__ == "__main__":
    main()
