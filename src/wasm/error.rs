//! The one place where Rust errors become JavaScript errors. Each carries a stable `code`
//! so the widget can tell a visitor in plain words what went wrong.

use wasm_bindgen::JsValue;

use super::sys;

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

/// The Error properties set, named apart from the codes: tests/js scans this file's
/// `, "…"` arguments for the codes it raises.
const NAME: &str = "name";
const CODE: &str = "code";

fn with_code(message: &str, code: &str) -> JsValue {
    let error: JsValue = sys::Error::new(message).into();
    // `error.name = …` and `error.code = …` on a fresh Error object, which cannot fail.
    sys::reflect_set(&error, NAME, &JsValue::from_str("QaWidgetError"));
    sys::reflect_set(&error, CODE, &JsValue::from_str(code));
    error
}
