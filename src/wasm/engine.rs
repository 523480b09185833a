//! `QaEngine`: built from the index bytes, answers `ask(question, options?)` with the same
//! object as `qa-widget ask --json`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error;
use crate::search::{AskOptions, Engine};

#[wasm_bindgen]
pub struct QaEngine {
    engine: Engine,
}

#[derive(Serialize)]
struct Info {
    documents: usize,
    passages: usize,
    terms: usize,
    builder: String,
}

#[wasm_bindgen]
impl QaEngine {
    /// Decodes and checks an index. Throws a `QaWidgetError` with a `code` of
    /// "not-an-index", "unsupported-version", "truncated", "corrupt" or "unsupported-language".
    #[wasm_bindgen(constructor)]
    pub fn new(index_bytes: &[u8]) -> Result<QaEngine, JsValue> {
        Engine::from_bytes(index_bytes).map(|engine| QaEngine { engine }).map_err(|e| error::engine_error(&e))
    }

    /// `{question, answered, results: [{rank, score, passage, excerpt, highlights, source}]}`.
    pub fn ask(&self, question: &str, options: JsValue) -> Result<JsValue, JsValue> {
        to_js(&self.engine.ask(question, &ask_options(&options)?))
    }

    /// Questions the content answers, to offer before anything is asked.
    pub fn suggestions(&self, limit: u32) -> Result<JsValue, JsValue> {
        to_js(&self.engine.suggestions(limit as usize))
    }

    /// Counts and the builder's version, for diagnostics.
    pub fn info(&self) -> Result<JsValue, JsValue> {
        let index = self.engine.index();
        to_js(&Info {
            documents: index.documents.len(),
            passages: index.passages.len(),
            terms: index.term_count(),
            builder: index.meta.builder.clone(),
        })
    }
}

/// Reads `{ top }` by hand: serde's deserializer would bring float formatting for its
/// error messages, about 15 KB of the wasm for one optional number.
fn ask_options(options: &JsValue) -> Result<AskOptions, JsValue> {
    let mut ask = AskOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(ask);
    }
    if !options.is_object() {
        return Err(error::bad_options("options must be an object"));
    }
    let top = js_sys::Reflect::get(options, &JsValue::from_str("top")).unwrap_or(JsValue::UNDEFINED);
    if !top.is_undefined() {
        match top.as_f64() {
            Some(n) if n >= 1.0 && n <= 1000.0 && n.fract() == 0.0 => ask.top = n as usize,
            _ => return Err(error::bad_options("top must be a whole number from 1 to 1000")),
        }
    }
    Ok(ask)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // `null` for absent values, as in the CLI's JSON, rather than `undefined`.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&serializer).map_err(|e| error::serialization(&e))
}
