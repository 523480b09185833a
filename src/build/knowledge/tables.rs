//! Reads the knowledge tables that `scripts/knowledge/distill.py` writes (the layout is
//! documented once, in `scripts/knowledge/tables.py`). The built-in tables are compiled
//! into the builder; a reader that is handed other bytes checks every length and id, so a
//! bad table gives an error naming the table, never a panic.

use thiserror::Error;

pub const VOCABULARY: &[u8] = include_bytes!("../../../knowledge/vocabulary.bin");
pub const NEIGHBOURS: &[u8] = include_bytes!("../../../knowledge/neighbours.bin");
pub const WORDNET: &[u8] = include_bytes!("../../../knowledge/wordnet.bin");

const VERSION: u16 = 1;

#[derive(Debug, Error, PartialEq)]
pub enum KnowledgeError {
    #[error("the knowledge table {table} is damaged ({problem}); regenerate knowledge/ with scripts/knowledge/distill.py")]
    Damaged { table: &'static str, problem: String },
}

/// Where an entry of the vocabulary comes from (bits of `Entry::sources`).
pub const SOURCE_GENERAL: u8 = 1;
pub const SOURCE_WORDNET: u8 = 2;
pub const SOURCE_CLINICAL: u8 = 4;
pub const SOURCE_PHRASE: u8 = 8;

/// A word or phrase of the vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub text: String,
    /// wordfreq's Zipf frequency: log10 of its occurrences per billion words, 0 to 8.
    pub zipf: f32,
    pub sources: u8,
}

/// The kinds of WordNet relation the tables hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WordNetKind {
    /// Members of one synset.
    Synonym,
    /// Derivationally related forms: cure ↔ curative, inflame ↔ inflammation.
    Derived,
    /// Adjective ↔ the noun it pertains to: renal ↔ kidney.
    Pertainym,
    /// Adjective ↔ the verb it is a participle of.
    Participle,
    /// Adjective satellites: similar in meaning.
    Similar,
    /// The other entry is one step more general.
    Hypernym,
    /// The other entry is one step more specific.
    Hyponym,
}

impl WordNetKind {
    fn from_code(code: u8) -> Option<WordNetKind> {
        use WordNetKind::*;
        [Synonym, Derived, Pertainym, Participle, Similar, Hypernym, Hyponym].get(usize::from(code).checked_sub(1)?).copied()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Neighbour {
    pub entry: u32,
    /// The model's cosine for the pair, to 1/255.
    pub cosine: f32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WordNetRelation {
    pub entry: u32,
    pub kind: WordNetKind,
    /// The sense the relation holds in, for the word and for the other entry: 1 is the
    /// word's most frequent sense (99: WordNet gives no number).
    pub sense: u8,
    pub other_sense: u8,
    /// The model's cosine for the pair: low when the relation is of a sense the
    /// vectors do not know the word by.
    pub cosine: f32,
}

/// The decoded tables: entries, and per entry its neighbours and WordNet relations, stored
/// flat with offsets (about 400k rows: one allocation each instead of 50k small ones).
pub struct Tables {
    pub entries: Vec<Entry>,
    neighbour_starts: Vec<u32>,
    neighbours: Vec<Neighbour>,
    relation_starts: Vec<u32>,
    relations: Vec<WordNetRelation>,
}

impl Tables {
    /// The tables compiled into the builder.
    pub fn builtin() -> Result<Tables, KnowledgeError> {
        Tables::decode(VOCABULARY, NEIGHBOURS, WORDNET)
    }

    pub fn decode(vocabulary: &[u8], neighbours: &[u8], wordnet: &[u8]) -> Result<Tables, KnowledgeError> {
        let entries = read_vocabulary(vocabulary)?;
        let count = entries.len();
        let (neighbour_starts, neighbours) = read_lists(neighbours, "neighbours.bin", b"QAKNEIGH", count, 4, |row| {
            Some(Neighbour { entry: id(row), cosine: f32::from(row[3]) / 255.0 })
        })?;
        let (relation_starts, relations) = read_lists(wordnet, "wordnet.bin", b"QAKWNREL", count, 7, |row| {
            Some(WordNetRelation {
                entry: id(row),
                kind: WordNetKind::from_code(row[3])?,
                sense: row[4],
                other_sense: row[5],
                cosine: f32::from(row[6]) / 255.0,
            })
        })?;
        Ok(Tables { entries, neighbour_starts, neighbours, relation_starts, relations })
    }

    pub fn neighbours(&self, entry: u32) -> &[Neighbour] {
        slice(&self.neighbour_starts, &self.neighbours, entry)
    }

    pub fn relations(&self, entry: u32) -> &[WordNetRelation] {
        slice(&self.relation_starts, &self.relations, entry)
    }

    pub fn neighbour_count(&self) -> usize {
        self.neighbours.len()
    }

    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }
}

fn slice<'a, T>(starts: &[u32], rows: &'a [T], entry: u32) -> &'a [T] {
    let at = entry as usize;
    match (starts.get(at), starts.get(at + 1)) {
        (Some(&start), Some(&end)) => &rows[start as usize..end as usize],
        _ => &[],
    }
}

