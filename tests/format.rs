//! The index format: what is written reads back, as one file or as a root and its shards; old
//! versions keep reading; bytes that are not a good index or shard give a typed error, never a
//! panic, and a bad shard fails only the question that needs it.

use qa_widget::analysis::{Analyzer, Language, WordLists};
use qa_widget::build::{write_index, IndexFiles, ShardOptions, Sharding};
use qa_widget::index::{
    decode, encode, Cue, Document, FieldWeights, FormatError, Index, IndexData, Meta, Passage, Posting, Relation,
    RelationTarget, Sharded, Suggestion, SynonymGroup, FORMAT_VERSION, MAGIC,
};
use qa_widget::search::{AskOptions, Engine, ShardError};

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
            ("becom".into(), vec![Posting { passage: 0, weight: 90 }]),
            ("cell".into(), vec![Posting { passage: 0, weight: 255 }]),
            ("common".into(), vec![Posting { passage: 1, weight: 150 }]),
            ("pain".into(), vec![Posting { passage: 1, weight: 180 }]),
            ("stem".into(), vec![Posting { passage: 0, weight: 220 }, Posting { passage: 1, weight: 1 }]),
            ("tres".into(), vec![Posting { passage: 1, weight: 40 }]),
        ],
        synonyms: vec![SynonymGroup { members: vec![vec!["backbon".into()], vec!["spine".into()]] }],
        cues: vec![Cue { trigger: vec!["how".into(), "long".into()], expansions: vec!["week".into()], wants_number: true }],
        suggestions: vec![Suggestion { question: "What are stem cells?".into(), passage: 0 }],
        relations: vec![
            Relation {
                word: "backbon".into(),
                targets: vec![RelationTarget { terms: vec!["back".into(), "pain".into()], weight: 0.6, source: 1 }],
            },
            // Targets out of term order: the ids' gaps go down as well as up.
            Relation {
                word: "tummi".into(),
                targets: vec![
                    RelationTarget { terms: vec!["stem".into()], weight: 1.0, source: 2 },
                    RelationTarget { terms: vec!["becom".into()], weight: 0.2, source: 3 },
                ],
            },
        ],
        word_lists: WordLists {
            stop: vec!["are".into(), "can".into(), "is".into(), "other".into(), "the".into(), "what".into()],
            light: vec!["help".into()],
            irregular: vec![("found".into(), "find".into())],
        },
    }
}

fn analyzer(data: &IndexData) -> Analyzer {
    Analyzer::new(Language::English, data.word_lists.clone())
}

/// The sample split into as many shards as it can be: every term and passage on its own.
fn sharded(data: &IndexData) -> Sharded {
    let options = ShardOptions { sharding: Sharding::Always, postings_shard_bytes: 1, texts_shard_bytes: 1, stem: "sample".into() };
    match write_index(data, &analyzer(data), &options, "sample") {
        IndexFiles::Sharded(sharded) => sharded,
        IndexFiles::Whole(_) => panic!("asked for shards"),
    }
}

fn crc() -> crc::Crc<u32> {
    crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC)
}

fn fix_checksum(bytes: &mut [u8]) {
    let body = bytes.len() - 4;
    let checksum = crc().checksum(&bytes[..body]);
    bytes[body..].copy_from_slice(&checksum.to_le_bytes());
}

