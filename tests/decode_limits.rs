//! Decoding costs memory and time in proportion to the bytes read, whatever they are
//! (`index::limits`): crafted indexes under 1 MB are turned away with a typed error, within
//! 64 MB of peak memory. Memory is measured by counting this test binary's allocations (one
//! test function, so that nothing else allocates meanwhile); time is printed, not asserted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use qa_widget::analysis::WordLists;
use qa_widget::index::{decode, encode, Document, FieldWeights, FormatError, IndexData, Meta, Passage, Posting, SynonymGroup};
use qa_widget::search::{AskOptions, Engine};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: usize = 1 << 20;

/// Runs `work` and returns its result with the peak memory it added.
fn measured<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = work();
    (result, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

fn base_data() -> IndexData {
    IndexData {
        meta: Meta {
            language: "en".into(),
            k1: 1.5,
            b: 0.9,
            fields: FieldWeights { body: 1.0, heading: 1.5, title: 0.6 },
            weight_scale: 4.0,
            builder: "test".into(),
        },
        documents: vec![Document { id: "d".into(), title: "A page".into(), url: None }],
        passages: vec![Passage { doc: 0, heading: None, section_id: None, text: "A page about pain.".into() }],
        terms: vec![("page".into(), vec![Posting { passage: 0, weight: 200 }]), ("pain".into(), vec![Posting { passage: 0, weight: 255 }])],
        synonyms: Vec::new(),
        cues: Vec::new(),
        suggestions: Vec::new(),
        relations: Vec::new(),
        word_lists: WordLists { stop: vec!["a".into(), "about".into()], light: Vec::new(), irregular: Vec::new() },
    }
}

/// Checks that `bytes` (under 1 MB) are turned away as corrupt, naming `problem`, within
/// 64 MB, and prints what it took.
fn turned_away(what: &str, bytes: &[u8], problem: &str) {
    assert!(bytes.len() < MB, "{what}: {} bytes", bytes.len());
    let started = Instant::now();
    let (result, peak) = measured(|| decode(bytes).map(|_| ()));
    let took = started.elapsed();
    println!("{what}: {} KB, rejected in {:.1} ms, peak {:.1} MB", bytes.len() / 1024, took.as_secs_f64() * 1000.0, peak as f64 / MB as f64);
    match result {
        Err(FormatError::Corrupt { reason }) => assert!(reason.contains(problem), "{what}: {reason}"),
        other => panic!("{what}: expected corrupt ({problem}), got {other:?}"),
    }
    assert!(peak <= 64 * MB, "{what}: {} MB of memory", peak / MB);
}

fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// `bytes` (an index in one file) with some sections' contents replaced, offsets and
/// checksum made right: what a hostile builder could write.
fn with_sections(bytes: &[u8], replaced: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let count = u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    let mut sections = Vec::new();
    for i in 0..count {
        let entry = &bytes[20 + 12 * i..32 + 12 * i];
        let kind = u32::from_le_bytes(entry[0..4].try_into().unwrap());
        let offset = u32::from_le_bytes(entry[4..8].try_into().unwrap()) as usize;
        let len = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
        let content = replaced.iter().find(|(k, _)| *k == kind).map_or_else(|| bytes[offset..offset + len].to_vec(), |(_, c)| c.clone());
        sections.push((kind, content));
    }
    let mut out = bytes[..16].to_vec();
    out.extend_from_slice(&(count as u32).to_le_bytes());
    let mut offset = 20 + 12 * count;
    for (kind, content) in &sections {
        for value in [*kind, offset as u32, content.len() as u32] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        offset += content.len();
    }
    sections.iter().for_each(|(_, c)| out.extend_from_slice(c));
    let total = (out.len() + 4) as u32;
    out[12..16].copy_from_slice(&total.to_le_bytes());
    let checksum = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

#[test]
fn crafted_indexes_under_a_megabyte_are_turned_away_cheaply() {
    // Issue 9, finding 1, in version 3's columns: each term is the one before plus a letter,
    // ~7 bytes a term that decoded to N²/2 bytes (309 KB: 944 MB; 729 KB: abort). Prefix
    // lengths, then each term's rest and a newline, then document frequencies and extras.
    let mut terms = Vec::new();
    let n = 100_000u32;
    varint(&mut terms, n);
    (0..n).for_each(|i| varint(&mut terms, i));
    (0..n).for_each(|_| terms.extend_from_slice(b"a\n"));
    terms.extend(std::iter::repeat_n(0, 2 * n as usize));
    let quadratic = with_sections(&encode(&base_data()), &[(4, terms), (5, Vec::new())]);
    turned_away("each term the one before plus a letter (finding 1)", &quadratic, "a term over 255 bytes");
    // The same in version 2's layout, which a version 2 file still has: term after term.
    let mut terms = Vec::new();
    varint(&mut terms, n);
    for i in 0..n {
        varint(&mut terms, i);
        terms.extend_from_slice(&[1, b'a', 0, 0]);
    }
    let mut version_2 = encode(&base_data());
    version_2[8..10].copy_from_slice(&2u16.to_le_bytes());
    let quadratic = with_sections(&version_2, &[(4, terms), (5, Vec::new())]);
    turned_away("each term the one before plus a letter, version 2", &quadratic, "a term over 255 bytes");

    // No term may pass 255 bytes…
    let mut growing = base_data();
    growing.terms = (1..=45_000).map(|n| ("a".repeat(n % 300 + 1) + &format!("{n:06}"), Vec::new())).collect();
    growing.terms.sort_by(|a, b| a.0.cmp(&b.0));
    growing.terms.dedup_by(|a, b| a.0 == b.0);
    turned_away("terms growing a letter at a time", &encode(&growing), "a term over 255 bytes");

    // …and all of them together may not decode to more than 16 times their size.
    let mut long = base_data();
    long.terms = (0..60_000).map(|n| ("z".repeat(240) + &format!("{n:07}"), Vec::new())).collect();
    turned_away("terms sharing 240 bytes", &encode(&long), "over 16 times their size");

    // Finding 2: one synonym group of 20,000 members made each question take seconds.
    let mut synonyms = base_data();
    synonyms.synonyms = vec![SynonymGroup { members: (0..20_000).map(|n| vec![format!("s{n}")]).collect() }];
    turned_away("a synonym group of 20,000 members", &encode(&synonyms), "over 64 members");

    // Finding 7: a weight scale of 3.4e38 made scores infinite.
    let mut scale = base_data();
    scale.meta.weight_scale = 3.4e38;
    turned_away("a weight scale of 3.4e38", &encode(&scale), "weight scale");
    let mut k1 = base_data();
    k1.meta.k1 = 1e30;
    turned_away("k1 of 1e30", &encode(&k1), "scoring constant");

    // Counts are checked against the bytes that follow before anything is allocated.
    let mut cues = base_data();
    cues.cues = (0..300).map(|n| qa_widget::index::Cue { trigger: vec![format!("t{n}")], expansions: vec!["pain".into()], wants_number: false }).collect();
    turned_away("300 cues", &encode(&cues), "more than 256 cues");

    // What is within the limits decodes, and a question on it stays cheap.
    let mut fine = base_data();
    fine.synonyms = (0..2_000).map(|n| SynonymGroup { members: (0..64).map(|m| vec![format!("w{n}x{m}")]).collect() }).collect();
    let bytes = encode(&fine);
    let (engine, peak) = measured(|| Engine::from_bytes(&bytes).expect("within the limits"));
    let started = Instant::now();
    let answer = engine.ask("w5x3 w1999x63 pain page pain page pain", &AskOptions::default());
    println!("2,000 synonym groups of 64: {} KB, peak {:.1} MB to decode, a question in {:.2} ms", bytes.len() / 1024, peak as f64 / MB as f64, started.elapsed().as_secs_f64() * 1000.0);
    assert!(peak <= 64 * MB);
    assert!(answer.results[0].score.is_finite());
}
