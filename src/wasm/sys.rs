//! The few JavaScript functions the bindings call, declared here rather than taken from
//! js-sys: js-sys declares thousands, and each import that takes a closure leaves its
//! closure shim in the wasm's function table whether it is called or not (with its futures
//! support, about 0.6 KB gzip of code nothing runs).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `new Object()`.
    #[wasm_bindgen(js_name = Object)]
    pub type Object;
    #[wasm_bindgen(constructor, js_class = "Object")]
    pub fn new() -> Object;

    /// `new Array()`.
    #[wasm_bindgen(js_name = Array)]
    pub type Array;
    #[wasm_bindgen(constructor, js_class = "Array")]
    pub fn new() -> Array;
    #[wasm_bindgen(method, js_class = "Array")]
    pub fn push(this: &Array, value: &JsValue) -> u32;

    /// `new Error(message)`.
    #[wasm_bindgen(js_name = Error)]
    pub type Error;
    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> Error;

    /// `Reflect.get(target, key)`; a getter or proxy that throws gives `Err`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn reflect_get(target: &JsValue, key: &str) -> Result<JsValue, JsValue>;
    /// `Reflect.set(target, key, value)`, only ever on objects made here, where it cannot throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    pub fn reflect_set(target: &JsValue, key: &str, value: &JsValue);
}

#[wasm_bindgen(module = "/www/answer-objects.js")]
extern "C" {
    /// An answer's result as `qa-widget ask --json` has it; `highlights` flat, in pairs.
    #[wasm_bindgen(js_name = resultObject)]
    #[allow(clippy::too_many_arguments)]
    pub fn result_object(
        rank: u32,
        score: f64,
        passage: &str,
        excerpt: &str,
        highlights: &[u32],
        doc: &str,
        title: &str,
        section: Option<&str>,
        section_id: Option<&str>,
        url: Option<&str>,
    ) -> JsValue;
    #[wasm_bindgen(js_name = answerObject)]
    pub fn answer_object(question: &str, answered: bool, results: &Array) -> JsValue;
}
