//! Answer codes: exact round trips, lenient decoding of codes from other pack versions, and property
//! tests that no input makes the decoder or the engine panic.

use expect_test::{Expect, expect};
use parcours_core::{Answer, Answers, Id, Lang, MAX_CODE_LEN, Pack, assess, report};
use proptest::prelude::*;

const SMALL: &str = include_str!("fixtures/small.json");

fn pack() -> Pack {
    Pack::load(SMALL).expect("the small fixture loads").0
}

/// Decodes `code` and shows the kept answers (re-encoded) and every note, or the error.
#[track_caller]
fn check_against(pack: &Pack, code: &str, expect: Expect) {
    let actual = match Answers::decode(code, pack) {
        Ok(decoded) => {
            let mut out = format!("kept: {}", decoded.answers.encode(pack));
            for note in &decoded.notes {
                out.push_str(&format!("\nnote: {}", note.message(Lang::En)));
            }
            if decoded.omitted_notes > 0 {
                out.push_str(&format!("\n… and {} more notes", decoded.omitted_notes));
            }
            out
        }
        Err(error) => format!("error: {error}\nfr: {}", error.message(Lang::Fr)),
    };
    expect.assert_eq(&actual);
}

#[track_caller]
fn check(code: &str, expect: Expect) {
    check_against(&pack(), code, expect);
}

