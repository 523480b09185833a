//! The browser bindings: a thin layer over `search::Engine`. One file per exported class;
//! every error becomes a JavaScript value in `error.rs`. Fetching the index is JavaScript's
//! job (www/engine.js), so nothing here does I/O.

mod engine;
mod error;
mod js;
mod sys;

pub use engine::QaEngine;

// SAFETY: the wasm runs single-threaded (no atomics target feature), which is what
// `TalckWasm` requires of its environment.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
