//! The JSON Schema of content packs agrees with the loader, and its published copy stays identical.

// Edits reach into fixtures this file controls; a missing node is a broken test, not input.
#![allow(clippy::unwrap_used)]

use std::{fs, path::Path};

use parcours_core::{DEFAULT_PACK_JSON, Pack};
use serde_json::{Value, json};

const SCHEMA: &str = include_str!("../src/content-pack.schema.json");
const SMALL: &str = include_str!("../../core/tests/fixtures/small.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is valid JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema())
        .unwrap_or_else(|error| panic!("the schema does not compile: {error}"))
}

fn small() -> Value {
    serde_json::from_str(SMALL).expect("the small fixture is valid JSON")
}

fn at<'v>(value: &'v mut Value, pointer: &str) -> &'v mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture"))
}

fn schema_errors(validator: &jsonschema::Validator, pack: &Value) -> Vec<String> {
    validator
        .iter_errors(pack)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn the_published_copy_is_identical() {
    let published = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/content-pack.schema.json");
    let published = fs::read_to_string(&published)
        .unwrap_or_else(|error| panic!("{}: {error}", published.display()));
    assert!(
        published == SCHEMA,
        "www/content-pack.schema.json differs from cli/src/content-pack.schema.json, which is the one to edit; \
         copy it over: cp cli/src/content-pack.schema.json www/content-pack.schema.json"
    );
}

#[test]
fn the_schema_follows_draft_2020_12() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(error) = jsonschema::meta::validate(&schema) {
        panic!("the schema breaks its meta-schema: {error}");
    }
}

#[test]
fn the_packs_that_load_validate() {
    let validator = validator();
    for (name, json) in [
        ("default pack", DEFAULT_PACK_JSON),
        ("small fixture", SMALL),
    ] {
        assert!(Pack::load(json).is_ok(), "the {name} loads");
        let pack: Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            schema_errors(&validator, &pack),
            Vec::<String>::new(),
            "the {name} against the schema"
        );
    }
}

/// Applies `edit` to the small fixture and checks that the loader and the schema agree on it.
#[track_caller]
fn check(
    validator: &jsonschema::Validator,
    what: &str,
    loads: bool,
    edit: impl FnOnce(&mut Value),
) {
    let mut pack = small();
    edit(&mut pack);
    let json = serde_json::to_string_pretty(&pack).unwrap();
    let loaded = Pack::load(&json);
    assert_eq!(
        loaded.is_ok(),
        loads,
        "{what}: the loader says {:?}",
        loaded.err().map(|e| e.to_string())
    );
    let errors = schema_errors(validator, &pack);
    assert_eq!(
        errors.is_empty(),
        loads,
        "{what}: the schema says {errors:?}"
    );
}

fn insert(value: &mut Value, pointer: &str, key: &str, field: Value) {
    at(value, pointer)
        .as_object_mut()
        .unwrap()
        .insert(key.to_owned(), field);
}

fn remove(value: &mut Value, pointer: &str, key: &str) {
    at(value, pointer).as_object_mut().unwrap().remove(key);
}

