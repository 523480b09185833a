"""The fixed English vocabulary the model is run over: the words patients use, and the
clinical words of health pages.

- General English: every word of wordfreq's English list with a Zipf frequency of at least
  GENERAL_ZIPF (about once per ten million words and more often), the everyday words and
  spellings people type.
- WordNet: its single-word lemmas that are in use at all (Zipf at least WORDNET_ZIPF),
  which adds the less common words of the dictionary ("nephritic", "curative").
- Clinical: the words of MedQuAD's pages that occur on at least CLINICAL_PAGES pages, from
  the NIH sources whose text MedQuAD publishes under CC BY 4.0 (not ADAM, MPlusDrugs or
  MPlusHerbsSupplements). Page text and titles only: never the section headings, which are
  MedQuAD's questions, and never any question set. A clinical word must also be known to
  wordfreq or WordNet: MedQuAD's text has words run together ("abdomenthe").
- Phrases: WordNet's multi-word lemmas of two or three vocabulary words that occur on at
  least CLINICAL_PAGES of those pages ("heart attack", "kidney stone"), so a visitor's word
  can stand for a site's phrase.

Words are lower-case ASCII letters, 2 to MAX_CHARS long, as the analyzer folds them.
"""

import collections
import json
import re

import wordfreq

GENERAL_ZIPF = 3.0
WORDNET_ZIPF = 2.0
CLINICAL_PAGES = 2
MAX_CHARS = 24
EXCLUDED_SOURCES = {"ADAM", "MPlusDrugs", "MPlusHerbsSupplements"}

WORD = re.compile(r"^[a-z]{2,%d}$" % MAX_CHARS)

SOURCE_GENERAL, SOURCE_WORDNET, SOURCE_CLINICAL, SOURCE_PHRASE = 1, 2, 4, 8
PHRASE = re.compile(r"^[a-z]+( [a-z]+){1,2}$")


def medquad_pages(pages_path):
    """The lower-case words of each usable MedQuAD page, in order."""
    with open(pages_path, encoding="utf-8") as pages:
        for line in pages:
            page = json.loads(line)
            if page.get("source") in EXCLUDED_SOURCES:
                continue
            text = page["title"] + "\n" + "\n".join(s["text"] for s in page["sections"])
            yield re.findall(r"[a-z]+", text.lower())


def build(wordnet_lemmas, pages_path):
    """entry -> bit set of the sources that hold it, for every word and phrase, sorted."""
    single = {w for w in wordnet_lemmas if " " not in w}
    multi = {w for w in wordnet_lemmas if PHRASE.match(w)}
    words_on = collections.Counter()
    phrases_on = collections.Counter()
    pages = list(medquad_pages(pages_path))
    for tokens in pages:
        words_on.update(set(tokens))

    sources = collections.defaultdict(int)
    for word in wordfreq.iter_wordlist("en", "large"):
        if WORD.match(word) and zipf(word) >= GENERAL_ZIPF:
            sources[word] |= SOURCE_GENERAL
    for word in single:
        if WORD.match(word) and zipf(word) >= WORDNET_ZIPF:
            sources[word] |= SOURCE_WORDNET
    for word, count in words_on.items():
        known = word in single or zipf(word) > 0
        if count >= CLINICAL_PAGES and len(word) >= 3 and WORD.match(word) and known:
            sources[word] |= SOURCE_CLINICAL | (SOURCE_WORDNET if word in single else 0)

    candidates = {p for p in multi if all(w in sources for w in p.split())}
    for tokens in pages:
        grams = {" ".join(tokens[i : i + n]) for n in (2, 3) for i in range(len(tokens) - n + 1)}
        phrases_on.update(grams & candidates)
    for phrase, count in phrases_on.items():
        if count >= CLINICAL_PAGES:
            sources[phrase] |= SOURCE_PHRASE | SOURCE_WORDNET | SOURCE_CLINICAL
    return dict(sorted(sources.items()))


def zipf(word):
    """wordfreq's Zipf frequency: log10 of occurrences per billion words (0 when unknown).
    For a phrase it is wordfreq's estimate from its words' frequencies."""
    return wordfreq.zipf_frequency(word, "en", "large")
