//! The browser bindings: a thin layer over `search::Engine`. One file per exported class;
//! every error becomes a JavaScript value in `error.rs`. Fetching the index is JavaScript's
//! job (www/engine.js), so nothing here does I/O.

mod engine;
mod error;

pub use engine::QaEngine;
