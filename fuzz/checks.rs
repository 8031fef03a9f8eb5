//! What each fuzz target checks on one input, written once: the fuzz targets run these under
//! libFuzzer, and `core/tests/hostile.rs` replays every committed seed and regression through them on
//! each `cargo test`.

#![allow(
    dead_code,
    reason = "each fuzz target uses one of these checks, and the replay all three"
)]
use parcours_core::{Answers, Lang, Pack, assess, default_pack, report};

/// Any bytes as a content pack: loading never panics, and a pack that loads can be assessed,
/// reported, encoded in the compact form and read back, and answered with a code it reads back.
pub(crate) fn pack_load(data: &[u8]) {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok((pack, _warnings)) = Pack::load(json) else {
        return;
    };
    assess_and_report(&pack);
    let compact = pack.to_compact();
    let back = Pack::from_compact(&compact).expect("a loaded pack's compact form reads back");
    assert_eq!(back.to_compact(), compact, "the compact form round-trips");
    split_and_join(&pack);
}

/// Any string as an answer code against the default pack: decoding never panics, notes are bounded,
/// what it keeps can be assessed and reported, and re-encoding then decoding keeps every answer.
pub(crate) fn answer_code(data: &[u8]) {
    let code = String::from_utf8_lossy(data);
    let pack = default_pack();
    let Ok(decoded) = Answers::decode(&code, pack) else {
        return;
    };
    assert!(decoded.notes.len() <= 50, "notes are bounded");
    let assessment = assess(pack, &decoded.answers);
    let _ = report::markdown(&assessment, Lang::Fr);
    let _ = report::markdown(&assessment, Lang::En);
    let again = decoded.answers.encode(pack);
    let round_trip = Answers::decode(&again, pack).expect("a code the pack wrote reads back");
    assert_eq!(
        round_trip.answers, decoded.answers,
        "re-encoding keeps every answer: {again}"
    );
    assert!(
        round_trip.notes.is_empty(),
        "a fresh code has nothing to report: {again} {:?}",
        round_trip.notes
    );
}

/// Any bytes as a compact pack: reading never panics, and a pack it accepts holds the invariants of
/// a loaded one, so the engine, the report and the answer codes work on it without a fallback.
/// The same bytes as the English part or the later part of the default pack never panic either.
pub(crate) fn pack_compact(data: &[u8]) {
    static FIRST: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| default_pack().to_compact_split().first);
    if let Ok(pack) = Pack::from_compact_parts(first, Some(data), None) {
        assess_and_report(&pack);
    }
    if let Ok(pack) = Pack::from_compact_parts(first, None, Some(data)) {
        assess_and_report(&pack);
    }
    let Ok(pack) = Pack::from_compact(data) else {
        return;
    };
    assess_and_report(&pack);
    let compact = pack.to_compact();
    let back = Pack::from_compact(&compact).expect("what reading accepted writes back readably");
    assert_eq!(back.to_compact(), compact, "the compact form round-trips");
    split_and_join(&pack);
}

/// Cut in its three parts, `pack` reads back whole, and its first part alone or with either other.
fn split_and_join(pack: &Pack) {
    let split = pack.to_compact_split();
    let whole = Pack::from_compact_parts(&split.first, Some(&split.english), Some(&split.later))
        .expect("the parts of a pack read back together");
    assert_eq!(
        whole.to_compact(),
        pack.to_compact(),
        "splitting loses nothing"
    );
    Pack::from_compact(&split.first).expect("the first part reads alone");
    Pack::from_compact_parts(&split.first, Some(&split.english), None)
        .expect("the first part reads with the English one");
    Pack::from_compact_parts(&split.first, None, Some(&split.later))
        .expect("the first part reads with the later one");
}

/// A fresh visitor and a visitor who answered "yes" to everything, assessed and reported, with codes
/// that read back against the pack that wrote them.
fn assess_and_report(pack: &Pack) {
    let mut everything = Answers {
        persona: pack.personas().first().map(|persona| persona.id.clone()),
        ..Answers::default()
    };
    for (_, criterion) in pack.criteria() {
        everything
            .criteria
            .insert(criterion.id.clone(), parcours_core::Answer::Yes);
    }
    for answers in [Answers::default(), everything] {
        let assessment = assess(pack, &answers);
        for lang in [Lang::Fr, Lang::En] {
            let _ = report::markdown(&assessment, lang);
        }
        let code = answers.encode(pack);
        let decoded = Answers::decode(&code, pack).expect("a code this pack wrote reads back");
        assert_eq!(decoded.answers, answers);
    }
}
