//! Accessibility in the browser: axe-core (from npm) on every state of the widget, with zero
//! violations allowed for WCAG 2.0/2.1 A and AA, and the "incomplete" items listed for a human.
//!
//! axe-core sees into open shadow roots. It is read from `node_modules/axe-core/axe.min.js`
//! (`npm ci`, which `.ci/run` runs) and injected through WebDriver, which a page's CSP does not block.
//! Each state is one scenario of the one scenario runner (`parcours_e2e::harness`), named `axe: <state>`
//! after its engine (`firefox::axe: English`), so filters work as in the other targets; the scripts
//! are in `tests/js/a11y/`. Every state is checked in Chromium and in Firefox ESR.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use parcours_core::{Answer, Answers, default_pack};
use parcours_e2e::browser::BoxError;
use parcours_e2e::harness::{Outcome, Scenario, Suite, note};
use parcours_e2e::page::{Page, code_at_stage};
use parcours_e2e::script;
use serde_json::{Value, json};

const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Runs axe on the whole document and returns its violations and incomplete items, in short.
const AXE_RUN: &str = script!("a11y/axe-run.js");

/// A state of the widget to check: a page, then a script that brings the widget into that state.
#[derive(Debug)]
struct State {
    name: &'static str,
    path: String,
    setup: Option<&'static str>,
    width: Option<u32>,
    /// For the control state: the rule axe must report, or the zero above proves nothing.
    expect: Option<&'static str>,
    /// The arguments of the setup script.
    args: Vec<Value>,
}

/// A teammate's code: a role, and `answer` to every criterion of step 1, so that two members who
/// answered differently disagree on each.
fn team_member(answer: Answer) -> String {
    let pack = default_pack();
    let mut answers = Answers::default();
    for criterion in &pack.stages()[0].gate.criteria {
        answers.criteria.insert(criterion.id.clone(), answer);
    }
    answers.encode(pack)
}

fn states() -> Vec<State> {
    let mut states = vec![
        State {
            name: "empty",
            path: "/fixtures/csp.html".into(),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "role chosen",
            path: "/fixtures/csp.html".into(),
            setup: Some(r##"$in("#widget", "input[value=moe]").click();"##),
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "mid-questionnaire (step 2, some answers)",
            path: "/fixtures/csp.html".into(),
            setup: Some(script!("a11y/mid-questionnaire.js")),
            width: None,
            expect: None,
            args: vec![],
        },
    ];
    for stage in 1..=5 {
        let name: &'static str = [
            "result at step 1",
            "result at step 2",
            "result at step 3",
            "result at step 4",
            "result at step 5",
        ][stage - 1];
        states.push(State {
            name,
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(stage)),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        });
    }
    states.extend([
        State {
            name: "error notices (content packs served badly)",
            path: "/fixtures/content.html".into(),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "English",
            path: "/fixtures/en.html".into(),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "dark theme, mid-journey",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3)),
            setup: Some(r##"$host("#widget").setAttribute("theme", "dark");"##),
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "320 px viewport, mid-journey",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3)),
            setup: None,
            width: Some(320),
            expect: None,
            args: vec![],
        },
        State {
            name: "every disclosure open: glossary beside the criteria of step 2 and in full, reasons, result, team",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(2)),
            setup: Some(script!("a11y/open-disclosures.js")),
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "every disclosure open, dark theme",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(2)),
            setup: Some(concat!(
                r##"$host("#widget").setAttribute("theme", "dark");"##,
                "\n",
                script!("a11y/open-disclosures.js")
            )),
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "every disclosure open, 320 px viewport",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(2)),
            setup: Some(script!("a11y/open-disclosures.js")),
            width: Some(320),
            expect: None,
            args: vec![],
        },
        State {
            name: "team result with conflicts and a refused line",
            path: format!("/fixtures/csp.html#cpn.widget={}", team_member(Answer::Yes)),
            setup: Some(script!("a11y/team.js")),
            width: None,
            expect: None,
            args: vec![json!(format!(
                "https://intranet.example/#cpn={}\nnot a link",
                team_member(Answer::No)
            ))],
        },
        State {
            name: "DSFR page, light theme, mid-journey",
            path: format!("/fixtures/dsfr.html#cpn.widget={}", code_at_stage(3)),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "DSFR page, dark theme from its switch, mid-journey",
            path: format!("/fixtures/dsfr.html#cpn.widget={}", code_at_stage(3)),
            setup: Some(r##"document.getElementById("theme-switch").click();"##),
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "demo intranet page",
            path: "/".into(),
            setup: None,
            width: None,
            expect: None,
            args: vec![],
        },
        State {
            name: "control: an unlabelled control planted inside the shadow root is reported",
            path: "/fixtures/csp.html".into(),
            setup: Some(script!("a11y/plant-unlabelled-input.js")),
            width: None,
            expect: Some("label"),
            args: vec![],
        },
    ]);
    states
}