fn check_read_back(index: &Index, data: &IndexData) {
    assert_eq!(index.meta, data.meta);
    let documents: Vec<_> = (0..index.document_count() as u32).filter_map(|d| index.document(d).cloned()).collect();
    let passages: Vec<_> = (0..index.passage_count() as u32).filter_map(|p| index.passage(p).cloned()).collect();
    assert_eq!(documents, data.documents);
    assert_eq!(passages, data.passages);
    assert_eq!(index.synonyms, data.synonyms);
    assert_eq!(index.cues, data.cues);
    assert_eq!(index.suggestions, data.suggestions);
    assert_eq!(index.word_lists, data.word_lists);
    assert_eq!(index.term_count(), data.terms.len());
    for (term, postings) in &data.terms {
        let id = index.term_id(term).expect("term present");
        assert_eq!(index.postings(id).collect::<Vec<_>>(), *postings);
        assert_eq!(index.doc_freq(id) as usize, postings.len());
    }
    assert_eq!(index.term_id("absent"), None);
    let related = index.relations_for("backbon").expect("the relation");
    let (back, pain) = (index.term_id("back").unwrap(), index.term_id("pain").unwrap());
    assert_eq!(related[0].terms, [back, pain]);
    assert_eq!(related[0].weight, 153.0 / 255.0);
    assert_eq!(related[0].source, 1);
    assert!(index.relations_for("spine").is_none());
    let related = index.relations_for("tummi").expect("the second relation");
    let targets: Vec<_> = related.iter().map(|r| (r.terms.clone(), r.weight, r.source)).collect();
    assert_eq!(targets, [(vec![index.term_id("stem").unwrap()], 1.0, 2), (vec![index.term_id("becom").unwrap()], 51.0 / 255.0, 3)]);
}

#[test]
fn what_is_written_reads_back() {
    let data = sample();
    check_read_back(&decode(&encode(&data)).expect("decodes"), &data);
}

#[test]
fn a_sharded_index_reads_back_shard_by_shard_and_as_a_bundle() {
    let data = sample();
    let files = sharded(&data);
    assert_eq!(files.shards.len(), data.terms.len() + data.passages.len(), "one shard per term and per passage");
    for (name, _) in &files.shards {
        assert!(name.starts_with("sample.") && name.ends_with(".idx") && name.len() == "sample.".len() + 16 + 4, "{name}");
    }
    let mut index = decode(&files.root).expect("the root decodes");
    assert!(index.is_sharded());
    assert_eq!(index.passage(0), None, "no text before its shard");
    for shard in 0..index.shard_count() as u32 {
        let name = index.shard_file(shard).unwrap();
        let (_, bytes) = files.shards.iter().find(|(n, _)| *n == name).expect("a shard of that name");
        index.add_shard(shard, bytes).expect("the shard is accepted");
    }
    check_read_back(&index, &data);
    let mut bundle = files.root.clone();
    files.shards.iter().for_each(|(_, bytes)| bundle.extend_from_slice(bytes));
    check_read_back(&decode(&bundle).expect("the bundle decodes"), &data);
}

#[test]
fn sharded_and_whole_answer_alike() {
    let data = sample();
    let whole = Engine::from_bytes(&encode(&data)).expect("whole");
    let files = sharded(&data);
    let mut engine = Engine::from_bytes(&files.root).expect("root");
    let fetch = |name: &str| files.shards.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).ok_or("no such shard");
    for question in ["What are stem cells?", "Is back pain common?", "stem", "How long does it take?", "spine"] {
        let options = AskOptions { top: 2 };
        let answer = engine.resolve(|e| e.try_ask(question, &options), fetch).expect("answers");
        assert_eq!(answer, whole.ask(question, &options), "{question}");
        assert_eq!(format!("{:?}", engine.explain(question, 2)), format!("{:?}", whole.explain(question, 2)));
    }
}

#[test]
fn a_missing_shard_fails_that_question_only() {
    let data = sample();
    let files = sharded(&data);
    let mut engine = Engine::from_bytes(&files.root).expect("root");
    let question = "What are stem cells?";
    let missing = engine.try_ask(question, &AskOptions::default()).expect_err("needs shards");
    assert!(!missing.shards.is_empty());
    let error = engine.resolve(|e| e.try_ask(question, &AskOptions::default()), |_| Err("404 Not Found")).expect_err("no shards");
    assert!(matches!(error, ShardError::Unavailable { .. }), "{error}");
    assert!(error.to_string().contains("copy the index's whole folder"), "{error}");
    // The next question, with the shards there, is answered.
    let fetch = |name: &str| files.shards.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).ok_or("no such shard");
    let answer = engine.resolve(|e| e.try_ask(question, &AskOptions::default()), fetch).expect("answers");
    assert!(answer.answered && answer.results[0].excerpt.contains("Stem cells"), "{answer:?}");
}

