//! `QaEngine`: built from the index bytes, answers `ask(question, options?)` with the same
//! object as `qa-widget ask --json`. On a sharded index, `ask` may instead name the shards it
//! needs (`{ missing: [numbers] }`); `www/engine.js` fetches them (`shardFile` names them)
//! and hands their bytes to `addShard`.

use wasm_bindgen::prelude::*;

use super::{error, js, sys};
use crate::search::{AskOptions, Engine};

#[wasm_bindgen]
pub struct QaEngine {
    engine: Engine,
}

#[wasm_bindgen]
impl QaEngine {
    /// Decodes and checks an index (one file, a root, or a root with its shards). Throws a
    /// `QaWidgetError` with a `code` of "not-an-index", "unsupported-version", "truncated",
    /// "corrupt" or "unsupported-language".
    #[wasm_bindgen(constructor)]
    pub fn new(index_bytes: &[u8]) -> Result<QaEngine, JsValue> {
        Engine::from_bytes(index_bytes).map(|engine| QaEngine { engine }).map_err(|e| error::engine_error(&e))
    }

    /// `{question, answered, results: [{rank, score, passage, excerpt, highlights, source}]}`,
    /// or `{missing: [shard numbers]}` when a sharded index must load those first.
    pub fn ask(&self, question: &str, options: JsValue) -> Result<JsValue, JsValue> {
        Ok(match self.engine.try_ask(question, &ask_options(&options)?) {
            Ok(answer) => js::answer(&answer),
            Err(missing) => js::missing(&missing.shards),
        })
    }

    /// The file name of a shard, beside the root.
    #[wasm_bindgen(js_name = shardFile)]
    pub fn shard_file(&self, shard: u32) -> Option<String> {
        self.engine.index().shard_file(shard)
    }

    /// Checks a shard's bytes against the root and takes them in. Throws a `QaWidgetError`
    /// ("corrupt", "truncated", …) for bytes that are not that shard; nothing changes then.
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, shard: u32, bytes: &[u8]) -> Result<(), JsValue> {
        self.engine.add_shard(shard, bytes).map_err(|e| error::format_error(&e))
    }

    /// Questions the content answers, to offer before anything is asked.
    pub fn suggestions(&self, limit: u32) -> JsValue {
        js::strings(self.engine.index().suggestions.iter().take(limit as usize).map(|s| s.question.as_str()))
    }

    /// Counts and the builder's version, for diagnostics; `shards` is how many shards the
    /// index has beside its root (0 for an index in one file), `missing` how many of them are
    /// not loaded yet (0 for a bundle, which carries them all).
    pub fn info(&self) -> JsValue {
        let index = self.engine.index();
        js::record(
            &[
                ("documents", index.document_count()),
                ("passages", index.passage_count()),
                ("terms", index.term_count()),
                ("shards", index.shard_count()),
                ("missing", (0..index.shard_count() as u32).filter(|&s| !index.is_loaded(s)).count()),
            ],
            &[("builder", &index.meta.builder)],
        )
    }
}

/// Reads `{ top }` by hand: serde's deserializer would bring float formatting for its error
/// messages, about 15 KB of the wasm for one optional number. `top: 0` asks only whether the
/// pages answer, which on a sharded index needs no passage texts.
fn ask_options(options: &JsValue) -> Result<AskOptions, JsValue> {
    let mut ask = AskOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(ask);
    }
    if !options.is_object() {
        return Err(error::bad_options("options must be an object"));
    }
    let top = sys::reflect_get(options, "top").unwrap_or(JsValue::UNDEFINED);
    if !top.is_undefined() {
        match top.as_f64() {
            Some(n) if n >= 0.0 && n <= 1000.0 && n.fract() == 0.0 => ask.top = n as usize,
            _ => return Err(error::bad_options("top must be a whole number from 0 to 1000")),
        }
    }
    Ok(ask)
}
