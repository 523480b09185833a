#![no_main]
//! A manifest.json beside two pages (src/lib.rs, read_manifest).

#[global_allocator]
static ALLOCATOR: qa_widget_fuzz::CountingAllocator = qa_widget_fuzz::CountingAllocator;

libfuzzer_sys::fuzz_target!(|data: &[u8]| qa_widget_fuzz::read_manifest(data));
