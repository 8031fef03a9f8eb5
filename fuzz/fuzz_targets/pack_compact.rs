//! Fuzz target: any bytes as a compact pack. The checks are in `fuzz/checks.rs`, shared with the replay in `cargo test`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::pack_compact(data));
