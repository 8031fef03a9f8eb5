//! Hostile input at the size limits: packs just under 1 MiB and answer codes of 16 KiB that are built to
//! make the loader or the decoder do quadratic work, and the crashes fuzzing found, replayed.
//!
//! Nothing here measures time: each case checks what comes out (how many errors, notes, resources),
//! and a quadratic path would turn these few seconds of `cargo test` into hours.

use parcours_core::{
    Answers, Lang, MAX_CODE_LEN, MAX_PACK_BYTES, Pack, assess, default_pack, report,
};
use serde_json::{Value, json};

const SMALL: &str = include_str!("fixtures/small.json");

fn small() -> Value {
    serde_json::from_str(SMALL).expect("the small fixture is JSON")
}

/// A resource for every persona at stage 1, with `id`.
fn resource(id: &str) -> Value {
    json!({
        "id": id, "title": { "fr": "Titre", "en": "Title" }, "kind": "documentation", "language": "fr",
        "provider": "Ex", "access": "public", "stages": [1]
    })
}

/// The small pack changed by `change`, as JSON text that must stay under the size limit.
fn pack_with(change: impl FnOnce(&mut Value)) -> String {
    let mut pack = small();
    change(&mut pack);
    let json = pack.to_string();
    assert!(
        json.len() <= MAX_PACK_BYTES,
        "the test pack is {} bytes, over the limit",
        json.len()
    );
    json
}

/// Loads `json` and describes the outcome as counts: errors and their first message, or warnings and sizes.
#[track_caller]
fn check_load(json: &str, expected: &str) {
    let actual = match Pack::load(json) {
        Ok((pack, warnings)) => {
            // A pack that loads must also be assessed and reported without trouble.
            let answers = Answers::default();
            let assessment = assess(&pack, &answers);
            let summary = report::markdown(&assessment, Lang::Fr);
            assert!(!summary.is_empty());
            format!(
                "ok: {} personas, {} resources, {} warnings",
                pack.personas().len(),
                pack.resources().len(),
                warnings.len()
            )
        }
        Err(error) => {
            let first = error
                .errors()
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("error: {} errors, first: {first}", error.errors().len())
        }
    };
    assert_eq!(actual, expected);
}

#[test]
fn thousands_of_resources_load() {
    let json = pack_with(|pack| {
        let resources = pack["resources"].as_array_mut().expect("resources");
        resources.extend((0..5_000).map(|i| resource(&format!("r-{i}"))));
    });
    check_load(&json, "ok: 3 personas, 5003 resources, 0 warnings");
}

#[test]
fn a_persona_listed_a_hundred_thousand_times_is_reported_without_quadratic_work() {
    let json = pack_with(|pack| {
        let mut r = resource("r-repeat");
        r["personas"] = Value::Array(vec![json!("tech"); 100_000]);
        pack["resources"].as_array_mut().expect("resources").push(r);
    });
    check_load(
        &json,
        "error: 99999 errors, first: resources[3].personas[1]: persona \"tech\" is listed twice",
    );
}

#[test]
fn a_hundred_thousand_distinct_unknown_personas_are_reported_without_quadratic_work() {
    let json = pack_with(|pack| {
        let mut r = resource("r-unknown");
        r["personas"] = (0..100_000).map(|i| json!(format!("p{i}"))).collect();
        pack["resources"].as_array_mut().expect("resources").push(r);
    });
    check_load(
        &json,
        "error: 100000 errors, first: resources[3].personas[0]: unknown persona \"p0\"",
    );
}

#[test]
fn a_stage_listed_a_hundred_thousand_times_is_reported_without_quadratic_work() {
    let json = pack_with(|pack| {
        let mut r = resource("r-stages");
        r["stages"] = Value::Array(vec![json!(1); 100_000]);
        pack["resources"].as_array_mut().expect("resources").push(r);
    });
    check_load(
        &json,
        "error: 99999 errors, first: resources[3].stages[1]: stage 1 is listed twice",
    );
}

#[test]
fn thousands_of_personas_and_resources_check_coverage_in_linear_work() {
    let json = pack_with(|pack| {
        let personas = pack["personas"].as_array_mut().expect("personas");
        personas.extend(
            (0..4_000).map(|i| json!({ "id": format!("p-{i}"), "name": { "fr": "P", "en": "P" } })),
        );
        let resources = pack["resources"].as_array_mut().expect("resources");
        resources.extend((0..4_000).map(|i| {
            let mut r = resource(&format!("r-{i}"));
            r["personas"] = json!([format!("p-{i}")]);
            r
        }));
    });
    // Each new persona has its one resource at stage 1, nothing at stages 2 to 5, and no focus at any stage.
    check_load(&json, "ok: 4003 personas, 4003 resources, 20000 warnings");
}

