//! Project automation in Rust, reached through `cargo xtask`.

fn main() {
    println!("cargo xtask: nothing here yet");
}
