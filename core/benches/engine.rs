//! Benchmarks of pack loading and `assess`.
fn main() {}
