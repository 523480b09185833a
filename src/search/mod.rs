//! The query engine: a question in, ranked passages out, each with the excerpt that
//! answers, highlight ranges, the score and the source, plus the decision whether the
//! content answers the question at all. Pure Rust, no I/O: the CLI and the wasm run it as is.

mod decision;
mod excerpt;
mod fuzzy;
mod matcher;
mod query;
mod rank;

use serde::Serialize;
use thiserror::Error;

use crate::analysis::{Analyzer, Language};
use crate::index::{FormatError, Index, MissingShards};

pub use query::{idf, plan, Concept, MatchKind, QueryPlan, DERIVATIONAL_SUFFIXES};
pub use decision::{Evidence, FEATURE_COUNT, FEATURE_NAMES};
pub use rank::{Features, MatchShares};

/// `(key, id)` pairs in the query path's one order: by key, highest first, then by id. Keys
/// with their ids are unique or identical pairs, so there is one such order.
fn before(a: (u64, u32), b: (u64, u32)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

fn after(a: (u64, u32), b: (u64, u32)) -> bool {
    before(b, a)
}

/// Restores the heap below `root` (within `end`): a parent is never `above`'d by a child.
fn sift_down(items: &mut [(u64, u32)], mut root: usize, end: usize, above: fn((u64, u32), (u64, u32)) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && above(items[child + 1], items[child]) {
            child += 1;
        }
        if !above(items[child], items[root]) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

fn heapify(items: &mut [(u64, u32)], above: fn((u64, u32), (u64, u32)) -> bool) {
    for start in (0..items.len() / 2).rev() {
        sift_down(items, start, items.len(), above);
    }
}

/// Sorts into that order. A heapsort by hand: the standard library's sort adds 3 KB gzip to
/// the wasm, and every differently-typed sort its own copy; this one serves all of them.
pub(crate) fn order_by_key(items: &mut [(u64, u32)]) {
    // The heap keeps the last in order at its root, and each round puts it at the end.
    heapify(items, after);
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, after);
    }
}

/// The first `k` of `items` in that order, in order, in one pass: a heap of the best `k`
/// so far, the last of them at its root, so that most items cost one comparison with it
/// (no copy of all the keys, no heap of them all: on a site of 30,000 passages that was a
/// tenth of a question's time).
pub(crate) fn best_by_key(items: impl Iterator<Item = (u64, u32)>, k: usize) -> Vec<(u64, u32)> {
    let mut best: Vec<(u64, u32)> = Vec::with_capacity(k.min(64));
    for item in items {
        if best.len() < k {
            best.push(item);
            if best.len() == k {
                heapify(&mut best, after);
            }
        } else if k > 0 && before(item, best[0]) {
            best[0] = item;
            sift_down(&mut best, 0, k, after);
        }
    }
    order_by_key(&mut best);
    best
}

/// A score as a sort key: non-negative floats order like their bits.
pub(crate) fn score_key(score: f32) -> u64 {
    u64::from(score.max(0.0).to_bits())
}

#[derive(Debug, Error)]
pub enum EngineError {
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error("the index was built for language \"{tag}\", which this qa-widget cannot read; rebuild it for English or use a qa-widget built with that language")]
    UnsupportedLanguage { tag: String },
}

/// A shard a question needs could not be had.
#[derive(Debug, Error)]
pub enum ShardError<E: std::fmt::Display> {
    #[error("the index shard {file} could not be read ({cause}); copy the index's whole folder: the root and every file named after it")]
    Unavailable { file: String, cause: E },
    #[error("the index shard {file} is not right: {error}")]
    Corrupt { file: String, error: FormatError },
}