#[test]
fn a_case_naming_many_options_of_a_question_with_many_options_loads() {
    let json = pack_with(|pack| {
        let options: Vec<Value> = (0..8_000)
            .map(|i| json!({ "id": format!("o-{i}"), "label": { "fr": "O", "en": "O" } }))
            .collect();
        pack["profile"]["questions"][0]["options"]
            .as_array_mut()
            .expect("options")
            .extend(options);
        let named: Vec<Value> = (0..8_000).map(|i| json!(format!("o-{i}"))).collect();
        pack["profile"]["cases"][0]["when"]["organisation"]
            .as_array_mut()
            .expect("when")
            .extend(named);
    });
    check_load(&json, "ok: 3 personas, 3 resources, 0 warnings");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "{{\"format\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check_load(
        &deep,
        "error: 1 errors, first: format: invalid type: sequence, expected u32",
    );
}

#[test]
fn a_pack_over_the_limit_is_refused_before_parsing() {
    let json = format!("{{\"id\": \"{}\"}}", "a".repeat(MAX_PACK_BYTES));
    check_load(
        &json,
        "error: 1 errors, first: content pack is 1048586 bytes, more than the 1048576-byte limit",
    );
}

/// Decodes `code` against the default pack and describes the outcome as counts.
#[track_caller]
fn check_decode(code: &str, expected: &str) {
    let pack = default_pack();
    let actual = match Answers::decode(code, pack) {
        Ok(decoded) => {
            let again = Answers::decode(&decoded.answers.encode(pack), pack)
                .expect("a fresh code reads back");
            assert_eq!(again.answers, decoded.answers);
            format!(
                "ok: {} answers, {} notes, {} omitted",
                decoded.answers.criteria.len(),
                decoded.notes.len(),
                decoded.omitted_notes
            )
        }
        Err(error) => format!("error: {error}"),
    };
    assert_eq!(actual, expected);
}

/// A code of `v1;y=` and `id,` repeated until it is as long as the limit allows.
fn code_of(id: impl Fn(usize) -> String) -> String {
    let mut code = "v1;y=".to_owned();
    for i in 0.. {
        let next = id(i);
        if code.len() + next.len() + 1 > MAX_CODE_LEN {
            break;
        }
        code.push_str(&next);
        code.push(',');
    }
    code
}

#[test]
fn sixteen_kib_of_unknown_ids_give_bounded_notes() {
    let code = code_of(|i| format!("x{i}"));
    check_decode(&code, "ok: 0 answers, 50 notes, 2864 omitted");
}

#[test]
fn sixteen_kib_of_one_repeated_id_gives_one_note() {
    let code = code_of(|_| "s1-need".to_owned());
    check_decode(&code, "ok: 1 answers, 1 notes, 0 omitted");
}

#[test]
fn sixteen_kib_of_profile_pairs_and_empty_parts_are_read() {
    let mut code = "v1".to_owned();
    while code.len() + 40 < MAX_CODE_LEN {
        code.push_str(";o=organisation:ministry,objective:nope;;;");
    }
    check_decode(&code, "ok: 0 answers, 1 notes, 0 omitted");
}

#[test]
fn a_code_over_the_limit_is_refused() {
    let code = format!("v1;p={}", "a".repeat(MAX_CODE_LEN));
    check_decode(
        &code,
        "error: answer code is 16389 bytes, more than the 16384-byte limit",
    );
}

#[path = "../../fuzz/checks.rs"]
mod checks;

/// Every fuzz seed, and every input that fuzzing found to crash (copied from `fuzz/artifacts/<target>/`
/// into `fuzz/regressions/<target>/` with a name that says what it broke), replayed through the fuzz
/// targets' own checks.
#[test]
fn fuzz_seeds_and_regressions_replay_cleanly() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    type Check = fn(&[u8]);
    let targets: [(&str, Check); 3] = [
        ("pack_load", checks::pack_load),
        ("answer_code", checks::answer_code),
        ("pack_compact", checks::pack_compact),
    ];
    let mut replayed = 0;
    for folder in ["seeds", "regressions"] {
        for (target, check) in targets {
            let Ok(files) = std::fs::read_dir(fuzz.join(folder).join(target)) else {
                continue;
            };
            for file in files.flatten() {
                let bytes = std::fs::read(file.path()).expect("a fuzz input is readable");
                check(&bytes);
                replayed += 1;
            }
        }
    }
    assert!(
        replayed >= 12,
        "only {replayed} fuzz inputs found under {}",
        fuzz.display()
    );
}
