//! Accessibility beyond axe, in the browser: the whole questionnaire with real key presses only,
//! semantics (labels in names, fieldsets and legends, heading levels, `lang`), reflow at 320 CSS px
//! with 200 % text, non-text contrast in both themes, and `prefers-reduced-motion`.
//!
//! Keys go through WebDriver actions, so the browser handles them as a person's: no click and no
//! value set by script drives the journey. Every check has a control that shows it can fail.
//! Every scenario runs in Chromium and in Firefox ESR; where their behaviour differs, the scenario
//! says so and checks each engine's own.
//! Scenarios that need the browser set up as a reader may have it (a larger default font size,
//! reduced motion) run in a browser of their own with [`Page::in_own_browser`].
//! Runs on the one scenario runner (`parcours_e2e::harness`); the scripts are in `tests/js/keyboard/`.

#![allow(
    clippy::print_stdout,
    reason = "scenarios report what they measured on the harness's terminal"
)]

use std::path::Path;
use std::process::ExitCode;

use fantoccini::key::Key;
use parcours_core::default_pack;
use parcours_e2e::browser::{BoxError, Engine, ReaderSettings};
use parcours_e2e::harness::{Outcome, Suite, note};
use parcours_e2e::page::{Page, code_at_stage};
use parcours_e2e::{scenarios, script};
use serde_json::{Value, json};

fn main() -> ExitCode {
    let scenarios = scenarios![
        keyboard_alone_completes_the_questionnaire_and_copies_the_link,
        controls_are_labelled_fieldsets_have_legends_headings_follow_the_level,
        glossary_disclosures_are_labelled_when_open,
        reflows_at_320_css_pixels_with_200_percent_text,
        focus_and_control_borders_contrast_3_to_1_in_both_themes,
        reduced_motion_turns_every_transition_off,
    ];
    Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios)
        .helpers(&[script!("keyboard/helpers.js")])
        .run()
}

/// What has the focus after a key press, and how it looks. `arguments[0]` is the host's selector.
const FOCUS_PROBE: &str = script!("keyboard/focus-probe.js");

/// Where the focus is and how it looks, from `keyboard/focus-probe.js`.
async fn focus_of(page: &Page, host: &str) -> Result<Value, BoxError> {
    page.js(FOCUS_PROBE, vec![json!(host)]).await
}

/// Presses `key` (with Shift if `shift`) and returns where the focus went.
async fn key(page: &Page, host: &str, key: Key, shift: bool) -> Result<Value, BoxError> {
    page.press(key, shift).await?;
    focus_of(page, host).await
}

/// Focus is somewhere real, and, inside the widget, drawn with a solid outline of at least 2 px.
fn check_focus(probe: &Value, after: &str) -> Outcome {
    match probe["where"].as_str() {
        Some("lost") => {
            Err(format!("focus lost (on body or nowhere) after {after}: {probe}").into())
        }
        Some("widget") => {
            let visible = probe["rendered"] == json!(true)
                && probe["outlineStyle"].as_str().is_some_and(|s| s != "none")
                && probe["outlineWidth"].as_f64().unwrap_or(0.0) >= 2.0
                && probe["outlineAlpha"].as_f64().unwrap_or(0.0) > 0.0;
            if visible {
                Ok(())
            } else {
                Err(format!("no visible focus indicator (solid outline >= 2 px) on {} after {after}: {probe}", probe["describe"]).into())
            }
        }
        _ => Ok(()),
    }
}

fn field<'a>(probe: &'a Value, name: &str) -> &'a str {
    probe[name].as_str().unwrap_or_default()
}

