//! The bodies of the fuzz targets, each with the invariants it holds its parser to. One
//! definition for two runners: the coverage-guided fuzzer (`fuzz_targets/*.rs`, nightly and
//! cargo-fuzz, `make fuzz`) and the replay test on the stable toolchain
//! (`tests/fuzz_replay.rs`, in `make test`), which runs the saved corpus and every crash ever
//! found (`fuzz/regressions/`) through the same functions. A broken invariant panics, which
//! is what both runners report.
//!
//! Each runner installs `CountingAllocator` as its global allocator, so a target can bound the
//! memory a parser takes, not only the size of what it returns.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;

use qa_widget::build::ingest::{ingest_in_memory, IngestOptions, IngestedFile};
use qa_widget::build::passages::{split_document, PASSAGE_CHARS_LIMIT};
use qa_widget::build::{Built, IndexFiles, IndexOptions, ShardOptions, Sharding};
use qa_widget::search::{Answer, AskOptions, Engine};
use qa_widget::Index;

/// Decoding an index takes at most this many times its size in heap memory, plus
/// `DECODE_MEMORY_SLACK`: so an index under 1 MB decodes in under 64 MB, whatever it holds
/// (issue 9's target). Real indexes take 3 to 6 times their size.
pub const DECODE_MEMORY_FACTOR: usize = 48;
pub const DECODE_MEMORY_SLACK: usize = 4 << 20;
/// Reading one page takes at most this many times its size in heap memory, plus the slack
/// (html5ever's tree, the blocks, the cleaned text; Windows-1252 bytes become up to 3 in UTF-8).
pub const READ_MEMORY_FACTOR: usize = 64;
pub const READ_MEMORY_SLACK: usize = 8 << 20;
/// The text a page gives (titles, headings, sections) is at most this many times its bytes,
/// plus a little for a title made from the file name.
pub const READ_OUTPUT_FACTOR: usize = 4;
/// The largest `top` of the CLI and the wasm (0 to 1000).
pub const MAX_TOP: usize = 1000;

/// The magic, length and checksum fields of the index envelope (every version): see
/// `src/index/format.rs`.
const MAGIC: &[u8; 8] = b"\x89QAWIDX\n";
const HEADER_LEN: usize = 20;
const CHECKSUM: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting this thread's live heap bytes and their peak.
pub struct CountingAllocator;

