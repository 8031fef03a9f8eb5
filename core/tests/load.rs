//! Loading content packs: exact errors and warnings, each with its JSON path.

// The edits below reach into a fixture this file controls; a missing node is a broken test, not input.
#![allow(clippy::unwrap_used)]

use parcours_core::{MAX_CRITERIA, MAX_PACK_BYTES, Pack};
use serde_json::{Value, json};

const SMALL: &str = include_str!("fixtures/small.json");

fn small() -> Value {
    serde_json::from_str(SMALL).expect("the small fixture is valid JSON")
}

/// Applies `edit` to the small fixture pack and checks the load's errors, or its warnings if it loads.
#[track_caller]
fn check(edit: impl FnOnce(&mut Value), expected: &[&str]) {
    let mut pack = small();
    edit(&mut pack);
    check_json(
        &serde_json::to_string_pretty(&pack).expect("serialisable"),
        expected,
    );
}

#[track_caller]
fn check_json(json: &str, expected: &[&str]) {
    let shown = |result: Result<
        (Pack, Vec<parcours_core::Diagnostic>),
        parcours_core::LoadError,
    >|
     -> Vec<String> {
        match result {
            Ok((_, warnings)) => warnings.iter().map(|w| format!("warning: {w}")).collect(),
            Err(error) => error
                .errors()
                .iter()
                .map(|e| format!("error: {e}"))
                .collect(),
        }
    };
    let actual = shown(Pack::load(json));
    assert_eq!(actual, expected);
    // A document another parser has read gets the same verdict, paths included (the widget parses
    // with the browser's JSON.parse); syntax and size errors belong to the parser, so they are skipped.
    if json.len() <= MAX_PACK_BYTES
        && serde_json::from_str::<serde_json::Map<String, Value>>(json).is_ok()
    {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        assert_eq!(
            shown(Pack::from_deserializer(&mut deserializer)),
            expected,
            "from_deserializer"
        );
    }
}

fn at<'v>(value: &'v mut Value, pointer: &str) -> &'v mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture"))
}

#[test]
fn small_pack_loads_cleanly() {
    check(|_| {}, &[]);
}

#[test]
fn syntax_errors_carry_the_position() {
    check_json(
        "{",
        &["error: invalid json at line 1 column 1: EOF while parsing an object"],
    );
    check_json("", &["error: a content pack must be a json object"]);
    check_json(
        "{\"format\": 1,}",
        &["error: invalid json at line 1 column 14: trailing comma"],
    );
    check_json("[1, 2]", &["error: a content pack must be a json object"]);
    check_json(
        "  \"pack\"",
        &["error: a content pack must be a json object"],
    );
}

#[test]
fn shape_errors_carry_the_json_path() {
    check(
        |p| {
            drop(
                at(p, "/stages/3/gate/criteria/1")
                    .as_object_mut()
                    .unwrap()
                    .insert("weight".into(), json!(2)),
            )
        },
        &[
            "error: stages[3].gate.criteria[1]: unknown field \"weight\", expected one of \"id\", \"question\", \"why\", \"required\", \"allow_na\", \"persona\", \"follow_up\", \"url\", \"sources\", \"replaces\", \"since\"",
        ],
    );
    check(
        |p| drop(at(p, "/personas/1").as_object_mut().unwrap().remove("name")),
        &["error: personas[1]: missing field \"name\""],
    );
    check(
        |p| *at(p, "/stages/2/number") = json!("3"),
        &["error: stages[2].number: invalid type: string \"3\", expected u32"],
    );
    check(
        |p| *at(p, "/resources/0/language") = json!(2),
        &["error: resources[0].language: invalid type: integer 2, expected a string"],
    );
    check(
        |p| *at(p, "/resources/0/kind") = json!("podcast"),
        &[
            "error: resources[0].kind: unknown variant \"podcast\", expected one of \"documentation\", \"tutorial\", \"training\", \"video\", \"article\", \"guide\", \"form\", \"contact\", \"repository\", \"regulation\", \"presentation\", \"tool\"",
        ],
    );
    check(
        |p| *at(p, "/stages/0/title") = json!({"fr": "Étape", "en": "Step", "de": "Schritt"}),
        &["error: stages[0].title: unknown field \"de\", expected \"fr\" or \"en\""],
    );
    check(
        |p| *at(p, "/stages/0/gate/criteria/0/required") = json!("yes"),
        &[
            "error: stages[0].gate.criteria[0].required: invalid type: string \"yes\", expected a boolean",
        ],
    );
}

