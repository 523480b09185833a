//! JSONL: one document a line, already in sections.
//!
//! ```json
//! {"id": "a1", "title": "…", "url": "…", "text": "…"}
//! {"id": "a2", "title": "…", "sections": [{"id": "a2-1", "heading": "What is it?", "text": "…"}]}
//! ```
//!
//! Other fields are ignored. Records are structured content, often repeating template
//! answers on purpose (MedQuAD's "inherited in an autosomal recessive pattern"), so only
//! markup and garbled characters are cleaned, never repeats. A section whose heading is a
//! question is an FAQ question. A line that is not such a record is skipped and reported
//! with its line number; the file's other records are indexed.

use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::blocks::tidy;
use super::removals::RemovalLog;
use super::{mojibake, plaintext, sections, IngestedDocument};
use crate::build::{SourceDocument, SourceSection};

#[derive(Deserialize)]
struct Record<'a> {
    /// As written: a number keeps every digit (`123456789012345678901234567890`).
    #[serde(borrow)]
    id: &'a RawValue,
    title: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    sections: Option<Vec<RecordSection>>,
}

#[derive(Deserialize)]
struct RecordSection {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    heading: Option<String>,
    text: String,
}

pub(crate) struct JsonlDocuments {
    pub documents: Vec<IngestedDocument>,
    /// (line number, why it was skipped)
    pub bad_lines: Vec<(usize, String)>,
}

pub(crate) fn read_jsonl(text: &str, origin: &Path) -> JsonlDocuments {
    let mut out = JsonlDocuments { documents: Vec::new(), bad_lines: Vec::new() };
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let record = match serde_json::from_str::<Record>(line) {
            Ok(record) => record,
            Err(error) => {
                out.bad_lines.push((line_number, describe_json_error(&error)));
                continue;
            }
        };
        match document_of(record, origin) {
            Ok(document) => out.documents.push(document),
            Err(reason) => out.bad_lines.push((line_number, reason)),
        }
    }
    out
}

fn document_of(record: Record, origin: &Path) -> Result<IngestedDocument, String> {
    let id = record_id(record.id)?;
    let mut log = RemovalLog::default();
    let mut sections = Vec::new();
    match (record.text, record.sections) {
        (_, Some(record_sections)) => {
            for section in record_sections {
                let heading =
                    section.heading.map(|h| tidy(&mojibake::repair(&h, &mut log), false)).filter(|h| !h.is_empty());
                let text = clean_text(&section.text, &mut log);
                if !text.is_empty() {
                    let is_faq = heading.as_deref().is_some_and(|h| h.ends_with('?'));
                    sections.push(SourceSection { id: section.id, heading, text, is_faq });
                }
            }
        }
        (Some(text), None) => {
            let text = clean_text(&text, &mut log);
            if !text.is_empty() {
                sections.push(SourceSection { id: None, heading: None, text, is_faq: false });
            }
        }
        (None, None) => return Err(format!("record \"{id}\" has neither \"text\" nor \"sections\"")),
    }
    if sections.is_empty() {
        return Err(format!("record \"{id}\" has no text"));
    }
    let title = tidy(&mojibake::repair(&record.title, &mut log), false);
    let title = if title.is_empty() {
        sections.iter().find_map(|s| s.heading.clone()).unwrap_or_else(|| id.clone())
    } else {
        title
    };
    let url = record.url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    let document = SourceDocument { id, title, url, sections, origin: origin.to_owned() };
    Ok(IngestedDocument { document, removed: log.into_removals(), removed_text: Vec::new() })
}

/// A record's id as text: a string's value, or a number's digits as written.
fn record_id(raw: &RawValue) -> Result<String, String> {
    let written = raw.get();
    let id = if written.starts_with('"') {
        serde_json::from_str::<String>(written).map_err(|e| e.to_string())?
    } else if written.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        written.to_owned()
    } else {
        return Err(format!("its \"id\" is {written}: give a string or a number"));
    };
    let id = tidy(&id, false);
    if id.is_empty() {
        return Err("its \"id\" is empty: give each record an id of its own".to_owned());
    }
    Ok(id)
}

