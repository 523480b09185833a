#![no_main]
//! Any question on the demo index (src/lib.rs, ask_demo).

#[global_allocator]
static ALLOCATOR: qa_widget_fuzz::CountingAllocator = qa_widget_fuzz::CountingAllocator;

libfuzzer_sys::fuzz_target!(|data: &[u8]| qa_widget_fuzz::ask_demo(data));
