//! Lexical knowledge from real resources, at build time: which words a visitor may type
//! for the words a site's pages use. Never compiled into the wasm (feature `build`).
//!
//! Two resources, both prepared once by `scripts/knowledge/distill.py` into the tables in
//! `knowledge/` (their provenance and licences: `knowledge/README.md`):
//! - **WordNet 3.1**: synonyms, derivational forms (cure ↔ curative), pertainyms
//!   (kidney ↔ renal), similar adjectives and one step up or down the hierarchy, each with
//!   the senses it holds in.
//! - **all-MiniLM-L6-v2, distilled to static vectors** (the Model2Vec method): each
//!   entry's nearest entries and their cosines.
//!
//! WordNet alone confuses senses ("shot" is also a stroke in golf), and vectors alone
//! confuse words that merely look alike ("snore" and "snorkel"), so a WordNet relation is
//! kept only where the vectors agree that the two words are related (the sense filter),
//! and a vector relation only above a high cosine.
//!
//! `Knowledge::mine` keeps what one site needs: relations from words a visitor may type
//! that the site does not have, to terms the site does have.

mod mine;
pub mod stored;
pub mod tables;

use crate::analysis::Analyzer;
pub use mine::{MinedRelation, RelationOptions, RelationSource, RelationTarget};
pub use stored::EntryTerms;
pub use tables::{KnowledgeError, Tables, WordNetKind};

/// The tables, read with one analyzer: every entry as index terms.
pub struct Knowledge {
    tables: Tables,
    /// Distinct index terms of all entries, sorted; an entry's terms are ids into it.
    terms: Vec<String>,
    /// Per entry, its index terms in order (empty for a stop word).
    entry_terms: Vec<Vec<u32>>,
    /// Per term, the vocabulary words (not phrases) that have it, most common first.
    words_of_term: Vec<Vec<u32>>,
    /// Per term, whether the analyzer counts it as an everyday word ("help").
    light: Vec<bool>,
}

impl Knowledge {
    /// The built-in tables, stemmed by `analyzer` (the index's own): as stored, when the
    /// stored analysis was made with this analyzer's word lists.
    pub fn builtin(analyzer: &Analyzer) -> Result<Knowledge, KnowledgeError> {
        let tables = Tables::builtin()?;
        let analysis = match EntryTerms::decode(stored::ANALYSIS, tables.entries.len(), stored::fingerprint(analyzer))? {
            Some(stored) => stored,
            None => EntryTerms::analyse(tables.entries.iter().map(|e| e.text.as_str()), analyzer),
        };
        Ok(Knowledge::from_analysis(tables, analysis, analyzer))
    }

    pub fn new(tables: Tables, analyzer: &Analyzer) -> Knowledge {
        let analysis = EntryTerms::analyse(tables.entries.iter().map(|e| e.text.as_str()), analyzer);
        Knowledge::from_analysis(tables, analysis, analyzer)
    }

    fn from_analysis(tables: Tables, analysis: EntryTerms, analyzer: &Analyzer) -> Knowledge {
        let EntryTerms { terms, entry_terms } = analysis;
        let mut words_of_term: Vec<Vec<u32>> = vec![Vec::new(); terms.len()];
        for (entry, ids) in entry_terms.iter().enumerate() {
            if let [only] = ids.as_slice() {
                if tables.entries[entry].sources & tables::SOURCE_PHRASE == 0 {
                    words_of_term[*only as usize].push(entry as u32);
                }
            }
        }
        for words in &mut words_of_term {
            // Most common first; ties by entry order, so the choice is stable.
            words.sort_by(|&a, &b| tables.entries[b as usize].zipf.total_cmp(&tables.entries[a as usize].zipf).then(a.cmp(&b)));
        }
        let light = terms.iter().map(|t| analyzer.is_light_term(t)).collect();
        Knowledge { tables, terms, entry_terms, words_of_term, light }
    }

    /// How common a word is in general English, by its index term: wordfreq's Zipf
    /// frequency of its most common form (log10 of occurrences per billion words; "help"
    /// 5.7, "kidney" 4.0, "nephritis" 2.1). `None` when no vocabulary word has the term.
    /// A site's own frequency says how well a word tells its passages apart; this says how
    /// much a word means on its own, whatever the site.
    pub fn commonness(&self, term: &str) -> Option<f32> {
        self.commonness_of(self.term_id(term)?)
    }