/// A record's text in the index's form: garbled characters repaired, markup read as HTML,
/// white space tidied, paragraphs and "- " list lines kept.
fn clean_text(text: &str, log: &mut RemovalLog) -> String {
    let text = mojibake::repair(text, log);
    match plaintext::markup_in(&text) {
        plaintext::Markup::Blocks(outline) => {
            log.record(crate::build::RemovalKind::Markup, &outline);
            let read = super::html::read_fragment(&text);
            log.record_flattened(read.flattened);
            sections::render(&read.page.blocks)
        }
        plaintext::Markup::Inline(outline) => {
            log.record(crate::build::RemovalKind::Markup, &outline);
            let lines: Vec<String> = text.lines().map(|line| super::html::inline_text(line, log)).collect();
            tidy_structured(&lines.join("\n"))
        }
        plaintext::Markup::None => tidy_structured(&text),
    }
}

/// Each line tidied, bullets written "- ", runs of blank lines made one.
fn tidy_structured(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = tidy(line, false);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        match line.strip_prefix(['•', '*', '·', '▪']).filter(|rest| rest.starts_with(' ')) {
            Some(rest) => {
                out.push_str("- ");
                out.push_str(rest.trim_start());
            }
            None => out.push_str(&line),
        }
    }
    out
}

fn describe_json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!(
        "not a valid record ({message}, column {}); expected {{\"id\", \"title\", \"text\" or \"sections\"}}",
        error.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_are_read_and_bad_lines_reported() {
        let text = concat!(
            r#"{"id": "a", "title": "A", "text": "One.\n\n• two\n• three", "extra": 1}"#,
            "\n",
            "{not json}\n",
            "\n",
            r#"{"id": 7, "title": "B", "url": "https://x.example/b", "sections": [{"id": "b1", "heading": "What is it?", "text": "It is <b>this</b>."}, {"heading": "Empty", "text": " "}]}"#,
            "\n",
            r#"{"id": "c", "title": "C"}"#,
            "\n",
            r#"{"title": "D", "text": "x"}"#,
            "\n",
        );
        let out = read_jsonl(text, Path::new("x.jsonl"));
        assert_eq!(out.documents.len(), 2);
        let a = &out.documents[0].document;
        assert_eq!(a.sections[0].text, "One.\n\n- two\n- three");
        let b = &out.documents[1].document;
        assert_eq!((b.id.as_str(), b.url.as_deref()), ("7", Some("https://x.example/b")));
        assert_eq!(b.sections.len(), 1);
        assert_eq!(b.sections[0].text, "It is this.");
        assert!(b.sections[0].is_faq);
        let lines: Vec<usize> = out.bad_lines.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, [2, 5, 6]);
        assert!(out.bad_lines[2].1.contains("missing field `id`"), "{:?}", out.bad_lines);
    }

    #[test]
    fn ids_keep_every_digit_and_must_be_strings_or_numbers() {
        let text = concat!(
            r#"{"id": 123456789012345678901234567890, "title": "A", "text": "a"}"#,
            "\n",
            r#"{"id": -1.50e3, "title": "B", "text": "b"}"#,
            "\n",
            r#"{"id": "caf\u00e9 7", "title": "C", "text": "c"}"#,
            "\n",
            r#"{"id": null, "title": "D", "text": "d"}"#,
            "\n",
            r#"{"id": " ", "title": "E", "text": "e"}"#,
        );
        let out = read_jsonl(text, Path::new("x.jsonl"));
        let ids: Vec<&str> = out.documents.iter().map(|d| d.document.id.as_str()).collect();
        assert_eq!(ids, ["123456789012345678901234567890", "-1.50e3", "café 7"]);
        let reasons: Vec<&str> = out.bad_lines.iter().map(|(_, r)| r.as_str()).collect();
        assert!(reasons[0].contains("null") && reasons[1].contains("empty"), "{reasons:?}");
    }

    #[test]
    fn html_answers_keep_their_structure() {
        let out = read_jsonl(
            r#"{"id": "a", "title": "A", "text": "<p>First.</p><ul><li>one</li><li>two</li></ul>"}"#,
            Path::new("x.jsonl"),
        );
        assert_eq!(out.documents[0].document.sections[0].text, "First.\n\n- one\n- two");
    }
}
