//! Fuzz target: any string as an answer code against the default pack. The checks are in `fuzz/checks.rs`, shared with the replay in `cargo test`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::answer_code(data));
