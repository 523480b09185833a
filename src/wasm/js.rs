//! Answers as JavaScript objects, built field by field: the same shape as the CLI's JSON
//! (`null` for absent values), checked against it by `tests/js/node-parity.test.mjs`. By hand
//! because serde-wasm-bindgen, with the key cache it keeps in a hash map, cost the wasm about
//! 3 KB gzip; a field added to `Answer` must be added here too.

use wasm_bindgen::JsValue;

use super::sys::{reflect_set, reflect_set_key, Array, Object};

use crate::search::{Answer, AnswerResult};

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    reflect_set(object, key, value);
}

/// The names of an answer's properties as JavaScript strings, made once per engine: made for
/// each answer, they were 36 of its 60 strings passed from wasm to JavaScript.
pub struct Keys([JsValue; KEY_NAMES.len()]);

/// An answer's property names, in the order of `Key`.
const KEY_NAMES: [&str; 14] =
    ["question", "answered", "results", "rank", "score", "passage", "excerpt", "highlights", "source", "doc", "title", "section", "section_id", "url"];

#[derive(Clone, Copy)]
enum Key {
    Question,
    Answered,
    Results,
    Rank,
    Score,
    Passage,
    Excerpt,
    Highlights,
    Source,
    Doc,
    Title,
    Section,
    SectionId,
    Url,
}

impl Keys {
    pub fn new() -> Keys {
        Keys(KEY_NAMES.map(text))
    }

    fn set(&self, object: &Object, key: Key, value: &JsValue) {
        reflect_set_key(object, &self.0[key as usize], value);
    }
}

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

fn optional(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn number(value: impl Into<f64>) -> JsValue {
    JsValue::from_f64(value.into())
}

/// `{question, answered, results: [{rank, score, passage, excerpt, highlights, source}]}`.
pub fn answer(answer: &Answer, keys: &Keys) -> JsValue {
    let object = Object::new();
    keys.set(&object, Key::Question, &text(&answer.question));
    keys.set(&object, Key::Answered, &JsValue::from_bool(answer.answered));
    let results = Array::new();
    for result in &answer.results {
        results.push(&answer_result(result, keys));
    }
    keys.set(&object, Key::Results, &results);
    object.into()
}

fn answer_result(result: &AnswerResult, keys: &Keys) -> JsValue {
    let object = Object::new();
    keys.set(&object, Key::Rank, &number(result.rank));
    keys.set(&object, Key::Score, &number(result.score));
    keys.set(&object, Key::Passage, &text(&result.passage));
    keys.set(&object, Key::Excerpt, &text(&result.excerpt));
    let highlights = Array::new();
    for &[start, end] in &result.highlights {
        highlights.push(&Array::of_numbers(start, end));
    }
    keys.set(&object, Key::Highlights, &highlights);
    let source = Object::new();
    keys.set(&source, Key::Doc, &text(&result.source.doc));
    keys.set(&source, Key::Title, &text(&result.source.title));
    keys.set(&source, Key::Section, &optional(result.source.section.as_deref()));
    keys.set(&source, Key::SectionId, &optional(result.source.section_id.as_deref()));
    keys.set(&source, Key::Url, &optional(result.source.url.as_deref()));
    keys.set(&object, Key::Source, &source);
    object.into()
}

pub fn strings<'a>(values: impl Iterator<Item = &'a str>) -> JsValue {
    let array = Array::new();
    for value in values {
        array.push(&text(value));
    }
    array.into()
}

/// `{missing: [shard numbers]}`: what a sharded index must load before it can answer.
pub fn missing(shards: &[u32]) -> JsValue {
    let object = Object::new();
    let array = Array::new();
    for &shard in shards {
        array.push(&number(shard));
    }
    set(&object, "missing", &array);
    object.into()
}

/// An object of named numbers and texts, for `info()`.
pub fn record(numbers: &[(&str, usize)], texts: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for &(key, value) in numbers {
        set(&object, key, &number(value as f64));
    }
    for &(key, value) in texts {
        set(&object, key, &text(value));
    }
    object.into()
}
