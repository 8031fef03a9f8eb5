//! Embeds the default content pack in its compact form, so the WebAssembly carries neither the JSON
//! nor the parser and validator it would need: the pack is loaded and checked here, natively.
//! Only its French half is embedded: `cargo xtask dist` writes the English half beside the wasm
//! (`parcours_widget_en.bin`), which English pages fetch (see `Pack::to_compact_split`).
//! It also writes the stylesheet without its comments and indents (`src/css.rs`).

use std::{env, fs, path::PathBuf};

#[path = "src/css.rs"]
mod css;

fn main() {
    let pack = parcours_core::default_pack();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    let (french, _) = pack.to_compact_split();
    fs::write(out.join("default-pack.bin"), french).expect("OUT_DIR is writable");
    let stylesheet = fs::read_to_string("src/widget.css").expect("src/widget.css is readable");
    fs::write(out.join("widget.min.css"), css::minify(&stylesheet)).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=src/widget.css");
    println!("cargo::rerun-if-changed=src/css.rs");
    // `default_pack()` embeds the JSON, so cargo reruns this script whenever parcours-core changes.
    println!("cargo::rerun-if-changed=build.rs");
}