fn count(change: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + change;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc(layout);
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc_zeroed(layout);
        if !pointer.is_null() {
            count(layout.size() as isize);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        System.dealloc(pointer, layout);
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(pointer, layout, new_size);
        if !moved.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

/// What `work` returns, and the most heap memory this thread held at once while it ran,
/// above what it held before.
pub fn peak_memory<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let value = work();
    let peak = PEAK.with(Cell::get);
    (value, (peak - before).max(0) as usize)
}

/// Panics unless the runner installed `CountingAllocator`: without it every memory bound
/// would hold trivially.
pub fn assert_memory_is_counted() {
    let ((), peak) = peak_memory(|| drop(std::hint::black_box(vec![0u8; 4096])));
    assert!(peak >= 4096, "install qa_widget_fuzz::CountingAllocator as the #[global_allocator]");
}

/// The index decoder on any bytes, whole files (one-file indexes and sharded roots). Bytes
/// that start like an index get the length and checksum they need, so that mutations reach
/// the sections instead of stopping at the checksum (which tests/format.rs covers).
///
/// Invariants: no panic; heap memory within `DECODE_MEMORY_FACTOR` × the size (plus slack);
/// a decoded index answers questions made of its own terms with valid answers.
pub fn decode_index(data: &[u8]) {
    let bytes = with_valid_envelope(data);
    let (decoded, peak) = peak_memory(|| Index::from_bytes(&bytes));
    let bound = DECODE_MEMORY_FACTOR * bytes.len() + DECODE_MEMORY_SLACK;
    assert!(peak <= bound, "decoding {} bytes took {peak} bytes of memory (bound {bound})", bytes.len());
    let Ok(index) = decoded else { return };
    let own_words = questions_from(&index);
    let Ok(engine) = Engine::new(index) else { return };
    for question in own_words.iter().map(String::as_str).chain(["what is it", "how long does it take?"]) {
        check_answer(&engine, question, 5);
    }
}

/// The envelope's length field and checksum made right for these bytes, if they start with
/// the magic and are long enough to have a header and a footer.
pub fn with_valid_envelope(data: &[u8]) -> Vec<u8> {
    let mut bytes = data.to_vec();
    if bytes.len() >= HEADER_LEN + 4 && bytes.starts_with(MAGIC) {
        let len = bytes.len() as u32;
        bytes[12..16].copy_from_slice(&len.to_le_bytes());
        let body = bytes.len() - 4;
        let checksum = CHECKSUM.checksum(&bytes[..body]);
        bytes[body..].copy_from_slice(&checksum.to_le_bytes());
    }
    bytes
}

/// Questions an index's own tables make: its first terms, the members of its synonym
/// groups, its cues' triggers. A crafted table is only expensive when a question uses it.
fn questions_from(index: &Index) -> Vec<String> {
    let mut questions = Vec::new();
    let terms: Vec<&str> = index.terms().take(8).map(|(_, term)| term).collect();
    questions.push(terms.join(" "));
    for group in index.synonyms.iter().take(2) {
        let members: Vec<String> = group.members.iter().take(8).map(|m| m.join(" ")).collect();
        questions.push(members.join(" "));
    }
    for cue in index.cues.iter().take(2) {
        questions.push(format!("{} {}", cue.trigger.join(" "), terms.first().unwrap_or(&"")));
    }
    questions
}

/// The demo corpus built with `options`.
fn build_demo(options: &IndexOptions) -> Built {
    // The fuzz crate is in fuzz/; the replay test is the main crate's.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = [here.join("corpus/demo"), here.join("../corpus/demo")].into_iter().find(|p| p.is_dir());
    let corpus = corpus.expect("corpus/demo, the demo corpus");
    qa_widget::build::build(&[corpus], &IngestOptions::default(), options, &|_, _| {}).expect("the demo corpus builds")
}

/// The demo corpus's index, built once per process: the fixed index the question target
/// asks.
pub fn demo_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::from_bytes(&build_demo(&IndexOptions::default()).bytes).expect("the demo index reads back"))
}

/// The demo corpus as a sharded index (`--shards always` with small shards, as fuzz/seeds.sh
/// builds it): its root, its shards, and where in the root the shards' CRCs are.
pub struct ShardedDemo {
    pub root: Vec<u8>,
    pub shards: Vec<Vec<u8>>,
    crc_table: usize,
}

impl ShardedDemo {
    /// The root, recording the CRC of `shard` (its last 4 bytes) as shard `number`'s, decoded.
    pub fn root_naming(&self, number: usize, shard: &[u8]) -> Engine {
        let mut root = self.root.clone();
        if let Some(crc) = shard.len().checked_sub(4).map(|end| &shard[end..]) {
            let at = self.crc_table + 4 * number;
            root[at..at + 4].copy_from_slice(crc);
        }
        Engine::from_bytes(&with_valid_envelope(&root)).expect("the root with a shard's new CRC decodes")
    }
}

pub fn sharded_demo() -> &'static ShardedDemo {
    static DEMO: OnceLock<ShardedDemo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let sharding = ShardOptions { sharding: Sharding::Always, postings_shard_bytes: 4096, texts_shard_bytes: 8192, ..ShardOptions::default() };
        let IndexFiles::Sharded(sharded) = build_demo(&IndexOptions { shards: sharding, ..IndexOptions::default() }).files else {
            panic!("sharding was forced")
        };
        let shards: Vec<Vec<u8>> = sharded.shards.into_iter().map(|(_, bytes)| bytes).collect();
        // The root's shards section ends with each shard's CRC (its footer), in shard order:
        // src/index/shards.rs, `write_layout`.
        let table: Vec<u8> = shards.iter().flat_map(|shard| shard[shard.len() - 4..].to_vec()).collect();
        let crc_table = sharded.root.windows(table.len()).position(|w| w == table).expect("the root's table of shard CRCs");
        assert!(shards.len() > 2, "a few shards of each kind");
        ShardedDemo { root: sharded.root, shards, crc_table }
    })
}

