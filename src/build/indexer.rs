//! From clean documents to `IndexData`: passages, BM25 term weights, synonyms, cues and
//! suggested questions.
//!
//! The scoring model is BM25 per field (body, heading, title), each field normalised by its
//! own average length, as the bm25 crate's `Embedder` computes it; the fields' weights are
//! summed with the field weights and stored as one byte per posting, and the IDF is
//! computed at query time as bm25's `Scorer` does. The term statistics are counted here, by
//! each term's exact text: the `Embedder` counts terms by a 32-bit hash, so two different
//! terms whose hashes collide would share their counts.

use std::collections::BTreeMap;

use super::{knowledge, lexicon};
use super::passages::split_document;
use super::shards::ShardOptions;
use super::SourceDocument;
use crate::analysis::{Analyzer, Language};
use crate::index::{Document, FieldWeights, IndexData, Meta, Passage, Posting, Relation, RelationTarget, Suggestion};

#[derive(Clone, Debug)]
pub struct IndexOptions {
    pub language: Language,
    pub k1: f32,
    pub b: f32,
    pub fields: FieldWeights,
    pub max_passage_chars: usize,
    /// Use the built-in English lay ↔ clinical synonym list.
    pub builtin_synonyms: bool,
    /// The site's own synonym groups (see `lexicon::parse_synonyms`).
    pub extra_synonyms: Vec<Vec<String>>,
    /// Whether and how to split the index into a root and shards.
    pub shards: ShardOptions,
    /// Mine relations from visitors' words to the site's terms (WordNet and word vectors,
    /// `build::knowledge`) into the index.
    pub relations: bool,
}

impl Default for IndexOptions {
    /// Chosen by measurement: ARCHITECTURE.md, "How were the ranking constants chosen?".
    fn default() -> IndexOptions {
        IndexOptions {
            language: Language::English,
            k1: 1.5,
            b: 0.9,
            fields: FieldWeights { body: 1.0, heading: 1.5, title: 0.6 },
            max_passage_chars: 900,
            builtin_synonyms: true,
            extra_synonyms: Vec::new(),
            shards: ShardOptions::default(),
            relations: true,
        }
    }
}

/// The index, and how many passages each document gave.
pub struct BuiltIndex {
    pub data: IndexData,
    pub passages_per_document: Vec<usize>,
}

pub fn build_index(documents: &[SourceDocument], options: &IndexOptions) -> BuiltIndex {
    let analyzer = Analyzer::builtin(options.language);
    let mut passages = Vec::new();
    let mut passages_per_document = Vec::with_capacity(documents.len());
    for (doc, document) in documents.iter().enumerate() {
        let drafts = split_document(document, options.max_passage_chars);
        passages_per_document.push(drafts.len());
        passages.extend(drafts.into_iter().map(|d| Passage {
            doc: doc as u32,
            heading: d.heading,
            section_id: d.section_id,
            text: d.text,
        }));
    }

    let (terms, weight_scale) = weigh_terms(documents, &passages, options);
    let in_content = |term: &str| terms.binary_search_by(|(t, _)| t.as_str().cmp(term)).is_ok();
    let mut synonym_source = if options.builtin_synonyms { lexicon::builtin_synonyms() } else { Vec::new() };
    synonym_source.extend(options.extra_synonyms.iter().cloned());
    let synonyms = lexicon::synonym_groups(&synonym_source, &analyzer, in_content);
    let cues = lexicon::cues(&analyzer, in_content);
    let suggestions = candidate_suggestions(documents, &passages);
    let relations = if options.relations { site_relations(&terms, &analyzer) } else { Vec::new() };
    let word_lists = site_word_lists(&analyzer, in_content);

    let data = IndexData {
        meta: Meta {
            language: options.language.tag().to_owned(),
            k1: options.k1,
            b: options.b,
            fields: options.fields,
            weight_scale,
            builder: concat!("qa-widget ", env!("CARGO_PKG_VERSION")).to_owned(),
        },
        documents: documents
            .iter()
            .map(|d| Document { id: d.id.clone(), title: d.title.clone(), url: d.url.clone() })
            .collect(),
        passages,
        terms,
        synonyms,
        cues,
        suggestions,
        relations,
        word_lists,
    };
    BuiltIndex { data, passages_per_document }
}