/// The demo page, from its first link to the link after the widget, with Tab, Shift+Tab, Space, Enter and arrows.
async fn keyboard_alone_completes_the_questionnaire_and_copies_the_link(page: Page) -> Outcome {
    const HOST: &str = "cpn-parcours";
    page.open("/").await?;
    page.wait_settled().await?;
    let pack = default_pack();
    let stages = pack.stages().len();
    let criteria: usize = pack.stages().iter().map(|s| s.gate.criteria.len()).sum();
    let mut presses = 0usize;

    // Into the widget from the host page's header and menu.
    let mut probe = focus_of(&page, HOST).await?;
    for _ in 0..30 {
        probe = key(&page, HOST, Key::Tab, false).await?;
        presses += 1;
        check_focus(&probe, "Tab from the host page")?;
        if probe["where"] == json!("widget") {
            break;
        }
    }
    if probe["where"] != json!("widget") || probe["inRole"] != json!(true) {
        return Err(format!("Tab from the page did not reach the first role: {probe}").into());
    }
    // Shift+Tab goes back out to the page, and Tab in again.
    let back = key(&page, HOST, Key::Tab, true).await?;
    if back["where"] != json!("page") {
        return Err(format!(
            "Shift+Tab from the first control did not return to the host page: {back}"
        )
        .into());
    }
    probe = key(&page, HOST, Key::Tab, false).await?;
    presses += 2;
    check_focus(&probe, "Tab back into the widget")?;

    let (mut role_arrowed, mut criterion_arrowed, mut stepper_used, mut copied) =
        (false, false, false, false);
    let mut glossary_opened = None;
    let (mut plan_reached, mut team_merged) = (false, false);
    let (mut answered, mut step_changes, mut focus_checks) = (0usize, 0usize, 0usize);
    let mut page_turns = 0usize;
    // Bounded: about four presses per criterion, plus the links of the result.
    for _ in 0..(criteria * 6 + 400) {
        check_focus(&probe, "the last key")?;
        focus_checks += 1;
        if probe["where"] == json!("page") {
            if copied {
                break;
            }
            return Err(
                format!("focus left the widget before the journey was done: {probe}").into(),
            );
        }
        if probe["type"] == json!("radio") && probe["groupAnswered"] == json!(false) {
            let name = field(&probe, "name").to_owned();
            let chosen = key(&page, HOST, Key::Space, false).await?;
            presses += 1;
            check_focus(&chosen, "Space on a radio")?;
            if chosen["checked"] != json!(true) || chosen["name"] != json!(name) {
                return Err(format!("Space did not choose the focused radio: {chosen}").into());
            }
            answered += 1;
            if chosen["inRole"] == json!(true) && !role_arrowed {
                // Arrow keys move within a radio group and choose as they go.
                let moved = key(&page, HOST, Key::Down, false).await?;
                presses += 1;
                check_focus(&moved, "ArrowDown in the roles")?;
                if moved["checked"] != json!(true)
                    || moved["value"] == chosen["value"]
                    || moved["name"] != json!(name)
                {
                    return Err(format!("ArrowDown did not choose the next role: {moved}").into());
                }
                role_arrowed = true;
            } else if chosen["inCriterion"] == json!(true) && !criterion_arrowed {
                let no = key(&page, HOST, Key::Right, false).await?;
                check_focus(&no, "ArrowRight in a criterion")?;
                let yes = key(&page, HOST, Key::Left, false).await?;
                check_focus(&yes, "ArrowLeft in a criterion")?;
                presses += 2;
                if no["value"] != json!("no")
                    || yes["value"] != json!("yes")
                    || yes["checked"] != json!(true)
                {
                    return Err(
                        format!("arrows did not move between answers: {no} then {yes}").into(),
                    );
                }
                criterion_arrowed = true;
            }
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isTerms"] == json!(true) && glossary_opened.is_none() {
            // A criterion's terms: Enter opens the disclosure, which shows the core's definition.
            let opened = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            check_focus(&opened, "Enter on a criterion's terms")?;
            let term = field(&opened, "term");
            let entry = pack
                .glossary()
                .iter()
                .find(|entry| entry.term.fr() == term)
                .ok_or_else(|| format!("the disclosure shows no term of the glossary: {opened}"))?;
            if opened["termsOpen"] != json!(true)
                || opened["definitionShown"] != json!(true)
                || !field(&opened, "definition").starts_with(entry.definition.fr())
            {
                return Err(format!(
                    "Enter did not show the definition of {term:?} beside its criterion: {opened}"
                )
                .into());
            }
            glossary_opened = Some(term.to_owned());
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["step"] == json!(1) && !stepper_used {
            // The stepper: Enter views step 2 and keeps the focus on its button; Shift+Tab and Space go back.
            let second = key(&page, HOST, Key::Enter, false).await?;
            check_focus(&second, "Enter on the step 2 button")?;
            if second["step"] != json!(1)
                || second["ariaCurrent"] != json!("step")
                || !field(&second, "viewed").starts_with("Étape 2 sur")
            {
                return Err(format!(
                    "Enter on step 2 did not view it with the focus kept: {second}"
                )
                .into());
            }
            let first = key(&page, HOST, Key::Tab, true).await?;
            check_focus(&first, "Shift+Tab in the stepper")?;
            let first = key(&page, HOST, Key::Space, false).await?;
            check_focus(&first, "Space on the step 1 button")?;
            if first["step"] != json!(0)
                || first["ariaCurrent"] != json!("step")
                || !field(&first, "viewed").starts_with("Étape 1 sur")
            {
                return Err(format!(
                    "Shift+Tab and Space did not view step 1 with the focus kept: {first}"
                )
                .into());
            }
            presses += 3;
            stepper_used = true;
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isNextQuestions"] == json!(true) {
            // A step's next page of questions: Enter shows it, and the heading, which says which
            // questions are in view, takes the focus.
            let moved = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            page_turns += 1;
            check_focus(&moved, "Enter on the next-questions button")?;
            if moved["isFocusTarget"] != json!(true)
                || !field(&moved, "viewed").contains("(questions ")
            {
                return Err(format!(
                    "the next page's heading did not take the focus and say which questions: {moved}"
                )
                .into());
            }
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isTeamForm"] == json!(true) && probe["teamFormOpen"] == json!(false) {
            // The team's form is folded: Enter opens it, and Tab goes on into it.
            let opened = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            check_focus(&opened, "Enter on the team's disclosure")?;
            if opened["teamFormOpen"] != json!(true) {
                return Err(format!("Enter did not open the team's form: {opened}").into());
            }
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isNext"] == json!(true) {
            if probe["unanswered"] != json!(0) {
                return Err(format!(
                    "reached the next-step button with questions unanswered: {probe}"
                )
                .into());
            }
            let viewed = field(&probe, "viewed").to_owned();
            let moved = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            step_changes += 1;
            check_focus(&moved, "Enter on the next-step button")?;
            let expected = format!("Étape {} sur {stages}", step_changes + 1);
            if moved["isFocusTarget"] != json!(true)
                || !field(&moved, "viewed").starts_with(&expected)
            {
                return Err(format!(
                    "after {viewed}, the next step's heading did not take the focus: {moved}"
                )
                .into());
            }
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isPlan"] == json!(true) && !plan_reached {
            // The plan of action: Enter downloads it, and the focus stays on its button.
            let after = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            check_focus(&after, "Enter on the plan of action")?;
            if after["isPlan"] != json!(true) {
                return Err(format!("the plan's button lost the focus: {after}").into());
            }
            plan_reached = true;
        }
        if probe["isTeamArea"] == json!(true) && copied && !team_merged {
            // The team: the visitor's own link typed in, Tab to the button, Enter shows the result.
            let link = field(&probe, "link").to_owned();
            page.type_text(&link).await?;
            let button = key(&page, HOST, Key::Tab, false).await?;
            check_focus(&button, "Tab to the team's button")?;
            let merged = key(&page, HOST, Key::Enter, false).await?;
            presses += link.chars().count() + 2;
            check_focus(&merged, "Enter on the team's button")?;
            if button["isTeamButton"] != json!(true)
                || merged["isTeamButton"] != json!(true)
                || !field(&merged, "teamSummary").starts_with("Vous êtes à l'étape")
            {
                return Err(format!("the team's result did not come by keyboard: {merged}").into());
            }
            team_merged = true;
            probe = key(&page, HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isCopy"] == json!(true) && !copied && step_changes + 1 == stages {
            let after = key(&page, HOST, Key::Enter, false).await?;
            presses += 1;
            check_focus(&after, "Enter on the copy-link button")?;
            if after["isCopy"] != json!(true) {
                return Err(format!(
                    "the copy-link button lost the focus when the link appeared: {after}"
                )
                .into());
            }
            if !field(&after, "link").contains("#") || field(&after, "actionStatus").is_empty() {
                return Err(format!("no link or status after copying: {after}").into());
            }
            // The clipboard is written in both engines, headless too: Chromium grants `clipboard-write`
            // to the focused page, and Firefox lets `writeText` through after a key press (user
            // activation) without asking. The status says so once the promise has settled.
            page.wait_until(
                "the status to say the link was copied",
                "return $root(arguments[0]).querySelector('.cpn-action-status').textContent.startsWith('Le lien a été copié');",
                vec![json!(HOST)],
            )
            .await?;
            copied = true;
        }
        probe = key(&page, HOST, Key::Tab, false).await?;
        presses += 1;
    }
    if !copied || probe["where"] != json!("page") {
        return Err(format!(
            "the journey did not end out of the widget after copying (copied: {copied}): {probe}"
        )
        .into());
    }
    if !field(&probe, "href").contains("embedding.html") {
        return Err(
            format!("Tab after the widget did not reach the page's next link: {probe}").into(),
        );
    }
    let summary = field(&probe, "summary");
    if !summary.contains(&format!("l'étape {stages} sur {stages}"))
        || !summary.contains("Tous les critères requis sont validés")
    {
        return Err(format!("the summary does not give the last step: {summary}").into());
    }
    let Some(term) = glossary_opened else {
        return Err("the journey never reached a criterion's glossary terms".into());
    };
    if !plan_reached || !team_merged {
        return Err(format!(
            "the journey did not reach the plan ({plan_reached}) and the team ({team_merged})"
        )
        .into());
    }
    if page_turns == 0 {
        return Err("the journey never turned a page of a step's questions".into());
    }
    if !role_arrowed || !criterion_arrowed || !stepper_used || step_changes + 1 != stages {
        return Err("the journey skipped part of what it must exercise".into());
    }
    // No trap at the end either: Shift+Tab comes back to the widget's last control, the team's link.
    let back = key(&page, HOST, Key::Tab, true).await?;
    check_focus(&back, "Shift+Tab from the page into the widget")?;
    if back["where"] != json!("widget") || back["isLink"] != json!(true) {
        return Err(
            format!("Shift+Tab from the page did not come back to the link: {back}").into(),
        );
    }
    note(format!(
        "{presses} key presses, {focus_checks} focus checks, {answered} radio groups answered ({criteria} criteria), {page_turns} pages of questions turned, {step_changes} step changes, the definition of {term:?} opened; summary: {summary}"
    ));
    // Control: with the outline removed, the same focus check fails.
    let hidden = page.js(script!("keyboard/hide-outline.js"), vec![]).await?;
    let control = focus_of(&page, HOST).await?;
    if hidden != json!(true) || check_focus(&control, "the control").is_ok() {
        return Err(format!("control: a focus without outline was not reported: {control}").into());
    }
    Ok(())
}

/// Checks one widget: names contain visible labels, radios sit in legended fieldsets, headings follow the level, lang.
/// Returns the list of problems. `arguments`: host selector, expected heading level, expected lang.
const SEMANTICS_PROBE: &str = script!("keyboard/semantics-probe.js");

async fn controls_are_labelled_fieldsets_have_legends_headings_follow_the_level(
    page: Page,
) -> Outcome {
    with_computed_names(page, semantics_in).await
}

/// Runs `body` where the engine computes accessible names itself: Chromium exposes
/// `element.computedName` behind a Blink feature flag, so `body` runs in a Chromium of its own;
/// Firefox has no such property, so `body` runs on the shared page and its names come from
/// WebDriver's Get Computed Label, one request per control ([`names_from_webdriver`]).
async fn with_computed_names(page: Page, body: impl AsyncFnOnce(&Page) -> Outcome) -> Outcome {
    match page.engine {
        Engine::Chromium => {
            let settings = ReaderSettings {
                computed_accessibility: true,
                ..ReaderSettings::default()
            };
            page.in_own_browser(settings, body).await
        }
        Engine::Firefox => body(&page).await,
    }
}

/// The accessible names of the controls of the widget `selector`, as the browser computes them,
/// for an engine without `element.computedName` (`null` where it has it).
async fn names_from_webdriver(page: &Page, selector: &str) -> Result<Value, BoxError> {
    if page.engine == Engine::Chromium {
        return Ok(Value::Null);
    }
    let controls = page
        .js(
            "return $controls($root(arguments[0]));",
            vec![json!(selector)],
        )
        .await?;
    Ok(json!(page.computed_labels(&controls).await?))
}

/// The glossary's disclosures, opened beside the criteria of step 2 and in full: their summaries and
/// links carry their visible label in their accessible name, as every other control does.
async fn glossary_disclosures_are_labelled_when_open(page: Page) -> Outcome {
    with_computed_names(page, glossary_open_in).await
}

async fn glossary_open_in(page: &Page) -> Outcome {
    page.open(&format!("/#cpn={}", code_at_stage(2))).await?;
    page.wait_settled().await?;
    let opened = page
        .js(
            "const all = $all('cpn-parcours', 'details'); for (const d of all) d.open = true; return all.length;",
            vec![],
        )
        .await?;
    if opened.as_u64().unwrap_or(0) < 2 {
        return Err(format!("only {opened} disclosures at step 2").into());
    }
    let names = names_from_webdriver(page, "cpn-parcours").await?;
    let report = page
        .js(
            SEMANTICS_PROBE,
            vec![json!("cpn-parcours"), json!(2), json!("fr"), names],
        )
        .await?;
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    if report["computed"].as_u64().unwrap_or(0) == 0 || !problems.is_empty() {
        return Err(format!("with every disclosure open: {report}").into());
    }
    note(format!(
        "{opened} disclosures open, {} controls labelled",
        report["controls"]
    ));
    Ok(())
}

async fn semantics_in(page: &Page) -> Outcome {
    let check = |selector: &'static str, level: u64, lang: &'static str, state: String| async move {
        let names = names_from_webdriver(page, selector).await?;
        let report = page
            .js(
                SEMANTICS_PROBE,
                vec![json!(selector), json!(level), json!(lang), names],
            )
            .await?;
        let problems = report["problems"].as_array().cloned().unwrap_or_default();
        if report["computed"].as_u64().unwrap_or(0) == 0 {
            return Err::<Value, BoxError>(
                format!(
                    "{state}: {} computed no accessible name: {report}",
                    page.engine
                )
                .into(),
            );
        }
        if !problems.is_empty() {
            return Err(format!("{state}: {}", Value::Array(problems)).into());
        }
        Ok(report)
    };
    // The demo page, every step's questions with every criterion answered (the result at the last step).
    page.open(&format!("/#cpn={}", code_at_stage(6))).await?;
    page.wait_settled().await?;
    let mut criteria = 0;
    let mut controls = 0;
    for step in 0..default_pack().stages().len() {
        page.js(
            "$root('cpn-parcours').querySelectorAll('.cpn-step')[arguments[0]].click();",
            vec![json!(step)],
        )
        .await?;
        page.settle().await?;
        // Every page of the step's questions.
        for page_number in 1.. {
            let report = check(
                "cpn-parcours",
                2,
                "fr",
                format!("demo page, step {}, page {page_number}", step + 1),
            )
            .await?;
            criteria += report["criteria"].as_u64().unwrap_or(0);
            controls += report["controls"].as_u64().unwrap_or(0);
            let turned = page
                .js(
                    "const next = $root('cpn-parcours').querySelector('.cpn-pager:not([hidden]) .cpn-next-questions:not(:disabled)'); if (next) next.click(); return !!next;",
                    vec![],
                )
                .await?;
            if turned != json!(true) {
                break;
            }
            page.settle().await?;
        }
    }
    let expected: usize = default_pack()
        .stages()
        .iter()
        .map(|s| s.gate.criteria.len())
        .sum();
    if criteria != expected as u64 {
        return Err(format!(
            "saw {criteria} criterion fieldsets over the steps and their pages, not {expected}"
        )
        .into());
    }
    // An English host page, and a French section of it asking for level 3.
    page.open("/fixtures/en.html").await?;
    page.wait_settled().await?;
    check("#inherits-english", 2, "en", "English host".into()).await?;
    check(
        "#inherits-french",
        3,
        "fr",
        "French section, heading-level 3".into(),
    )
    .await?;
    // A host that changes the level afterwards.
    page.js(
        "$host('#inherits-english').setAttribute('heading-level', '4');",
        vec![],
    )
    .await?;
    page.settle().await?;
    check(
        "#inherits-english",
        4,
        "en",
        "heading-level changed to 4".into(),
    )
    .await?;
    // Controls: a label that is not in the name, a radio with no legend, a skipped heading are each reported.
    page.js(script!("keyboard/plant-semantic-defects.js"), vec![])
        .await?;
    let planted = check("#inherits-french", 3, "fr", "control".into()).await;
    let message = match planted {
        Ok(report) => {
            return Err(format!("control: planted defects were not reported: {report}").into());
        }
        Err(error) => error.to_string(),
    };
    for expected in [
        "lacks the visible label «nom du projet»",
        "radio not in a fieldset with a legend",
        "skips from h3 to h6",
        "lang on the widget root is de",
    ] {
        if !message.contains(expected) {
            return Err(format!("control: {expected:?} not reported in {message}").into());
        }
    }
    note(format!(
        "{controls} controls over 5 steps and their pages, {criteria} criterion fieldsets; the planted defects were reported"
    ));
    Ok(())
}

/// Horizontal overflow of the page, and widget elements whose content is cut or pushed off screen.
const REFLOW_PROBE: &str = script!("keyboard/reflow-probe.js");

async fn reflows_at_320_css_pixels_with_200_percent_text(page: Page) -> Outcome {
    // A reader's 200 % text: the browser's default font size at 32 px instead of 16 (the widget's `medium`).
    let settings = ReaderSettings {
        default_font_size: Some(32),
        ..ReaderSettings::default()
    };
    page.in_own_browser(settings, reflow_in).await
}

async fn reflow_in(page: &Page) -> Outcome {
    page.set_viewport_width(320).await?;
    let states = [
        ("empty", "/fixtures/csp.html".to_owned()),
        (
            "questions of step 3 with the result",
            format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3)),
        ),
        (
            "result at the last step",
            format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(6)),
        ),
    ];
    for (name, path) in &states {
        page.open(path).await?;
        page.wait_settled().await?;
        let report = page.js(REFLOW_PROBE, vec![json!("#widget")]).await?;
        if report["innerWidth"] != json!(320) || report["fontSize"] != json!("32px") {
            return Err(format!("{name}: not a 320 px viewport with 32 px text: {report}").into());
        }
        if report["count"] != json!(0) {
            return Err(format!("{name}: {report}").into());
        }
        note(format!(
            "{name}: {} elements fit in {} px at {}",
            report["elements"], report["width"], report["fontSize"]
        ));
    }
    // Control: one unbreakable line wider than the viewport is reported.
    page.js(script!("keyboard/plant-wide-line.js"), vec![])
        .await?;
    page.settle().await?;
    let control = page.js(REFLOW_PROBE, vec![json!("#widget")]).await?;
    if control["count"].as_u64().unwrap_or(0) == 0 {
        return Err(
            format!("control: a clipped 80-character line was not reported: {control}").into(),
        );
    }
    Ok(())
}