/// `Engine::add_shard` on the sharded demo index: the first byte picks the shard, the rest are
/// its bytes. The shard gets a valid envelope and the root records its new CRC (so that
/// mutations reach past both checks), then the other shards are added and questions asked.
///
/// Invariants: no panic; memory within `DECODE_MEMORY_FACTOR` × the shard's size (plus
/// slack); the real shards are still taken; questions made of the shard's terms get valid
/// answers.
pub fn add_shard(data: &[u8]) {
    let demo = sharded_demo();
    let Some((&pick, shard)) = data.split_first() else { return };
    let number = pick as usize % demo.shards.len();
    let shard = with_valid_envelope(shard);
    let mut engine = demo.root_naming(number, &shard);
    let (added, peak) = peak_memory(|| engine.add_shard(number as u32, &shard));
    let bound = DECODE_MEMORY_FACTOR * shard.len() + DECODE_MEMORY_SLACK;
    assert!(peak <= bound, "adding a shard of {} bytes took {peak} bytes of memory (bound {bound})", shard.len());
    if added.is_err() {
        return;
    }
    // Terms the shard gave postings to: only questions that use them read what it holds.
    let index = engine.index();
    let terms: Vec<&str> = index.terms().filter(|&(id, _)| !index.posting_lists(id).0.is_empty()).take(8).map(|(_, t)| t).collect();
    let mut questions = questions_from(index);
    questions.push(terms.join(" "));
    for (other, bytes) in demo.shards.iter().enumerate().filter(|&(other, _)| other != number) {
        engine.add_shard(other as u32, bytes).unwrap_or_else(|e| panic!("real shard {other} refused after shard {number}: {e}"));
    }
    for question in questions.iter().map(String::as_str).chain(["what is it", "how long does it take?"]) {
        check_answer(&engine, question, 5);
    }
}

/// The question planner and `ask` on the demo index: any text as the question (invalid
/// UTF-8 replaced, as the CLI's stdin and JavaScript strings cannot carry it), and a `top`
/// of 0 to 1000 from the input's length.
pub fn ask_demo(data: &[u8]) {
    let question = String::from_utf8_lossy(data);
    let top = [0, 1, 3, 5, 16, MAX_TOP][data.len() % 6];
    check_answer(demo_engine(), &question, top);
}

/// Asks and checks the answer: at most `top` results ranked 1, 2, …; passages within the
/// passage limit; each excerpt a part of its passage; highlights in order, not overlapping,
/// inside the excerpt in UTF-16 units; finite scores; the answer serializes to JSON and reads
/// back the same.
pub fn check_answer(engine: &Engine, question: &str, top: usize) -> Answer {
    let answer = engine.ask(question, &AskOptions { top });
    assert_eq!(answer.question, question);
    assert!(answer.results.len() <= top, "{} results for top {top}", answer.results.len());
    for (i, result) in answer.results.iter().enumerate() {
        assert_eq!(result.rank as usize, i + 1);
        assert!(result.score.is_finite() && result.score >= 0.0, "score {}", result.score);
        let chars = result.passage.chars().count();
        assert!(chars <= PASSAGE_CHARS_LIMIT, "a passage of {chars} characters");
        assert!(result.passage.contains(&result.excerpt), "the excerpt {:?} is not in its passage", result.excerpt);
        let units = result.excerpt.encode_utf16().count() as u32;
        let mut at = 0;
        for &[start, end] in &result.highlights {
            assert!(at <= start && start < end && end <= units, "highlight [{start}, {end}) after {at}, in {units} units");
            at = end;
        }
    }
    let json = serde_json::to_string(&answer).expect("an answer serializes");
    let back: serde_json::Value = serde_json::from_str(&json).expect("its JSON reads back");
    assert_eq!(back["question"].as_str(), Some(question));
    assert_eq!(back["results"].as_array().map(Vec::len), Some(answer.results.len()));
    answer
}