#[test]
fn a_damaged_or_foreign_shard_is_corrupt_and_changes_nothing() {
    let data = sample();
    let files = sharded(&data);
    let mut index = decode(&files.root).expect("root");
    let shard = (0..index.shard_count() as u32).find(|&s| index.shard_entry(s).unwrap().kind == qa_widget::index::ShardKind::Postings).unwrap();
    let name = index.shard_file(shard).unwrap();
    let good = files.shards.iter().find(|(n, _)| *n == name).unwrap().1.clone();

    let mut flipped = good.clone();
    flipped[30] ^= 1;
    assert!(matches!(index.add_shard(shard, &flipped), Err(FormatError::Corrupt { .. })));
    // A well-formed shard of another index (here: the same sample, built with other weights).
    let mut other = sample();
    other.terms.iter_mut().for_each(|(_, p)| p.iter_mut().for_each(|p| p.weight = p.weight.saturating_sub(1).max(1)));
    let foreign = sharded(&other);
    let foreign_bytes = &foreign.shards[shard as usize].1;
    assert_ne!(foreign_bytes, &good);
    assert!(matches!(index.add_shard(shard, foreign_bytes), Err(FormatError::Corrupt { .. })), "a shard of another build");
    assert!(matches!(index.add_shard(shard, &good[..good.len() - 1]), Err(FormatError::Truncated { .. })));
    assert!(matches!(index.add_shard(shard, b"<!DOCTYPE html><title>404</title>"), Err(FormatError::NotAnIndex { .. })));
    assert!(!index.is_loaded(shard), "nothing was taken in");
    // Some other shard's bytes, checksum and all, are not this one.
    let other_shard = files.shards.iter().find(|(n, _)| *n != name).unwrap();
    assert!(index.add_shard(shard, &other_shard.1).is_err());
    index.add_shard(shard, &good).expect("the right bytes still go in");
    assert!(index.is_loaded(shard));
}

#[test]
fn a_shard_is_not_an_index() {
    let files = sharded(&sample());
    let error = decode(&files.shards[0].1).expect_err("a shard alone");
    assert!(error.to_string().contains("point at its root"), "{error}");
}

#[test]
fn every_truncation_is_an_error() {
    let data = sample();
    let files = sharded(&data);
    for bytes in [encode(&data), files.root.clone()] {
        for len in 0..bytes.len() {
            let error = decode(&bytes[..len]).expect_err("a cut index must not decode");
            if len >= 20 {
                assert!(matches!(error, FormatError::Truncated { actual, .. } if actual == len as u32), "{len}: {error}");
            }
        }
    }
    let mut index = decode(&files.root).unwrap();
    let shard = &files.shards[0].1;
    for len in 0..shard.len() {
        assert!(index.add_shard(0, &shard[..len]).is_err(), "a shard cut at {len}");
    }
}

