#![no_main]
//! One shard of a sharded index added to its root (src/lib.rs, add_shard).

#[global_allocator]
static ALLOCATOR: qa_widget_fuzz::CountingAllocator = qa_widget_fuzz::CountingAllocator;

libfuzzer_sys::fuzz_target!(|data: &[u8]| qa_widget_fuzz::add_shard(data));