/// One page through ingestion as a file called `name` (its extension chooses the reader:
/// `.txt`, `.md`, `.html`, `.jsonl`), then cut into passages with a `--max-passage-chars` of
/// 50, 900 or 4000 (from the input's length).
///
/// Invariants: no panic; memory within `READ_MEMORY_FACTOR` × the size (plus slack); the text
/// out within `READ_OUTPUT_FACTOR` × the bytes in; unique document ids; titles on one line;
/// every passage at most a quarter over the bound and never over 4000 characters.
pub fn read_page(name: &str, data: &[u8]) {
    let max_chars = [50, 900, PASSAGE_CHARS_LIMIT][data.len() % 3];
    let pages = [(Path::new(name), data)];
    let (files, peak) = peak_memory(|| ingest_in_memory(&pages, &IngestOptions::default()));
    let bound = READ_MEMORY_FACTOR * data.len() + READ_MEMORY_SLACK;
    assert!(peak <= bound, "reading {} bytes took {peak} bytes of memory (bound {bound})", data.len());
    check_documents(&files, data.len(), max_chars);
}

/// A `manifest.json` of any bytes beside two fixed pages (one in a subfolder, which the
/// manifest can name as "sub/b.html"). Invariants: no panic; the manifest itself is
/// accounted for as skipped, with a reason; the pages are read, with titles on one line.
pub fn read_manifest(data: &[u8]) {
    const PAGE_A: &[u8] = b"Opening hours\n\nThe clinic opens at 8 am on weekdays.\n";
    const PAGE_B: &[u8] = b"<h1>Fees</h1><p>A first visit costs 80 dollars, paid on the day.</p>";
    let pages = [(Path::new("site/manifest.json"), data), (Path::new("site/a.txt"), PAGE_A), (Path::new("site/sub/b.html"), PAGE_B)];
    let files = ingest_in_memory(&pages, &IngestOptions::default());
    assert_eq!(files.len(), 3);
    assert!(matches!(&files[0].outcome, Err(reason) if reason.starts_with("manifest")), "{:?}", files[0].outcome);
    assert!(files[1..].iter().all(|f| f.outcome.as_ref().is_ok_and(|d| d.len() == 1)), "{files:?}");
    check_documents(&files, data.len() + PAGE_A.len() + PAGE_B.len(), 900);
}

fn check_documents(files: &[IngestedFile], input_bytes: usize, max_chars: usize) {
    let mut ids = std::collections::HashSet::new();
    let mut text_bytes = 0;
    for document in files.iter().filter_map(|f| f.outcome.as_ref().ok()).flatten() {
        let document = &document.document;
        assert!(ids.insert(document.id.clone()), "two documents are called {:?}", document.id);
        assert!(!document.title.contains(['\n', '\r']), "a title on several lines: {:?}", document.title);
        text_bytes += document.title.len();
        for section in &document.sections {
            text_bytes += section.heading.as_ref().map_or(0, String::len) + section.text.len();
        }
        for passage in split_document(document, max_chars) {
            let chars = passage.text.chars().count();
            assert!(chars <= PASSAGE_CHARS_LIMIT, "a passage of {chars} characters");
            assert!(chars <= max_chars + max_chars / 4, "a passage of {chars} characters for a bound of {max_chars}");
        }
    }
    let bound = READ_OUTPUT_FACTOR * input_bytes + 1024;
    assert!(text_bytes <= bound, "{input_bytes} bytes in gave {text_bytes} bytes of text (bound {bound})");
}
