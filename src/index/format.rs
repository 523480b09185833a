//! The index file format, version 1: the one definition that both the writer and the
//! reader use.
//!
//! ```text
//! header   magic "\x89QAWIDX\n" (8) | version u16 | flags u16 (0) | total length u32
//!          | section count u32 | per section: kind u32, offset u32, length u32
//! sections META, DOCUMENTS, PASSAGES, TERMS, POSTINGS, SYNONYMS, CUES, SUGGESTIONS,
//!          WORD_LISTS
//! footer   CRC-32 (ISO-HDLC) of every byte before it, u32
//! ```
//! All integers are little-endian; counts, lengths and gaps inside sections are LEB128
//! varints. The magic's high first byte and its line feed catch files mangled by 7-bit or
//! text-mode transfers. The total length tells a truncated download from a corrupt one.
//! Readers skip section kinds they do not know, so optional sections can be added without
//! a new version; a later version can move TERMS and POSTINGS into shards fetched lazily.

use super::bytes::{ByteReader, ByteWriter};
use crate::analysis::WordLists;

use super::{
    Cue, Document, FieldWeights, FormatError, Index, IndexData, Meta, PackedPostings, Passage, Posting, RelatedTerms,
    Relation, Suggestion, SynonymGroup,
};

pub const MAGIC: [u8; 8] = *b"\x89QAWIDX\n";
pub const FORMAT_VERSION: u16 = 1;

const HEADER_LEN: usize = 8 + 2 + 2 + 4 + 4;
const SECTION_ENTRY_LEN: usize = 12;
const FOOTER_LEN: usize = 4;
const CHECKSUM: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
enum Section {
    Meta = 1,
    Documents = 2,
    Passages = 3,
    Terms = 4,
    Postings = 5,
    Synonyms = 6,
    Cues = 7,
    Suggestions = 8,
    WordLists = 9,
    /// Optional: readers before it skip it.
    Relations = 10,
}

const ALL_SECTIONS: [Section; 10] = [
    Section::Meta,
    Section::Documents,
    Section::Passages,
    Section::Terms,
    Section::Postings,
    Section::Synonyms,
    Section::Cues,
    Section::Suggestions,
    Section::WordLists,
    Section::Relations,
];

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::Meta => "meta",
            Section::Documents => "documents",
            Section::Passages => "passages",
            Section::Terms => "terms",
            Section::Postings => "postings",
            Section::Synonyms => "synonyms",
            Section::Cues => "cues",
            Section::Suggestions => "suggestions",
            Section::WordLists => "word lists",
            Section::Relations => "relations",
        }
    }
}

pub fn encode(data: &IndexData) -> Vec<u8> {
    let sections: Vec<(Section, Vec<u8>)> = ALL_SECTIONS
        .iter()
        // Optional sections are written only when they hold something.
        .filter(|&&section| section != Section::Relations || !data.relations.is_empty())
        .map(|&section| {
            let mut writer = ByteWriter::default();
            match section {
                Section::Meta => write_meta(&mut writer, &data.meta),
                Section::Documents => write_documents(&mut writer, &data.documents),
                Section::Passages => write_passages(&mut writer, &data.passages),
                Section::Terms => write_terms(&mut writer, &data.terms),
                Section::Postings => write_postings(&mut writer, &data.terms),
                Section::Synonyms => write_synonyms(&mut writer, &data.synonyms),
                Section::Cues => write_cues(&mut writer, &data.cues),
                Section::Suggestions => write_suggestions(&mut writer, &data.suggestions),
                Section::WordLists => write_word_lists(&mut writer, &data.word_lists),
                Section::Relations => write_relations(&mut writer, &data.relations),
            }
            (section, writer.bytes)
        })
        .collect();

    let table_len = sections.len() * SECTION_ENTRY_LEN;
    let body_len: usize = sections.iter().map(|(_, bytes)| bytes.len()).sum();
    let total_len = HEADER_LEN + table_len + body_len + FOOTER_LEN;

    let mut out = ByteWriter::default();
    out.bytes.extend_from_slice(&MAGIC);
    out.u16(FORMAT_VERSION);
    out.u16(0);
    out.u32(total_len as u32);
    out.u32(sections.len() as u32);
    let mut offset = HEADER_LEN + table_len;
    for (section, bytes) in &sections {
        out.u32(*section as u32);
        out.u32(offset as u32);
        out.u32(bytes.len() as u32);
        offset += bytes.len();
    }
    for (_, bytes) in &sections {
        out.bytes.extend_from_slice(bytes);
    }
    let checksum = CHECKSUM.checksum(&out.bytes);
    out.u32(checksum);
    out.bytes
}

