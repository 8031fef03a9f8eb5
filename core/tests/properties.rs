//! Properties of the engine that hold for every set of answers, on the small fixture and the default
//! pack, and the edge cases a property cannot reach: a one-step pack, "not applicable" where it is not
//! allowed, overlapping eligibility cases, answers to questions a pack does not have.

use parcours_core::{
    Answer, Answers, Assessment, Id, Lang, Offer, Pack, StageStatus, assess, default_pack, report,
};
use proptest::prelude::*;
use serde_json::{Value, json};

const SMALL: &str = include_str!("fixtures/small.json");

fn small() -> Pack {
    Pack::load(SMALL).expect("the small fixture loads").0
}

fn small_json() -> Value {
    serde_json::from_str(SMALL).expect("the small fixture is JSON")
}

fn load(value: &Value) -> Pack {
    let (pack, _warnings) = Pack::load(&value.to_string()).unwrap_or_else(|e| panic!("{e}"));
    pack
}

/// Answers drawn for `pack`: for each criterion one of no answer, yes, no, don't know or not
/// applicable (even where the pack does not allow it, as a hand-built `Answers` may), a persona or
/// none, and for each profile question one of its options or none.
fn answers_for(pack: &Pack) -> impl Strategy<Value = Answers> {
    let criteria: Vec<Id> = pack.criteria().map(|(_, c)| c.id.clone()).collect();
    let personas: Vec<Id> = pack.personas().iter().map(|p| p.id.clone()).collect();
    let questions: Vec<(Id, Vec<Id>)> = pack
        .profile()
        .questions
        .iter()
        .map(|q| {
            (
                q.id.clone(),
                q.options.iter().map(|o| o.id.clone()).collect(),
            )
        })
        .collect();
    let choices = prop::collection::vec(0..5u8, criteria.len());
    let persona = prop::option::of(prop::sample::select(personas));
    let profile = prop::collection::vec(any::<prop::sample::Index>(), questions.len());
    let profile_set = prop::collection::vec(any::<bool>(), questions.len());
    (choices, persona, profile, profile_set).prop_map(move |(choices, persona, picks, set)| {
        let mut answers = Answers {
            persona,
            ..Answers::default()
        };
        for (id, choice) in criteria.iter().zip(choices) {
            let answer = match choice {
                0 => continue,
                1 => Answer::Yes,
                2 => Answer::No,
                3 => Answer::DontKnow,
                _ => Answer::NotApplicable,
            };
            answers.criteria.insert(id.clone(), answer);
        }
        for (((question, options), pick), set) in questions.iter().zip(&picks).zip(&set) {
            if *set {
                answers
                    .profile
                    .insert(question.clone(), options[pick.index(options.len())].clone());
            }
        }
        answers
    })
}

/// The invariants of one assessment, whatever the answers.
fn check_invariants(assessment: &Assessment<'_>) {
    let progress = &assessment.progress;
    let first_not_met = progress.iter().position(|p| !p.gate_met());
    let current = first_not_met.unwrap_or(progress.len() - 1);
    // The current stage is the first whose gate is not met, or the last.
    assert_eq!(usize::from(assessment.stage.number), current + 1);
    assert_eq!(assessment.complete, first_not_met.is_none());
    for (index, stage) in progress.iter().enumerate() {
        let expected = match index.cmp(&current) {
            std::cmp::Ordering::Less => StageStatus::Passed,
            std::cmp::Ordering::Equal => StageStatus::Current,
            std::cmp::Ordering::Greater => {
                // No stage after the current one is passed.
                assert_ne!(stage.status, StageStatus::Passed);
                if stage.required > 0 && stage.gate_met() {
                    StageStatus::Ahead
                } else {
                    StageStatus::Upcoming
                }
            }
        };
        assert_eq!(stage.status, expected, "stage {}", stage.stage);
        assert!(stage.required_validated <= stage.required);
        assert!(stage.validated <= stage.applicable);
    }
    // The "don't know" answers counted per stage are the follow-ups, every one of them.
    assert_eq!(
        progress.iter().map(|p| p.unknown).sum::<usize>(),
        assessment.follow_ups.len()
    );
    // Nothing blocks exactly when the current gate is met, which only the last stage can be.
    assert_eq!(assessment.blocking.is_empty(), progress[current].gate_met());
    if assessment.complete {
        assert_eq!(assessment.next.map(|s| s.number), None);
    }
}

/// What a visitor sees, in both languages: two assessments that render the same are the same. The
/// report's last section, the answer code, is left out: it spells the answers, not their assessment
/// (an answer the pack cannot use is in one code and not in the other).
fn rendered(assessment: &Assessment<'_>) -> String {
    [Lang::Fr, Lang::En]
        .map(|lang| {
            let report = report::markdown(assessment, lang);
            match report.rsplit_once("\n## ") {
                Some((before_code, _)) => before_code.to_owned(),
                None => report,
            }
        })
        .concat()
}

