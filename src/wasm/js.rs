//! Answers as JavaScript objects, built field by field: the same shape as the CLI's JSON
//! (`null` for absent values), checked against it by `tests/js/node-parity.test.mjs`. By hand
//! because serde-wasm-bindgen, with the key cache it keeps in a hash map, cost the wasm about
//! 3 KB gzip; a field added to `Answer` must be added here too.

use wasm_bindgen::JsValue;

use super::sys::{reflect_set, Array, Object};

use crate::search::{Answer, AnswerResult};

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    reflect_set(object, key, value);
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
pub fn answer(answer: &Answer) -> JsValue {
    let object = Object::new();
    set(&object, "question", &text(&answer.question));
    set(&object, "answered", &JsValue::from_bool(answer.answered));
    let results = Array::new();
    for result in &answer.results {
        results.push(&answer_result(result));
    }
    set(&object, "results", &results);
    object.into()
}

fn answer_result(result: &AnswerResult) -> JsValue {
    let object = Object::new();
    set(&object, "rank", &number(result.rank));
    set(&object, "score", &number(result.score));
    set(&object, "passage", &text(&result.passage));
    set(&object, "excerpt", &text(&result.excerpt));
    let highlights = Array::new();
    for &[start, end] in &result.highlights {
        highlights.push(&Array::of2(&number(start), &number(end)));
    }
    set(&object, "highlights", &highlights);
    let source = Object::new();
    set(&source, "doc", &text(&result.source.doc));
    set(&source, "title", &text(&result.source.title));
    set(&source, "section", &optional(result.source.section.as_deref()));
    set(&source, "section_id", &optional(result.source.section_id.as_deref()));
    set(&source, "url", &optional(result.source.url.as_deref()));
    set(&object, "source", &source);
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