    /// The id of an index term among the entries' terms, which are sorted.
    fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|id| id as u32)
    }

    fn commonness_of(&self, term: u32) -> Option<f32> {
        let word = *self.words_of_term[term as usize].first()?;
        Some(self.tables.entries[word as usize].zipf)
    }

    /// The most common vocabulary word with this index term ("inject" → "injection"), to
    /// show a relation in words.
    pub fn word_for_term(&self, term: &str) -> Option<&str> {
        let id = self.term_id(term)?;
        let word = *self.words_of_term[id as usize].first()?;
        Some(&self.tables.entries[word as usize].text)
    }

    pub fn tables(&self) -> &Tables {
        &self.tables
    }
}

/// Mines the relations one site needs with the built-in tables (see `Knowledge::mine`).
pub fn mine_relations<S: AsRef<str>>(
    site_terms: &[S],
    analyzer: &Analyzer,
    options: &RelationOptions,
) -> Result<Vec<MinedRelation>, KnowledgeError> {
    Ok(Knowledge::builtin(analyzer)?.mine(site_terms, options))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Language;
    use std::sync::OnceLock;

    fn knowledge() -> &'static Knowledge {
        static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
        KNOWLEDGE.get_or_init(|| Knowledge::builtin(&Analyzer::builtin(Language::English)).expect("the built-in tables decode"))
    }

    fn site(text: &str) -> Vec<String> {
        let mut terms = Analyzer::builtin(Language::English).terms(text);
        terms.sort();
        terms.dedup();
        terms
    }

    fn targets_of<'a>(relations: &'a [MinedRelation], word: &str) -> Vec<&'a RelationTarget> {
        relations.iter().filter(|r| r.word == word).flat_map(|r| &r.targets).collect()
    }

    #[test]
    fn the_tables_are_what_their_provenance_says() {
        let provenance: serde_json::Value = serde_json::from_str(include_str!("../../../knowledge/provenance.json")).unwrap();
        let counts = &provenance["counts"];
        let tables = knowledge().tables();
        assert_eq!(tables.entries.len() as u64, counts["entries"].as_u64().unwrap());
        let phrases = tables.entries.iter().filter(|e| e.sources & tables::SOURCE_PHRASE != 0).count();
        assert_eq!(phrases as u64, counts["phrases"].as_u64().unwrap());
        assert_eq!(tables.neighbour_count() as u64, counts["neighbours"].as_u64().unwrap());
        assert_eq!(tables.relation_count() as u64, counts["wordnet_relations"].as_u64().unwrap());
        for (name, bytes) in [("vocabulary.bin", tables::VOCABULARY), ("neighbours.bin", tables::NEIGHBOURS), ("wordnet.bin", tables::WORDNET)] {
            assert_eq!(bytes.len() as u64, provenance["outputs"][name]["bytes"].as_u64().unwrap(), "{name}");
        }
        // Spot checks of what each source put in: general English, WordNet, clinical.
        let entry = |text: &str| tables.entries.iter().find(|e| e.text == text).unwrap();
        assert!(entry("help").sources & tables::SOURCE_GENERAL != 0);
        assert!(entry("curative").sources & tables::SOURCE_WORDNET != 0);
        assert!(entry("glomerular").sources & tables::SOURCE_CLINICAL != 0);
        assert!(entry("kidney stone").sources & tables::SOURCE_PHRASE != 0);
    }

    #[test]
    fn the_stored_analysis_is_the_builtin_analyzers() {
        let analyzer = Analyzer::builtin(Language::English);
        let tables = knowledge().tables();
        let stored = EntryTerms::decode(stored::ANALYSIS, tables.entries.len(), stored::fingerprint(&analyzer)).unwrap();
        let fresh = EntryTerms::analyse(tables.entries.iter().map(|e| e.text.as_str()), &analyzer);
        assert!(stored == Some(fresh), "knowledge/analysis.bin is stale: cargo run --release --example knowledge_analysis");
    }

    #[test]
    fn a_wordnet_derived_form_and_a_vector_neighbour_reach_a_small_site() {
        let relations = knowledge().mine(&site("Inflammation of the renal tubules. Curative treatment."), &RelationOptions::default());
        let inflame = targets_of(&relations, "inflam");
        assert!(inflame.iter().any(|t| t.terms == ["inflamm"] && t.source != RelationSource::Vectors), "{inflame:?}");
        let kidney = targets_of(&relations, "kidney");
        assert!(kidney.iter().any(|t| t.terms == ["renal"] && t.source != RelationSource::WordNet), "{kidney:?}");
    }

    #[test]
    fn targets_are_always_site_terms_and_words_never_are() {
        let terms = site(include_str!("../../../corpus/demo/001_fa2aed6669e0237a.txt"));
        let relations = knowledge().mine(&terms, &RelationOptions::default());
        assert!(relations.len() > 100, "{}", relations.len());
        for relation in &relations {
            assert!(terms.binary_search(&relation.word).is_err(), "{} is a site term", relation.word);
            for target in &relation.targets {
                assert!(target.terms.iter().all(|t| terms.binary_search(t).is_ok()), "{target:?}");
                assert!(target.weight > 0.0 && target.weight <= 1.0);
            }
        }
    }

    #[test]
    fn the_sense_filter_drops_a_colliding_sense() {
        // WordNet has "exit" as "die" (its third sense: to pass from physical life); the
        // vectors know "exit" as a way out (cosine 0.34). A cancer centre's page saying that
        // patients die must not answer "where is the exit?".
        let tables = knowledge().tables();
        let id = |text: &str| tables.entries.iter().position(|e| e.text == text).unwrap() as u32;
        let exit_die = tables.relations(id("exit")).iter().find(|r| r.entry == id("die")).expect("WordNet relates exit and die");
        assert_eq!((exit_die.kind, exit_die.sense), (WordNetKind::Synonym, 3));
        let terms = site("Some patients die of melanoma.");
        let filtered = knowledge().mine(&terms, &RelationOptions::default());
        assert!(!targets_of(&filtered, "exit").iter().any(|t| t.terms == ["die"]), "{:?}", targets_of(&filtered, "exit"));
        let unfiltered = knowledge().mine(&terms, &RelationOptions { sense_min_cosine: 0.3, ..RelationOptions::default() });
        assert!(targets_of(&unfiltered, "exit").iter().any(|t| t.terms == ["die"] && t.source == RelationSource::WordNet));
        // The first stage is the table's own floor (cosine 0.3): "shot" as a stroke in a
        // game (cosine 0.07) is not even stored, while "shot" as shooting is.
        let shot: Vec<&str> = tables.relations(id("shot")).iter().map(|r| tables.entries[r.entry as usize].text.as_str()).collect();
        assert!(shot.contains(&"shooting") && !shot.contains(&"stroke"), "{shot:?}");
    }

    #[test]
    fn mining_is_deterministic_sorted_and_bounded() {
        let terms = site(include_str!("../../../corpus/demo/001_fa2aed6669e0237a.txt"));
        let options = RelationOptions { max_targets_per_word: 2, ..RelationOptions::default() };
        let first = knowledge().mine(&terms, &options);
        assert_eq!(first, knowledge().mine(&terms, &options));
        assert!(first.windows(2).all(|pair| pair[0].word < pair[1].word));
        assert!(first.iter().all(|r| !r.targets.is_empty() && r.targets.len() <= 2));
        assert!(first.iter().all(|r| r.targets.windows(2).all(|t| t[0].weight >= t[1].weight)));
        let capped = knowledge().mine(&terms, &RelationOptions { max_relations: 50, ..options });
        assert_eq!(capped.iter().map(|r| r.targets.len()).sum::<usize>(), 50);
    }

    #[test]
    fn commonness_follows_general_english() {
        let k = knowledge();
        let (help, kidney, nephritis) = (k.commonness("help").unwrap(), k.commonness("kidney").unwrap(), k.commonness("nephriti").unwrap());
        assert!(help > kidney && kidney > nephritis, "{help} {kidney} {nephritis}");
        assert_eq!(k.commonness("qzxv"), None);
        assert_eq!(k.word_for_term("inject"), Some("injection"));
    }
}
