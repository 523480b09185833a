//! qa-widget answers questions from a site's own pages.
//!
//! The pure core (no I/O, no wasm-bindgen) is `text`, `analysis`, `index` and `search`:
//! the same code runs in the CLI and, compiled to WebAssembly, in the visitor's browser.
//! `build` (reading and cleaning pages, writing indexes) is build-time only, behind the
//! `build` feature; `wasm` holds the thin browser bindings, behind the `wasm` feature.
//! ARCHITECTURE.md walks through each module.

pub mod analysis;
pub mod index;
pub mod search;
pub mod text;

#[cfg(feature = "build")]
pub mod build;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use index::{FormatError, Index};
pub use search::{Answer, AskOptions, Engine};