fn main() -> ExitCode {
    let axe_path = parcours_e2e::workspace_root().join("node_modules/axe-core/axe.min.js");
    // Read once; if it is missing, every state fails with the reason rather than the run with none.
    let axe: Result<Arc<str>, String> =
        std::fs::read_to_string(&axe_path)
            .map(Arc::from)
            .map_err(|error| {
                format!(
                    "cannot read {}: {error}; run `npm ci` first (.ci/run does)",
                    axe_path.display()
                )
            });
    let scenarios = states()
        .into_iter()
        .map(|state| {
            let axe = axe.clone();
            let state = Arc::new(state);
            // Called once per engine: each call takes its own handles on the axe text and the state.
            Scenario::new(format!("axe: {}", state.name), move |page| {
                let (axe, state) = (axe.clone(), Arc::clone(&state));
                Box::pin(async move {
                    let axe = axe.map_err(BoxError::from)?;
                    check(&page, &axe, &state).await
                })
            })
        })
        .collect();
    Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios).run()
}

async fn check(page: &Page, axe: &str, state: &State) -> Outcome {
    page.set_viewport_width(state.width.unwrap_or(1280)).await?;
    page.open(&state.path).await?;
    page.wait_settled().await?;
    if let Some(setup) = state.setup {
        page.js(setup, state.args.clone()).await?;
        page.settle().await?;
    }
    if let Some(width) = state.width {
        let inner = page.js("return window.innerWidth;", vec![]).await?;
        if inner.as_u64() != Some(u64::from(width)) {
            return Err(format!("the viewport is {inner} px wide, not {width}").into());
        }
    }
    page.client
        .execute(&format!("{axe}\n;window.axe = axe;"), vec![])
        .await?;
    let results = page.js_async(AXE_RUN, vec![json!(TAGS)]).await?;
    if let Some(error) = results.get("error") {
        return Err(format!("axe failed: {error}").into());
    }
    if results["shadowPasses"].as_u64().unwrap_or(0) == 0 {
        return Err(
            "axe reported nothing inside a shadow root, so it did not look into the widget".into(),
        );
    }
    let violations = results["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if let Some(rule) = state.expect {
        let found = violations
            .iter()
            .any(|v| v["id"] == json!(rule) && v["targets"].to_string().contains("#widget"));
        if !found {
            return Err(
                format!("axe missed the planted \"{rule}\" violation: {violations:?}").into(),
            );
        }
        note(format!(
            "axe reported \"{rule}\" inside the widget, as it must"
        ));
        return Ok(());
    }
    if !violations.is_empty() {
        let list: Vec<String> = violations.iter().map(Value::to_string).collect();
        return Err(format!(
            "{} violation(s):\n  {}",
            violations.len(),
            list.join("\n  ")
        )
        .into());
    }
    let incomplete: Vec<String> = results["incomplete"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    if !incomplete.is_empty() {
        note(format!(
            "incomplete, for a human: {}",
            incomplete.join(", ")
        ));
    }
    Ok(())
}
