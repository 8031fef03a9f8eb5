//! Fuzz target: any bytes as a content pack. Loading never panics, and a pack that loads can be assessed and reported.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_core::{Answers, Lang, Pack, assess, report};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let Ok((pack, _warnings)) = Pack::load(json) else { return };
    let answers = Answers::default();
    let assessment = assess(&pack, &answers);
    for lang in [Lang::Fr, Lang::En] {
        let _ = report::markdown(&assessment, lang);
    }
    // The code of a fresh visitor must read back against the pack that wrote it.
    let code = answers.encode(&pack);
    let decoded = Answers::decode(&code, &pack).expect("a code this pack wrote reads back");
    assert_eq!(decoded.answers, answers);
});