fn check_properties(pack: &Pack, answers: &Answers) {
    let assessment = assess(pack, answers);
    check_invariants(&assessment);

    // Answering "yes" to any criterion never moves the team backwards.
    for (_, criterion) in pack.criteria() {
        let mut more = answers.clone();
        more.criteria.insert(criterion.id.clone(), Answer::Yes);
        let after = assess(pack, &more);
        assert!(
            after.stage.number >= assessment.stage.number,
            "yes to {} moved the team from {} to {}",
            criterion.id,
            assessment.stage.number,
            after.stage.number
        );
    }

    // Encoding then decoding leaves the assessment unchanged (what the code cannot carry, such as
    // "not applicable" where it is not allowed, never counted anyway).
    let decoded = Answers::decode(&answers.encode(pack), pack).expect("a fresh code reads back");
    assert_eq!(
        rendered(&assess(pack, &decoded.answers)),
        rendered(&assessment)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_engine_holds_its_invariants_on_the_small_pack(answers in answers_for(&small())) {
        check_properties(&small(), &answers);
    }

    #[test]
    fn the_engine_holds_its_invariants_on_the_default_pack(answers in answers_for(default_pack())) {
        check_properties(default_pack(), &answers);
    }
}

#[test]
fn a_one_step_pack_is_current_then_complete() {
    let mut value = small_json();
    let stages = value["stages"].as_array_mut().expect("stages");
    stages.truncate(1);
    for resource in value["resources"].as_array_mut().expect("resources") {
        resource["stages"] = json!([1]);
    }
    let pack = load(&value);
    let nothing = Answers::default();
    let blank = assess(&pack, &nothing);
    assert_eq!(blank.stage.number, 1);
    assert!(!blank.complete);
    assert_eq!(blank.progress[0].status, StageStatus::Current);
    assert!(blank.next.is_none());

    let mut answers = Answers::default();
    for (_, criterion) in pack.criteria() {
        answers.criteria.insert(criterion.id.clone(), Answer::Yes);
    }
    let done = assess(&pack, &answers);
    assert!(done.complete);
    assert_eq!(done.progress[0].status, StageStatus::Current);
    assert!(done.blocking.is_empty() && done.advice.is_empty());
    check_invariants(&done);
}

#[test]
fn not_applicable_where_it_is_not_allowed_validates_nothing() {
    let pack = small();
    let criterion = pack
        .criteria()
        .map(|(_, c)| c)
        .find(|c| c.required && !c.allow_na)
        .expect("a required criterion without N/A");
    let mut answers = Answers::default();
    // Built by hand: the decoder refuses this answer, a caller building `Answers` may not.
    answers
        .criteria
        .insert(criterion.id.clone(), Answer::NotApplicable);
    let assessment = assess(&pack, &answers);
    let stage = &assessment.progress[0];
    assert_eq!(stage.required_validated, 0, "N/A did not validate");
    assert_eq!(
        stage.applicable, 3,
        "and the criterion still counts as applicable"
    );
    assert!(
        assessment
            .blocking
            .iter()
            .any(|unmet| unmet.criterion.id == criterion.id)
    );
    check_invariants(&assessment);
}

#[test]
fn the_first_matching_case_wins_when_cases_overlap() {
    let mut value = small_json();
    // A case that also matches ministry + cloud-pi, placed before case-1, with no phase at all.
    let cases = value["profile"]["cases"].as_array_mut().expect("cases");
    let mut overlapping = cases[0].clone();
    overlapping["id"] = json!("case-0");
    overlapping["when"] = json!({"organisation": ["ministry"]});
    overlapping["phases"] = json!([]);
    cases.insert(0, overlapping);
    let pack = load(&value);
    let code = "v1;o=organisation:ministry,objective:cloud-pi";
    let answers = Answers::decode(code, &pack).expect("decodes").answers;
    let assessment = assess(&pack, &answers);
    assert_eq!(
        assessment.support.case.map(|case| case.id.as_str()),
        Some("case-0")
    );
    assert!(matches!(assessment.support.offer, Offer::NotPlanned));

    // In the fixture's own order, case-1 applies.
    let answers = Answers::decode(code, &small()).expect("decodes").answers;
    let small = small();
    assert_eq!(
        assess(&small, &answers)
            .support
            .case
            .map(|case| case.id.as_str()),
        Some("case-1")
    );
}

#[test]
fn answers_to_profile_questions_the_pack_lacks_are_ignored() {
    let pack = small();
    let mut answers = Answers::default();
    answers.profile.insert(
        Id::new("budget").expect("an id"),
        Id::new("large").expect("an id"),
    );
    // An unknown question does not complete the profile…
    let assessment = assess(&pack, &answers);
    assert!(matches!(assessment.support.offer, Offer::ProfileIncomplete));
    // …and beside a complete profile it changes nothing.
    let complete = "v1;o=organisation:ministry,objective:cloud-pi";
    let mut with_extra = Answers::decode(complete, &pack).expect("decodes").answers;
    let plain = with_extra.clone();
    with_extra.profile.insert(
        Id::new("budget").expect("an id"),
        Id::new("large").expect("an id"),
    );
    assert_eq!(
        rendered(&assess(&pack, &with_extra)),
        rendered(&assess(&pack, &plain))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The team merge keeps the same answers and the same disagreements whatever the order of its
    /// members, and a member merged with itself is unchanged.
    #[test]
    fn the_team_merge_is_commutative_and_idempotent(
        first in answers_for(&small()),
        second in answers_for(&small()),
    ) {
        use parcours_core::team::merge;
        let forward = merge(&[first.clone(), second.clone()]);
        let backward = merge(&[second.clone(), first.clone()]);
        prop_assert_eq!(&forward.answers, &backward.answers);
        let subjects = |merged: &parcours_core::team::Merged| {
            merged.conflicts.iter().map(|c| c.subject.clone()).collect::<Vec<_>>()
        };
        prop_assert_eq!(subjects(&forward), subjects(&backward));
        let alone = merge(&[first.clone(), first.clone()]);
        prop_assert_eq!(&alone.answers, &first);
        prop_assert!(alone.conflicts.is_empty());
        // A conflicting criterion is never validated in the team's result.
        for conflict in &forward.conflicts {
            if let parcours_core::team::Subject::Criterion(id) = &conflict.subject {
                prop_assert!(forward.answers.criterion(id.as_str()).is_none());
            }
        }
    }
}
