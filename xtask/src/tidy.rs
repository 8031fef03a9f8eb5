//! Tidy tests: the project's invariants that no compiler checks, as ordinary `#[test]`s (as rust-analyzer's tidy).
//!
//! Each check is a function over text or `cargo metadata` JSON, tested once on the real workspace and
//! once on a planted defect it must catch: a check that cannot fail is no check.

use std::fs;
use std::process::Command;

use serde_json::Value;

use crate::{project_root, testing};

/// The normal dependencies `parcours-core` may have (ARCHITECTURE.md: the core does no I/O and never
/// sees `web-sys`, `js-sys` or `leptos`). serde and serde_json read content packs, serde_path_to_error
/// gives their errors a JSON path, litemap is the sorted-vector map of the answers and the pack's
/// indexes (smaller in the wasm than `BTreeMap`). Adding one here is a decision about the whole architecture.
const CORE_ALLOWED_DEPENDENCIES: &[&str] =
    &["litemap", "serde", "serde_json", "serde_path_to_error"];

/// `cargo metadata` for the workspace alone: declared dependencies, members and targets.
fn workspace_metadata() -> Value {
    crate::dist::cargo_metadata(&project_root()).expect("cargo metadata runs and prints JSON")
}

/// The workspace package called `name` in `metadata`.
fn package<'metadata>(metadata: &'metadata Value, name: &str) -> &'metadata Value {
    metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|package| package["name"] == name))
        .unwrap_or_else(|| panic!("cargo metadata has no package {name}"))
}

