//! The scoring rules of ../shared/eval/README.md, as one tested function per step: is a
//! result a hit, what does an answer show that it must not, and what do the outcomes of a
//! question set add up to.

use qa_widget::search::Answer;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Markup never acceptable in anything shown, on any site (../shared/eval/README.md); Thai
/// letters, the debris of mojibake, are checked besides.
pub const MARKUP_FORBIDDEN: &[&str] = &["<div", "<h3", "<img", "&nbsp;"];

/// The demo corpus's own junk (../shared/eval/README.md), forbidden for its questions; the
/// bank gives each set its list.
pub const DEMO_FORBIDDEN: &[&str] = &["lorem ipsum", "learn more", "limited partner offer", "americord", "stem cell storage solutions"];

/// How many results an answer is scored on (MRR@5).
pub const SCORED_RESULTS: usize = 5;

#[derive(Clone, Debug, Deserialize)]
pub struct Question {
    pub id: String,
    pub q: String,
    /// Phrases of the answering passage; empty when the content does not answer.
    pub expect: Vec<String>,
    #[serde(default)]
    pub forbid: Vec<String>,
}

/// What one answer did, under the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub answerable: bool,
    pub answered: bool,
    /// The rank (0-based) of the first result whose passage holds an expected phrase.
    pub first_hit: Option<usize>,
    /// Forbidden strings found in what the answer shows.
    pub forbidden: Vec<String>,
}

impl Outcome {
    /// An answer shown (`answered: true`) whose first result is right.
    pub fn shown_right(&self) -> bool {
        self.answered && self.first_hit == Some(0)
    }
}

/// As the eval README defines it: NFKC, lower case, straight quotes, single spaces.
pub fn normalize(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            other => other,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Scores one answer. `set_forbid` holds the strings of the set's page chrome.
pub fn score(question: &Question, answer: &Answer, set_forbid: &[String]) -> Outcome {
    let expected: Vec<String> = question.expect.iter().map(|e| normalize(e)).collect();
    let first_hit = if expected.is_empty() {
        None
    } else {
        answer.results.iter().take(SCORED_RESULTS).position(|r| {
            let passage = normalize(&r.passage);
            expected.iter().any(|e| passage.contains(e))
        })
    };
    let forbidden_list: Vec<String> = MARKUP_FORBIDDEN
        .iter()
        .map(|s| s.to_string())
        .chain(question.forbid.iter().chain(set_forbid).map(|f| normalize(f)))
        .collect();
    let mut forbidden = Vec::new();
    for result in answer.results.iter().take(SCORED_RESULTS) {
        for shown in [&result.passage, &result.excerpt, &result.source.title] {
            let text = normalize(shown);
            forbidden.extend(forbidden_list.iter().filter(|f| text.contains(f.as_str())).cloned());
            if shown.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)) {
                forbidden.push("Thai letters (mojibake)".to_owned());
            }
        }
    }
    Outcome { answerable: !question.expect.is_empty(), answered: answer.answered, first_hit, forbidden }
}

/// The figures of a question set.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub answerable: usize,
    pub unanswerable: usize,
    pub hit_at_1: f64,
    pub hit_at_3: f64,
    pub mrr_at_5: f64,
    /// Share of the answerable questions marked answered.
    pub answered: f64,
    /// Share of the answerable questions marked answered with the right first result.
    pub answered_hit_at_1: f64,
    /// Share of the unanswerable questions marked not answered.
    pub abstention: f64,
    pub false_answers: usize,
    /// Of every answer shown (unanswerable questions included), the share whose first
    /// result is right; 1 when nothing is shown.
    pub shown_right: f64,
    pub shown: usize,
    pub forbidden_hits: usize,
}