#[test]
fn format_and_metadata() {
    check(
        |p| p["format"] = json!(2),
        &["error: format: unsupported content pack format 2 (this version reads format 1)"],
    );
    check(
        |p| p["version"] = json!("1.0"),
        &["error: version: invalid version \"1.0\"; use MAJOR.MINOR.PATCH, e.g. \"1.0.0\""],
    );
    check(
        |p| p["date"] = json!("24/11/2026"),
        &["error: date: invalid date \"24/11/2026\"; use YYYY-MM-DD"],
    );
    check(
        |p| p["date"] = json!("2026-13-01"),
        &["error: date: invalid date \"2026-13-01\"; use YYYY-MM-DD"],
    );
    check(
        |p| p["id"] = json!("Small Pack"),
        &[
            "error: id: invalid id \"Small Pack\": 'S' is not allowed (use lowercase letters, digits and hyphens)",
        ],
    );
}

#[test]
fn a_pack_holds_at_most_a_thousand_criteria_and_replaced_ids() {
    // The first step's first criterion, copied under new ids until the pack holds 1,001.
    check(
        |p| {
            let count: usize = (0..5)
                .map(|s| {
                    at(p, &format!("/stages/{s}/gate/criteria"))
                        .as_array()
                        .map_or(0, Vec::len)
                })
                .sum();
            let template = at(p, "/stages/0/gate/criteria/0").clone();
            let criteria = at(p, "/stages/0/gate/criteria")
                .as_array_mut()
                .expect("criteria");
            for n in count..=MAX_CRITERIA {
                let mut criterion = template.clone();
                criterion["id"] = json!(format!("copy-{n}"));
                criteria.push(criterion);
            }
        },
        &["error: stages: a pack has at most 1000 criteria, found 1001"],
    );
    // One criterion that replaces 1,001 retired ids.
    check(
        |p| {
            let retired: Vec<String> = (0..=MAX_CRITERIA).map(|n| format!("gone-{n}")).collect();
            at(p, "/stages/0/gate/criteria/0")["replaces"] = json!(retired);
        },
        &["error: stages: a pack's criteria replace at most 1000 ids in all, found 1001"],
    );
}

#[test]
fn duplicate_ids() {
    check(
        |p| *at(p, "/stages/3/gate/criteria/1/id") = json!("s4-probes"),
        &["error: stages[3].gate.criteria[1].id: duplicate id \"s4-probes\""],
    );
    check(
        |p| *at(p, "/stages/4/gate/criteria/0/id") = json!("s1-scope"),
        &["error: stages[4].gate.criteria[0].id: duplicate id \"s1-scope\""],
    );
    check(
        |p| {
            at(p, "/personas")
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "moe", "name": {"fr": "Bis", "en": "Bis"}}))
        },
        &["error: personas[3].id: duplicate id \"moe\""],
    );
    check(
        |p| *at(p, "/resources/1/id") = json!("r-all"),
        &["error: resources[1].id: duplicate id \"r-all\""],
    );
    check(
        |p| *at(p, "/profile/questions/1/options/1/id") = json!("cloud-pi"),
        &[
            "error: profile.questions[1].options[1].id: duplicate id \"cloud-pi\"",
            "error: profile.cases[1].when.objective[0]: unknown option \"other-infra\" of question \"objective\"",
        ],
    );
}

#[test]
fn dangling_references() {
    check(
        |p| *at(p, "/stages/2/gate/criteria/0/persona") = json!("devops"),
        &["error: stages[2].gate.criteria[0].persona: unknown persona \"devops\""],
    );
    check(
        |p| *at(p, "/stages/1/support/phase") = json!("audit"),
        &["error: stages[1].support.phase: unknown phase \"audit\""],
    );
    check(
        |p| *at(p, "/stages/0/support/contacts/0") = json!("hotline"),
        &["error: stages[0].support.contacts[0]: unknown contact \"hotline\""],
    );
    check(
        |p| *at(p, "/resources/1/personas/0") = json!("architect"),
        &["error: resources[1].personas[0]: unknown persona \"architect\""],
    );
    check(
        |p| *at(p, "/resources/1/stages/0") = json!(6),
        &["error: resources[1].stages[0]: unknown stage 6"],
    );
    check(
        |p| *at(p, "/resources/1/stages") = json!([]),
        &["error: resources[1].stages: list at least one stage"],
    );
    check(
        |p| *at(p, "/resources/1/personas") = json!([]),
        &[
            "error: resources[1].personas: list at least one persona, or leave the field out to serve every persona",
        ],
    );
    check(
        |p| *at(p, "/stages/0/sources/0") = json!("blog"),
        &["error: stages[0].sources[0]: unknown source \"blog\""],
    );
    check(
        |p| *at(p, "/profile/cases/0/when/objective/0") = json!("moon"),
        &[
            "error: profile.cases[0].when.objective[0]: unknown option \"moon\" of question \"objective\"",
        ],
    );
    check(
        |p| {
            drop(
                at(p, "/profile/cases/0/when")
                    .as_object_mut()
                    .unwrap()
                    .insert("budget".into(), json!(["yes"])),
            )
        },
        &["error: profile.cases[0].when.budget: unknown profile question \"budget\""],
    );
    check(
        |p| {
            drop(
                at(p, "/stages/0/persona_focus")
                    .as_object_mut()
                    .unwrap()
                    .insert("architect".into(), json!({"fr": "x", "en": "x"})),
            )
        },
        &["error: stages[0].persona_focus.architect: unknown persona \"architect\""],
    );
}