/// Knobs of the ranking and of the answer decision. The defaults were chosen by
/// measurement (ARCHITECTURE.md, "How were the ranking constants chosen?").
#[derive(Clone, Debug)]
pub struct Tuning {
    pub synonym_weight: f32,
    /// A relation from the lexical resources counts this much times its own sureness;
    /// below `synonym_weight`, since a curated synonym is surer.
    pub relation_weight: f32,
    pub max_relations: usize,
    /// A one-edit typo counts this much; two edits count its square.
    pub typo_weight: f32,
    pub max_typo_alternatives: usize,
    /// Other forms of a word ("inflammatory" for "inflammation") count this much.
    pub variant_weight: f32,
    pub max_variants: usize,
    pub cue_weight: f32,
    /// The share of its IDF that an everyday verb or adjective counts for ("help", "avoid").
    pub light_word_share: f32,
    /// What a word counts for in the sentences of a question that only set the scene.
    pub context_weight: f32,
    /// The share of the best other passage of its page that a passage gains.
    pub page_context_weight: f32,
    pub proximity_weight: f32,
    /// A heading that restates the question adds this much, in evidence units.
    pub heading_match_weight: f32,
    /// For "What is X?", a passage with a sentence opening with X adds this much.
    pub definition_weight: f32,
    /// What a restated heading or a cue counts besides the question's total importance:
    /// common words still mean something when a heading repeats them all.
    pub evidence_floor: f32,
    /// How many first-stage candidates are read word by word.
    pub rerank_depth: usize,
    pub min_sentence_importance: f32,
    pub cue_sentence_bonus: f32,
    pub excerpt_min_chars: usize,
    pub excerpt_target_chars: usize,
    pub excerpt_max_chars: usize,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            synonym_weight: 0.8,
            relation_weight: 0.6,
            max_relations: 4,
            typo_weight: 0.7,
            max_typo_alternatives: 3,
            variant_weight: 0.7,
            max_variants: 3,
            cue_weight: 0.3,
            light_word_share: 0.4,
            context_weight: 0.5,
            page_context_weight: 0.15,
            proximity_weight: 1.0,
            heading_match_weight: 1.0,
            definition_weight: 0.5,
            evidence_floor: 1.0,
            rerank_depth: 16,
            min_sentence_importance: 0.05,
            cue_sentence_bonus: 0.3,
            excerpt_min_chars: 80,
            excerpt_target_chars: 240,
            excerpt_max_chars: 420,
        }
    }
}

impl Tuning {
    /// Applies overrides written as `name=value,name=value`, for measuring alternatives
    /// (`qa-widget eval --tuning …`). Unknown names and bad numbers are errors.
    pub fn with_overrides(mut self, overrides: &str) -> Result<Tuning, String> {
        for pair in overrides.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("{pair:?} is not name=value"))?;
            let number: f32 = value.trim().parse().map_err(|_| format!("{value:?} is not a number"))?;
            let count = number as usize;
            match name.trim() {
                "synonym_weight" => self.synonym_weight = number,
                "relation_weight" => self.relation_weight = number,
                "max_relations" => self.max_relations = count,
                "typo_weight" => self.typo_weight = number,
                "max_typo_alternatives" => self.max_typo_alternatives = count,
                "variant_weight" => self.variant_weight = number,
                "max_variants" => self.max_variants = count,
                "cue_weight" => self.cue_weight = number,
                "light_word_share" => self.light_word_share = number,
                "context_weight" => self.context_weight = number,
                "page_context_weight" => self.page_context_weight = number,
                "proximity_weight" => self.proximity_weight = number,
                "heading_match_weight" => self.heading_match_weight = number,
                "definition_weight" => self.definition_weight = number,
                "evidence_floor" => self.evidence_floor = number,
                "rerank_depth" => self.rerank_depth = count,
                "excerpt_min_chars" => self.excerpt_min_chars = count,
                "excerpt_target_chars" => self.excerpt_target_chars = count,
                "excerpt_max_chars" => self.excerpt_max_chars = count,
                other => return Err(format!("no tuning knob is called {other:?}")),
            }
        }
        Ok(self)
    }
}

#[derive(Clone, Debug)]
pub struct AskOptions {
    /// How many results to return.
    pub top: usize,
}