/// The non-text contrast of one focused element: its outline against what lies behind it.
const FOCUS_CONTRAST: &str = script!("keyboard/focus-contrast.js");

/// Borders and indicators that identify controls and their states, against what lies behind them.
const CONTROL_CONTRAST: &str = script!("keyboard/control-contrast.js");

async fn focus_and_control_borders_contrast_3_to_1_in_both_themes(page: Page) -> Outcome {
    for theme in ["light", "dark"] {
        page.open(&format!(
            "/fixtures/csp.html#cpn.widget={}",
            code_at_stage(3)
        ))
        .await?;
        page.wait_settled().await?;
        page.js(
            &format!("$host('#widget').setAttribute('theme', '{theme}');"),
            vec![],
        )
        .await?;
        page.settle().await?;
        // The link field, so that its border is measured too: Enter on the copy button, reached by Tab.
        let mut stops = 0;
        let mut weakest: Option<Value> = None;
        let mut inside = false;
        for _ in 0..400 {
            let probe = key(&page, "#widget", Key::Tab, false).await?;
            if probe["where"] != json!("widget") {
                if inside {
                    break;
                }
                continue;
            }
            inside = true;
            check_focus(&probe, &format!("Tab ({theme} theme)"))?;
            if probe["isCopy"] == json!(true) && probe["link"].is_null() {
                page.press(Key::Enter, false).await?;
            }
            let focus = page.js(FOCUS_CONTRAST, vec![json!("#widget")]).await?;
            let ratio = focus["ratio"].as_f64().unwrap_or(0.0);
            if ratio < 3.0 {
                return Err(format!(
                    "{theme} theme: focus indicator contrast {ratio}:1 < 3:1: {focus}"
                )
                .into());
            }
            if weakest
                .as_ref()
                .is_none_or(|w| ratio < w["ratio"].as_f64().unwrap_or(0.0))
            {
                weakest = Some(focus);
            }
            stops += 1;
        }
        let controls = page.js(CONTROL_CONTRAST, vec![json!("#widget")]).await?;
        let controls = controls.as_array().cloned().unwrap_or_default();
        let failing: Vec<&Value> = controls
            .iter()
            .filter(|c| c["ratio"].as_f64().unwrap_or(0.0) < 3.0)
            .collect();
        if !failing.is_empty() {
            return Err(format!("{theme} theme: controls below 3:1: {failing:?}").into());
        }
        let kinds = [
            "button boundary",
            "current step border",
            "checked radio (accent-color)",
            "text field border",
        ];
        for kind in kinds {
            if !controls.iter().any(|c| c["what"] == json!(kind)) {
                return Err(format!("{theme} theme: nothing measured for {kind}").into());
            }
        }
        let lowest = controls
            .iter()
            .filter_map(|c| c["ratio"].as_f64())
            .fold(f64::INFINITY, f64::min);
        note(format!(
            "{theme}: {stops} focus stops, weakest focus {}:1 ({}); {} control indicators, weakest {lowest}:1",
            weakest.as_ref().map_or(json!(null), |w| w["ratio"].clone()),
            weakest
                .as_ref()
                .map_or(json!(null), |w| w["describe"].clone()),
            controls.len()
        ));
    }
    // Control: a host that sets the public `--parcours-focus` to a pale grey gets a failing ratio, measured on the
    // first control, reached with Tab in the page opened anew. Not by coming back with Shift+Tab:
    // the loop above ends with the focus past the page's last control, in the browser's own UI, and
    // from there Firefox's Shift+Tab moves among its toolbars rather than back into the page, as Chromium's does.
    page.open(&format!(
        "/fixtures/csp.html#cpn.widget={}",
        code_at_stage(3)
    ))
    .await?;
    page.wait_settled().await?;
    page.js(
        "$host('#widget').style.setProperty('--parcours-focus', '#e5e5e5');",
        vec![],
    )
    .await?;
    page.settle().await?;
    let entered = key(&page, "#widget", Key::Tab, false).await?;
    if entered["where"] != json!("widget") {
        return Err(
            format!("control: Tab in a fresh page did not reach the widget: {entered}").into(),
        );
    }
    let control = page.js(FOCUS_CONTRAST, vec![json!("#widget")]).await?;
    if control["ratio"].as_f64().is_none_or(|ratio| ratio >= 3.0) {
        return Err(
            format!("control: a pale focus colour was not measured below 3:1: {control}").into(),
        );
    }
    Ok(())
}