#[test]
fn texts() {
    check(
        |p| *at(p, "/stages/0/title") = json!({"en": "Step 1"}),
        &["error: stages[0].title: missing french text"],
    );
    check(
        |p| *at(p, "/stages/0/title") = json!({"fr": "  ", "en": "Step 1"}),
        &["error: stages[0].title.fr: empty text"],
    );
    check(
        |p| *at(p, "/personas/0/name") = json!({"fr": "Décision"}),
        &[
            "warning: personas[0].name.en: missing english translation; the french text is shown instead",
        ],
    );
    check(
        |p| {
            *at(p, "/resources/0/title") =
                json!({"fr": "<script>alert(1)</script>", "en": "Tom &amp; Jerry"})
        },
        &[
            "warning: resources[0].title.fr: text looks like html markup (\"<script\"); it is shown as plain text",
            "warning: resources[0].title.en: text looks like html markup (\"&amp;\"); it is shown as plain text",
        ],
    );
    check(
        |p| *at(p, "/resources/0/title") = json!({"fr": "a < b et 3<4", "en": "a < b"}),
        &[],
    );
}

#[test]
fn links() {
    check(
        |p| *at(p, "/resources/0/url") = json!("javascript:alert(1)"),
        &[
            "error: resources[0].url: link \"javascript:alert(1)\" uses the scheme \"javascript:\"; only https:, http:, mailto: and relative links are allowed",
        ],
    );
    check(
        |p| *at(p, "/contacts/0/url") = json!("data:text/html,<b>x</b>"),
        &[
            "error: contacts[0].url: link \"data:text/html,<b>x</b>\" uses the scheme \"data:\"; only https:, http:, mailto: and relative links are allowed",
        ],
    );
    check(
        |p| *at(p, "/stages/3/gate/criteria/1/url") = json!("http://example.org/cdn"),
        &[
            "warning: stages[3].gate.criteria[1].url: insecure link \"http://example.org/cdn\"; prefer https",
        ],
    );
    check(
        |p| *at(p, "/resources/0/url") = json!("../docs/guide.html"),
        &[],
    );
}

#[test]
fn stage_numbering() {
    check(
        |p| *at(p, "/stages/2/number") = json!(4),
        &["error: stages[2].number: expected stage 3, found 4"],
    );
    check(
        |p| {
            let stages = at(p, "/stages").as_array_mut().unwrap();
            stages.swap(0, 1);
        },
        &[
            "error: stages[0].number: expected stage 1, found 2",
            "error: stages[1].number: expected stage 2, found 1",
        ],
    );
    check(
        |p| p["stages"] = json!([]),
        &[
            "error: stages: a pack needs at least one stage",
            "error: resources[0].stages[0]: unknown stage 1",
            "error: resources[0].stages[1]: unknown stage 2",
            "error: resources[0].stages[2]: unknown stage 3",
            "error: resources[0].stages[3]: unknown stage 4",
            "error: resources[0].stages[4]: unknown stage 5",
            "error: resources[1].stages[0]: unknown stage 3",
            "error: resources[2].stages[0]: unknown stage 3",
        ],
    );
}

#[test]
fn recoverable_problems_are_warnings() {
    check(
        |p| {
            drop(
                at(p, "/stages/1/persona_focus")
                    .as_object_mut()
                    .unwrap()
                    .remove("moe"),
            )
        },
        &["warning: stages[1].persona_focus: no focus for persona \"moe\""],
    );
    check(
        |p| {
            for criterion in at(p, "/stages/1/gate/criteria").as_array_mut().unwrap() {
                criterion["required"] = json!(false);
            }
        },
        &["warning: stages[1].gate: no required criterion, so every team passes this gate"],
    );
    check(
        |p| {
            at(p, "/contacts").as_array_mut().unwrap().push(json!({
                "id": "spare", "name": {"fr": "Réserve", "en": "Spare"}, "url": "mailto:spare@example.org", "status": "legacy"
            }));
        },
        &["warning: contacts[2]: contact \"spare\" is never referenced"],
    );
    check(
        |p| {
            p["resources"][0]["personas"] = json!(["decision", "moe"]);
            *at(p, "/resources/1/personas") = json!(["decision"]);
        },
        &[
            "warning: stages[0]: no resource for persona \"tech\"",
            "warning: stages[1]: no resource for persona \"tech\"",
            "warning: stages[3]: no resource for persona \"tech\"",
            "warning: stages[4]: no resource for persona \"tech\"",
        ],
    );
}

