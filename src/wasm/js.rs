//! Answers as JavaScript objects: the same shape as the CLI's JSON (`null` for absent
//! values), checked against it by `tests/js/node-parity.test.mjs`. Each result's object is
//! made by `www/answer-objects.js` in one call, its texts passed as they are: set property by
//! property from here, an answer took some sixty calls across the boundary. Not
//! serde-wasm-bindgen, which with the key cache it keeps in a hash map cost the wasm about
//! 3 KB gzip; a field added to `Answer` must be added here and there too.

use wasm_bindgen::JsValue;

use super::sys::{answer_object, reflect_set, result_object, Array, Object};

use crate::search::{Answer, AnswerResult};

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    reflect_set(object, key, value);
}

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

fn number(value: impl Into<f64>) -> JsValue {
    JsValue::from_f64(value.into())
}

/// `{question, answered, results: [{rank, score, passage, excerpt, highlights, source}]}`,
/// each object made by `www/answer-objects.js` in one call.
pub fn answer(answer: &Answer) -> JsValue {
    let results = Array::new();
    for result in &answer.results {
        results.push(&answer_result(result));
    }
    answer_object(&answer.question, answer.answered, &results)
}

fn answer_result(result: &AnswerResult) -> JsValue {
    let source = &result.source;
    result_object(
        result.rank,
        result.score,
        &result.passage,
        &result.excerpt,
        result.highlights.as_flattened(),
        &source.doc,
        &source.title,
        source.section.as_deref(),
        source.section_id.as_deref(),
        source.url.as_deref(),
    )
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