pub fn decode(bytes: &[u8]) -> Result<Index, FormatError> {
    check_envelope(bytes)?;
    let table = read_section_table(bytes)?;
    let raw = |kind: Section| -> Result<&[u8], FormatError> {
        table
            .iter()
            .find(|(k, _)| *k == kind as u32)
            .map(|(_, range)| &bytes[range.clone()])
            .ok_or_else(|| FormatError::Corrupt { reason: format!("the {} section is missing", kind.name()) })
    };
    let section = |kind: Section| raw(kind).map(|slice| ByteReader::new(slice, kind.name()));

    let meta = read_meta(&mut section(Section::Meta)?)?;
    let documents = read_documents(&mut section(Section::Documents)?)?;
    let passages = read_passages(&mut section(Section::Passages)?, documents.len())?;
    let (terms, lengths) = read_terms(&mut section(Section::Terms)?)?;
    let postings = read_postings(raw(Section::Postings)?, &lengths, passages.len())?;
    let synonyms = read_synonyms(&mut section(Section::Synonyms)?)?;
    let cues = read_cues(&mut section(Section::Cues)?)?;
    let suggestions = read_suggestions(&mut section(Section::Suggestions)?, passages.len())?;
    let word_lists = read_word_lists(&mut section(Section::WordLists)?)?;
    let term_id = |term: &str| terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|i| i as u32);
    let relations = match raw(Section::Relations) {
        Ok(slice) => read_relations(&mut ByteReader::new(slice, "relations"), term_id)?,
        Err(_) => Vec::new(),
    };
    let mut terms_by_length: Vec<Vec<u32>> = Vec::new();
    for (id, term) in terms.iter().enumerate() {
        let chars = term.chars().count();
        if terms_by_length.len() <= chars {
            terms_by_length.resize_with(chars + 1, Vec::new);
        }
        terms_by_length[chars].push(id as u32);
    }
    Ok(Index { meta, documents, passages, synonyms, cues, suggestions, word_lists, relations, terms, terms_by_length, postings })
}

/// Magic, version, length and checksum, in the order that gives the most useful error.
fn check_envelope(bytes: &[u8]) -> Result<(), FormatError> {
    let prefix_len = bytes.len().min(MAGIC.len());
    if bytes[..prefix_len] != MAGIC[..prefix_len] || bytes.is_empty() {
        return Err(FormatError::NotAnIndex { found: describe_start(bytes) });
    }
    if bytes.len() < HEADER_LEN {
        return Err(FormatError::Truncated { expected: HEADER_LEN as u64, actual: bytes.len() as u64 });
    }
    let mut header = ByteReader::new(&bytes[MAGIC.len()..HEADER_LEN], "header");
    let version = header.u16()?;
    if version != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion { found: version, supported: FORMAT_VERSION });
    }
    let _flags = header.u16()?;
    let total_len = header.u32()? as usize;
    if bytes.len() < total_len {
        return Err(FormatError::Truncated { expected: total_len as u64, actual: bytes.len() as u64 });
    }
    if bytes.len() > total_len {
        return Err(FormatError::Corrupt {
            reason: format!("{} unexpected bytes after the end of the index", bytes.len() - total_len),
        });
    }
    if total_len < HEADER_LEN + FOOTER_LEN {
        return Err(FormatError::Corrupt { reason: "the header gives an impossible length".into() });
    }
    let (body, footer) = bytes.split_at(total_len - FOOTER_LEN);
    let stored = u32::from_le_bytes([footer[0], footer[1], footer[2], footer[3]]);
    if CHECKSUM.checksum(body) != stored {
        return Err(FormatError::Corrupt { reason: "the checksum does not match the contents".into() });
    }
    Ok(())
}