/// Elements of the widget that still move: a transition or an animation with a duration.
const MOTION_PROBE: &str = script!("keyboard/motion-probe.js");

async fn reduced_motion_turns_every_transition_off(page: Page) -> Outcome {
    let path = format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3));
    // Control, in the default browser: the probe does see the widget's transitions.
    page.open(&path).await?;
    page.wait_settled().await?;
    let normal = page.js(MOTION_PROBE, vec![json!("#widget")]).await?;
    if normal["reduce"] != json!(false) || normal["count"].as_u64().unwrap_or(0) == 0 {
        return Err(format!(
            "control: without reduced motion the probe found no transition: {normal}"
        )
        .into());
    }
    let settings = ReaderSettings {
        reduced_motion: true,
        ..ReaderSettings::default()
    };
    page.in_own_browser(settings, async |own_page: &Page| {
        own_page.open(&path).await?;
        own_page.wait_settled().await?;
        let reduced = own_page.js(MOTION_PROBE, vec![json!("#widget")]).await?;
        if reduced["reduce"] != json!(true) {
            return Err::<(), BoxError>(
                format!(
                    "{} did not report prefers-reduced-motion: {reduced}",
                    own_page.engine
                )
                .into(),
            );
        }
        if reduced["count"] != json!(0) {
            return Err(format!("motion left under prefers-reduced-motion: {reduced}").into());
        }
        note(format!(
            "{} moving elements normally, none with reduced motion",
            normal["count"]
        ));
        Ok(())
    })
    .await
}
