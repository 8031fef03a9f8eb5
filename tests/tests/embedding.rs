//! Embedding end-to-end tests: what a portal relies on beyond the attributes, in headless Chromium.
//!
//! The events and their details (`parcours-ready`, `parcours-change`, compared with the core's
//! assessment), the state reflected on the element (`data-stage`, `data-persona`), `loading="lazy"`
//! (requests counted before and after scrolling), `theme="auto"` following the DSFR switch of a page
//! built on the real DSFR stylesheet, and the theming API (custom properties and `::part` names,
//! styled from the host page's own stylesheet under the strict CSP). Filter like libtest:
//! `cargo test -p parcours-e2e --test embedding -- lazy`.

use std::path::Path;
use std::process::ExitCode;

use parcours_core::{Answers, Assessment, Id, Lang, assess, default_pack};

use parcours_e2e::browser::BoxError;
use parcours_e2e::harness::{Outcome, Suite};
use parcours_e2e::page::{Page, code_at_stage};
use parcours_e2e::scenarios;
use serde_json::{Value, json};

fn main() -> ExitCode {
    let scenarios = scenarios![
        ready_then_change_carry_the_core_state_and_the_element_reflects_it,
        restored_answers_are_ready_not_a_change,
        lazy_loading_fetches_nothing_until_the_element_nears_the_viewport,
        theme_auto_follows_the_dsfr_switch_live,
        the_host_page_styles_the_widget_through_its_theming_api,
    ];
    Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios).run()
}

/// The detail the widget must send for `assessment`, every value from the core.
fn detail(assessment: &Assessment<'_>) -> Value {
    json!({
        "stage": assessment.stage.number,
        "persona": assessment.persona.map(|persona| persona.id.as_str()),
        "maturity": assessment.stage.maturity.name.get(Lang::Fr),
        "requiredLeft": assessment.blocking.len(),
        "complete": assessment.complete,
    })
}

/// The `data-stage` and `data-persona` of the widget `#widget`.
const REFLECTED: &str = r##"return [$host("#widget").getAttribute("data-stage"), $host("#widget").getAttribute("data-persona")];"##;

async fn ready_then_change_carry_the_core_state_and_the_element_reflects_it(page: Page) -> Outcome {
    page.open("/fixtures/csp.html").await?;
    page.wait_mounted("#widget").await?;
    page.wait_until(
        "parcours-ready",
        "return window.cpnRecord.events.length === 1;",
        vec![],
    )
    .await?;
    let pack = default_pack();
    let mut answers = Answers::default();
    assert_eq!(
        page.record().await?["events"],
        json!([{ "type": "parcours-ready", "target": "widget", "detail": detail(&assess(pack, &answers)) }])
    );
    assert_eq!(page.js(REFLECTED, vec![]).await?, json!(["1", null]));

    page.click_in_shadow("#widget", "input[value=tech]").await?;
    page.wait_until(
        "parcours-change",
        "return window.cpnRecord.events.length === 2;",
        vec![],
    )
    .await?;
    answers.persona = Some(Id::new("tech").map_err(|error| format!("{error:?}"))?);
    let record = page.record().await?;
    assert_eq!(
        record["events"][1],
        json!({ "type": "parcours-change", "target": "widget", "detail": detail(&assess(pack, &answers)) })
    );
    assert_eq!(record["changes"].as_array().map(Vec::len), Some(1));
    assert_eq!(page.js(REFLECTED, vec![]).await?, json!(["1", "tech"]));

    // A new element on the same page: it restores the saved answers, which is ready, not a change.
    page.js(
        r##"$host("#widget").remove(); document.body.append(Object.assign(document.createElement("cpn-parcours"), { id: "widget" }));"##,
        vec![],
    )
    .await?;
    page.wait_until(
        "the new element's parcours-ready",
        "return window.cpnRecord.events.length === 3;",
        vec![],
    )
    .await?;
    let record = page.record().await?;
    assert_eq!(record["events"][2]["type"], json!("parcours-ready"));
    assert_eq!(record["events"][2]["detail"]["persona"], json!("tech"));
    assert_eq!(record["changes"].as_array().map(Vec::len), Some(1));
    assert_eq!(record["errors"], json!([]));
    Ok(())
}

