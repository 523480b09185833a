//! The question bank's file (tests/bank/bank.json): its sets, where their corpora and
//! questions are, and the strings of each set's page chrome that must never be shown.
//! Paths in it are relative to the file's own folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::{build, IndexOptions};
use qa_widget::search::Engine;
use serde::Deserialize;

use super::scoring::Question;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Tune,
    Test,
}

#[derive(Deserialize)]
struct BankFile {
    sets: Vec<SetEntry>,
}

#[derive(Deserialize)]
struct SetEntry {
    name: String,
    corpus: Vec<PathBuf>,
    tune: Option<PathBuf>,
    test: Option<PathBuf>,
    #[serde(default)]
    forbid: Vec<String>,
}

/// One set of one part, with its paths resolved.
pub struct Set {
    pub name: String,
    pub corpus: Vec<PathBuf>,
    pub questions: PathBuf,
    pub forbid: Vec<String>,
}

pub struct Bank {
    /// How the corpora are built: `qa-widget build`'s defaults unless overridden.
    pub index_options: IndexOptions,
    folder: PathBuf,
    sets: Vec<SetEntry>,
    /// Built corpora, by their inputs: several sets share the demo corpus.
    engines: std::cell::RefCell<HashMap<Vec<PathBuf>, Vec<u8>>>,
}

pub struct QuestionFile {
    pub display_name: String,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn read(path: &Path) -> anyhow::Result<Bank> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the bank {}", path.display()))?;
        let file: BankFile = serde_json::from_str(&text).with_context(|| format!("{} is not a question bank", path.display()))?;
        let folder = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        Ok(Bank { index_options: IndexOptions::default(), folder, sets: file.sets, engines: Default::default() })
    }

    /// The sets that have the part, in the file's order; `only` picks sets by name.
    pub fn sets_for(&self, part: Part, only: &[String]) -> anyhow::Result<Vec<Set>> {
        if let Some(unknown) = only.iter().find(|name| !self.sets.iter().any(|s| &s.name == *name)) {
            bail!("the bank has no set called {unknown:?}");
        }
        let chosen = self.sets.iter().filter(|s| only.is_empty() || only.contains(&s.name));
        Ok(chosen
            .filter_map(|s| {
                let questions = match part {
                    Part::Tune => s.tune.as_ref(),
                    Part::Test => s.test.as_ref(),
                }?;
                Some(Set {
                    name: s.name.clone(),
                    corpus: s.corpus.iter().map(|c| self.folder.join(c)).collect(),
                    questions: self.folder.join(questions),
                    forbid: s.forbid.clone(),
                })
            })
            .collect())
    }

    /// The corpus built as `qa-widget build` builds it, with the default options.
    pub fn engine_for(&self, corpus: &[PathBuf]) -> anyhow::Result<Engine> {
        let mut engines = self.engines.borrow_mut();
        if !engines.contains_key(corpus) {
            let built = build(corpus, &IngestOptions::default(), &self.index_options, &|_, _| {})
                .with_context(|| format!("cannot build the corpus {}", display(corpus)))?;
            engines.insert(corpus.to_vec(), built.bytes);
        }
        Ok(Engine::from_bytes(&engines[corpus])?)
    }
}

fn display(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

pub fn read_questions(path: &Path) -> anyhow::Result<QuestionFile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let questions = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).with_context(|| format!("line {} of {}", i + 1, path.display())))
        .collect::<anyhow::Result<_>>()?;
    let display_name = path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
    Ok(QuestionFile { display_name, questions })
}
