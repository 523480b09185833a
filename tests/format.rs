//! The index format: what is written reads back, old versions keep reading, and bytes that
//! are not a good index give a typed error, never a panic.

use qa_widget::index::{
    decode, encode, Cue, Document, FieldWeights, FormatError, IndexData, Meta, Passage, Posting, Suggestion,
    SynonymGroup, FORMAT_VERSION, MAGIC,
};
use qa_widget::analysis::WordLists;
use qa_widget::search::{AskOptions, Engine};

fn sample() -> IndexData {
    IndexData {
        meta: Meta {
            language: "en".into(),
            k1: 1.2,
            b: 0.75,
            fields: FieldWeights { body: 1.0, heading: 1.5, title: 0.6 },
            weight_scale: 3.5,
            builder: "test".into(),
        },
        documents: vec![
            Document { id: "a".into(), title: "Stem cells".into(), url: Some("https://example.org/a".into()) },
            Document { id: "b".into(), title: "Back pain".into(), url: None },
        ],
        passages: vec![
            Passage { doc: 0, heading: Some("What are stem cells?".into()), section_id: Some("a-1".into()), text: "Stem cells can become other cells.".into() },
            Passage { doc: 1, heading: None, section_id: None, text: "Back pain is common. Très common.".into() },
        ],
        terms: vec![
            ("back".into(), vec![Posting { passage: 1, weight: 200 }]),
            ("cell".into(), vec![Posting { passage: 0, weight: 255 }]),
            ("pain".into(), vec![Posting { passage: 1, weight: 180 }]),
            ("stem".into(), vec![Posting { passage: 0, weight: 220 }, Posting { passage: 1, weight: 1 }]),
        ],
        synonyms: vec![SynonymGroup { members: vec![vec!["backbon".into()], vec!["spine".into()]] }],
        cues: vec![Cue { trigger: vec!["how".into(), "long".into()], expansions: vec!["week".into()], wants_number: true }],
        suggestions: vec![Suggestion { question: "What are stem cells?".into(), passage: 0 }],
        relations: Vec::new(),
        word_lists: WordLists {
            stop: vec!["is".into(), "the".into(), "what".into()],
            light: vec!["help".into()],
            irregular: vec![("found".into(), "find".into())],
        },
    }
}

#[test]
fn what_is_written_reads_back() {
    let data = sample();
    let index = decode(&encode(&data)).expect("decodes");
    assert_eq!(index.meta, data.meta);
    assert_eq!(index.documents, data.documents);
    assert_eq!(index.passages, data.passages);
    assert_eq!(index.synonyms, data.synonyms);
    assert_eq!(index.cues, data.cues);
    assert_eq!(index.suggestions, data.suggestions);
    assert_eq!(index.word_lists, data.word_lists);
    assert_eq!(index.term_count(), 4);
    for (term, postings) in &data.terms {
        let id = index.term_id(term).expect("term present");
        assert_eq!(index.postings(id).collect::<Vec<_>>(), *postings);
        assert_eq!(index.doc_freq(id) as usize, postings.len());
    }
    assert_eq!(index.term_id("absent"), None);
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = encode(&sample());
    for len in 0..bytes.len() {
        let error = decode(&bytes[..len]).expect_err("a cut index must not decode");
        if len >= 20 {
            assert!(matches!(error, FormatError::Truncated { actual, .. } if actual == len as u64), "{len}: {error}");
        }
    }
}

#[test]
fn every_single_bit_flip_is_an_error() {
    let bytes = encode(&sample());
    for position in 0..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[position] ^= 1 << bit;
            assert!(decode(&flipped).is_err(), "a flip of bit {bit} at byte {position} went unnoticed");
        }
    }
}

#[test]
fn foreign_bytes_are_not_an_index() {
    for foreign in [&b""[..], b"<!DOCTYPE html><title>404 Not Found</title>", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", b"QAWIDX"] {
        let error = decode(foreign).expect_err("not an index");
        assert!(matches!(error, FormatError::NotAnIndex { .. }), "{error}");
    }
    let html = decode(b"<!DOCTYPE html><p>Not found</p>").expect_err("html");
    assert!(html.to_string().contains("HTML page"), "{html}");
}

#[test]
fn a_newer_version_says_so() {
    let mut bytes = encode(&sample());
    bytes[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(decode(&bytes).expect_err("newer"), FormatError::UnsupportedVersion { found: 2, supported: 1 });
}

#[test]
fn trailing_bytes_are_corrupt() {
    let mut bytes = encode(&sample());
    bytes.push(0);
    assert!(matches!(decode(&bytes), Err(FormatError::Corrupt { .. })));
}

/// Mutations with the checksum recomputed reach the section parsers themselves: they must
/// reject what does not hold together, and never panic or allocate wildly.
#[test]
fn mutated_contents_with_a_valid_checksum_never_panic() {
    let bytes = encode(&sample());
    let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let mut mutated = bytes.clone();
        for _ in 0..1 + next() % 4 {
            let at = MAGIC.len() + 4 + (next() as usize % (mutated.len() - MAGIC.len() - 8));
            mutated[at] = next() as u8;
        }
        let body = mutated.len() - 4;
        let checksum = crc.checksum(&mutated[..body]);
        mutated[body..].copy_from_slice(&checksum.to_le_bytes());
        if let Ok(index) = decode(&mutated) {
            // Whatever decodes must also be safe to query.
            if let Ok(engine) = Engine::new(index) {
                engine.ask("stem cells back pain", &AskOptions { top: 3 });
            }
        }
    }
}

/// Version 1 indexes written by earlier builds must keep reading. The fixture's bytes are
/// frozen: never regenerate it; add a fixture per new version instead.
#[test]
fn the_version_1_fixture_still_reads_and_answers() {
    let bytes = include_bytes!("fixtures/index-v1.idx");
    let engine = Engine::from_bytes(bytes).expect("the v1 fixture decodes");
    let answer = engine.ask("How long until results show?", &AskOptions::default());
    assert!(answer.answered, "{answer:?}");
    assert!(answer.results[0].excerpt.contains("within six weeks"), "{:?}", answer.results[0]);
    assert_eq!(answer.results[0].source.title, "Recovery after treatment");
}