async fn restored_answers_are_ready_not_a_change(page: Page) -> Outcome {
    let code = code_at_stage(3);
    page.open(&format!("/fixtures/csp.html#cpn.widget={code}"))
        .await?;
    page.wait_mounted("#widget").await?;
    page.wait_until(
        "parcours-ready",
        "return window.cpnRecord.events.length === 1;",
        vec![],
    )
    .await?;
    let pack = default_pack();
    let answers = Answers::decode(&code, pack)
        .map_err(|error| format!("{error:?}"))?
        .answers;
    let assessment = assess(pack, &answers);
    assert_eq!(assessment.stage.number, 3);
    assert!(!assessment.blocking.is_empty());
    page.settle().await?;
    let record = page.record().await?;
    assert_eq!(
        record["events"],
        json!([{ "type": "parcours-ready", "target": "widget", "detail": detail(&assessment) }])
    );
    assert_eq!(record["changes"], json!([]));
    assert_eq!(page.js(REFLECTED, vec![]).await?, json!(["3", "tech"]));
    Ok(())
}

/// The files of the widget and the packs the page has fetched, by path.
const FETCHED: &str = r#"return performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
  .filter((path) => path.startsWith("/dist/") || path.startsWith("/fixtures/packs/")).sort();"#;

async fn lazy_loading_fetches_nothing_until_the_element_nears_the_viewport(page: Page) -> Outcome {
    page.open("/fixtures/csp-lazy.html").await?;
    page.wait_until(
        "the loader to define the element and the page to load",
        r#"return customElements.get("cpn-parcours") !== undefined && document.readyState === "complete";"#,
        vec![],
    )
    .await?;
    // Time for the observer's first report (not intersecting), and for a wrong start to begin.
    page.settle().await?;
    page.settle().await?;
    assert_eq!(
        page.js(FETCHED, vec![]).await?,
        json!(["/dist/parcours.js"]),
        "before scrolling, only the loader"
    );
    assert_eq!(
        page.js(r##"return $host("#widget").shadowRoot === null;"##, vec![])
            .await?,
        json!(true)
    );

    page.js(r##"$host("#widget").scrollIntoView();"##, vec![])
        .await?;
    page.wait_settled().await?;
    assert_eq!(
        page.js(FETCHED, vec![]).await?,
        json!([
            "/dist/parcours.js",
            "/dist/parcours_checker.js",
            "/dist/parcours_checker_bg.wasm",
            "/dist/parcours_widget.js",
            "/dist/parcours_widget_bg.wasm",
            "/fixtures/packs/small.json",
        ]),
        "after scrolling, the widget, its checker and its pack, each once"
    );
    let record = page.record().await?;
    assert_eq!(record["errors"], json!([]));
    assert_eq!(record["violations"], json!([]));
    Ok(())
}

/// The widget's shown theme and background, and the page's background.
const THEMES: &str = r##"const shown = $in("#widget", ".cpn-parcours");
return [shown.dataset.theme, $style(shown, "background-color"), $style(document.body, "background-color")];"##;

async fn theme_auto_follows_the_dsfr_switch_live(page: Page) -> Outcome {
    page.open("/fixtures/dsfr.html").await?;
    page.wait_mounted("#widget").await?;
    // The DSFR stylesheet is really there: the page's own background is DSFR's.
    let light = json!(["light", "rgb(255, 255, 255)", "rgb(255, 255, 255)"]);
    let dark = json!(["dark", "rgb(22, 22, 22)", "rgb(22, 22, 22)"]);
    assert_eq!(page.js(THEMES, vec![]).await?, light);

    let switch = r#"document.getElementById("theme-switch").click();"#;
    page.js(switch, vec![]).await?;
    page.wait_until(
        "the widget to follow the page into dark",
        r##"return $in("#widget", ".cpn-parcours").dataset.theme === "dark";"##,
        vec![],
    )
    .await?;
    page.settle().await?;
    assert_eq!(page.js(THEMES, vec![]).await?, dark);

    // An explicit theme wins over the page's; removing it gives `auto` back, which follows the page again.
    page.js(
        r##"$host("#widget").setAttribute("theme", "light");"##,
        vec![],
    )
    .await?;
    page.settle().await?;
    assert_eq!(
        page.js(THEMES, vec![]).await?,
        json!(["light", "rgb(255, 255, 255)", "rgb(22, 22, 22)"])
    );
    page.js(r##"$host("#widget").removeAttribute("theme");"##, vec![])
        .await?;
    page.settle().await?;
    assert_eq!(page.js(THEMES, vec![]).await?, dark);

    page.js(switch, vec![]).await?;
    page.wait_until(
        "the widget to follow the page back into light",
        r##"return $in("#widget", ".cpn-parcours").dataset.theme === "light";"##,
        vec![],
    )
    .await?;
    page.settle().await?;
    assert_eq!(page.js(THEMES, vec![]).await?, light);
    let record = page.record().await?;
    assert_eq!(record["errors"], json!([]));
    assert_eq!(record["warnings"], json!([]));
    Ok(())
}

/// The public parts, each styled by `www/fixtures/theming.css` with its own `scroll-margin-top`.
const PARTS: [(&str, &str); 8] = [
    ("summary", "11px"),
    ("stepper", "12px"),
    ("step", "13px"),
    ("criterion", "14px"),
    ("resources", "15px"),
    ("support", "16px"),
    ("actions", "17px"),
    ("button", "18px"),
];

/// For each part name, how many elements carry it and the `scroll-margin-top` of each.
const PART_STYLES: &str = r##"return Object.fromEntries(arguments[0].map((name) => [name,
  $all("#widget", `[part~="${name}"]`).map((element) => $style(element, "scroll-margin-top"))]));"##;

