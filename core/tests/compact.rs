//! The compact form of a pack: exact round trips, and no byte string that makes reading panic.

use expect_test::expect;
use parcours_core::{
    Answer, Answers, Assessment, COMPACT_LAYOUT, Hint, Lang, Pack, SplitPack, Text, assess,
    default_pack, report,
};
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
    expect!["layout 7: 3643 bytes, fnv1a 0x41cf5c7bc2c76f8f"].assert_eq(&format!(
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
fn a_split_pack_reads_back_whole_from_its_three_parts() {
    for pack in [default_pack().clone(), small()] {
        let split = pack.to_compact_split();
        let whole =
            Pack::from_compact_parts(&split.first, Some(&split.english), Some(&split.later))
                .expect("the three parts read");
        assert_eq!(format!("{whole:#?}"), format!("{pack:#?}"));
        assert_eq!(whole.to_compact(), pack.to_compact());
        for lang in [Lang::Fr, Lang::En] {
            assert!(!whole.lacks_later_texts(lang));
        }
        // Every text is in one part, but for the values that only later steps or the downloads
        // read, which both the later and the English part carry (no page downloads both for
        // them): the first part with either weighs what the whole does, and a few headers.
        let whole = pack.to_compact().len();
        assert!(split.first.len() + split.later.len() < whole + 64);
        assert!(split.first.len() + split.english.len() < whole + 64);
    }
}

#[test]
fn the_first_part_alone_is_a_french_pack_that_lacks_its_later_texts() {
    let pack = default_pack();
    let split = pack.to_compact_split();
    let alone = Pack::from_compact(&split.first).expect("the first part reads alone");
    // `Debug` prints `en: Some("…")` for a translation: the first part has none left.
    assert!(format!("{pack:#?}").contains("en: Some("));
    assert!(
        !format!("{alone:#?}").contains("en: Some("),
        "an English text stayed in the first part"
    );
    assert_references_resolve(&alone);
    assert!(alone.lacks_later_texts(Lang::Fr) && alone.lacks_later_texts(Lang::En));
    assert_eq!(alone.title().get(Lang::En), pack.title().get(Lang::Fr));
    assert_eq!(
        alone.stages()[1].gate.criteria[0].question.get(Lang::Fr),
        ""
    );

    // The English part brings every English text: an English page lacks nothing, even before
    // the later part arrives, since the default pack's English is complete.
    let english = Pack::from_compact_parts(&split.first, Some(&split.english), None)
        .expect("the first part reads with the English one");
    assert!(english.lacks_later_texts(Lang::Fr));
    assert!(!english.lacks_later_texts(Lang::En));
    let later = Pack::from_compact_parts(&split.first, None, Some(&split.later))
        .expect("the first part reads with the later one");
    assert!(!later.lacks_later_texts(Lang::Fr));

    // The values that no view of the first step reads: not in the first part, in either other.
    let link_of_a_later_resource = |pack: &Pack| {
        let resource = pack
            .resources()
            .iter()
            .find(|resource| !resource.stages.contains(&1) && resource.url.is_some());
        resource.map(|resource| (resource.url.clone(), resource.provider.clone()))
    };
    assert_eq!(link_of_a_later_resource(&alone), None);
    assert!(alone.sources().is_empty());
    assert!(
        alone.stages()[0]
            .gate
            .criteria
            .iter()
            .all(|c| c.sources.is_empty())
    );
    assert_eq!(alone.stages()[1].gate.criteria[0].url, None);
    assert_eq!(
        alone.stages()[0].gate.criteria[0].url,
        pack.stages()[0].gate.criteria[0].url,
        "the first step keeps its links"
    );
    for part in [&english, &later] {
        assert!(link_of_a_later_resource(part).is_some());
        assert_eq!(
            link_of_a_later_resource(part),
            link_of_a_later_resource(pack)
        );
        assert_eq!(
            format!("{:?}", part.sources()),
            format!("{:?}", pack.sources())
        );
        let (theirs, ours) = (
            &part.stages()[1].gate.criteria[0],
            &pack.stages()[1].gate.criteria[0],
        );
        assert_eq!((&theirs.url, &theirs.sources), (&ours.url, &ours.sources));
    }
    assert_eq!(
        later.stages()[1].gate.criteria[0].question.get(Lang::En),
        pack.stages()[1].gate.criteria[0].question.get(Lang::Fr)
    );
}

#[test]
fn a_later_text_without_english_makes_an_english_page_lack_it_too() {
    // The small fixture, with one question of its second step left in French only.
    let mut json: serde_json::Value = serde_json::from_str(SMALL).expect("the fixture is JSON");
    json["stages"][1]["gate"]["criteria"][0]["question"]
        .as_object_mut()
        .expect("a text is an object")
        .remove("en");
    let pack = Pack::load(&json.to_string()).expect("still a pack").0;
    let split = pack.to_compact_split();
    let english = Pack::from_compact_parts(&split.first, Some(&split.english), None)
        .expect("the first part reads with the English one");
    assert!(english.lacks_later_texts(Lang::En));
    let translated = Pack::from_compact_parts(
        &small().to_compact_split().first,
        Some(&small().to_compact_split().english),
        None,
    )
    .expect("reads");
    assert!(!translated.lacks_later_texts(Lang::En));
}

#[test]
fn a_part_cut_short_or_padded_is_refused_without_a_panic() {
    let split = default_pack().to_compact_split();
    for (english, later) in [(Some(&split.english), None), (None, Some(&split.later))] {
        let part = english.or(later).expect("one part");
        let with = |bytes: &[u8]| {
            let bytes = Some(bytes);
            let (english, later) = if english.is_some() {
                (bytes, None)
            } else {
                (None, bytes)
            };
            Pack::from_compact_parts(&split.first, english, later)
        };
        assert!(with(part).is_ok());
        // Cut anywhere (in its texts or in the values after them), or one byte too long.
        for len in [part.len() / 3, part.len() / 2, part.len() - 1] {
            assert!(
                with(&part[..len]).is_err(),
                "cut at {len} of {}",
                part.len()
            );
        }
        let mut padded = part.clone();
        padded.push(0);
        let error = with(&padded).expect_err("a byte too many");
        assert!(error.to_string().contains("than the pack has"), "{error}");
    }
}

/// Every text an assessment shows, in `lang`: what the widget copies into its view of the result.
fn texts_shown(assessment: &Assessment<'_>, lang: Lang) -> Vec<String> {
    let mut texts = Vec::new();
    let mut push = |text: &Text| texts.push(text.get(lang).to_owned());
    push(&assessment.stage.title);
    push(&assessment.stage.team_question);
    push(&assessment.stage.maturity.name);
    for unmet in assessment.blocking.iter().chain(&assessment.advice) {
        push(&unmet.criterion.question);
        push(&unmet.criterion.why);
    }
    for follow_up in &assessment.follow_ups {
        push(&follow_up.criterion.question);
        match follow_up.hint() {
            Some(Hint::Text(text)) => push(text),
            Some(Hint::AskRole(persona)) => push(&persona.name),
            None => {}
        }
    }
    for criterion in &assessment.ahead {
        push(&criterion.question);
    }
    for resource in assessment
        .persona_resources
        .iter()
        .chain(&assessment.programme_resources)
    {
        push(&resource.title);
        if let Some(description) = &resource.description {
            push(description);
        }
    }
    for text in &assessment.stage.guidance {
        push(text);
    }
    if let Some(focus) = assessment
        .persona
        .and_then(|persona| assessment.stage.focus_of(persona.id.as_str()))
    {
        push(focus);
    }
    let support = &assessment.support.stage_support;
    push(&support.text);
    for text in support.how.iter().chain(&support.milestones) {
        push(text);
    }
    for contact in &assessment.support.contacts {
        push(&contact.name);
        if let Some(note) = &contact.note {
            push(note);
        }
    }
    if let Some(note) = assessment.support.case.and_then(|case| case.note.as_ref()) {
        push(note);
    }
    if let Some(next) = assessment.next {
        push(&next.title);
        push(&next.team_question);
        push(&next.maturity.name);
    }
    texts.push(report::summary(assessment, lang));
    texts
}

/// Answers to the first step only: `choices[i]` for its `i`-th criterion, and a persona.
fn first_step_answers(pack: &Pack, persona: usize, choices: &[Option<Answer>]) -> Answers {
    let mut answers = Answers {
        persona: pack.personas().get(persona).map(|p| p.id.clone()),
        ..Answers::default()
    };
    for (criterion, choice) in pack.stages()[0].gate.criteria.iter().zip(choices) {
        if let Some(choice) = choice {
            answers.criteria.insert(criterion.id.clone(), *choice);
        }
    }
    answers
}

#[test]
fn past_the_first_step_an_assessment_needs_the_later_texts() {
    let pack = default_pack();
    let mut answers = first_step_answers(pack, 0, &[]);
    assert!(assess(pack, &answers).within_first_step());
    // Every required criterion of the first step validated: the team is at the second step.
    for criterion in &pack.stages()[0].gate.criteria {
        answers.criteria.insert(criterion.id.clone(), Answer::Yes);
    }
    assert!(!assess(pack, &answers).within_first_step());
    // A "don't know" at a later step lists that step's question.
    let mut answers = first_step_answers(pack, 0, &[]);
    let later = &pack.stages()[2].gate.criteria[0];
    answers.criteria.insert(later.id.clone(), Answer::DontKnow);
    assert!(!assess(pack, &answers).within_first_step());
    // A criterion validated ahead is listed too.
    answers.criteria.insert(later.id.clone(), Answer::Yes);
    assert!(!assess(pack, &answers).within_first_step());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// What the first step's view shows from the first part alone (or with its English part) is
    /// what it shows from the whole pack, and never an empty text where the pack has one.
    #[test]
    fn the_first_part_shows_the_first_step_as_the_whole_pack_does(
        persona in 0..4usize,
        choices in prop::collection::vec(prop::option::of(prop::sample::select(vec![Answer::Yes, Answer::No, Answer::DontKnow, Answer::NotApplicable])), 0..30),
    ) {
        let pack = default_pack();
        let split = pack.to_compact_split();
        let french = Pack::from_compact(&split.first).expect("reads");
        let english = Pack::from_compact_parts(&split.first, Some(&split.english), None).expect("reads");
        let answers = first_step_answers(pack, persona, &choices);
        let whole = assess(pack, &answers);
        prop_assume!(whole.within_first_step());
        for (partial, lang) in [(&french, Lang::Fr), (&english, Lang::En)] {
            let shown = texts_shown(&assess(partial, &answers), lang);
            prop_assert_eq!(&shown, &texts_shown(&whole, lang));
            prop_assert!(shown.iter().all(|text| !text.is_empty()));
        }
        // The first step's questions, and every later step's header, whatever is viewed of them.
        for (stage, whole_stage) in french.stages().iter().zip(pack.stages()) {
            prop_assert_eq!(stage.title.fr(), whole_stage.title.fr());
            prop_assert_eq!(stage.team_question.fr(), whole_stage.team_question.fr());
            prop_assert_eq!(stage.maturity.name.fr(), whole_stage.maturity.name.fr());
        }
        for (criterion, whole_criterion) in french.stages()[0].gate.criteria.iter().zip(&pack.stages()[0].gate.criteria) {
            prop_assert_eq!(criterion.question.fr(), whole_criterion.question.fr());
            prop_assert_eq!(criterion.why.fr(), whole_criterion.why.fr());
        }
    }
}

#[test]
fn the_default_packs_first_part_leaves_most_texts_to_the_others() {
    let pack = default_pack();
    let split = pack.to_compact_split();
    let whole = pack.to_compact().len();
    assert!(
        split.english.len() * 10 > whole * 3,
        "English: {} of {whole} bytes",
        split.english.len()
    );
    assert!(
        split.later.len() * 4 > whole,
        "later: {} of {whole} bytes",
        split.later.len()
    );
    assert!(
        split.first.len() * 10 < whole * 4,
        "first: {} of {whole} bytes",
        split.first.len()
    );
}

#[test]
fn a_part_of_another_pack_or_damaged_is_refused_with_a_reason() {
    let split = small().to_compact_split();
    let other = default_pack().to_compact_split();
    let refusal = |english: Option<&[u8]>, later: Option<&[u8]>| {
        Pack::from_compact_parts(&split.first, english, later)
            .expect_err("refused")
            .to_string()
    };
    assert!(refusal(Some(&other.english), None).contains("English texts written for another pack"));
    assert!(refusal(None, Some(&other.later)).contains("later texts written for another pack"));
    assert!(refusal(Some(&split.first), None).contains("no header of English texts"));
    assert!(refusal(None, Some(&split.english)).contains("no header of later texts"));
    for (part, name) in [(&split.english, "English"), (&split.later, "later")] {
        let mut longer = part.clone();
        longer.push(0);
        let (english, later) = match name {
            "English" => (Some(longer.as_slice()), None),
            _ => (None, Some(longer.as_slice())),
        };
        assert!(
            refusal(english, later).contains(&format!("more {name} texts than the pack has")),
            "{name}"
        );
        for len in 0..part.len() {
            let prefix = &part[..len];
            let (english, later) = match name {
                "English" => (Some(prefix), None),
                _ => (None, Some(prefix)),
            };
            assert!(
                Pack::from_compact_parts(&split.first, english, later).is_err(),
                "a {len}-byte prefix of the {name} part was accepted"
            );
        }
    }
    // The whole compact form has no text apart: given a part, it has too many.
    let whole = small().to_compact();
    assert!(Pack::from_compact_parts(&whole, Some(&split.english), None).is_err());
    assert!(Pack::from_compact_parts(&whole, None, Some(&split.later)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damaged parts give an error or a pack whose references resolve, never a panic.
    #[test]
    fn damaged_parts_never_panic(
        edits in prop::collection::vec((any::<bool>(), any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let SplitPack { first, mut english, mut later } = small().to_compact_split();
        for (in_later, index, value) in edits {
            let part = if in_later { &mut later } else { &mut english };
            let at = index.index(part.len());
            part[at] = value;
        }
        if let Ok(pack) = Pack::from_compact_parts(&first, Some(&english), Some(&later)) {
            assert_references_resolve(&pack);
            let _ = report::markdown(&assess(&pack, &Answers::default()), Lang::En);
        }
    }
}
