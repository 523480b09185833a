//! When an index is split into shards, and what goes into which.
//!
//! A question needs the postings of its terms, and the texts of the passages it shows. So:
//! - **Postings shards** hold *families* of terms: a word's derivational variants
//!   ("inflammation", "inflammatory"), the members of a synonym group, the expansions of a
//!   question cue; the planner asks for a family together, so one request brings it. Families
//!   are packed, in term order, into shards of at most `postings_shard_bytes` (a family of
//!   up to `FAMILY_SHARDS` times that gets a shard of its own).
//! - **Texts shards** hold documents (with their passages), in title order: the pages a
//!   question's results come from tend to share a subject, and so a title ("Noonan syndrome"
//!   from several sources). Packed into shards of at most `texts_shard_bytes`; a longer
//!   document is split between passages.
//!
//! Why these numbers, and the threshold below which an index stays one file: ARCHITECTURE.md,
//! "Shards: when and how".

use crate::analysis::Analyzer;
use crate::index::{encode, IndexData, PreparedShards, ShardKind, ShardPlan, Sharded};
use crate::search::DERIVATIONAL_SUFFIXES;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharding {
    /// Shard when the index in one file would be larger than `AUTO_THRESHOLD_BYTES`.
    Auto,
    Never,
    Always,
}

/// A family (a concept's variants and synonyms, asked for together) may fill this many
/// shards' worth of postings in one shard: it is fetched whole anyway, and one request for a
/// synonym group beats one per member. Measured on MedQuAD (ARCHITECTURE.md, "Big sites").
const FAMILY_SHARDS: usize = 4;

/// Below this, an index stays one file: one request, and fewer bytes than a root and the
/// shards of a typical question (measured: ARCHITECTURE.md).
pub const AUTO_THRESHOLD_BYTES: usize = 1_500_000;

#[derive(Clone, Debug)]
pub struct ShardOptions {
    pub sharding: Sharding,
    pub postings_shard_bytes: usize,
    pub texts_shard_bytes: usize,
    /// Shards are named `<stem>.<hash>.idx`: the root's file name without its extension.
    pub stem: String,
}

impl Default for ShardOptions {
    fn default() -> ShardOptions {
        ShardOptions { sharding: Sharding::Auto, postings_shard_bytes: 8 * 1024, texts_shard_bytes: 32 * 1024, stem: "content".into() }
    }
}

/// What the builder wrote: one file, or a root and its shards.
pub enum IndexFiles {
    Whole(Vec<u8>),
    Sharded(Sharded),
}

impl IndexFiles {
    /// All bytes written, root and shards together.
    pub fn total_bytes(&self) -> usize {
        match self {
            IndexFiles::Whole(bytes) => bytes.len(),
            IndexFiles::Sharded(s) => s.root.len() + s.shards.iter().map(|(_, b)| b.len()).sum::<usize>(),
        }
    }

    /// One byte string that `Engine::from_bytes` reads whole: the file, or the root followed by
    /// every shard (a bundle).
    pub fn bundle(&self) -> Vec<u8> {
        match self {
            IndexFiles::Whole(bytes) => bytes.clone(),
            IndexFiles::Sharded(s) => {
                let mut out = s.root.clone();
                s.shards.iter().for_each(|(_, bytes)| out.extend_from_slice(bytes));
                out
            }
        }
    }
}

/// Writes `data` as one file or sharded, as `options` say. `stem` names the shards
/// (`<stem>.<hash>.idx`).
pub fn write_index(data: &IndexData, analyzer: &Analyzer, options: &ShardOptions, stem: &str) -> IndexFiles {
    let whole = match options.sharding {
        Sharding::Always => None,
        _ => Some(encode(data)),
    };
    match whole {
        Some(bytes) if options.sharding == Sharding::Never || bytes.len() <= AUTO_THRESHOLD_BYTES => IndexFiles::Whole(bytes),
        _ => {
            let prepared = PreparedShards::new(data, analyzer);
            let plan = plan(data, &prepared, options);
            IndexFiles::Sharded(prepared.write(&plan, stem))
        }
    }
}

fn plan(data: &IndexData, prepared: &PreparedShards, options: &ShardOptions) -> ShardPlan {
    let sizes: Vec<usize> = prepared.term_bytes.iter().map(Vec::len).collect();
    let families = families(data, &sizes, options.postings_shard_bytes * FAMILY_SHARDS);
    let mut kinds = Vec::new();
    let term_shards = pack(&families, &sizes, options.postings_shard_bytes, || {
        kinds.push(ShardKind::Postings);
        kinds.len() as u32 - 1
    });
    let passage_shards = texts_layout(data, &prepared.passage_bytes(), options.texts_shard_bytes, || {
        kinds.push(ShardKind::Texts);
        kinds.len() as u32 - 1
    });
    ShardPlan { kinds, term_shards, passage_shards }
}

