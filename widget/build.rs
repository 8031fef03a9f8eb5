//! Embeds the default content pack in its compact form, so the WebAssembly carries neither the JSON
//! nor the parser and validator it would need: the pack is loaded and checked here, natively.
//! Only its first part is embedded, the French texts of the first step and what every step shows
//! from it: `cargo xtask dist` writes the English texts (`parcours_widget_en.bin`), which English
//! pages fetch, and the later steps' French texts (`parcours_widget_later.bin`), which a page fetches
//! once its visitor goes past the first step, beside the wasm (see `Pack::to_compact_split`).
//! It also writes the stylesheet without its comments and indents (`src/css.rs`).

use std::{env, fs, path::PathBuf};

#[path = "src/css.rs"]
mod css;

fn main() {
    let pack = parcours_core::default_pack();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    fs::write(out.join("default-pack.bin"), pack.to_compact_split().first)
        .expect("OUT_DIR is writable");
    let stylesheet = fs::read_to_string("src/widget.css").expect("src/widget.css is readable");
    fs::write(out.join("widget.min.css"), css::minify(&stylesheet)).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=src/widget.css");
    println!("cargo::rerun-if-changed=src/css.rs");
    // `default_pack()` embeds the JSON, so cargo reruns this script whenever parcours-core changes.
    println!("cargo::rerun-if-changed=build.rs");
}