/// The analyzer's lists, with only the spelling variants whose folded form is a term of
/// this site: the others could never meet a page's word, and each costs the index bytes.
fn site_word_lists(analyzer: &Analyzer, is_site_term: impl Fn(&str) -> bool) -> crate::analysis::WordLists {
    let mut lists = analyzer.word_lists().clone();
    lists.irregular.retain(|(form, base)| {
        crate::analysis::english::is_irregular_verb_form(form) || is_site_term(&analyzer.stem(base))
    });
    lists
}

/// The relations this site needs, from the built-in tables. They are compiled in and
/// checked by the knowledge tests, so a table that does not decode cannot ship; were it to,
/// the site would be indexed without relations rather than not at all.
fn site_relations(terms: &[(String, Vec<Posting>)], analyzer: &Analyzer) -> Vec<Relation> {
    let site_terms: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    let mined = knowledge::mine_relations(&site_terms, analyzer, &knowledge::RelationOptions::default()).unwrap_or_default();
    mined
        .into_iter()
        .map(|m| Relation {
            word: m.word,
            targets: m
                .targets
                .into_iter()
                .map(|t| RelationTarget { terms: t.terms, weight: t.weight, source: t.source.code() })
                .collect(),
        })
        .collect()
}

type Postings = Vec<(String, Vec<Posting>)>;

/// The saturated, length-normalised weight of a term in one field, exactly as bm25's
/// `Embedder` (2.3) computes it, operation for operation, so that indexes weigh as before.
fn field_weight(term_frequency: u32, field_terms: usize, avgdl: f32, k1: f32, b: f32) -> f32 {
    let avgdl = if avgdl <= 0.0 { 256.0 } else { avgdl };
    let tf = term_frequency as f32;
    let numerator = tf * (k1 + 1.0);
    let denominator = tf + k1 * (1.0 - b + b * (field_terms as f32 / avgdl));
    numerator / denominator
}

/// Weighs every (term, passage) pair with BM25 per field and quantizes the weights to one
/// byte against the largest. Returns the sorted postings and the scale.
fn weigh_terms(documents: &[SourceDocument], passages: &[Passage], options: &IndexOptions) -> (Postings, f32) {
    let analyzer = Analyzer::builtin(options.language);
    fn field_texts<'a>(p: &'a Passage, documents: &'a [SourceDocument]) -> [&'a str; 3] {
        let title = documents.get(p.doc as usize).map_or("", |d| d.title.as_str());
        [p.text.as_str(), p.heading.as_deref().unwrap_or(""), title]
    }
    let field_weights = [options.fields.body, options.fields.heading, options.fields.title];

    // Each field of each passage, tokenized once: its terms, sorted, repeats kept.
    let fields: Vec<[Vec<String>; 3]> = passages
        .iter()
        .map(|p| {
            field_texts(p, documents).map(|text| {
                let mut terms = analyzer.terms(text);
                terms.sort_unstable();
                terms
            })
        })
        .collect();
    let avgdl: Vec<f32> = (0..3)
        .map(|f| {
            let total: u64 = fields.iter().map(|p| p[f].len() as u64).sum();
            if fields.is_empty() { 256.0 } else { (total as f64 / fields.len() as f64) as f32 }
        })
        .collect();

    let mut weighted: BTreeMap<String, Vec<(u32, f32)>> = BTreeMap::new();
    let mut max_weight = 0f32;
    for (p, passage_fields) in fields.iter().enumerate() {
        let mut per_term: BTreeMap<&str, f32> = BTreeMap::new();
        for (f, terms) in passage_fields.iter().enumerate() {
            if field_weights[f] == 0.0 || terms.is_empty() {
                continue;
            }
            for run in terms.chunk_by(|a, b| a == b) {
                let value = field_weight(run.len() as u32, terms.len(), avgdl[f], options.k1, options.b);
                *per_term.entry(run[0].as_str()).or_default() += field_weights[f] * value;
            }
        }
        for (term, weight) in per_term {
            max_weight = max_weight.max(weight);
            weighted.entry(term.to_owned()).or_default().push((p as u32, weight));
        }
    }
    let scale = if max_weight > 0.0 { max_weight } else { 1.0 };
    let postings = weighted
        .into_iter()
        .map(|(term, list)| {
            let list = list
                .into_iter()
                .map(|(passage, w)| Posting { passage, weight: ((w / scale * 255.0).round() as u8).max(1) })
                .collect();
            (term, list)
        })
        .collect();
    (postings, scale)
}