pub fn metrics(outcomes: &[Outcome]) -> Metrics {
    let answerable: Vec<&Outcome> = outcomes.iter().filter(|o| o.answerable).collect();
    let unanswerable: Vec<&Outcome> = outcomes.iter().filter(|o| !o.answerable).collect();
    let share = |count: usize, of: usize| if of == 0 { 0.0 } else { count as f64 / of as f64 };
    let count = |items: &[&Outcome], test: fn(&Outcome) -> bool| items.iter().filter(|o| test(o)).count();
    let shown = outcomes.iter().filter(|o| o.answered).count();
    let shown_right = outcomes.iter().filter(|o| o.shown_right()).count();
    Metrics {
        answerable: answerable.len(),
        unanswerable: unanswerable.len(),
        hit_at_1: share(count(&answerable, |o| o.first_hit == Some(0)), answerable.len()),
        hit_at_3: share(count(&answerable, |o| o.first_hit.is_some_and(|i| i < 3)), answerable.len()),
        mrr_at_5: if answerable.is_empty() {
            0.0
        } else {
            answerable.iter().filter_map(|o| o.first_hit).map(|i| 1.0 / (i + 1) as f64).sum::<f64>() / answerable.len() as f64
        },
        answered: share(count(&answerable, |o| o.answered), answerable.len()),
        answered_hit_at_1: share(count(&answerable, Outcome::shown_right), answerable.len()),
        abstention: share(count(&unanswerable, |o| !o.answered), unanswerable.len()),
        false_answers: count(&unanswerable, |o| o.answered),
        shown_right: if shown == 0 { 1.0 } else { shown_right as f64 / shown as f64 },
        shown,
        forbidden_hits: outcomes.iter().map(|o| o.forbidden.len()).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qa_widget::search::{AnswerResult, Source};

    fn answer(answered: bool, passages: &[&str]) -> Answer {
        let results = passages
            .iter()
            .enumerate()
            .map(|(i, p)| AnswerResult {
                rank: i as u32 + 1,
                score: 1.0,
                passage: p.to_string(),
                excerpt: p.to_string(),
                highlights: Vec::new(),
                source: Source { doc: "d".into(), title: "Title".into(), section: None, section_id: None, url: None },
            })
            .collect();
        Answer { question: "q".into(), answered, results }
    }

    fn question(expect: &[&str]) -> Question {
        Question { id: "x".into(), q: "q".into(), expect: expect.iter().map(|s| s.to_string()).collect(), forbid: Vec::new() }
    }

    #[test]
    fn a_hit_is_an_expected_phrase_in_the_passage_after_normalising_both() {
        let q = question(&["Not universally  APPROVED"]);
        let outcome = score(&q, &answer(true, &["Other text.", "It is \u{a0}not universally approved by the FDA."]), &[]);
        assert_eq!(outcome.first_hit, Some(1));
        assert_eq!(score(&q, &answer(true, &["Nothing here."]), &[]).first_hit, None);
        let curly = question(&["the patient’s own"]);
        assert_eq!(score(&curly, &answer(true, &["From the patient's own fat."]), &[]).first_hit, Some(0));
    }

    #[test]
    fn forbidden_strings_count_in_passage_excerpt_and_title_and_thai_letters_count_too() {
        let q = question(&["x"]);
        let outcome = score(&q, &answer(false, &["Book an appointment today. <div>"]), &["book an APPOINTMENT".into()]);
        // Each string once in the passage and once in the excerpt (they are the same here).
        assert_eq!(outcome.forbidden.len(), 4);
        assert_eq!(score(&q, &answer(false, &["cells \u{0E42}\u{0E0A}"]), &[]).forbidden.len(), 2);
    }

    #[test]
    fn metrics_add_up_as_the_rules_say() {
        let outcomes = [
            Outcome { answerable: true, answered: true, first_hit: Some(0), forbidden: vec![] },
            Outcome { answerable: true, answered: false, first_hit: Some(0), forbidden: vec![] },
            Outcome { answerable: true, answered: true, first_hit: Some(2), forbidden: vec!["x".into()] },
            Outcome { answerable: true, answered: false, first_hit: None, forbidden: vec![] },
            Outcome { answerable: false, answered: true, first_hit: None, forbidden: vec![] },
            Outcome { answerable: false, answered: false, first_hit: None, forbidden: vec![] },
        ];
        let m = metrics(&outcomes);
        assert_eq!((m.answerable, m.unanswerable), (4, 2));
        assert_eq!(m.hit_at_1, 0.5);
        assert_eq!(m.hit_at_3, 0.75);
        assert!((m.mrr_at_5 - (1.0 + 1.0 + 1.0 / 3.0) / 4.0).abs() < 1e-12);
        assert_eq!(m.answered, 0.5);
        assert_eq!(m.answered_hit_at_1, 0.25);
        assert_eq!(m.abstention, 0.5);
        assert_eq!(m.false_answers, 1);
        // Shown: the right one, the wrong answerable one, the false answer.
        assert_eq!(m.shown, 3);
        assert!((m.shown_right - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(m.forbidden_hits, 1);
    }

    #[test]
    fn nothing_shown_is_never_wrong() {
        let m = metrics(&[Outcome { answerable: true, answered: false, first_hit: None, forbidden: vec![] }]);
        assert_eq!(m.shown_right, 1.0);
    }
}