fn describe_start(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing: the file is empty".into();
    }
    let start = &bytes[..bytes.len().min(16)];
    // Printable ASCII only, quoted by hand: Debug formatting would cost the wasm 3 KB.
    let text: String = start.iter().map(|&b| if (0x20..0x7f).contains(&b) && b != b'"' { b as char } else { '.' }).collect();
    if text.trim_start().starts_with('<') {
        format!("\"{text}\", which looks like an HTML page such as a 404 error")
    } else {
        format!("\"{text}\"")
    }
}

fn read_section_table(bytes: &[u8]) -> Result<Vec<(u32, std::ops::Range<usize>)>, FormatError> {
    let body_end = bytes.len() - FOOTER_LEN;
    let mut header = ByteReader::new(&bytes[..body_end], "header");
    header.take(HEADER_LEN - 4)?;
    let count = header.u32()? as usize;
    if count.saturating_mul(SECTION_ENTRY_LEN) > header.remaining() {
        return Err(header.corrupt("more sections than the file can hold"));
    }
    let mut table = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = header.u32()?;
        let offset = header.u32()? as usize;
        let len = header.u32()? as usize;
        let end = offset.checked_add(len).filter(|&end| end <= body_end && offset >= HEADER_LEN);
        match end {
            Some(end) => table.push((kind, offset..end)),
            None => return Err(header.corrupt("a section outside the file")),
        }
    }
    Ok(table)
}

fn write_meta(w: &mut ByteWriter, meta: &Meta) {
    w.str(&meta.language);
    for value in [meta.k1, meta.b, meta.fields.body, meta.fields.heading, meta.fields.title, meta.weight_scale] {
        w.f32(value);
    }
    w.str(&meta.builder);
}

fn read_meta(r: &mut ByteReader) -> Result<Meta, FormatError> {
    let language = r.str()?.to_owned();
    let k1 = r.f32()?;
    let b = r.f32()?;
    let fields = FieldWeights { body: r.f32()?, heading: r.f32()?, title: r.f32()? };
    let weight_scale = r.f32()?;
    let builder = r.str()?.to_owned();
    if weight_scale <= 0.0 {
        return Err(r.corrupt("a weight scale that is not positive"));
    }
    Ok(Meta { language, k1, b, fields, weight_scale, builder })
}

fn write_documents(w: &mut ByteWriter, documents: &[Document]) {
    w.len_of(documents.len());
    for doc in documents {
        w.str(&doc.id);
        w.str(&doc.title);
        w.opt_str(doc.url.as_deref());
    }
}

fn read_documents(r: &mut ByteReader) -> Result<Vec<Document>, FormatError> {
    let count = r.count(3)?;
    let mut documents = Vec::with_capacity(count);
    for _ in 0..count {
        let id = r.str()?.to_owned();
        let title = r.str()?.to_owned();
        let url = r.opt_str()?.map(str::to_owned);
        documents.push(Document { id, title, url });
    }
    Ok(documents)
}

fn write_passages(w: &mut ByteWriter, passages: &[Passage]) {
    w.len_of(passages.len());
    for passage in passages {
        w.varint(passage.doc);
        w.opt_str(passage.heading.as_deref());
        w.opt_str(passage.section_id.as_deref());
        w.str(&passage.text);
    }
}

fn read_passages(r: &mut ByteReader, doc_count: usize) -> Result<Vec<Passage>, FormatError> {
    let count = r.count(4)?;
    let mut passages = Vec::with_capacity(count);
    for _ in 0..count {
        let doc = r.varint()?;
        if doc as usize >= doc_count {
            return Err(r.corrupt("a passage of a document that does not exist"));
        }
        let heading = r.opt_str()?.map(str::to_owned);
        let section_id = r.opt_str()?.map(str::to_owned);
        let text = r.str()?.to_owned();
        passages.push(Passage { doc, heading, section_id, text });
    }
    Ok(passages)
}

/// Terms are front-coded (shared prefix length, then the rest), since sorted neighbours
/// share most of their letters; each is followed by its postings' byte length.
fn write_terms(w: &mut ByteWriter, terms: &[(String, Vec<Posting>)]) {
    w.len_of(terms.len());
    let mut previous = "";
    for (term, postings) in terms {
        let shared = shared_prefix_len(previous, term);
        w.len_of(shared);
        w.str(&term[shared..]);
        w.len_of(postings.len());
        w.len_of(encode_postings(postings).len());
        previous = term;
    }
}

