//! From clean documents to `IndexData`: passages, BM25 term weights, synonyms, cues and
//! suggested questions.
//!
//! The scoring model is the bm25 crate's: one `Embedder` per field (body, heading, title),
//! each fitted to its field's average length, gives every term of a passage its saturated,
//! length-normalised weight. The fields' weights are summed with the field weights and
//! stored as one byte per posting; the IDF is computed at query time as bm25's `Scorer`
//! does. (The `Scorer` itself is not used in the browser: it keeps every embedding in hash
//! maps, which would have to be rebuilt on every page load.)

use std::collections::BTreeMap;

use bm25::{Embedder, EmbedderBuilder};

use super::{knowledge, lexicon};
use super::passages::split_document;
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
        word_lists: analyzer.word_lists().clone(),
    };
    BuiltIndex { data, passages_per_document }
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

/// Weighs every (term, passage) pair with the bm25 embedders and quantizes the weights to
/// one byte against the largest. Returns the sorted postings and the scale.
fn weigh_terms(documents: &[SourceDocument], passages: &[Passage], options: &IndexOptions) -> (Postings, f32) {
    let bodies: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
    let headings: Vec<&str> = passages.iter().map(|p| p.heading.as_deref().unwrap_or("")).collect();
    let titles: Vec<&str> = passages
        .iter()
        .map(|p| documents.get(p.doc as usize).map_or("", |d| d.title.as_str()))
        .collect();
    let fields = [(&bodies, options.fields.body), (&headings, options.fields.heading), (&titles, options.fields.title)];
    let embedders: Vec<(Embedder<u32, Analyzer>, f32)> = fields
        .iter()
        .map(|(texts, weight)| {
            let embedder = EmbedderBuilder::<u32, Analyzer>::with_tokenizer_and_fit_to_corpus(
                Analyzer::builtin(options.language),
                texts,
            )
            .k1(options.k1)
            .b(options.b)
            .build();
            (embedder, *weight)
        })
        .collect();
    let analyzer = Analyzer::builtin(options.language);

    let mut weighted: BTreeMap<String, Vec<(u32, f32)>> = BTreeMap::new();
    let mut max_weight = 0f32;
    for (p, passage_fields) in (0..passages.len()).map(|p| (p, [bodies[p], headings[p], titles[p]])) {
        let mut per_term: BTreeMap<String, f32> = BTreeMap::new();
        for ((embedder, field_weight), text) in embedders.iter().zip(passage_fields) {
            if *field_weight == 0.0 || text.is_empty() {
                continue;
            }
            // The embedding lists one value per token, in the analyzer's token order.
            let embedding = embedder.embed(text);
            let mut seen: BTreeMap<&str, f32> = BTreeMap::new();
            let terms = analyzer.terms(text);
            for (term, token) in terms.iter().zip(embedding.iter()) {
                seen.insert(term.as_str(), token.value);
            }
            for (term, value) in seen {
                *per_term.entry(term.to_owned()).or_default() += field_weight * value;
            }
        }
        for (term, weight) in per_term {
            max_weight = max_weight.max(weight);
            weighted.entry(term).or_default().push((p as u32, weight));
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
