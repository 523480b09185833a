//! The one place where Rust errors become JavaScript errors. Each carries a stable `code`
//! so the widget can tell a visitor in plain words what went wrong.

use wasm_bindgen::JsValue;

use crate::index::FormatError;
use crate::search::EngineError;

pub fn engine_error(error: &EngineError) -> JsValue {
    match error {
        EngineError::Format(format) => format_error(format),
        EngineError::UnsupportedLanguage { .. } => with_code(&error.to_string(), "unsupported-language"),
    }
}

pub fn format_error(error: &FormatError) -> JsValue {
    let code = match error {
        FormatError::NotAnIndex { .. } => "not-an-index",
        FormatError::UnsupportedVersion { .. } => "unsupported-version",
        FormatError::Truncated { .. } => "truncated",
        FormatError::Corrupt { .. } => "corrupt",
    };
    with_code(&error.to_string(), code)
}

pub fn bad_options(problem: &str) -> JsValue {
    with_code(&format!("ask(question, options): {problem}, like {{ top: 3 }}"), "bad-options")
}

fn with_code(message: &str, code: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("QaWidgetError");
    // Setting a property on a fresh Error object cannot fail.
    super::js::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}
