//! Accessibility in the browser: axe-core (from npm) on every state of the widget, with zero
//! violations allowed for WCAG 2.0/2.1 A and AA, and the "incomplete" items listed for a human.
//!
//! axe-core sees into open shadow roots. It is read from `node_modules/axe-core/axe.min.js`
//! (`npm ci`, which `.ci/run` runs) and injected through WebDriver, which a page's CSP does not block.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test harness reports on its terminal"
)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Client;
use parcours_core::{Answer, Answers, Id, default_pack};
use parcours_e2e::browser::{BoxError, Browser};
use parcours_e2e::server::{SiteRoots, StaticServer};
use serde_json::{Value, json};

const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Runs axe on the whole document and returns its violations and incomplete items, in short.
const AXE_RUN: &str = r##"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations", "incomplete", "passes"] })
  .then((results) => done({
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) })),
    incomplete: results.incomplete.map((v) => `${v.id} (${v.nodes.length})`),
    // Targets inside a shadow root are nested arrays: proof that axe looked inside the widget.
    shadowPasses: results.passes.reduce((count, rule) => count + rule.nodes.filter((n) => Array.isArray(n.target[0])).length, 0),
  }))
  .catch((error) => done({ error: String(error) }));
"##;

/// Resolves once the widget (or every widget) has mounted and settled.
const WAIT_MOUNTED: &str = r##"
const done = arguments[arguments.length - 1];
const started = performance.now();
(function poll() {
  const hosts = [...document.querySelectorAll("cpn-parcours")];
  const ready = hosts.length > 0 && hosts.every((h) => h.shadowRoot && h.shadowRoot.querySelector(".cpn-summary"))
    && !hosts.some((h) => h.shadowRoot.textContent.includes("Chargement du contenu"));
  if (ready || performance.now() - started > 15000) { setTimeout(() => done(ready), 50); } else { setTimeout(poll, 20); }
})();
"##;

/// A state of the widget to check: a page, then a script that brings the widget into that state.
struct State {
    name: &'static str,
    path: String,
    setup: &'static str,
    width: Option<u32>,
    /// For the control state: the rule axe must report, or the zero above proves nothing.
    expect: Option<&'static str>,
}

fn code_at_stage(stage: usize) -> String {
    let pack = default_pack();
    let id = |text: &str| Id::new(text).expect("a valid id");
    let mut answers = Answers {
        persona: Some(id("tech")),
        ..Answers::default()
    };
    answers.profile.insert(id("organisation"), id("ministry"));
    answers.profile.insert(id("objective"), id("cloud-pi"));
    for (index, stage_content) in pack.stages().iter().enumerate() {
        for (k, criterion) in stage_content.gate.criteria.iter().enumerate() {
            // Every gate before `stage` passed; one "no" and one "don't know" at it, to show every list.
            let answer = match (index + 1).cmp(&stage) {
                std::cmp::Ordering::Less => Answer::Yes,
                std::cmp::Ordering::Equal if k == 0 => Answer::No,
                std::cmp::Ordering::Equal if k == 1 => Answer::DontKnow,
                _ => continue,
            };
            answers.criteria.insert(criterion.id.clone(), answer);
        }
    }
    answers.encode(pack)
}

fn states() -> Vec<State> {
    let mut states = vec![
        State {
            name: "empty",
            path: "/fixtures/csp.html".into(),
            setup: "",
            width: None,
            expect: None,
        },
        State {
            name: "role chosen",
            path: "/fixtures/csp.html".into(),
            setup: r##"document.querySelector("#widget").shadowRoot.querySelector("input[value=moe]").click();"##,
            width: None,
            expect: None,
        },
        State {
            name: "mid-questionnaire (step 2, some answers)",
            path: "/fixtures/csp.html".into(),
            setup: r##"const root = document.querySelector("#widget").shadowRoot;
                root.querySelector("input[value=decision]").click();
                root.querySelectorAll(".cpn-step")[1].click();
                [...root.querySelectorAll("fieldset.cpn-criterion")].slice(0, 3).forEach((f, i) =>
                  f.querySelector(`input[value=${["yes", "no", "dont-know"][i]}]`).click());"##,
            width: None,
            expect: None,
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
            setup: "",
            width: None,
            expect: None,
        });
    }
    states.extend([
        State { name: "error notices (content packs served badly)", path: "/fixtures/content.html".into(), setup: "", width: None, expect: None },
        State { name: "English", path: "/fixtures/en.html".into(), setup: "", width: None, expect: None },
        State {
            name: "dark theme, mid-journey",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3)),
            setup: r##"document.querySelector("#widget").setAttribute("theme", "dark");"##,
            width: None,
            expect: None,
        },
        State {
            name: "320 px viewport, mid-journey",
            path: format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3)),
            setup: "",
            width: Some(320),
            expect: None,
        },
        State { name: "demo intranet page", path: "/".into(), setup: "", width: None, expect: None },
        State {
            name: "control: an unlabelled control planted inside the shadow root is reported",
            path: "/fixtures/csp.html".into(),
            setup: r##"const input = document.createElement("input");
                input.type = "text";
                document.querySelector("#widget").shadowRoot.querySelector(".cpn-intro").append(input);"##,
            width: None,
            expect: Some("label"),
        },
    ]);
    states
}

