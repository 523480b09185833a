//! The vocabulary's entries as index terms, worked out once and stored in
//! `knowledge/analysis.bin` (by `cargo run --release --example knowledge_analysis`), so that
//! a build does not stem 54,000 entries before it reads a page: that was half the demo's
//! build time in the npm builder, where wasm stems five times slower than native code.
//!
//! The file says which word lists it was made with (a fingerprint of the analyzer): an
//! analyzer with other lists analyses the entries itself, so a stale file costs time, never
//! a wrong relation. A test checks that the stored analysis is the built-in analyzer's.
//!
//! Layout, little-endian: magic `QAKTERMS`, version u16, entry count u32, fingerprint u64,
//! term count u32; the terms in sorted order, front-coded (shared prefix length u8, suffix
//! length u8, suffix bytes); then per entry its term count u8 and that many term ids (u24).

use super::tables::{KnowledgeError, Reader};
use crate::analysis::Analyzer;

pub const ANALYSIS: &[u8] = include_bytes!("../../../knowledge/analysis.bin");

const MAGIC: &[u8; 8] = b"QAKTERMS";
const VERSION: u16 = 1;
const TABLE: &str = "analysis.bin";

/// Distinct terms, sorted, and per entry its terms as ids into them, in the entry's order.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryTerms {
    pub terms: Vec<String>,
    pub entry_terms: Vec<Vec<u32>>,
}

impl EntryTerms {
    /// Analyses every entry with `analyzer`.
    pub fn analyse<'a>(entries: impl Iterator<Item = &'a str>, analyzer: &Analyzer) -> EntryTerms {
        let analysed: Vec<Vec<String>> = entries.map(|text| analyzer.terms(text)).collect();
        let mut terms: Vec<String> = analysed.iter().flatten().cloned().collect();
        terms.sort_unstable();
        terms.dedup();
        let id = |term: &String| terms.binary_search(term).map_or(0, |i| i as u32);
        let entry_terms = analysed.iter().map(|list| list.iter().map(id).collect()).collect();
        EntryTerms { terms, entry_terms }
    }

    pub fn encode(&self, fingerprint: u64) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.entry_terms.len() as u32).to_le_bytes());
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&(self.terms.len() as u32).to_le_bytes());
        let mut previous: &str = "";
        for term in &self.terms {
            let shared = shared_prefix(previous, term).min(255);
            let suffix = &term.as_bytes()[shared..];
            out.extend_from_slice(&[shared as u8, suffix.len() as u8]);
            out.extend_from_slice(suffix);
            previous = term;
        }
        for ids in &self.entry_terms {
            out.push(ids.len() as u8);
            ids.iter().for_each(|id| out.extend_from_slice(&id.to_le_bytes()[..3]));
        }
        out
    }

    /// The stored analysis, if it was made with the analyzer of `fingerprint` for a
    /// vocabulary of `entry_count` entries; `Ok(None)` if it was made for another.
    pub fn decode(bytes: &[u8], entry_count: usize, fingerprint: u64) -> Result<Option<EntryTerms>, KnowledgeError> {
        let mut r = Reader::new(bytes, TABLE);
        r.magic_and_version(MAGIC, VERSION)?;
        let count = r.u32()? as usize;
        let stored_fingerprint = u64::from_le_bytes(r.take(8)?.try_into().unwrap_or_default());
        if count != entry_count || stored_fingerprint != fingerprint {
            return Ok(None);
        }
        let term_count = r.u32()? as usize;
        // Each term takes at least two bytes: never allocate more than the bytes can hold.
        let mut terms: Vec<String> = Vec::with_capacity(term_count.min(bytes.len() / 2));
        for _ in 0..term_count {
            let shared = usize::from(r.u8()?);
            let suffix_len = usize::from(r.u8()?);
            let previous = terms.last().map_or("", String::as_str);
            let prefix = previous.as_bytes().get(..shared).ok_or_else(|| r.damaged("a term shares more than the one before".into()))?;
            let mut term = prefix.to_vec();
            term.extend_from_slice(r.take(suffix_len)?);
            let term = String::from_utf8(term).map_err(|_| r.damaged("a term that is not UTF-8".into()))?;
            if terms.last().is_some_and(|previous| *previous >= term) {
                return Err(r.damaged(format!("terms out of order at {term:?}")));
            }
            terms.push(term);
        }
        let mut entry_terms = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let n = usize::from(r.u8()?);
            let mut ids = Vec::with_capacity(n);
            for _ in 0..n {
                let raw = r.take(3)?;
                let id = u32::from_le_bytes([raw[0], raw[1], raw[2], 0]);
                if id as usize >= terms.len() {
                    return Err(r.damaged(format!("a reference to term {id}, past the last")));
                }
                ids.push(id);
            }
            entry_terms.push(ids);
        }
        r.finish()?;
        Ok(Some(EntryTerms { terms, entry_terms }))
    }
}

/// What the analysis of an entry depends on besides the stemmer: the language and the word
/// lists (FNV-1a over them, with separators, so that no two lists hash alike by shifting).
pub fn fingerprint(analyzer: &Analyzer) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes.iter().chain(&[0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    let lists = analyzer.word_lists();
    eat(analyzer.language().tag().as_bytes());
    for (name, list) in [("stop", &lists.stop), ("light", &lists.light)] {
        eat(name.as_bytes());
        list.iter().for_each(|word| eat(word.as_bytes()));
    }
    eat(b"irregular");
    for (form, base) in &lists.irregular {
        eat(form.as_bytes());
        eat(base.as_bytes());
    }
    hash
}

fn shared_prefix(a: &str, b: &str) -> usize {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    // Never split a character: the prefix is cut at a boundary of both strings.
    (0..=common).rev().find(|&i| a.is_char_boundary(i) && b.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Language;

    fn small() -> (EntryTerms, Analyzer) {
        let analyzer = Analyzer::builtin(Language::English);
        let entries = ["kidney", "kidney stone", "renal", "the", "naïve", "naïvety"];
        (EntryTerms::analyse(entries.into_iter(), &analyzer), analyzer)
    }

    #[test]
    fn round_trips_and_knows_its_analyzer() {
        let (analysis, analyzer) = small();
        assert_eq!(analysis.entry_terms[3], Vec::<u32>::new(), "a stop word has no term");
        let print = fingerprint(&analyzer);
        let bytes = analysis.encode(print);
        assert_eq!(EntryTerms::decode(&bytes, 6, print), Ok(Some(analysis.clone())));
        assert_eq!(EntryTerms::decode(&bytes, 6, print ^ 1), Ok(None), "another analyzer's");
        assert_eq!(EntryTerms::decode(&bytes, 7, print), Ok(None), "another vocabulary's");
        let mut other = analyzer.word_lists().clone();
        other.stop.pop();
        assert_ne!(fingerprint(&Analyzer::new(Language::English, other)), print);
    }

    #[test]
    fn damaged_bytes_give_errors_not_panics() {
        let (analysis, analyzer) = small();
        let print = fingerprint(&analyzer);
        let bytes = analysis.encode(print);
        for cut in 0..bytes.len() {
            assert!(EntryTerms::decode(&bytes[..cut], 6, print).is_err(), "cut at {cut}");
        }
        let mut dangling = bytes.clone();
        let last = dangling.len() - 3;
        dangling[last..].copy_from_slice(&[0xff, 0xff, 0x7f]);
        assert!(EntryTerms::decode(&dangling, 6, print).is_err());
        let mut longer = bytes;
        longer.push(0);
        assert!(EntryTerms::decode(&longer, 6, print).is_err());
    }
}