#[test]
fn a_clean_code_round_trips() {
    check(
        "v1;k=small@1.0.0;p=moe;o=objective:cloud-pi,organisation:ministry;y=s1-scope,s1-sponsor;n=s3-rootless;d=s2-plan;x=s4-cdn",
        expect![[
            r#"kept: v1;k=small@1.0.0;p=moe;o=objective:cloud-pi,organisation:ministry;y=s1-scope,s1-sponsor;n=s3-rootless;d=s2-plan;x=s4-cdn"#
        ]],
    );
    check("v1", expect![[r#"kept: v1;k=small@1.0.0"#]]);
    check(
        "  #v1;p=tech;;  ",
        expect![[r#"kept: v1;k=small@1.0.0;p=tech"#]],
    );
}

#[test]
fn fields_may_come_in_any_order() {
    check(
        "v1;y=s1-scope;p=tech;y=s1-sponsor",
        expect![[r#"kept: v1;k=small@1.0.0;p=tech;y=s1-scope,s1-sponsor"#]],
    );
}

#[test]
fn percent_encoded_codes_are_read() {
    check(
        "v1%3Bp%3Dtech%3By%3Ds1-scope",
        expect![[r#"kept: v1;k=small@1.0.0;p=tech;y=s1-scope"#]],
    );
}

#[test]
fn a_signed_escape_is_not_a_percent_escape() {
    // `%+5` once decoded to byte 0x05; an escape is exactly two hex digits.
    check(
        "v1;y=s1-%+5,s1-scope",
        expect![[r#"
            kept: v1;k=small@1.0.0;y=s1-scope
            note: The answer to criterion "s1-%+5" was not kept: that criterion no longer exists."#]],
    );
}

#[test]
fn what_cannot_be_kept_is_reported() {
    check(
        "v1;k=small@0.9.0;p=architect;o=organisation:ministry,budget:yes,objective:moon;y=s1-scope,s1-gone;x=s1-sponsor;n=s1-scope;z=1;oops",
        expect![[r#"
            kept: v1;k=small@1.0.0;o=organisation:ministry;y=s1-scope
            note: These answers were recorded with version 0.9.0 of the content.
            note: The role "architect" no longer exists; please choose your role again.
            note: The answer to profile question "budget" was not kept.
            note: The answer "moon" to profile question "objective" no longer exists.
            note: The answer to criterion "s1-gone" was not kept: that criterion no longer exists.
            note: The "not applicable" answer to criterion "s1-sponsor" was not kept: it is not allowed for that criterion.
            note: Criterion "s1-scope" had two answers; the first one is kept.
            note: Part of the code ("z") comes from a newer version and was ignored.
            note: Part of the code could not be read and was ignored: "oops"."#]],
    );
}

#[test]
fn a_truncated_code_keeps_what_is_complete() {
    let full = "v1;k=small@1.0.0;p=tech;y=s1-scope,s1-sponsor,s2-plan;n=s3-rootless";
    check(
        &full[..full.len() - 5],
        expect![[r#"
        kept: v1;k=small@1.0.0;p=tech;y=s1-scope,s1-sponsor,s2-plan
        note: The answer to criterion "s3-roo" was not kept: that criterion no longer exists."#]],
    );
    check(
        &full[..40],
        expect![[r#"
        kept: v1;k=small@1.0.0;p=tech;y=s1-scope
        note: The answer to criterion "s1-sp" was not kept: that criterion no longer exists."#]],
    );
}

#[test]
fn codes_from_another_pack_keep_matching_ids() {
    check(
        "v1;k=other-pack@3.1.4;p=tech;y=s1-scope",
        expect![[r#"
        kept: v1;k=small@1.0.0;p=tech;y=s1-scope
        note: These answers come from other content ("other-pack"); only those that match were kept."#]],
    );
}

#[test]
fn unreadable_codes_are_refused_with_a_reason() {
    check(
        "",
        expect![[r#"
        error: empty answer code
        fr: Le code de réponses est vide."#]],
    );
    check(
        "p=tech;y=s1-scope",
        expect![[r#"
        error: answer code does not start with a version such as "v1"
        fr: Ce code de réponses n'est pas reconnu : il doit commencer par une version, comme « v1 »."#]],
    );
    check(
        "v0;p=tech",
        expect![[r#"
        error: answer code does not start with a version such as "v1"
        fr: Ce code de réponses n'est pas reconnu : il doit commencer par une version, comme « v1 »."#]],
    );
    check(
        "v99999999999;p=tech",
        expect![[r#"
        error: answer code does not start with a version such as "v1"
        fr: Ce code de réponses n'est pas reconnu : il doit commencer par une version, comme « v1 »."#]],
    );
    check(
        "v2;p=tech",
        expect![[r#"
        error: answer code version 2 is newer than the supported version 1
        fr: Ce code de réponses (version 2) vient d'une version plus récente du parcours, qui ne sait lire que la version 1."#]],
    );
    check(
        &format!("v1;y={}", "a,".repeat(MAX_CODE_LEN)),
        expect![[r#"
        error: answer code is 32773 bytes, more than the 16384-byte limit
        fr: Le code de réponses est trop long (32773 octets, 16384 au plus)."#]],
    );
}

#[test]
fn hostile_codes_give_bounded_notes() {
    let code = format!(
        "v1;y={}",
        (0..2000)
            .map(|i| format!("x{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let decoded = Answers::decode(&code, &pack()).expect("still a v1 code");
    assert_eq!(decoded.notes.len(), 50);
    assert_eq!(decoded.omitted_notes, 1950);
    let long_id = format!("v1;y={}", "a".repeat(10_000));
    let decoded = Answers::decode(&long_id, &pack()).expect("still a v1 code");
    assert_eq!(decoded.notes[0].message(Lang::En).chars().count(), 138);
}

/// A second version of the small pack: one criterion retired, one added, one persona renamed, N/A
/// no longer allowed on encryption.
fn newer_pack() -> Pack {
    let json = SMALL
        .replace("\"s3-hello\"", "\"s3-hello-world\"")
        .replace("\"id\": \"moe\"", "\"id\": \"steering\"")
        .replace("\"moe\":", "\"steering\":")
        .replace("\"persona\": \"moe\"", "\"persona\": \"steering\"")
        .replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    value["stages"][1]["gate"]["criteria"][1]["allow_na"] = serde_json::json!(false);
    Pack::load(&value.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn answers_from_an_older_pack_load_into_a_newer_one() {
    let old = pack();
    let mut answers = Answers {
        persona: Some(Id::new("moe").expect("id")),
        ..Answers::default()
    };
    for (id, answer) in [
        ("s1-scope", Answer::Yes),
        ("s2-encryption", Answer::NotApplicable),
        ("s3-hello", Answer::Yes),
    ] {
        answers.criteria.insert(Id::new(id).expect("id"), answer);
    }
    let code = answers.encode(&old);
    check_against(
        &newer_pack(),
        &code,
        expect![[r#"
        kept: v1;k=small@1.1.0;y=s1-scope
        note: These answers were recorded with version 1.0.0 of the content.
        note: The role "moe" no longer exists; please choose your role again.
        note: The answer to criterion "s3-hello" was not kept: that criterion no longer exists.
        note: The "not applicable" answer to criterion "s2-encryption" was not kept: it is not allowed for that criterion."#]],
    );
}

fn arbitrary_answers(pack: &Pack) -> impl Strategy<Value = Answers> {
    let criteria: Vec<Id> = pack.criteria().map(|(_, c)| c.id.clone()).collect();
    let allow_na: Vec<bool> = pack.criteria().map(|(_, c)| c.allow_na).collect();
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
    let n = criteria.len();
    (
        proptest::option::of(0..personas.len()),
        proptest::collection::vec(proptest::option::of(0..4usize), n),
        proptest::collection::vec(proptest::option::of(0..4usize), questions.len()),
    )
        .prop_map(move |(persona, answers, profile)| {
            let mut out = Answers {
                persona: persona.map(|i| personas[i].clone()),
                ..Answers::default()
            };
            for (i, answer) in answers.into_iter().enumerate() {
                if let Some(a) = answer {
                    let answer = Answer::ALL[a];
                    if answer != Answer::NotApplicable || allow_na[i] {
                        out.criteria.insert(criteria[i].clone(), answer);
                    }
                }
            }
            for (i, option) in profile.into_iter().enumerate() {
                if let Some(o) = option {
                    let (question, options) = &questions[i];
                    out.profile
                        .insert(question.clone(), options[o % options.len()].clone());
                }
            }
            out
        })
}

proptest! {
    #[test]
    fn encoding_round_trips(answers in arbitrary_answers(&pack())) {
        let pack = pack();
        let code = answers.encode(&pack);
        let decoded = Answers::decode(&code, &pack).expect("own codes decode");
        prop_assert_eq!(&decoded.answers, &answers);
        prop_assert!(decoded.notes.is_empty());
        prop_assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b";=:,@.-".contains(&b)), "not URL-safe: {}", code);
    }

    #[test]
    fn decoding_never_panics(code in ".{0,300}") {
        let pack = pack();
        if let Ok(decoded) = Answers::decode(&code, &pack) {
            let assessment = assess(&pack, &decoded.answers);
            let _ = report::markdown(&assessment, Lang::En);
        }
    }

    #[test]
    fn decoding_code_shaped_noise_never_panics(code in "v1(;[kpoyndx]=[a-z0-9:,@.%-]{0,40}){0,12}") {
        let pack = pack();
        let decoded = Answers::decode(&code, &pack).expect("version 1 codes are always read");
        let assessment = assess(&pack, &decoded.answers);
        prop_assert!(usize::from(assessment.stage.number) <= pack.stages().len());
    }
}

/// The small fixture with "s1-sponsor" split in two: its main question keeps nothing of the old id,
/// both halves list it in `replaces`.
fn split_pack() -> Pack {
    let mut value: serde_json::Value = serde_json::from_str(SMALL).expect("the fixture is JSON");
    let criteria = value["stages"][0]["gate"]["criteria"]
        .as_array_mut()
        .expect("criteria");
    let sponsor = criteria
        .iter()
        .position(|c| c["id"] == "s1-sponsor")
        .expect("the fixture has s1-sponsor");
    let mut named = criteria[sponsor].clone();
    named["id"] = serde_json::json!("s1-sponsor-named");
    named["replaces"] = serde_json::json!(["s1-sponsor"]);
    let mut budget = named.clone();
    budget["id"] = serde_json::json!("s1-sponsor-budget");
    budget["allow_na"] = serde_json::json!(true);
    criteria.splice(sponsor..=sponsor, [named, budget]);
    Pack::load(&value.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn answers_to_a_split_criterion_carry_over_except_no() {
    let pack = split_pack();
    check_against(
        &pack,
        "v1;k=small@1.0.0;y=s1-scope,s1-sponsor",
        expect![[r#"
            kept: v1;k=small@1.0.0;y=s1-scope,s1-sponsor-budget,s1-sponsor-named
            note: Your answer to criterion "s1-sponsor", which has been replaced, now stands for "s1-sponsor-named", "s1-sponsor-budget"."#]],
    );
    check_against(
        &pack,
        "v1;n=s1-sponsor",
        expect![[r#"
            kept: v1;k=small@1.0.0
            note: Your "no" to criterion "s1-sponsor" was not kept: that question is now asked as several ("s1-sponsor-named", "s1-sponsor-budget"); please answer them again."#]],
    );
    // A direct answer wins over a carried one, wherever it stands in the code; N/A carries only
    // where the new criterion allows it.
    check_against(
        &pack,
        "v1;y=s1-sponsor-budget;x=s1-sponsor",
        expect![[r#"
            kept: v1;k=small@1.0.0;y=s1-sponsor-budget
            note: The "not applicable" answer to criterion "s1-sponsor-named" was not kept: it is not allowed for that criterion.
            note: Your answer to criterion "s1-sponsor", which has been replaced, now stands for "s1-sponsor-named", "s1-sponsor-budget"."#]],
    );
    check_against(
        &pack,
        "v1;d=s1-sponsor",
        expect![[r#"
            kept: v1;k=small@1.0.0;d=s1-sponsor-budget,s1-sponsor-named
            note: Your answer to criterion "s1-sponsor", which has been replaced, now stands for "s1-sponsor-named", "s1-sponsor-budget"."#]],
    );
}

#[test]
fn only_a_former_id_can_be_replaced() {
    let mut value: serde_json::Value = serde_json::from_str(SMALL).expect("the fixture is JSON");
    value["stages"][0]["gate"]["criteria"][0]["replaces"] =
        serde_json::json!(["s1-sponsor", "s0-old", "s0-old", "Not An Id"]);
    let error = Pack::load(&value.to_string()).expect_err("invalid replaces");
    expect![[r#"
        stages[0].gate.criteria[0].replaces[3]: invalid id "Not An Id": 'N' is not allowed (use lowercase letters, digits and hyphens)
        stages[0].gate.criteria[0].replaces[0]: "s1-sponsor" is still a criterion of this pack: name the version that split it off in `since`, or replace only former ids
        stages[0].gate.criteria[0].replaces[2]: "s0-old" is listed twice"#]]
    .assert_eq(&error.to_string());
}

/// The small fixture, as version 1.1.0, where "s1-scope-owner" was split off "s1-scope".
fn pack_with_a_split() -> Pack {
    let mut value: serde_json::Value = serde_json::from_str(SMALL).expect("the fixture is JSON");
    value["version"] = serde_json::json!("1.1.0");
    let criteria = value["stages"][0]["gate"]["criteria"]
        .as_array_mut()
        .expect("criteria");
    let mut owner = criteria[0].clone();
    owner["id"] = serde_json::json!("s1-scope-owner");
    owner["since"] = serde_json::json!("1.1.0");
    owner["replaces"] = serde_json::json!(["s1-scope"]);
    criteria.insert(1, owner);
    Pack::load(&value.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn a_split_half_takes_the_answer_recorded_before_the_split_only() {
    let pack = pack_with_a_split();
    check_against(
        &pack,
        "v1;k=small@1.0.0;y=s1-scope",
        expect![[r#"
            kept: v1;k=small@1.1.0;y=s1-scope,s1-scope-owner
            note: These answers were recorded with version 1.0.0 of the content.
            note: Criterion "s1-scope" has been split since you answered it: your answer now also stands for "s1-scope-owner"."#]],
    );
    check_against(
        &pack,
        "v1;k=small@1.0.0;n=s1-scope",
        expect![[r#"
            kept: v1;k=small@1.1.0;n=s1-scope
            note: These answers were recorded with version 1.0.0 of the content.
            note: Criterion "s1-scope" has been split since your "no": please answer the new questions "s1-scope-owner"."#]],
    );
    // Recorded with the version that has both questions, or with no version: nothing carries.
    check_against(
        &pack,
        "v1;k=small@1.1.0;y=s1-scope",
        expect![[r#"kept: v1;k=small@1.1.0;y=s1-scope"#]],
    );
    check_against(
        &pack,
        "v1;y=s1-scope",
        expect![[r#"kept: v1;k=small@1.1.0;y=s1-scope"#]],
    );
}