fn main() -> ExitCode {
    if let Err(error) = parcours_e2e::require_dist() {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    let axe_path = parcours_e2e::workspace_root().join("node_modules/axe-core/axe.min.js");
    let axe = match std::fs::read_to_string(&axe_path) {
        Ok(axe) => axe,
        Err(error) => {
            eprintln!(
                "error: cannot read {}: {error}; run `npm ci` first (.ci/run does)",
                axe_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&axe)) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(axe: &str) -> Result<usize, BoxError> {
    let started = Instant::now();
    let server = StaticServer::start(
        "127.0.0.1:0",
        SiteRoots {
            www: parcours_e2e::www_dir(),
            dist: parcours_e2e::dist_dir(),
        },
    )?;
    let base = format!("http://{}", server.address());
    let scratch = parcours_e2e::workspace_root().join("target");
    let browser = Browser::start(&scratch).await?;
    let states = states();
    println!("\nrunning {} tests", states.len());
    let mut failed = 0;
    for state in &states {
        let outcome = tokio::time::timeout(
            Duration::from_secs(60),
            check(&browser.client, &base, axe, state),
        )
        .await;
        let outcome = outcome.unwrap_or_else(|_| Err("timed out".into()));
        match outcome {
            Ok(report) => println!("test axe: {} ... ok{report}", state.name),
            Err(error) => {
                failed += 1;
                println!("test axe: {} ... FAILED: {error}", state.name);
            }
        }
    }
    browser.close().await;
    drop(server);
    println!(
        "\ntest result: {}. {} passed; {failed} failed; 0 filtered out; finished in {:.2}s\n",
        if failed == 0 { "ok" } else { "FAILED" },
        states.len() - failed,
        started.elapsed().as_secs_f64()
    );
    Ok(failed)
}

async fn check(client: &Client, base: &str, axe: &str, state: &State) -> Result<String, BoxError> {
    client
        .set_window_size(state.width.unwrap_or(1280), 900)
        .await?;
    // A neutral page first, so a new fragment on the same page is a real navigation and storage is empty.
    client.goto(&format!("{base}/no-such-page")).await?;
    client.execute("localStorage.clear();", vec![]).await?;
    client.goto(&format!("{base}{}", state.path)).await?;
    if client.execute_async(WAIT_MOUNTED, vec![]).await? != json!(true) {
        return Err("the widget did not mount".into());
    }
    if !state.setup.is_empty() {
        client.execute(state.setup, vec![]).await?;
        client
            .execute_async(
                "requestAnimationFrame(() => setTimeout(arguments[arguments.length - 1], 50));",
                vec![],
            )
            .await?;
    }
    if let Some(width) = state.width {
        let inner = client.execute("return window.innerWidth;", vec![]).await?;
        if inner.as_u64() != Some(u64::from(width)) {
            return Err(format!("the viewport is {inner} px wide, not {width}").into());
        }
    }
    client
        .execute(&format!("{axe}\n;window.axe = axe;"), vec![])
        .await?;
    let results = client.execute_async(AXE_RUN, vec![json!(TAGS)]).await?;
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
        return if found {
            Ok(format!(
                " (axe reported \"{rule}\" inside the widget, as it must)"
            ))
        } else {
            Err(format!("axe missed the planted \"{rule}\" violation: {violations:?}").into())
        };
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
    Ok(if incomplete.is_empty() {
        String::new()
    } else {
        format!(" (incomplete, for a human: {})", incomplete.join(", "))
    })
}