impl Default for AskOptions {
    fn default() -> AskOptions {
        AskOptions { top: 3 }
    }
}

/// The answer to one question; serialized, it is the CLI's `--json` line and the object
/// the wasm's `ask` returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    pub question: String,
    /// False when nothing in the content answers the question well enough.
    pub answered: bool,
    /// The top passages, best first, even when `answered` is false.
    pub results: Vec<AnswerResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerResult {
    pub rank: u32,
    /// Rounded to 4 decimals, so the native build and the wasm print the same number.
    pub score: f64,
    pub passage: String,
    pub excerpt: String,
    /// `[start, end)` ranges of `excerpt` to highlight, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub doc: String,
    pub title: String,
    pub section: Option<String>,
    pub section_id: Option<String>,
    pub url: Option<String>,
}

/// Why an answer came out as it did.
#[derive(Debug)]
pub struct Explanation {
    pub answered: bool,
    /// What the answer decision read, for the best result.
    pub evidence: Option<Evidence>,
    pub concepts: Vec<ExplainedConcept>,
    pub cue_terms: Vec<String>,
    /// (passage, score, features), best first.
    pub results: Vec<(u32, f32, Features)>,
}

#[derive(Debug)]
pub struct ExplainedConcept {
    pub word: String,
    pub importance: f32,
    /// (index terms, weight, kind of match).
    pub stand_ins: Vec<(String, f32, MatchKind)>,
}

pub struct Engine {
    index: Index,
    analyzer: Analyzer,
    tuning: Tuning,
}

/// What a question needs that a sharded index has not loaded yet: fetch these shards, give
/// them to `Engine::add_shard`, and ask again.
pub type Missing = MissingShards;

impl Engine {
    pub fn new(mut index: Index) -> Result<Engine, EngineError> {
        let language = Language::from_tag(&index.meta.language)
            .ok_or_else(|| EngineError::UnsupportedLanguage { tag: index.meta.language.clone() })?;
        let analyzer = Analyzer::new(language, std::mem::take(&mut index.word_lists));
        index.derive_from_texts(&analyzer);
        Ok(Engine { index, analyzer, tuning: Tuning::default() })
    }

    /// An index in one file, a sharded index's root, or a bundle (a root and its shards).
    pub fn from_bytes(bytes: &[u8]) -> Result<Engine, EngineError> {
        Engine::new(Index::from_bytes(bytes)?)
    }

