#![no_main]
//! The index decoder on any bytes (src/lib.rs, decode_index).

#[global_allocator]
static ALLOCATOR: qa_widget_fuzz::CountingAllocator = qa_widget_fuzz::CountingAllocator;

libfuzzer_sys::fuzz_target!(|data: &[u8]| qa_widget_fuzz::decode_index(data));
