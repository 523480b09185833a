//! Synonyms and question cues. They are read at build time, reduced to what the content
//! can use, stemmed with the index's own analyzer, and written into the index, so that
//! the wasm carries no word tables of its own.

use thiserror::Error;

use crate::analysis::Analyzer;
use crate::index::{Cue, SynonymGroup};

const BUILTIN_SYNONYMS: &str = include_str!("synonyms_en.txt");
const BUILTIN_CUES: &str = include_str!("cues_en.txt");

#[derive(Debug, Error, PartialEq)]
pub enum LexiconError {
    #[error("line {line} of the synonym file: {problem}; write one group per line, like `fat, adipose`")]
    Synonyms { line: usize, problem: String },
}

/// Parses a synonym file: one group per line, phrases separated by commas, `#` comments.
pub fn parse_synonyms(text: &str) -> Result<Vec<Vec<String>>, LexiconError> {
    let mut groups = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let phrases: Vec<String> =
            line.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        if phrases.len() < 2 {
            return Err(LexiconError::Synonyms { line: i + 1, problem: format!("{line:?} has fewer than two phrases") });
        }
        groups.push(phrases);
    }
    Ok(groups)
}

pub fn builtin_synonyms() -> Vec<Vec<String>> {
    parse_synonyms(BUILTIN_SYNONYMS).unwrap_or_default()
}

/// Stems each phrase into index terms and keeps the groups that can do some good here: at
/// least two distinct members, one of them wholly in the content.
pub fn synonym_groups(groups: &[Vec<String>], analyzer: &Analyzer, in_content: impl Fn(&str) -> bool) -> Vec<SynonymGroup> {
    let mut kept = Vec::new();
    for group in groups {
        let mut members: Vec<Vec<String>> = Vec::new();
        for phrase in group {
            let terms = analyzer.terms(phrase);
            if !terms.is_empty() && !members.contains(&terms) {
                members.push(terms);
            }
        }
        let usable = members.iter().any(|m| m.iter().all(|t| in_content(t)));
        if members.len() >= 2 && usable {
            kept.push(SynonymGroup { members });
        }
    }
    kept
}

/// The built-in question cues, with their answer words stemmed and reduced to the content's.
pub fn cues(analyzer: &Analyzer, in_content: impl Fn(&str) -> bool) -> Vec<Cue> {
    let mut cues = Vec::new();
    for line in BUILTIN_CUES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((trigger, answers)) = line.split_once("=>") else { continue };
        let trigger: Vec<String> = analyzer.tokens(trigger).into_iter().map(|t| t.word).collect();
        let (wants_number, answers) = match answers.trim_start().strip_prefix("[number]") {
            Some(rest) => (true, rest),
            None => (false, answers),
        };
        let mut expansions: Vec<String> = Vec::new();
        for word in answers.split(',') {
            if let Some(term) = analyzer.term_of(word.trim()) {
                if in_content(&term) && !expansions.contains(&term) {
                    expansions.push(term);
                }
            }
        }
        // A question asking for a quantity wants one whatever words the site has.
        if !trigger.is_empty() && (wants_number || !expansions.is_empty()) {
            cues.push(Cue { trigger, expansions, wants_number });
        }
    }
    cues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Language;

    #[test]
    fn parses_groups_and_reports_bad_lines() {
        assert_eq!(parse_synonyms("# c\nfat, adipose\n\nIV , intravenous # x").unwrap(), [
            vec!["fat".to_owned(), "adipose".to_owned()],
            vec!["IV".to_owned(), "intravenous".to_owned()],
        ]);
        assert!(matches!(parse_synonyms("ok, fine\nlonely"), Err(LexiconError::Synonyms { line: 2, .. })));
    }

    #[test]
    fn the_builtin_list_parses_and_covers_the_lay_clinical_pairs() {
        let groups = builtin_synonyms();
        assert!(groups.len() > 50);
        let together = |a: &str, b: &str| groups.iter().any(|g| g.iter().any(|p| p == a) && g.iter().any(|p| p == b));
        assert!(together("fat", "adipose"));
        assert!(together("cancer", "tumorigenesis"));
        assert!(together("iv", "intravenous"));
        assert!(together("backbone", "spine"));
        assert!(together("shot", "injection"));
    }

    #[test]
    fn keeps_only_groups_the_content_can_use_and_stems_members() {
        let analyzer = Analyzer::builtin(Language::English);
        let groups = vec![
            vec!["fat".to_owned(), "adipose tissue".to_owned()],
            vec!["heart attack".to_owned(), "myocardial infarction".to_owned()],
        ];
        let in_content = |t: &str| ["adipos", "tissu"].contains(&t);
        let kept = synonym_groups(&groups, &analyzer, in_content);
        assert_eq!(kept, [SynonymGroup { members: vec![vec!["fat".into()], vec!["adipos".into(), "tissu".into()]] }]);
    }

    #[test]
    fn cues_keep_trigger_words_and_stemmed_answers_found_in_the_content() {
        let analyzer = Analyzer::builtin(Language::English);
        let cues = cues(&analyzer, |t| ["week", "month", "caus"].contains(&t));
        let how_long = cues.iter().find(|c| c.trigger == ["how", "long"]).unwrap();
        assert_eq!(how_long.expansions, ["week", "month"]);
        assert!(how_long.wants_number);
        let why = cues.iter().find(|c| c.trigger == ["why"]).unwrap();
        assert_eq!(why.expansions, ["caus"]);
        assert!(!why.wants_number);
    }
}