/// Per term, the first term of its family: terms the planner asks for together. A family
/// stops growing at `max_bytes` of postings, so that no shard is made large by merging.
fn families(data: &IndexData, sizes: &[usize], max_bytes: usize) -> Vec<u32> {
    let id = |term: &str| data.terms.binary_search_by(|(t, _)| t.as_str().cmp(term)).ok();
    let mut sets = DisjointSets::new(sizes);
    for (t, (term, _)) in data.terms.iter().enumerate() {
        if term.chars().count() < 4 {
            continue;
        }
        for suffix in DERIVATIONAL_SUFFIXES {
            if let Some(other) = id(&format!("{term}{suffix}")) {
                sets.join(t, other, max_bytes);
            }
        }
    }
    for group in &data.synonyms {
        let terms: Vec<usize> = group.members.iter().flatten().filter_map(|t| id(t)).collect();
        terms.windows(2).for_each(|pair| sets.join(pair[0], pair[1], max_bytes));
    }
    for cue in &data.cues {
        let terms: Vec<usize> = cue.expansions.iter().filter_map(|t| id(t)).collect();
        terms.windows(2).for_each(|pair| sets.join(pair[0], pair[1], max_bytes));
    }
    (0..data.terms.len()).map(|t| sets.root(t) as u32).collect()
}

/// Packs families into shards in term order (a family where its first term comes), a new
/// shard when the next family would overflow the current one. Returns each term's shard.
fn pack(families: &[u32], sizes: &[usize], max_bytes: usize, mut new_shard: impl FnMut() -> u32) -> Vec<u32> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); families.len()];
    for (t, &f) in families.iter().enumerate() {
        members[f as usize].push(t);
    }
    let mut shards = vec![u32::MAX; families.len()];
    let mut current: Option<(u32, usize)> = None;
    for t in 0..families.len() {
        if shards[t] != u32::MAX {
            continue;
        }
        let family = &members[families[t] as usize];
        let size: usize = family.iter().map(|&m| sizes[m]).sum();
        let shard = match current {
            Some((shard, used)) if used + size <= max_bytes => {
                current = Some((shard, used + size));
                shard
            }
            _ => {
                let shard = new_shard();
                current = Some((shard, size));
                shard
            }
        };
        family.iter().for_each(|&m| shards[m] = shard);
    }
    shards
}

/// Each passage's texts shard: documents in title order, packed; a document larger than a
/// shard is split between passages.
fn texts_layout(data: &IndexData, passage_bytes: &[usize], max_bytes: usize, mut new_shard: impl FnMut() -> u32) -> Vec<u32> {
    let mut doc_passages: Vec<std::ops::Range<usize>> = vec![0..0; data.documents.len()];
    let mut p = 0;
    while p < data.passages.len() {
        let doc = data.passages[p].doc as usize;
        let start = p;
        while p < data.passages.len() && data.passages[p].doc as usize == doc {
            p += 1;
        }
        doc_passages[doc] = start..p;
    }
    let mut order: Vec<usize> = (0..data.documents.len()).collect();
    order.sort_by_cached_key(|&d| (data.documents[d].title.to_lowercase(), d));
    let mut shards = vec![0u32; data.passages.len()];
    let mut current: Option<(u32, usize)> = None;
    for d in order {
        for p in doc_passages[d].clone() {
            let size = passage_bytes[p];
            let shard = match current {
                Some((shard, used)) if used + size <= max_bytes => {
                    current = Some((shard, used + size));
                    shard
                }
                _ => {
                    let shard = new_shard();
                    current = Some((shard, size));
                    shard
                }
            };
            shards[p] = shard;
        }
    }
    shards
}

/// Union–find over terms, each set weighing the bytes of its postings.
struct DisjointSets {
    parent: Vec<usize>,
    bytes: Vec<usize>,
}

impl DisjointSets {
    fn new(sizes: &[usize]) -> DisjointSets {
        DisjointSets { parent: (0..sizes.len()).collect(), bytes: sizes.to_vec() }
    }

    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b` unless together they would pass `max_bytes`. The set
    /// keeps the lower term as its root, so that it is placed where its first term comes.
    fn join(&mut self, a: usize, b: usize, max_bytes: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb && self.bytes[ra] + self.bytes[rb] <= max_bytes {
            let (low, high) = (ra.min(rb), ra.max(rb));
            self.parent[high] = low;
            self.bytes[low] += self.bytes[high];
        }
    }
}