#[test]
fn every_single_bit_flip_is_an_error() {
    let data = sample();
    let files = sharded(&data);
    for bytes in [encode(&data), files.root.clone()] {
        for position in 0..bytes.len() {
            for bit in 0..8 {
                let mut flipped = bytes.clone();
                flipped[position] ^= 1 << bit;
                assert!(decode(&flipped).is_err(), "a flip of bit {bit} at byte {position} went unnoticed");
            }
        }
    }
    let index = decode(&files.root).unwrap();
    for (shard, (name, bytes)) in files.shards.iter().enumerate().take(3) {
        for position in 0..bytes.len() {
            let mut fresh = decode(&files.root).unwrap();
            let mut flipped = bytes.clone();
            flipped[position] ^= 0x10;
            assert!(fresh.add_shard(shard as u32, &flipped).is_err(), "{name}: a flip at byte {position} went unnoticed");
        }
        assert_eq!(index.shard_file(shard as u32).as_deref(), Some(name.as_str()));
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
    assert_eq!(decode(&bytes).expect_err("newer"), FormatError::UnsupportedVersion { found: FORMAT_VERSION + 1, supported: FORMAT_VERSION });
}

#[test]
fn trailing_bytes_are_corrupt() {
    let mut bytes = encode(&sample());
    bytes.push(0);
    assert!(matches!(decode(&bytes), Err(FormatError::Corrupt { .. })));
    let mut root = sharded(&sample()).root;
    root.extend_from_slice(b"not a shard at all, but long enough to have a header");
    assert!(matches!(decode(&root), Err(FormatError::Corrupt { .. })));
}

/// Mutations with the checksum recomputed reach the section parsers themselves: they must
/// reject what does not hold together, and never panic. (Their memory and time are measured
/// in `tests/decode_limits.rs`.)
#[test]
fn mutated_contents_with_a_valid_checksum_never_panic() {
    let data = sample();
    let files = sharded(&data);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut mutate = |bytes: &[u8]| {
        let mut mutated = bytes.to_vec();
        for _ in 0..1 + next() % 4 {
            let at = MAGIC.len() + 4 + (next() as usize % (mutated.len() - MAGIC.len() - 8));
            mutated[at] = next() as u8;
        }
        fix_checksum(&mut mutated);
        mutated
    };
    let whole = encode(&data);
    for round in 0..20_000 {
        let mutated = mutate(&whole);
        if let Ok(index) = decode(&mutated) {
            // Whatever decodes must also be safe to query.
            if let Ok(engine) = Engine::new(index) {
                engine.ask("stem cells back pain", &AskOptions { top: 3 });
            }
        }
        let mutated_root = mutate(&files.root);
        if let Ok(engine) = Engine::from_bytes(&mutated_root) {
            let _ = engine.try_ask("stem cells back pain", &AskOptions { top: 3 });
        }
        // A shard whose own checksum is fixed is still not the one the root recorded…
        let (_, shard) = &files.shards[round % files.shards.len()];
        let mutated_shard = mutate(shard);
        if mutated_shard != *shard {
            let mut index = decode(&files.root).unwrap();
            assert!(index.add_shard((round % files.shards.len()) as u32, &mutated_shard).is_err(), "a changed shard was taken");
        }
    }
}

/// …and a shard mutated *and* recorded by the root (a root fixed up to match) is checked
/// section by section: it must be rejected or be safe to use, never panic.
#[test]
fn mutated_shards_that_the_root_accepts_never_panic() {
    let data = sample();
    let files = sharded(&data);
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..5_000 {
        let number = round % files.shards.len();
        let mut shard = files.shards[number].1.clone();
        for _ in 0..1 + next() % 3 {
            let at = 20 + (next() as usize % (shard.len() - 24));
            shard[at] = next() as u8;
        }
        fix_checksum(&mut shard);
        let old = u32::from_le_bytes(files.shards[number].1[files.shards[number].1.len() - 4..].try_into().unwrap());
        let new = u32::from_le_bytes(shard[shard.len() - 4..].try_into().unwrap());
        // The root lists each shard's CRC: put the mutated shard's in its place.
        let mut root = files.root.clone();
        let at = root.windows(4).position(|w| w == old.to_le_bytes()).expect("the CRC is in the root");
        root[at..at + 4].copy_from_slice(&new.to_le_bytes());
        fix_checksum(&mut root);
        let Ok(mut engine) = Engine::from_bytes(&root) else { continue };
        if engine.add_shard(number as u32, &shard).is_ok() {
            let fetch = |name: &str| files.shards.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone()).ok_or("none");
            let _ = engine.resolve(|e| e.try_ask("stem cells back pain common", &AskOptions { top: 3 }), fetch);
        }
    }
}

