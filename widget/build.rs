//! Embeds the default content pack in its compact form, so the WebAssembly carries neither the JSON
//! nor the parser and validator it would need: the pack is loaded and checked here, natively.

use std::{env, fs, path::PathBuf};

fn main() {
    let pack = parcours_core::default_pack();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    fs::write(out.join("default-pack.bin"), pack.to_compact()).expect("OUT_DIR is writable");
    // `default_pack()` embeds the JSON, so cargo reruns this script whenever parcours-core changes.
    println!("cargo::rerun-if-changed=build.rs");
}