/// The names of the normal (not dev, not build) dependencies of `package`, sorted.
fn normal_dependencies(package: &Value) -> Vec<String> {
    let mut names: Vec<String> = package["dependencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|dependency| dependency["kind"].is_null())
        .filter_map(|dependency| dependency["name"].as_str().map(str::to_owned))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What differs between the dependencies of a package and the allowed list, or `None`.
fn dependencies_disagree(actual: &[String], allowed: &[&str]) -> Option<String> {
    let extra: Vec<&str> = actual
        .iter()
        .map(String::as_str)
        .filter(|name| !allowed.contains(name))
        .collect();
    let missing: Vec<&str> = allowed
        .iter()
        .copied()
        .filter(|name| !actual.iter().any(|actual| actual == name))
        .collect();
    let mut differences = Vec::new();
    if !extra.is_empty() {
        differences.push(format!(
            "depends on {extra:?}, which the allowed list lacks"
        ));
    }
    if !missing.is_empty() {
        differences.push(format!(
            "no longer depends on {missing:?}, which the allowed list names"
        ));
    }
    (!differences.is_empty()).then(|| {
        format!(
            "parcours-core {}: the core stays pure, so change CORE_ALLOWED_DEPENDENCIES \
             (xtask/src/tidy.rs) only together with ARCHITECTURE.md",
            differences.join(" and ")
        )
    })
}

#[test]
fn core_depends_only_on_the_allowed_crates() {
    let metadata = workspace_metadata();
    let actual = normal_dependencies(package(&metadata, "parcours-core"));
    if let Some(problem) = dependencies_disagree(&actual, CORE_ALLOWED_DEPENDENCIES) {
        panic!("{problem}");
    }
}

#[test]
fn a_core_dependency_on_leptos_is_caught() {
    let planted: Value = serde_json::json!({
        "name": "parcours-core",
        "dependencies": [
            { "name": "litemap", "kind": null },
            { "name": "serde", "kind": null },
            { "name": "serde_json", "kind": null },
            { "name": "serde_path_to_error", "kind": null },
            { "name": "leptos", "kind": null },
            { "name": "proptest", "kind": "dev" }
        ]
    });
    let problem = dependencies_disagree(&normal_dependencies(&planted), CORE_ALLOWED_DEPENDENCIES)
        .expect("leptos is caught");
    assert!(
        problem.contains(r#"depends on ["leptos"], which"#),
        "{problem}"
    );
    let dropped = serde_json::json!({ "dependencies": [{ "name": "serde", "kind": null }] });
    let problem = dependencies_disagree(&normal_dependencies(&dropped), CORE_ALLOWED_DEPENDENCIES)
        .expect("a dropped dependency is caught");
    assert!(
        problem
            .contains(r#"no longer depends on ["litemap", "serde_json", "serde_path_to_error"]"#),
        "{problem}"
    );
}

/// The attribute names of the loader's `observedAttributes`, in order: the array it returns, or the
/// array constant it returns.
fn loader_attributes(loader: &str) -> Result<Vec<String>, String> {
    let getter = loader
        .find("observedAttributes()")
        .ok_or("the loader has no `static get observedAttributes()`")?;
    let returned = loader[getter..]
        .split_once("return ")
        .and_then(|(_, rest)| rest.split_once(';'))
        .map(|(expression, _)| expression.trim())
        .ok_or("observedAttributes() has no `return …;`")?;
    let array = if returned.starts_with('[') {
        returned
    } else {
        let declaration = format!("const {returned} = ");
        let start = loader.find(&declaration).ok_or_else(|| {
            format!("observedAttributes() returns {returned}, which is not a `const` of the loader")
        })?;
        loader[start + declaration.len()..]
            .split_once(';')
            .map_or("", |(array, _)| array.trim())
    };
    let inside = array
        .strip_prefix('[')
        .and_then(|array| array.strip_suffix(']'))
        .ok_or_else(|| format!("observedAttributes() is not an array literal: {array}"))?;
    Ok(inside
        .split(',')
        .map(|item| item.trim().trim_matches(['"', '\'']).to_owned())
        .filter(|name| !name.is_empty())
        .collect())
}

/// The names of `Attribute::ALL` in `widget/src/config.rs`, in order, through `Attribute::name`.
fn rust_attributes(config: &str) -> Result<Vec<String>, String> {
    let start = config
        .find("pub const ALL: [Attribute;")
        .ok_or("config.rs has no `pub const ALL: [Attribute; N]`")?;
    let list = config[start..]
        .split_once("= [")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .ok_or("Attribute::ALL is not an array literal")?;
    list.split(',')
        .map(str::trim)
        .filter(|variant| !variant.is_empty())
        .map(|variant| {
            let arm = format!("{variant} => \"");
            let name_start = config
                .find(&arm)
                .ok_or_else(|| format!("Attribute::name has no arm `{variant} => \"…\"`"))?
                + arm.len();
            config[name_start..]
                .split_once('"')
                .map(|(name, _)| name.to_owned())
                .ok_or_else(|| format!("the name of {variant} has no closing quote"))
        })
        .collect()
}

/// The first column of the embedding guide's attribute table (the one headed "Attribut", or
/// "Attribute" in the English twin), in order.
fn guide_attributes(guide: &str) -> Result<Vec<String>, String> {
    let heading = guide
        .find(">Attribut</th>")
        .or_else(|| guide.find(">Attribute</th>"))
        .ok_or("the embedding guide has no table headed \"Attribut\" or \"Attribute\"")?;
    let body = guide[heading..]
        .split_once("<tbody>")
        .and_then(|(_, rest)| rest.split_once("</tbody>"))
        .map(|(body, _)| body)
        .ok_or("the attribute table has no <tbody>")?;
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split_once("<td>")
                .and_then(|(_, cell)| cell.split_once("</td>"))
                .and_then(|(cell, _)| cell.trim().strip_prefix("<code>"))
                .and_then(|cell| cell.strip_suffix("</code>"))
                .map(str::to_owned)
                .ok_or_else(|| format!("a row of the attribute table does not start with <td><code>name</code>: {row}"))
        })
        .collect()
}

/// A message naming each list that differs from the first, or `None` when all agree.
fn attribute_lists_disagree(lists: &[(&str, Vec<String>)]) -> Option<String> {
    let (first_source, first) = lists.first()?;
    let differing: Vec<String> = lists[1..]
        .iter()
        .filter(|(_, list)| list != first)
        .map(|(source, list)| format!("{source} has {list:?}"))
        .collect();
    (!differing.is_empty()).then(|| {
        format!(
            "the attributes of <cpn-parcours> disagree: {first_source} has {first:?}, {}",
            differing.join(", ")
        )
    })
}

fn read(relative: &str) -> String {
    fs::read_to_string(project_root().join(relative))
        .unwrap_or_else(|error| panic!("cannot read {relative}: {error}"))
}

fn all_attribute_lists(
    config: &str,
    loader: &str,
    guide: &str,
) -> Vec<(&'static str, Vec<String>)> {
    let parsed = |source: &str, list: Result<Vec<String>, String>| {
        list.unwrap_or_else(|error| panic!("cannot read the attributes of {source}: {error}"))
    };
    vec![
        (
            "Attribute::ALL (widget/src/config.rs)",
            parsed("config.rs", rust_attributes(config)),
        ),
        (
            "observedAttributes (widget/js/parcours.js)",
            parsed("parcours.js", loader_attributes(loader)),
        ),
        (
            "the attribute table of www/embedding.html",
            parsed("embedding.html", guide_attributes(guide)),
        ),
    ]
}

#[test]
fn the_widget_the_loader_and_the_guide_list_the_same_attributes() {
    let lists = all_attribute_lists(
        &read("widget/src/config.rs"),
        &read("widget/js/parcours.js"),
        &read("www/embedding.html"),
    );
    assert!(
        lists[0].1.len() >= 6,
        "too few attributes read: {:?}",
        lists[0].1
    );
    if let Some(problem) = attribute_lists_disagree(&lists) {
        panic!("{problem}");
    }
    let english = guide_attributes(&read("www/embedding.en.html"))
        .unwrap_or_else(|error| panic!("cannot read the attributes of embedding.en.html: {error}"));
    assert_eq!(
        english, lists[0].1,
        "the attribute table of www/embedding.en.html names the same attributes in the same order"
    );
}

/// Small copies of the three files, in their real shapes, with two attributes.
const CONFIG_FIXTURE: &str = r#"
    pub const ALL: [Attribute; 2] = [Attribute::Lang, Attribute::HeadingLevel];
    pub fn name(self) -> &'static str {
        match self {
            Attribute::Lang => "lang",
            Attribute::HeadingLevel => "heading-level",
        }
    }
"#;
const LOADER_FIXTURE: &str = r#"
const OBSERVED_ATTRIBUTES = ["lang", "heading-level"];
class ParcoursElement extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED_ATTRIBUTES;
  }
}
"#;
const GUIDE_FIXTURE: &str = r#"
<table>
  <thead><tr><th scope="col">Attribut</th><th scope="col">Valeurs</th></tr></thead>
  <tbody>
    <tr>
      <td><code>lang</code></td>
      <td><code>fr</code> ou <code>en</code></td>
    </tr>
    <tr><td><code>heading-level</code></td><td>de <code>2</code> à <code>6</code></td></tr>
  </tbody>