async fn the_host_page_styles_the_widget_through_its_theming_api(page: Page) -> Outcome {
    page.open("/fixtures/csp-theming.html").await?;
    page.wait_mounted("#widget").await?;
    // Custom properties set on the element reach inside, over the DSFR fallbacks.
    assert_eq!(
        page.style("#widget", ".cpn-parcours", "background-color")
            .await?,
        "rgb(255, 250, 240)"
    );
    assert!(
        page.style("#widget", ".cpn-parcours", "font-family")
            .await?
            .starts_with("Georgia"),
    );
    // Choose a role: the resources appear, and the reflected persona styles the element from outside.
    page.click_in_shadow("#widget", "input[value=tech]").await?;
    page.wait_until(
        "the reflected persona",
        r##"return $host("#widget").getAttribute("data-persona") === "tech";"##,
        vec![],
    )
    .await?;
    page.settle().await?;
    assert_eq!(page.page_style("#widget", "outline-style").await?, "solid");

    let names: Vec<&str> = PARTS.iter().map(|(name, _)| *name).collect();
    let styles = page.js(PART_STYLES, vec![json!(names)]).await?;
    for (name, value) in PARTS {
        let found = styles[name]
            .as_array()
            .ok_or_else(|| BoxError::from(format!("no list for {name}: {styles}")))?;
        assert!(!found.is_empty(), "no element has part={name}: {styles}");
        assert!(
            found.iter().all(|style| style == value),
            "::part({name}) from the host page gives {value} to every such element: {styles}"
        );
    }
    // Control: an element that is no part keeps the default.
    assert_eq!(
        page.style("#widget", ".cpn-title", "scroll-margin-top")
            .await?,
        "0px"
    );
    let record = page.record().await?;
    assert_eq!(record["violations"], json!([]));
    Ok(())
}
