//! The compact form of a pack: exact round trips, and no byte string that makes reading panic.

use expect_test::expect;
use parcours_core::{Answer, Answers, COMPACT_LAYOUT, Lang, Pack, assess, default_pack, report};
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

/// FNV-1a, 64 bits: a fixed, documented hash, so the snapshot below never depends on the toolchain.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The guard of the layout revision: any change to what `to_compact` writes changes this snapshot.
/// When it fails because the layout changed, bump `LAYOUT` in core/src/compact.rs, then update the
/// snapshot (UPDATE_EXPECT=1); when only the fixture changed, update the snapshot alone.
#[test]
fn the_compact_layout_is_pinned_by_its_revision() {
    let bytes = small().to_compact();
    expect!["layout 5: 3595 bytes, fnv1a 0xfefd2591df36a592"].assert_eq(&format!(
        "layout {COMPACT_LAYOUT}: {} bytes, fnv1a {:#018x}",
        bytes.len(),
        fnv1a(&bytes)
    ));
}

/// Every reference of a pack names an entry of the pack.
#[track_caller]
fn assert_references_resolve(pack: &Pack) {
    for stage in pack.stages() {
        for (persona, _) in &stage.persona_focus {
            assert!(pack.persona(persona.as_str()).is_some());
        }
        if let Some(phase) = &stage.support.phase {
            assert!(pack.phase(phase.as_str()).is_some());
        }
        for contact in &stage.support.contacts {
            assert!(pack.contact(contact.as_str()).is_some());
        }
        for source in &stage.sources {
            assert!(pack.source(source.as_str()).is_some());
        }
        for criterion in &stage.gate.criteria {
            assert!(pack.persona(criterion.persona.as_str()).is_some());
            for source in &criterion.sources {
                assert!(pack.source(source.as_str()).is_some());
            }
        }
    }
    for resource in pack.resources() {
        for persona in resource.personas.iter().flatten() {
            assert!(pack.persona(persona.as_str()).is_some());
        }
        for &number in &resource.stages {
            assert!(pack.stage(number).is_some());
        }
    }
    for case in &pack.profile().cases {
        for phase in &case.phases {
            assert!(pack.phase(phase.phase.as_str()).is_some());
        }
    }
}

#[test]
fn a_dangling_reference_is_refused() {
    let bytes = small().to_compact();
    // The persona "moe" is defined before any step refers to it; renaming its definition leaves
    // the steps' references dangling, while the bytes stay well formed.
    let at = bytes
        .windows(3)
        .position(|window| window == b"moe")
        .expect("the fixture has a persona moe");
    let mut renamed = bytes.clone();
    renamed[at + 2] = b'x';
    let error = Pack::from_compact(&renamed).expect_err("a dangling persona");
    assert!(error.to_string().contains("unknown persona"), "{error}");
}

#[test]
fn other_layouts_and_trailing_bytes_are_refused_with_a_reason() {
    let bytes = small().to_compact();
    let mut other = bytes.clone();
    // The revision is the first byte after the magic name.
    let at = b"cpn-pack/".len();
    assert_eq!(u32::from(other[at]), COMPACT_LAYOUT);
    other[at] += 1;
    let error = Pack::from_compact(&other).expect_err("another layout");
    assert!(
        error.to_string().contains("written with another layout"),
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
            // Whatever damage reading accepts, the pack's invariant holds.
            assert_references_resolve(&pack);
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

/// The fuzz target `pack_compact` starts from a real compact pack: this keeps its committed seed
/// current with the layout (regenerated with UPDATE_EXPECT=1, like a snapshot). The default pack's
/// compact form changes with every content edit, so it is not committed.
#[test]
fn the_compact_fuzz_seed_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds/pack_compact/small.bin");
    let bytes = small().to_compact();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &bytes).expect("the seed folder is writable");
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == bytes,
        "{} is stale: run UPDATE_EXPECT=1 cargo test -p parcours-core --test compact",
        path.display()
    );
}

#[test]
fn a_split_pack_reads_back_whole_and_its_french_half_alone() {
    for pack in [default_pack().clone(), small()] {
        let (french, english) = pack.to_compact_split();
        let whole = Pack::from_compact_with_english(&french, &english).expect("both halves read");
        assert_eq!(format!("{whole:#?}"), format!("{pack:#?}"));
        assert_eq!(whole.to_compact(), pack.to_compact());

        let alone = Pack::from_compact(&french).expect("the French half reads alone");
        // `Debug` prints `en: Some("…")` for a translation: the French half has none left.
        assert!(format!("{pack:#?}").contains("en: Some("));
        assert!(
            !format!("{alone:#?}").contains("en: Some("),
            "an English text stayed in the French half"
        );
        assert_references_resolve(&alone);
        // Every text falls back to French: an English page shows French rather than nothing.
        assert_eq!(alone.title().get(Lang::En), pack.title().get(Lang::Fr));
        assert!(french.len() + english.len() < pack.to_compact().len() + 32);
    }
}

#[test]
fn the_default_packs_french_half_saves_most_of_its_english() {
    let pack = default_pack();
    let (french, english) = pack.to_compact_split();
    let whole = pack.to_compact().len();
    // The English texts are about 40 % of the pack's bytes.
    assert!(
        english.len() * 10 > whole * 3,
        "{} of {whole} bytes",
        english.len()
    );
    assert!(
        french.len() * 10 < whole * 7,
        "{} of {whole} bytes",
        french.len()
    );
}

#[test]
fn an_english_half_of_another_pack_or_damaged_is_refused_with_a_reason() {
    let (french, english) = small().to_compact_split();
    let refusal = |french: &[u8], english: &[u8]| {
        Pack::from_compact_with_english(french, english)
            .expect_err("refused")
            .to_string()
    };
    let (_, other_english) = default_pack().to_compact_split();
    assert!(refusal(&french, &other_english).contains("written for another pack"));
    assert!(refusal(&french, &french).contains("no header of English texts"));
    let mut longer = english.clone();
    longer.push(0);
    assert!(refusal(&french, &longer).contains("more English texts than the pack has"));
    for len in 0..english.len() {
        assert!(
            Pack::from_compact_with_english(&french, &english[..len]).is_err(),
            "a {len}-byte prefix of the English half was accepted"
        );
    }
    // The whole compact form has no English apart: given an English half, it has too many.
    assert!(Pack::from_compact_with_english(&small().to_compact(), &english).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A damaged English half gives an error or a pack whose references resolve, never a panic.
    #[test]
    fn a_damaged_english_half_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let (french, mut english) = small().to_compact_split();
        for (index, value) in edits {
            let at = index.index(english.len());
            english[at] = value;
        }
        if let Ok(pack) = Pack::from_compact_with_english(&french, &english) {
            assert_references_resolve(&pack);
            let _ = report::markdown(&assess(&pack, &Answers::default()), Lang::En);
        }
    }
}
