//! The limits the decoder holds every index to, whoever made it. With them, decoding costs
//! time and memory in proportion to the bytes read, whatever those bytes are, and so does
//! every question's use of the tables (synonyms, cues, relations). A file outside them is
//! `corrupt`, with the limit named; `qa-widget build` never writes one.
//!
//! Counts are also checked against the bytes left before anything is allocated: every item
//! takes at least one byte, so no count can ask for more memory than the file could fill.

/// The longest term, in bytes. The analyzer keeps words of at most 40 characters.
pub const MAX_TERM_BYTES: usize = 255;
/// Terms are front-coded (each shares a prefix with the one before), so they decode to more
/// bytes than they take; at most this many times the TERMS section's size (real indexes:
/// under 2).
pub const MAX_TERM_EXPANSION: usize = 16;
/// Members of one synonym group, and terms of one member (a phrase).
pub const MAX_SYNONYM_MEMBERS: usize = 64;
pub const MAX_PHRASE_TERMS: usize = 8;
/// Question cues, and the words of a cue's trigger and of its expansions.
pub const MAX_CUES: usize = 256;
pub const MAX_CUE_TRIGGER_WORDS: usize = 8;
pub const MAX_CUE_EXPANSIONS: usize = 64;
/// Relation targets of one word.
pub const MAX_RELATION_TARGETS: usize = 32;
/// Suggested questions.
pub const MAX_SUGGESTIONS: usize = 64;
/// The meta section's texts (language tag, builder), in bytes.
pub const MAX_META_TEXT: usize = 256;
/// Scoring constants outside these ranges make no sense and could overflow a score.
pub const K1_RANGE: (f32, f32) = (0.0, 100.0);
pub const B_RANGE: (f32, f32) = (0.0, 1.0);
pub const FIELD_WEIGHT_RANGE: (f32, f32) = (0.0, 100.0);
/// The largest stored weight is `weight_scale`: a field-weighted BM25 term weight, at most
/// `(k1 + 1)` times the sum of the field weights.
pub const WEIGHT_SCALE_RANGE: (f32, f32) = (f32::MIN_POSITIVE, 100_000.0);
/// Shards of one index.
pub const MAX_SHARDS: usize = 1 << 20;

/// Whether `value` is within `(low, high)`, both ends included.
pub fn within(value: f32, (low, high): (f32, f32)) -> bool {
    value >= low && value <= high
}
