//! The one place where Rust errors become JavaScript errors. Each carries a stable `code`
//! so the widget can tell a visitor in plain words what went wrong.

use wasm_bindgen::JsValue;

use crate::index::FormatError;
use crate::search::EngineError;

pub fn engine_error(error: &EngineError) -> JsValue {
    let code = match error {
        EngineError::Format(FormatError::NotAnIndex { .. }) => "not-an-index",
        EngineError::Format(FormatError::UnsupportedVersion { .. }) => "unsupported-version",
        EngineError::Format(FormatError::Truncated { .. }) => "truncated",
        EngineError::Format(FormatError::Corrupt { .. }) => "corrupt",
        EngineError::UnsupportedLanguage { .. } => "unsupported-language",
    };
    with_code(&error.to_string(), code)
}

pub fn bad_options(problem: &str) -> JsValue {
    with_code(&format!("ask(question, options): {problem}, like {{ top: 3 }}"), "bad-options")
}

pub fn serialization(error: &serde_wasm_bindgen::Error) -> JsValue {
    with_code(&format!("could not hand the answer to JavaScript ({error}); please report this"), "internal")
}

fn with_code(message: &str, code: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("QaWidgetError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}