fn shared_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).map(|((i, x), _)| i + x.len_utf8()).last().unwrap_or(0)
}

/// Per term: (document frequency, postings byte length).
type PostingsShape = Vec<(u32, u32)>;

/// Returns the terms and the shape of their postings.
fn read_terms(r: &mut ByteReader) -> Result<(Vec<String>, PostingsShape), FormatError> {
    let count = r.count(4)?;
    let mut terms: Vec<String> = Vec::with_capacity(count);
    let mut lengths = Vec::with_capacity(count);
    for _ in 0..count {
        let shared = r.varint()? as usize;
        let suffix = r.str()?;
        let previous = terms.last().map_or("", String::as_str);
        let prefix = previous.get(..shared).ok_or_else(|| r.corrupt("a term prefix longer than the term before it"))?;
        let term = format!("{prefix}{suffix}");
        if term.as_str() <= previous && !terms.is_empty() {
            return Err(r.corrupt("terms out of order"));
        }
        let doc_freq = r.varint()?;
        let byte_len = r.varint()?;
        terms.push(term);
        lengths.push((doc_freq, byte_len));
    }
    Ok((terms, lengths))
}

fn encode_postings(postings: &[Posting]) -> Vec<u8> {
    let mut w = ByteWriter::default();
    let mut previous = 0;
    for (i, posting) in postings.iter().enumerate() {
        w.varint(if i == 0 { posting.passage } else { posting.passage - previous });
        w.u8(posting.weight);
        previous = posting.passage;
    }
    w.bytes
}

fn write_postings(w: &mut ByteWriter, terms: &[(String, Vec<Posting>)]) {
    for (_, postings) in terms {
        w.bytes.extend_from_slice(&encode_postings(postings));
    }
}

/// Checks every list once here, so that queries can walk them without checks of their own.
fn read_postings(raw: &[u8], lengths: &[(u32, u32)], passage_count: usize) -> Result<PackedPostings, FormatError> {
    let mut section = ByteReader::new(raw, "postings");
    let mut starts = Vec::with_capacity(lengths.len() + 1);
    let mut doc_freqs = Vec::with_capacity(lengths.len());
    let mut offset: u32 = 0;
    for &(doc_freq, byte_len) in lengths {
        starts.push(offset);
        let mut list = ByteReader::new(section.take(byte_len as usize)?, "postings");
        let mut previous: Option<u32> = None;
        for _ in 0..doc_freq {
            let gap = list.varint()?;
            let passage = match previous {
                None => gap,
                Some(p) if gap > 0 => p.checked_add(gap).ok_or_else(|| list.corrupt("a passage number overflow"))?,
                Some(_) => return Err(list.corrupt("a passage listed twice for one term")),
            };
            if passage as usize >= passage_count {
                return Err(list.corrupt("a posting for a passage that does not exist"));
            }
            list.u8()?;
            previous = Some(passage);
        }
        if !list.is_empty() {
            return Err(list.corrupt("postings longer than their term says"));
        }
        doc_freqs.push(doc_freq);
        offset += byte_len;
    }
    starts.push(offset);
    if !section.is_empty() {
        return Err(section.corrupt("postings that belong to no term"));
    }
    Ok(PackedPostings { data: raw.to_vec(), starts, doc_freqs })
}

fn write_term_list(w: &mut ByteWriter, terms: &[String]) {
    w.len_of(terms.len());
    for term in terms {
        w.str(term);
    }
}

fn read_term_list(r: &mut ByteReader) -> Result<Vec<String>, FormatError> {
    let count = r.count(1)?;
    (0..count).map(|_| r.str().map(str::to_owned)).collect()
}

fn write_synonyms(w: &mut ByteWriter, groups: &[SynonymGroup]) {
    w.len_of(groups.len());
    for group in groups {
        w.len_of(group.members.len());
        for member in &group.members {
            write_term_list(w, member);
        }
    }
}

fn read_synonyms(r: &mut ByteReader) -> Result<Vec<SynonymGroup>, FormatError> {
    let count = r.count(1)?;
    let mut groups = Vec::with_capacity(count);
    for _ in 0..count {
        let members = r.count(1)?;
        let members = (0..members).map(|_| read_term_list(r)).collect::<Result<_, _>>()?;
        groups.push(SynonymGroup { members });
    }
    Ok(groups)
}