/// Version 1 indexes written by earlier builds must keep reading. The fixture's bytes are
/// frozen: never regenerate it; add a fixture per new version instead.
#[test]
fn the_version_1_fixture_still_reads_and_answers() {
    let bytes = include_bytes!("fixtures/index-v1.idx");
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 1);
    let engine = Engine::from_bytes(bytes).expect("the v1 fixture decodes");
    check_fixture_answer(&engine.ask("How long until results show?", &AskOptions::default()));
}

/// The version 2 fixtures, made from the same source (`index-v1-source.jsonl`) with
/// `qa-widget build … -o tests/fixtures/index-v2.idx` and, sharded (`--shards always`), into
/// `tests/fixtures/index-v2-sharded/`; `index-v2-relations.idx` is the same source built by
/// the last version 2 builder, which wrote relations (word by word). Frozen like the v1
/// fixture.
#[test]
fn the_version_2_fixtures_still_read_and_answer() {
    let (_, whole) = fixture(include_bytes!("fixtures/index-v2.idx"), 2);
    check_sharded_fixture("index-v2-sharded", &whole);
    let (by_word, _) = fixture(include_bytes!("fixtures/index-v2-relations.idx"), 2);
    check_fixture_relations(&by_word);
}

/// The version 3 fixtures (terms and relations in columns), made as the version 2 ones were, into
/// `index-v3.idx` and `index-v3-sharded/`. Frozen. They hold the same relations as the last
/// version 2 builder wrote, and answer as it does.
#[test]
fn the_version_3_fixtures_read_and_answer_as_version_2_did() {
    let (columns, whole) = fixture(include_bytes!("fixtures/index-v3.idx"), 3);
    check_fixture_relations(&columns);
    check_sharded_fixture("index-v3-sharded", &whole);

    let by_word = Engine::from_bytes(include_bytes!("fixtures/index-v2-relations.idx")).unwrap();
    for word in ["ach", "fee", "healer", "workweek", "year"] {
        assert_eq!(columns.index().relations_for(word), by_word.index().relations_for(word), "{word}");
    }
    for question in ["Does it ache?", "What is the fee?", "Is there a healer?", "Can I go back after a workweek?"] {
        let options = AskOptions { top: 3 };
        assert_eq!(columns.ask(question, &options), by_word.ask(question, &options), "{question}");
    }
}

/// A frozen fixture of `version`, decoded, and its answer to the fixtures' question, checked.
fn fixture(bytes: &[u8], version: u16) -> (Engine, qa_widget::Answer) {
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), version);
    let engine = Engine::from_bytes(bytes).unwrap_or_else(|e| panic!("the v{version} fixture decodes: {e}"));
    let answer = engine.ask("How long until results show?", &AskOptions::default());
    check_fixture_answer(&answer);
    (engine, answer)
}

/// The fixtures' source has relations: "ache" stands in for "pain" (the analyzer's "ach").
fn check_fixture_relations(engine: &Engine) {
    let index = engine.index();
    let related = index.relations_for("ach").expect("ache has a relation");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].terms, [index.term_id("pain").expect("pain is a term")]);
    assert!(index.relations_for("price").is_some() && index.relations_for("pain").is_none());
}

fn check_sharded_fixture(folder: &str, whole: &qa_widget::Answer) {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(folder);
    let mut engine = Engine::from_bytes(&std::fs::read(folder.join("content.idx")).unwrap()).expect("the root decodes");
    assert!(engine.index().is_sharded());
    let fetch = |name: &str| std::fs::read(folder.join(name)).map_err(|e| e.to_string());
    let sharded = engine.resolve(|e| e.try_ask("How long until results show?", &AskOptions::default()), fetch).expect("answers");
    assert_eq!(&sharded, whole);
}

fn check_fixture_answer(answer: &qa_widget::Answer) {
    assert!(answer.answered, "{answer:?}");
    assert!(answer.results[0].excerpt.contains("within six weeks"), "{:?}", answer.results[0]);
    assert_eq!(answer.results[0].source.title, "Recovery after treatment");
}