/// Questions the content itself asks: FAQ questions first, then headings phrased as
/// questions. The builder keeps only those the index then answers from their own section.
fn candidate_suggestions(documents: &[SourceDocument], passages: &[Passage]) -> Vec<Suggestion> {
    // Looked up, not searched for each heading: a page of 40,000 FAQ entries took minutes.
    let mut first_passages: std::collections::HashMap<(usize, &str), usize> = std::collections::HashMap::new();
    for (i, p) in passages.iter().enumerate() {
        if let Some(heading) = p.heading.as_deref() {
            first_passages.entry((p.doc as usize, heading.trim())).or_insert(i);
        }
    }
    let mut faq = Vec::new();
    let mut headings = Vec::new();
    for (doc, document) in documents.iter().enumerate() {
        for section in &document.sections {
            let Some(heading) = section.heading.as_deref().map(str::trim) else { continue };
            if !heading.ends_with('?') {
                continue;
            }
            let Some(&passage) = first_passages.get(&(doc, heading)) else { continue };
            let suggestion = Suggestion { question: heading.to_owned(), passage: passage as u32 };
            if section.is_faq { faq.push(suggestion) } else { headings.push(suggestion) }
        }
    }
    let mut all: Vec<Suggestion> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for suggestion in faq.into_iter().chain(headings) {
        if seen.insert(suggestion.question.to_ascii_lowercase()) {
            all.push(suggestion);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::build::SourceSection;

    fn document(text: &str) -> SourceDocument {
        let section = SourceSection { id: None, heading: None, text: text.into(), is_faq: false };
        SourceDocument { id: "d".into(), title: "Fats".into(), url: None, sections: vec![section], origin: PathBuf::from("d") }
    }

    fn weight(data: &IndexData, term: &str) -> u8 {
        let (_, postings) = data.terms.iter().find(|(t, _)| t == term).expect("the term is indexed");
        postings[0].weight
    }

    #[test]
    fn terms_whose_hashes_collide_keep_their_own_counts() {
        // bm25's Embedder counts terms by a 32-bit hash, and "lipid" and "lipas" (from
        // "lipase") share one: it would count three of either here.
        let embedder = bm25::EmbedderBuilder::<u32, Analyzer>::with_tokenizer_and_fit_to_corpus(
            Analyzer::builtin(Language::English),
            &["lipid lipase"],
        )
        .build();
        let embedding = embedder.embed("lipid lipase");
        assert_eq!(embedding[0].index, embedding[1].index, "the two terms collide in bm25's hash");

        let built = build_index(&[document("Lipid lipid lipid lipase.")], &IndexOptions { builtin_synonyms: false, ..IndexOptions::default() });
        let data = &built.data;
        let options = IndexOptions::default();
        // One passage of four body terms: its length is the average. Title "Fats": one term.
        let expected = |tf: u32| options.fields.body * field_weight(tf, 4, 4.0, options.k1, options.b);
        let scale = data.meta.weight_scale;
        assert_eq!(scale, expected(3), "the largest weight is lipid's, three times in the body");
        assert_eq!(weight(data, "lipid"), 255);
        assert_eq!(weight(data, "lipas"), (expected(1) / scale * 255.0).round() as u8);
        assert!(weight(data, "lipas") < 200, "lipase is counted once, not three times");
    }
}