    pub fn with_tuning(mut self, tuning: Tuning) -> Engine {
        self.tuning = tuning;
        self
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Takes in a shard of a sharded index (see `Missing`).
    pub fn add_shard(&mut self, shard: u32, bytes: &[u8]) -> Result<(), FormatError> {
        self.index.add_shard(shard, bytes)?;
        self.index.derive_from_texts(&self.analyzer);
        Ok(())
    }

    /// Runs `attempt` (`try_ask`, `try_search`…) until it has what it needs: each time it
    /// names missing shards, `fetch(file name)` gets their bytes. Each round loads at least
    /// one shard, so this ends.
    pub fn resolve<T, E: std::fmt::Display>(
        &mut self,
        mut attempt: impl FnMut(&Engine) -> Result<T, Missing>,
        mut fetch: impl FnMut(&str) -> Result<Vec<u8>, E>,
    ) -> Result<T, ShardError<E>> {
        loop {
            let missing = match attempt(self) {
                Ok(done) => return Ok(done),
                Err(missing) => missing,
            };
            for shard in missing.shards {
                let file = self.index.shard_file(shard).unwrap_or_default();
                let bytes = fetch(&file).map_err(|cause| ShardError::Unavailable { file: file.clone(), cause })?;
                self.add_shard(shard, &bytes).map_err(|error| ShardError::Corrupt { file, error })?;
            }
        }
    }

    /// Answers a question. On a sharded index, what is not loaded counts as absent: use
    /// `try_ask` there.
    pub fn ask(&self, question: &str, options: &AskOptions) -> Answer {
        self.answer(question, options, false).unwrap_or_else(|_| Answer { question: question.to_owned(), answered: false, results: Vec::new() })
    }

    /// Answers a question, or says which shards it needs first.
    pub fn try_ask(&self, question: &str, options: &AskOptions) -> Result<Answer, Missing> {
        self.answer(question, options, true)
    }

    fn answer(&self, question: &str, options: &AskOptions, strict: bool) -> Result<Answer, Missing> {
        let plan = query::plan(&self.index, &self.analyzer, question, &self.tuning);
        let terms = matcher::PlanTerms::new(&plan);
        self.need_postings(&terms, strict)?;
        let mut ranked = rank::rank(&self.index, &terms, &plan, &self.tuning, options.top.max(decision::DECISION_DEPTH));
        let answered = self.is_answered(&plan, &ranked);
        ranked.truncate(options.top);
        if strict {
            let mut missing = Missing::default();
            self.index.missing_for_passages(ranked.iter().map(|r| r.passage), &mut missing);
            if !missing.shards.is_empty() {
                return Err(missing);
            }
        }
        let mut scratch = matcher::ReadScratch::default();
        let mut results: Vec<AnswerResult> = ranked
            .into_iter()
            .map(|r| {
                let text = self.passage_text(r.passage);
                let hits = r.hits.unwrap_or_else(|| terms.read(&self.index, r.passage, &mut scratch).0);
                let (sentences, words) = (self.index.sentences(r.passage), self.index.word_spans(r.passage));
                let excerpt = excerpt::excerpt(&plan, text, sentences, words, &hits, r.features.heading, &self.tuning);
                self.result(r.passage, r.score, excerpt)
            })
            .collect();
        self.pad_with_overviews(&mut results, options.top, strict)?;
        for (i, result) in results.iter_mut().enumerate() {
            result.rank = i as u32 + 1;
        }
        Ok(Answer { question: question.to_owned(), answered, results })
    }

    fn need_postings(&self, terms: &matcher::PlanTerms, strict: bool) -> Result<(), Missing> {
        let mut missing = Missing::default();
        if strict {
            self.index.missing_for_terms(terms.terms(), &mut missing);
        }
        if missing.shards.is_empty() { Ok(()) } else { Err(missing) }
    }

    /// Whether the best passage answers: the fitted decision over its evidence.
    fn is_answered(&self, plan: &QueryPlan, ranked: &[rank::Ranked]) -> bool {
        decision::answers(plan, decision::evidence(&self.index, plan, ranked).as_ref())
    }

    /// The query plan and every result's features: what `qa-widget ask --explain` prints.
    pub fn explain(&self, question: &str, top: usize) -> Explanation {
        self.explanation(question, top, false).unwrap_or_else(|_| Explanation { answered: false, evidence: None, concepts: Vec::new(), cue_terms: Vec::new(), results: Vec::new() })
    }

    pub fn try_explain(&self, question: &str, top: usize) -> Result<Explanation, Missing> {
        self.explanation(question, top, true)
    }

    fn explanation(&self, question: &str, top: usize, strict: bool) -> Result<Explanation, Missing> {
        let plan = query::plan(&self.index, &self.analyzer, question, &self.tuning);
        let terms = matcher::PlanTerms::new(&plan);
        self.need_postings(&terms, strict)?;
        let mut ranked = rank::rank(&self.index, &terms, &plan, &self.tuning, top.max(decision::DECISION_DEPTH));
        let evidence = decision::evidence(&self.index, &plan, &ranked);
        ranked.truncate(top);
        Ok(Explanation {
            answered: decision::answers(&plan, evidence.as_ref()),
            evidence,
            concepts: plan
                .concepts
                .iter()
                .map(|c| ExplainedConcept {
                    word: c.word.clone(),
                    importance: c.importance,
                    stand_ins: c
                        .alternatives
                        .iter()
                        .map(|a| {
                            let terms: Vec<&str> = a.terms.iter().map(|&t| self.index.term(t)).collect();
                            (terms.join(" "), a.weight, a.kind)
                        })
                        .collect(),
                })
                .collect(),
            cue_terms: plan.cue_terms.iter().map(|&t| self.index.term(t).to_owned()).collect(),
            results: ranked.iter().map(|r| (r.passage, r.score, r.features)).collect(),
        })
    }

    /// The best `limit` passages and their scores, without excerpts: for benchmarks, which
    /// rank deep and only need ids.
    pub fn search(&self, question: &str, limit: usize) -> Vec<(u32, f32)> {
        self.ranking(question, limit, false).unwrap_or_default()
    }

    pub fn try_search(&self, question: &str, limit: usize) -> Result<Vec<(u32, f32)>, Missing> {
        self.ranking(question, limit, true)
    }

    fn ranking(&self, question: &str, limit: usize, strict: bool) -> Result<Vec<(u32, f32)>, Missing> {
        let plan = query::plan(&self.index, &self.analyzer, question, &self.tuning);
        let terms = matcher::PlanTerms::new(&plan);
        self.need_postings(&terms, strict)?;
        Ok(rank::rank(&self.index, &terms, &plan, &self.tuning, limit).into_iter().map(|r| (r.passage, r.score)).collect())
    }

    /// Questions to offer before anything is asked.
    pub fn suggestions(&self, limit: usize) -> Vec<String> {
        self.index.suggestions.iter().take(limit).map(|s| s.question.clone()).collect()
    }

    fn passage_text(&self, passage: u32) -> &str {
        self.index.passage(passage).map_or("", |p| p.text.as_str())
    }

    fn result(&self, passage: u32, score: f32, excerpt: excerpt::Excerpt) -> AnswerResult {
        let record = self.index.passage(passage);
        let document = record.and_then(|p| self.index.document_of(p));
        AnswerResult {
            rank: 0,
            score: (f64::from(score) * 10_000.0).round() / 10_000.0,
            passage: record.map_or_else(String::new, |p| p.text.clone()),
            excerpt: excerpt.text,
            highlights: excerpt.highlights,
            source: Source {
                doc: document.map_or_else(String::new, |d| d.id.clone()),
                title: document.map_or_else(String::new, |d| d.title.clone()),
                section: record.and_then(|p| p.heading.clone()),
                section_id: record.and_then(|p| p.section_id.clone()),
                url: document.and_then(|d| d.url.clone()),
            },
        }
    }

    /// When fewer passages than asked share a word with the question, the rest of the
    /// list is each document's opening passage: what the pages are about, for the curious.
    /// On a sharded index, the texts of the next documents' openings may be missing.
    fn pad_with_overviews(&self, results: &mut Vec<AnswerResult>, top: usize, strict: bool) -> Result<(), Missing> {
        let mut missing = Missing::default();
        let mut pending = 0;
        let mut last_doc = None;
        for p in 0..self.index.passage_count() as u32 {
            if results.len() + pending >= top {
                break;
            }
            let doc = self.index.document_number(p);
            if last_doc == doc {
                continue;
            }
            last_doc = doc;
            let Some(passage) = self.index.passage(p) else {
                if strict {
                    self.index.missing_for_passages([p], &mut missing);
                    pending += 1;
                }
                continue;
            };
            let doc_id = self.index.document_of(passage).map(|d| d.id.as_str());
            if results.iter().any(|r| Some(r.source.doc.as_str()) == doc_id) {
                continue;
            }
            let first = self.index.sentences(p).first();
            let first_sentence = first.and_then(|s| passage.text.get(s.start as usize..s.end as usize)).unwrap_or("").to_owned();
            let overview = excerpt::Excerpt { text: first_sentence, highlights: Vec::new() };
            results.push(self.result(p, 0.0, overview));
        }
        if missing.shards.is_empty() { Ok(()) } else { Err(missing) }
    }
}
