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
    /// `Array.of(a, b)`.
    #[wasm_bindgen(static_method_of = Array, js_name = of)]
    pub fn of2(a: &JsValue, b: &JsValue) -> Array;
    /// `Array.of(a, b)` of two numbers, passed as they are rather than each made a JsValue.
    #[wasm_bindgen(static_method_of = Array, js_name = of)]
    pub fn of_numbers(a: u32, b: u32) -> Array;

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
    /// The same with a key made into a JavaScript string once (`js::Keys`).
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    pub fn reflect_set_key(target: &JsValue, key: &JsValue, value: &JsValue);
}