</table>
"#;

#[test]
fn an_attribute_missing_from_the_loader_or_the_guide_is_caught() {
    assert_eq!(
        attribute_lists_disagree(&all_attribute_lists(
            CONFIG_FIXTURE,
            LOADER_FIXTURE,
            GUIDE_FIXTURE
        )),
        None
    );

    let loader_without_heading_level = LOADER_FIXTURE.replace(r#", "heading-level""#, "");
    assert_eq!(
        attribute_lists_disagree(&all_attribute_lists(
            CONFIG_FIXTURE,
            &loader_without_heading_level,
            GUIDE_FIXTURE
        ))
        .as_deref(),
        Some(
            r#"the attributes of <cpn-parcours> disagree: Attribute::ALL (widget/src/config.rs) has ["lang", "heading-level"], observedAttributes (widget/js/parcours.js) has ["lang"]"#
        )
    );

    let guide_with_a_renamed_row = GUIDE_FIXTURE.replace("<code>heading-level", "<code>heading");
    assert_eq!(
        attribute_lists_disagree(&all_attribute_lists(
            CONFIG_FIXTURE,
            LOADER_FIXTURE,
            &guide_with_a_renamed_row
        ))
        .as_deref(),
        Some(
            r#"the attributes of <cpn-parcours> disagree: Attribute::ALL (widget/src/config.rs) has ["lang", "heading-level"], the attribute table of www/embedding.html has ["lang", "heading"]"#
        )
    );

    let config_in_another_order = CONFIG_FIXTURE.replace(
        "[Attribute::Lang, Attribute::HeadingLevel]",
        "[Attribute::HeadingLevel, Attribute::Lang]",
    );
    assert!(
        attribute_lists_disagree(&all_attribute_lists(
            &config_in_another_order,
            LOADER_FIXTURE,
            GUIDE_FIXTURE
        ))
        .is_some(),
        "the order is part of the contract: ALL is documented as the loader's order"
    );

    assert_eq!(
        loader_attributes("static get observedAttributes() { return [\"lang\", 'theme']; }"),
        Ok(vec!["lang".to_owned(), "theme".to_owned()])
    );
}

/// Whether a source file's first line is a `//!` module doc comment.
fn opens_with_module_doc(text: &str) -> bool {
    text.starts_with("//!")
}

#[test]
fn every_tracked_rust_file_opens_with_a_module_doc() {
    let output = Command::new("git")
        .current_dir(project_root())
        .args(["ls-files", "-z", "--", "*.rs"])
        .output()
        .expect("git runs (the tidy tests read the tracked files of a clone)");
    assert!(
        output.status.success(),
        "git ls-files failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let files: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .split('\0')
        .filter(|file| !file.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(files.len() > 40, "too few tracked .rs files: {files:?}");
    let undocumented: Vec<&String> = files
        .iter()
        // A tracked file deleted in the working tree is not ours to check.
        .filter(|file| project_root().join(file).is_file())
        .filter(|file| !opens_with_module_doc(&read(file)))
        .collect();
    assert!(
        undocumented.is_empty(),
        "these files do not open with a `//!` line saying what they are for: {undocumented:?}"
    );
}

#[test]
fn a_file_without_a_module_doc_is_caught() {
    assert!(opens_with_module_doc("//! The engine.\n\nuse std::fmt;\n"));
    assert!(!opens_with_module_doc("use std::fmt;\n//! Too late.\n"));
    assert!(!opens_with_module_doc(
        "/// An item doc, not a module doc.\nfn f() {}\n"
    ));
    assert!(!opens_with_module_doc("\n//! After a blank line.\n"));
}

/// Whether `cargo <arguments>`, run at the workspace root, tests the package with this name and id,
/// given the workspace's default members (cargo's selection rules, for the flags `xtask test` may use).
fn tests_package(arguments: &[&str], name: &str, id: &str, default_members: &[&str]) -> bool {
    let selects = arguments
        .windows(2)
        .any(|pair| matches!(pair[0], "-p" | "--package") && pair[1] == name)
        || arguments
            .iter()
            .any(|argument| *argument == format!("--package={name}"));
    let selects_any = arguments.iter().any(|argument| {
        matches!(*argument, "-p" | "--package") || argument.starts_with("--package=")
    });
    let everything = arguments
        .iter()
        .any(|argument| matches!(*argument, "--workspace" | "--all"));
    let excluded = arguments
        .windows(2)
        .any(|pair| pair[0] == "--exclude" && pair[1] == name);
    !excluded && (everything || selects || (!selects_any && default_members.contains(&id)))
}

#[test]
fn cargo_xtask_test_runs_the_widget_unit_tests() {
    let metadata = workspace_metadata();
    let widget = package(&metadata, "parcours-widget");
    let id = widget["id"].as_str().expect("a package id");
    let default_members: Vec<&str> = metadata["workspace_default_members"]
        .as_array()
        .expect("cargo metadata lists the default members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        tests_package(
            testing::CARGO_TEST_ARGUMENTS,
            "parcours-widget",
            id,
            &default_members
        ),
        "`cargo xtask test` runs `cargo {}`, which skips parcours-widget's native unit tests",
        testing::CARGO_TEST_ARGUMENTS.join(" ")
    );
    let library = widget["targets"]
        .as_array()
        .and_then(|targets| {
            targets.iter().find(|target| {
                target["kind"]
                    .as_array()
                    // The widget's library is both a `cdylib` (for wasm) and an `rlib`.
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "lib" || kind == "rlib"))
            })
        })
        .expect("the widget has a library target");
    assert_eq!(
        library["test"], true,
        "the widget's library has `test = false`: its unit tests never run"
    );
}

#[test]
fn a_test_command_that_skips_the_widget_is_caught() {
    let defaults = ["core-id", "xtask-id"];
    // The widget is not a default member: a plain `cargo test` skips it.
    assert!(!tests_package(
        &["test", "--no-fail-fast"],
        "parcours-widget",
        "widget-id",
        &defaults
    ));
    assert!(!tests_package(
        &["test", "-p", "parcours-core"],
        "parcours-widget",
        "widget-id",
        &defaults
    ));
    assert!(!tests_package(
        &["test", "--workspace", "--exclude", "parcours-widget"],
        "parcours-widget",
        "widget-id",
        &defaults
    ));
    assert!(tests_package(
        &["test", "-p", "parcours-widget"],
        "parcours-widget",
        "widget-id",
        &defaults
    ));
    assert!(tests_package(
        &["test", "--workspace"],
        "parcours-widget",
        "widget-id",
        &defaults
    ));
    assert!(tests_package(
        &["test"],
        "parcours-core",
        "core-id",
        &defaults
    ));
}
