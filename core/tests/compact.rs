//! The compact form of a pack: exact round trips, and no byte string that makes reading panic.

use parcours_core::{Answer, Answers, Lang, Pack, assess, default_pack, report};
use proptest::prelude::*;

const SMALL: &str = include_str!("fixtures/small.json");

fn small() -> Pack {
    Pack::load(SMALL).expect("the small fixture loads").0
}

/// `Debug` shows every field, so equal output means an identical pack.
#[track_caller]
fn assert_round_trip(pack: &Pack) {
    let bytes = pack.to_compact();
    let back = Pack::from_compact(&bytes).expect("a pack's own compact form reads back");
    assert_eq!(format!("{back:#?}"), format!("{pack:#?}"));
    assert_eq!(back.to_compact(), bytes, "writing is deterministic");
}

#[test]
fn the_default_pack_round_trips() {
    assert_round_trip(default_pack());
}

#[test]
fn the_small_fixture_round_trips() {
    assert_round_trip(&small());
}

#[test]
fn the_compact_default_pack_is_smaller_than_its_json() {
    let bytes = default_pack().to_compact();
    assert!(
        bytes.len() * 10 < parcours_core::DEFAULT_PACK_JSON.len() * 8,
        "{} bytes",
        bytes.len()
    );
}

#[test]
fn the_engine_answers_the_same_on_a_read_back_pack() {
    let pack = default_pack();
    let back = Pack::from_compact(&pack.to_compact()).expect("reads back");
    let mut answers = Answers {
        persona: pack.persona("tech").map(|p| p.id.clone()),
        ..Answers::default()
    };
    for (_, criterion) in pack.criteria().take(12) {
        answers.criteria.insert(criterion.id.clone(), Answer::Yes);
    }
    for lang in [Lang::Fr, Lang::En] {
        assert_eq!(
            report::markdown(&assess(&back, &answers), lang),
            report::markdown(&assess(pack, &answers), lang)
        );
    }
}

#[test]
fn every_truncation_is_refused() {
    let bytes = small().to_compact();
    for len in 0..bytes.len() {
        assert!(
            Pack::from_compact(&bytes[..len]).is_err(),
            "a {len}-byte prefix was accepted"
        );
    }
}

#[test]
fn other_versions_and_trailing_bytes_are_refused_with_a_reason() {
    let bytes = small().to_compact();
    let mut other = bytes.clone();
    let at = other
        .iter()
        .position(|&b| b == b'.')
        .expect("the version has a dot");
    other[at + 1] = b'9';
    let error = Pack::from_compact(&other).expect_err("another version");
    assert!(
        error.to_string().contains("written by another version"),
        "{error}"
    );

    let mut longer = bytes.clone();
    longer.push(0);
    let error = Pack::from_compact(&longer).expect_err("trailing byte");
    assert!(error.to_string().contains("trailing bytes"), "{error}");
    assert_eq!(error.offset(), bytes.len());

    assert!(
        Pack::from_compact(b"{\"format\": 1}")
            .expect_err("json")
            .to_string()
            .contains("no header")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Flipped and overwritten bytes give an error or a pack the engine can assess, never a panic.
    #[test]
    fn damaged_bytes_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = small().to_compact();
        for (index, value) in edits {
            let at = index.index(bytes.len());
            bytes[at] = value;
        }
        if let Ok(pack) = Pack::from_compact(&bytes) {
            // Damage may leave a criterion pointing at a persona or contact that is gone.
            let mut answers = Answers { persona: pack.personas().first().map(|p| p.id.clone()), ..Answers::default() };
            for (i, (_, criterion)) in pack.criteria().enumerate() {
                answers.criteria.insert(criterion.id.clone(), if i % 3 == 0 { Answer::No } else { Answer::Yes });
            }
            for answers in [Answers::default(), answers] {
                let _ = report::markdown(&assess(&pack, &answers), Lang::En);
                let _ = Answers::decode(&answers.encode(&pack), &pack);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Pack::from_compact(&bytes);
    }
}
