#![no_main]
//! A JSONL file of records (src/lib.rs, read_page).

#[global_allocator]
static ALLOCATOR: qa_widget_fuzz::CountingAllocator = qa_widget_fuzz::CountingAllocator;

libfuzzer_sys::fuzz_target!(|data: &[u8]| qa_widget_fuzz::read_page("pages.jsonl", data));
