"""British → American spelling pairs for the analyzer (knowledge/spelling_en.tsv).

Patients on a British site type "anaemia", "tumour", "oesophagus", "paediatric", "centre";
pages copied from American sources say "anemia", "tumor", "esophagus". The analyzer folds
each British form onto its American one before stemming, at build time and at query time
(the pairs travel in the index with the irregular verb forms), so both spellings are one term.

Candidates come from spelling rules applied to every word of wordfreq's English list; a pair
is kept only when the American form is itself a word of that list at least as common as
MIN_ZIPF and the British form is not far rarer (MAX_ZIPF_GAP), so a rule that makes a non-word ("devour" → "devor") or a different word that no
one spells that way never enters. Run with the knowledge venv (scripts/knowledge/setup.sh):

    python scripts/knowledge/spelling.py knowledge/spelling_en.tsv
"""
import re
import sys

from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 2.0
# A British form is rarer in wordfreq's mixed sources than its American one, but not by much
# ("centre" 4.3, "center" 4.6): a form far rarer is another language's word ("ministre").
MAX_ZIPF_GAP = 1.5
# A British form rarer than this is a typo or a fragment in the list ("ised").
MIN_BRITISH_ZIPF = 1.8
# Short words that end in "our" and are words of their own in both countries.
OUR_WORDS = {"four", "hour", "pour", "sour", "tour", "your", "dour", "flour", "lour", "scour", "devour", "detour", "contour", "amour", "velour", "paramour", "troubadour"}

RULES = [
    (r"aem", "em"),  # anaemia, haemoglobin, leukaemia, ischaemic, septicaemia
    (r"^paed", "ped"), (r"orthopaed", "orthoped"), (r"aetiol", "etiol"), (r"gynaec", "gynec"),
    (r"anaesth", "anesth"), (r"^caesar", "cesar"), (r"^faec", "fec"), (r"^haem", "hem"),
    (r"^oesoph", "esoph"), (r"^oedem", "edem"), (r"^oestr", "estr"), (r"rrhoea", "rrhea"),
    (r"^foet", "fet"), (r"^coeliac", "celiac"), (r"pnoea", "pnea"), (r"^manoeuv", "maneuv"),
    (r"isation", "ization"), (r"is(e|ed|es|ing)$", r"iz\1"), (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"([bgtv])re(s?)$", r"\1er\2"), (r"([bgtv])red$", r"\1ered"),
    (r"^programme", "program"), (r"^grey", "gray"), (r"^mould", "mold"), (r"sulph", "sulf"),
    (r"^aluminium", "aluminum"), (r"^licence", "license"), (r"^defence", "defense"), (r"^ageing", "aging"),
    (r"logue(s?)$", r"log\1"),
]
OUR_RULE = (r"our(s|ed|ing|ite|ites|al|ally|able|ful|less|er|ers)?$", r"or\1")


# "-ise" is also English's own ending ("noise", "promise"): its "-ize" form must be about
# as common as it, as "organize" is beside "organise".
ISE_RULES = {r"is(e|ed|es|ing)$", r"ys(e|ed|es|ing)$"}
MAX_ISE_GAP = 0.5
# Words the rules would fold that are other words: names, other languages' words, the
# FreeStyle Libre sensor, a timbre that is no timber (read off the generated list once).
NOT_BRITISH = {
    "libre", "libres", "beltre", "castres", "chartres", "fabre", "greyson", "havre", "kraemer", "livres", "sangre",
    "silvestre", "sobre", "stour", "timbre", "timbres", "ventre", "daemon", "daemons", "devises", "prised",
}


def american(word):
    """Every American form the rules make of `word` that is a word itself."""
    forms = set()
    own = zipf_frequency(word, "en")
    for pattern, replacement in RULES:
        if re.search(pattern, word):
            form = re.sub(pattern, replacement, word)
            if pattern not in ISE_RULES or zipf_frequency(form, "en") >= own - MAX_ISE_GAP:
                forms.add(form)
    if len(word) >= 5 and not any(word == w or word.startswith(w) for w in OUR_WORDS):
        if re.search(OUR_RULE[0], word):
            forms.add(re.sub(OUR_RULE[0], OUR_RULE[1], word))
    forms.discard(word)
    return sorted(f for f in forms if zipf_frequency(f, "en") >= MIN_ZIPF and own >= zipf_frequency(f, "en") - MAX_ZIPF_GAP)


def main(out_path):
    pairs = {}
    for word in top_n_list("en", 400_000):
        if not word.isalpha() or not word.isascii() or len(word) < 5 or zipf_frequency(word, "en") < MIN_BRITISH_ZIPF or word in NOT_BRITISH:
            continue
        forms = american(word)
        if len(forms) == 1:
            pairs[word] = forms[0]
    with open(out_path, "w") as out:
        out.write("# British spelling\tAmerican spelling (scripts/knowledge/spelling.py; from wordfreq's English list, CC BY-SA 4.0)\n")
        for uk in sorted(pairs):
            out.write(f"{uk}\t{pairs[uk]}\n")
    print(f"{len(pairs)} pairs written to {out_path}")


if __name__ == "__main__":
    main(sys.argv[1])