#[test]
fn what_the_loader_refuses_the_schema_refuses() {
    let v = validator();
    let refused = |what: &str, edit: &dyn Fn(&mut Value)| check(&v, what, false, edit);

    // Unknown fields, at several depths.
    refused("unknown top-level field", &|p| {
        insert(p, "", "theme", json!("dark"))
    });
    refused("unknown stage field", &|p| {
        insert(p, "/stages/0", "weight", json!(2))
    });
    refused("unknown criterion field", &|p| {
        insert(p, "/stages/3/gate/criteria/1", "weight", json!(2))
    });
    refused("unknown text language", &|p| {
        insert(p, "/stages/0/title", "de", json!("Schritt"))
    });
    refused("unknown resource field", &|p| {
        insert(p, "/resources/0", "duration", json!("1h"))
    });
    refused("unknown case phase field", &|p| {
        insert(p, "/profile/cases/0/phases/0", "until", json!("2027"))
    });
    refused("unknown option field", &|p| {
        insert(p, "/profile/questions/0/options/0", "default", json!(true))
    });
    refused("unknown maturity field", &|p| {
        insert(p, "/stages/1/maturity", "level", json!(2))
    });

    // Ids.
    refused("id with capitals and an accent", &|p| {
        *at(p, "/personas/0/id") = json!("Décision")
    });
    refused("id with a double hyphen", &|p| {
        *at(p, "/stages/0/gate/criteria/0/id") = json!("s1--scope")
    });
    refused("id too long", &|p| {
        *at(p, "/resources/0/id") = json!("a".repeat(65))
    });
    refused("empty id", &|p| *at(p, "/id") = json!(""));
    refused("id ending with a hyphen", &|p| {
        *at(p, "/contacts/0/id") = json!("current-")
    });

    // Enums.
    refused("unknown kind", &|p| {
        *at(p, "/resources/0/kind") = json!("podcast")
    });
    refused("unknown access", &|p| {
        *at(p, "/resources/0/access") = json!("intranet")
    });
    refused("unknown contact status", &|p| {
        *at(p, "/contacts/0/status") = json!("old")
    });
    refused("unknown availability", &|p| {
        *at(p, "/profile/cases/0/phases/0/availability") = json!("maybe")
    });

    // Required fields.
    refused("persona without a name", &|p| {
        remove(p, "/personas/1", "name")
    });
    refused("criterion without why", &|p| {
        remove(p, "/stages/0/gate/criteria/0", "why")
    });
    refused("pack without profile", &|p| remove(p, "", "profile"));
    refused("resource without stages", &|p| {
        remove(p, "/resources/1", "stages")
    });
    refused("support without text", &|p| {
        remove(p, "/stages/2/support", "text")
    });

    // Types.
    refused("stage number as a string", &|p| {
        *at(p, "/stages/2/number") = json!("3")
    });
    refused("required as a string", &|p| {
        *at(p, "/stages/0/gate/criteria/0/required") = json!("yes")
    });
    refused("language as a number", &|p| {
        *at(p, "/resources/0/language") = json!(2)
    });
    refused("text as a plain string", &|p| {
        *at(p, "/personas/0/name") = json!("Décision")
    });
    refused("stages as an object", &|p| {
        *at(p, "/resources/0/stages") = json!({"1": true})
    });

    // Texts.
    refused("text without french", &|p| {
        *at(p, "/title") = json!({"en": "Small path"})
    });
    refused("empty french text", &|p| {
        *at(p, "/stages/0/title/fr") = json!("   ")
    });
    refused("null french text", &|p| {
        *at(p, "/stages/0/title/fr") = Value::Null
    });

    // Formats.
    refused("format 2", &|p| *at(p, "/format") = json!(2));
    refused("version with two parts", &|p| {
        *at(p, "/version") = json!("1.0")
    });
    refused("date with month 13", &|p| {
        *at(p, "/date") = json!("2026-13-01")
    });
    refused("source date without day", &|p| {
        insert(p, "/sources/0", "date", json!("2026-11"))
    });
    refused("upper-case language", &|p| {
        *at(p, "/resources/0/language") = json!("FR")
    });
    refused("blank provider", &|p| {
        *at(p, "/resources/0/provider") = json!(" ")
    });

    // Links.
    refused("javascript: link", &|p| {
        *at(p, "/resources/0/url") = json!("javascript:alert(1)")
    });
    refused("data: link", &|p| {
        *at(p, "/contacts/1/url") = json!("data:text/html,x")
    });
    refused("link with a tab", &|p| {
        *at(p, "/resources/0/url") = json!("java\tscript:alert(1)")
    });
    refused("link with a space", &|p| {
        *at(p, "/sources/0/url") = json!("https://exa mple.org")
    });
    refused("https link without host", &|p| {
        *at(p, "/resources/0/url") = json!("https:example.org")
    });
    refused("empty mailto", &|p| {
        *at(p, "/contacts/0/url") = json!("mailto:")
    });
    refused("backslash link", &|p| {
        *at(p, "/resources/0/url") = json!("https:\\\\evil.example")
    });

    // Lists.
    refused("no persona", &|p| *at(p, "/personas") = json!([]));
    refused("no stage", &|p| *at(p, "/stages") = json!([]));
    refused("question without options", &|p| {
        *at(p, "/profile/questions/0/options") = json!([])
    });
    refused("case condition without options", &|p| {
        *at(p, "/profile/cases/0/when/organisation") = json!([])
    });
    refused("resource for no stage", &|p| {
        *at(p, "/resources/0/stages") = json!([])
    });
    refused("resource stage listed twice", &|p| {
        *at(p, "/resources/1/stages") = json!([3, 3])
    });
    refused("resource for no persona", &|p| {
        *at(p, "/resources/1/personas") = json!([])
    });
    refused("source cited twice", &|p| {
        *at(p, "/stages/0/sources") = json!(["seed", "seed"])
    });
    refused("stage number 0", &|p| *at(p, "/stages/0/number") = json!(0));

    // The glossary.
    refused("empty definition", &|p| {
        *at(p, "/glossary/0/definition/fr") = json!(" ")
    });
    refused("term without definition", &|p| {
        remove(p, "/glossary/0", "definition")
    });
    refused("form with a leading blank", &|p| {
        at(p, "/glossary/0")
            .as_object_mut()
            .unwrap()
            .insert("forms".into(), json!([" scope"]));
    });
}

#[test]
fn what_the_loader_only_warns_about_the_schema_accepts() {
    let v = validator();
    let accepted = |what: &str, edit: &dyn Fn(&mut Value)| check(&v, what, true, edit);
    accepted("missing english", &|p| remove(p, "/stages/0/title", "en"));
    accepted("http link", &|p| {
        *at(p, "/resources/0/url") = json!("http://example.org/all")
    });
    accepted("relative link", &|p| {
        *at(p, "/resources/0/url") = json!("../guide.html#attributes")
    });
    accepted("relative link with a colon later", &|p| {
        *at(p, "/resources/0/url") = json!("/docs/a:b")
    });
    accepted("upper-case scheme", &|p| {
        *at(p, "/resources/0/url") = json!("HTTPS://example.org")
    });
    accepted("mailto link", &|p| {
        *at(p, "/resources/0/url") = json!("mailto:someone@example.org")
    });
    accepted("markup-looking text", &|p| {
        *at(p, "/stages/0/title/fr") = json!("Étape <b>1</b>")
    });
    accepted("id of 64 characters", &|p| {
        *at(p, "/resources/0/id") = json!("a".repeat(64))
    });
    accepted("three-letter language", &|p| {
        *at(p, "/resources/0/language") = json!("bre")
    });
    accepted("no optional lists", &|p| {
        remove(p, "", "sources");
        for stage in 0..5 {
            remove(p, &format!("/stages/{stage}"), "sources");
        }
        remove(p, "/glossary/0", "sources");
    });
    accepted("a term no text uses", &|p| {
        *at(p, "/glossary/0/term") = json!({"fr": "Zorglub", "en": "Zorglub"})
    });
}
