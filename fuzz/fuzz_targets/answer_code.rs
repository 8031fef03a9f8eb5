//! Fuzz target: any string as an answer code against the default pack. Decoding never panics, what it keeps
//! can be assessed and reported, and re-encoding then decoding gives the same answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours_core::{Answers, Lang, assess, default_pack, report};

fuzz_target!(|code: &str| {
    let pack = default_pack();
    let Ok(decoded) = Answers::decode(code, pack) else { return };
    assert!(decoded.notes.len() <= 50, "notes are bounded");
    let assessment = assess(pack, &decoded.answers);
    let _ = report::markdown(&assessment, Lang::Fr);
    let _ = report::markdown(&assessment, Lang::En);
    let again = decoded.answers.encode(pack);
    let round_trip = Answers::decode(&again, pack).expect("a code the pack wrote reads back");
    assert_eq!(round_trip.answers, decoded.answers, "re-encoding keeps every answer: {again}");
    assert!(round_trip.notes.is_empty(), "a fresh code has nothing to report: {again} {:?}", round_trip.notes);
});