fn id(row: &[u8]) -> u32 {
    u32::from_le_bytes([row[0], row[1], row[2], 0])
}

/// A bounds-checked cursor over one table (also `stored`'s).
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    table: &'static str,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8], table: &'static str) -> Reader<'a> {
        Reader { bytes, pos: 0, table }
    }

    pub(super) fn take(&mut self, len: usize) -> Result<&'a [u8], KnowledgeError> {
        let end = self.pos.checked_add(len).filter(|&end| end <= self.bytes.len());
        let end = end.ok_or_else(|| self.damaged(format!("it ends early, at byte {}", self.bytes.len())))?;
        let taken = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(taken)
    }

    pub(super) fn u8(&mut self) -> Result<u8, KnowledgeError> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn u32(&mut self) -> Result<u32, KnowledgeError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }

    pub(super) fn damaged(&self, problem: String) -> KnowledgeError {
        KnowledgeError::Damaged { table: self.table, problem }
    }

    /// Checks magic and version; returns the entry count.
    fn header(&mut self, magic: &[u8; 8]) -> Result<usize, KnowledgeError> {
        self.magic_and_version(magic, VERSION)?;
        Ok(self.u32()? as usize)
    }

    pub(super) fn magic_and_version(&mut self, magic: &[u8; 8], expected: u16) -> Result<(), KnowledgeError> {
        if self.take(8)? != magic {
            return Err(self.damaged("it does not start with its magic bytes".into()));
        }
        let version = u16::from_le_bytes(self.take(2)?.try_into().unwrap_or_default());
        if version != expected {
            return Err(self.damaged(format!("version {version}, but this builder reads version {expected}")));
        }
        Ok(())
    }

    pub(super) fn finish(&self) -> Result<(), KnowledgeError> {
        match self.bytes.len() - self.pos {
            0 => Ok(()),
            extra => Err(self.damaged(format!("{extra} bytes after its last entry"))),
        }
    }
}

fn read_vocabulary(bytes: &[u8]) -> Result<Vec<Entry>, KnowledgeError> {
    let mut r = Reader::new(bytes, "vocabulary.bin");
    let count = r.header(b"QAKVOCAB")?;
    // Each entry takes at least four bytes: never allocate more than the bytes can hold.
    let mut entries: Vec<Entry> = Vec::with_capacity(count.min(bytes.len() / 4));
    for _ in 0..count {
        let len = usize::from(r.u8()?);
        let text = std::str::from_utf8(r.take(len)?).map_err(|_| r.damaged("an entry that is not UTF-8".into()))?;
        if entries.last().is_some_and(|previous| previous.text.as_str() >= text) {
            return Err(r.damaged(format!("entries out of order at {text:?}")));
        }
        let zipf = f32::from(r.u8()?) / 10.0;
        let sources = r.u8()?;
        entries.push(Entry { text: text.to_owned(), zipf, sources });
    }
    r.finish()?;
    Ok(entries)
}