fn write_cues(w: &mut ByteWriter, cues: &[Cue]) {
    w.len_of(cues.len());
    for cue in cues {
        write_term_list(w, &cue.trigger);
        write_term_list(w, &cue.expansions);
        w.u8(u8::from(cue.wants_number));
    }
}

fn read_cues(r: &mut ByteReader) -> Result<Vec<Cue>, FormatError> {
    let count = r.count(3)?;
    let mut cues = Vec::with_capacity(count);
    for _ in 0..count {
        let trigger = read_term_list(r)?;
        let expansions = read_term_list(r)?;
        let wants_number = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(r.corrupt("an invalid cue flag")),
        };
        cues.push(Cue { trigger, expansions, wants_number });
    }
    Ok(cues)
}

fn write_suggestions(w: &mut ByteWriter, suggestions: &[Suggestion]) {
    w.len_of(suggestions.len());
    for suggestion in suggestions {
        w.str(&suggestion.question);
        w.varint(suggestion.passage);
    }
}

fn read_suggestions(r: &mut ByteReader, passage_count: usize) -> Result<Vec<Suggestion>, FormatError> {
    let count = r.count(2)?;
    let mut suggestions = Vec::with_capacity(count);
    for _ in 0..count {
        let question = r.str()?.to_owned();
        let passage = r.varint()?;
        if passage as usize >= passage_count {
            return Err(r.corrupt("a suggestion for a passage that does not exist"));
        }
        suggestions.push(Suggestion { question, passage });
    }
    Ok(suggestions)
}

fn write_word_lists(w: &mut ByteWriter, lists: &WordLists) {
    write_term_list(w, &lists.stop);
    write_term_list(w, &lists.light);
    w.len_of(lists.irregular.len());
    for (form, base) in &lists.irregular {
        w.str(form);
        w.str(base);
    }
}

/// The lists are searched by bisection, so their order is checked here.
fn read_word_lists(r: &mut ByteReader) -> Result<WordLists, FormatError> {
    let stop = read_term_list(r)?;
    let light = read_term_list(r)?;
    let count = r.count(2)?;
    let mut irregular = Vec::with_capacity(count);
    for _ in 0..count {
        irregular.push((r.str()?.to_owned(), r.str()?.to_owned()));
    }
    let lists = WordLists { stop, light, irregular };
    if lists.is_sorted() { Ok(lists) } else { Err(r.corrupt("word lists out of order")) }
}

fn write_relations(w: &mut ByteWriter, relations: &[Relation]) {
    w.len_of(relations.len());
    for relation in relations {
        w.str(&relation.word);
        w.len_of(relation.targets.len());
        for target in &relation.targets {
            write_term_list(w, &target.terms);
            w.u8((target.weight.clamp(0.0, 1.0) * 255.0).round().max(1.0) as u8);
            w.u8(target.source);
        }
    }
}

/// Relations by word (strictly increasing), their targets' terms as ids: a target naming a
/// term the index does not have is corrupt.
fn read_relations(r: &mut ByteReader, term_id: impl Fn(&str) -> Option<u32>) -> Result<Vec<(String, Vec<RelatedTerms>)>, FormatError> {
    let count = r.count(2)?;
    let mut relations: Vec<(String, Vec<RelatedTerms>)> = Vec::with_capacity(count);
    for _ in 0..count {
        let word = r.str()?.to_owned();
        if relations.last().is_some_and(|(previous, _)| *previous >= word) {
            return Err(r.corrupt("relations out of order"));
        }
        let targets = r.count(3)?;
        let mut related = Vec::with_capacity(targets);
        for _ in 0..targets {
            let terms = read_term_list(r)?;
            let weight = r.u8()?;
            let source = r.u8()?;
            if weight == 0 || terms.is_empty() {
                return Err(r.corrupt("a relation target without terms or weight"));
            }
            let ids = terms.iter().map(|t| term_id(t)).collect::<Option<Vec<u32>>>();
            let terms = ids.ok_or_else(|| r.corrupt("a relation to a term the index does not have"))?;
            related.push(RelatedTerms { terms, weight: f32::from(weight) / 255.0, source });
        }
        relations.push((word, related));
    }
    Ok(relations)
}