#[test]
fn every_error_is_reported_at_once() {
    check(
        |p| {
            *at(p, "/stages/0/gate/criteria/1/id") = json!("s1-scope");
            *at(p, "/stages/2/gate/criteria/0/persona") = json!("nobody");
            *at(p, "/resources/0/url") = json!("ftp://example.org");
        },
        &[
            "error: stages[0].gate.criteria[1].id: duplicate id \"s1-scope\"",
            "error: stages[2].gate.criteria[0].persona: unknown persona \"nobody\"",
            "error: resources[0].url: link \"ftp://example.org\" uses the scheme \"ftp:\"; only https:, http:, mailto: and relative links are allowed",
        ],
    );
}

#[test]
fn oversized_packs_are_refused_before_parsing() {
    let huge = format!("{{\"padding\": \"{}\"}}", "x".repeat(MAX_PACK_BYTES));
    check_json(
        &huge,
        &[&format!(
            "error: content pack is {} bytes, more than the 1048576-byte limit",
            huge.len()
        )],
    );
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let deep = format!(
        "{{\"title\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check_json(
        &deep,
        &["error: title[0]: invalid type: sequence, expected a string"],
    );
    let deep = format!(
        "{{\"title\": {}{}}}",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    check_json(
        &deep,
        &["error: title: unknown field \"a\", expected \"fr\" or \"en\""],
    );
}

#[test]
fn glossary_entries_are_checked_and_unused_terms_are_warned() {
    let entry = |id: &str, term: &str, forms: Value| {
        json!({
            "id": id, "term": {"fr": term, "en": term}, "forms": forms,
            "definition": {"fr": "Une définition.", "en": "A definition."}
        })
    };
    check(
        |p| {
            at(p, "/glossary")
                .as_array_mut()
                .unwrap()
                .push(entry("zorglub", "Zorglub", json!([])))
        },
        &[
            "warning: glossary[1]: term \"Zorglub\" is used by no text of the pack; use it or remove it",
        ],
    );
    // Another spelling of a used term makes it used: "Périmètre" opens a question of the fixture.
    check(
        |p| {
            at(p, "/glossary").as_array_mut().unwrap().push(entry(
                "zorglub",
                "Zorglub",
                json!(["identifié"]),
            ));
        },
        &[],
    );
    check(
        |p| *at(p, "/glossary/0/definition/fr") = json!("  "),
        &["error: glossary[0].definition.fr: empty text"],
    );
    check(
        |p| {
            drop(
                at(p, "/glossary/0")
                    .as_object_mut()
                    .unwrap()
                    .remove("definition"),
            )
        },
        &["error: glossary[0]: missing field \"definition\""],
    );
    check(
        |p| {
            at(p, "/glossary").as_array_mut().unwrap().push(entry(
                "autre",
                "Autre",
                json!(["scope"]),
            ))
        },
        &["error: glossary[1].term: \"scope\" is already a spelling of glossary[0]"],
    );
    check(
        |p| p["glossary"][0]["forms"] = json!(["", " perimetre"]),
        &[
            "error: glossary[0].forms[0]: empty form",
            "error: glossary[0].forms[1]: a form has no surrounding blanks and no control characters",
        ],
    );
    check(
        |p| {
            at(p, "/glossary").as_array_mut().unwrap().push(entry(
                "perimetre",
                "Zorglub",
                json!(["périmètre"]),
            ));
            *at(p, "/glossary/0/sources") = json!(["nowhere"]);
            *at(p, "/glossary/0/url") = json!("javascript:alert(1)");
        },
        &[
            "error: glossary[0].url: link \"javascript:alert(1)\" uses the scheme \"javascript:\"; only https:, http:, mailto: and relative links are allowed",
            "error: glossary[0].sources[0]: unknown source \"nowhere\"",
            "error: glossary[1].id: duplicate id \"perimetre\"",
            "error: glossary[1].term: \"périmètre\" is already a spelling of glossary[0]",
        ],
    );
}

#[test]
fn a_text_uses_the_terms_it_holds_as_whole_words() {
    let (pack, _) = Pack::load(SMALL).unwrap();
    let ids = |texts: &[&str]| -> Vec<String> {
        pack.terms_in(texts)
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    };
    assert_eq!(ids(&["Le périmètre est clair."]), ["perimetre"]);
    assert_eq!(ids(&["The scope is clear."]), ["perimetre"]);
    assert_eq!(ids(&["Les périmètres, les scopes."]), Vec::<String>::new());
    assert_eq!(pack.terms_used().len(), 1);
}