/// Reads per-entry lists of fixed-width rows, checking that every row's entry id exists.
fn read_lists<T>(
    bytes: &[u8],
    table: &'static str,
    magic: &[u8; 8],
    entry_count: usize,
    row_len: usize,
    parse: impl Fn(&[u8]) -> Option<T>,
) -> Result<(Vec<u32>, Vec<T>), KnowledgeError> {
    let mut r = Reader::new(bytes, table);
    let count = r.header(magic)?;
    if count != entry_count {
        return Err(r.damaged(format!("{count} entries, but the vocabulary has {entry_count}")));
    }
    let mut starts = Vec::with_capacity(count + 1);
    let mut rows = Vec::with_capacity((bytes.len() / row_len).min(1 << 24));
    for _ in 0..count {
        starts.push(rows.len() as u32);
        let n = usize::from(r.u8()?);
        for _ in 0..n {
            let raw = r.take(row_len)?;
            let row = parse(raw).ok_or_else(|| r.damaged("a relation of an unknown kind".into()))?;
            if id(raw) as usize >= entry_count {
                return Err(r.damaged(format!("a reference to entry {}, past the last", id(raw))));
            }
            rows.push(row);
        }
    }
    starts.push(rows.len() as u32);
    r.finish()?;
    Ok((starts, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table as tables.py writes it, for damaged-input tests.
    fn vocabulary(entries: &[(&str, u8, u8)]) -> Vec<u8> {
        let mut out = b"QAKVOCAB".to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (text, zipf, sources) in entries {
            out.push(text.len() as u8);
            out.extend_from_slice(text.as_bytes());
            out.extend_from_slice(&[*zipf, *sources]);
        }
        out
    }

    fn lists(magic: &[u8; 8], rows: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let mut out = magic.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for list in rows {
            out.push(list.len() as u8);
            for row in list {
                out.extend_from_slice(row);
            }
        }
        out
    }

    #[test]
    fn decodes_small_tables() {
        let vocab = vocabulary(&[("kidney", 40, 5), ("renal", 34, 6)]);
        let neighbours = lists(b"QAKNEIGH", &[vec![vec![1, 0, 0, 232]], vec![]]);
        let wordnet = lists(b"QAKWNREL", &[vec![vec![1, 0, 0, 3, 1, 1, 232]], vec![]]);
        let tables = Tables::decode(&vocab, &neighbours, &wordnet).unwrap();
        assert_eq!(tables.entries[1], Entry { text: "renal".into(), zipf: 3.4, sources: 6 });
        assert_eq!(tables.neighbours(0), [Neighbour { entry: 1, cosine: 232.0 / 255.0 }]);
        assert_eq!(tables.relations(0)[0].kind, WordNetKind::Pertainym);
        assert!(tables.neighbours(1).is_empty() && tables.relations(7).is_empty());
    }

    #[test]
    fn damaged_tables_give_errors_not_panics() {
        let vocab = vocabulary(&[("kidney", 40, 5), ("renal", 34, 6)]);
        let good = lists(b"QAKNEIGH", &[vec![vec![1, 0, 0, 232]], vec![]]);
        let wordnet = lists(b"QAKWNREL", &[vec![], vec![]]);
        for cut in 0..vocab.len() {
            assert!(Tables::decode(&vocab[..cut], &good, &wordnet).is_err(), "vocabulary cut at {cut}");
        }
        for cut in 0..good.len() {
            assert!(Tables::decode(&vocab, &good[..cut], &wordnet).is_err(), "neighbours cut at {cut}");
        }
        let dangling = lists(b"QAKNEIGH", &[vec![vec![9, 0, 0, 232]], vec![]]);
        assert!(matches!(Tables::decode(&vocab, &dangling, &wordnet), Err(KnowledgeError::Damaged { table: "neighbours.bin", .. })));
        let unsorted = vocabulary(&[("renal", 34, 6), ("kidney", 40, 5)]);
        assert!(Tables::decode(&unsorted, &good, &wordnet).is_err());
        let unknown_kind = lists(b"QAKWNREL", &[vec![vec![1, 0, 0, 42, 1, 1, 9]], vec![]]);
        assert!(Tables::decode(&vocab, &good, &unknown_kind).is_err());
    }
}
