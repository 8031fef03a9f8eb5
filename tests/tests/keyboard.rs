//! Accessibility beyond axe, in the browser: the whole questionnaire with real key presses only,
//! semantics (labels in names, fieldsets and legends, heading levels, `lang`), reflow at 320 CSS px
//! with 200 % text, non-text contrast in both themes, and `prefers-reduced-motion`.
//!
//! Keys go through WebDriver actions, so Chromium handles them as a person's: no click and no
//! value set by script drives the journey. Every check has a control that shows it can fail.
//! Scenarios that need Chromium set up as a reader may have it (a larger default font size,
//! reduced motion) start their own browser with [`Browser::start_with`].

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test harness reports on its terminal"
)]

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use parcours_core::{Answer, Answers, Id, default_pack};
use parcours_e2e::browser::{BoxError, Browser};
use parcours_e2e::harness::{self, Outcome, Scenario};
use parcours_e2e::server::{SiteRoots, StaticServer};
use serde_json::{Value, json};

const SCENARIOS: &[(&str, Scenario<Page>)] = &[
    (
        "keyboard_alone_completes_the_questionnaire_and_copies_the_link",
        |page| Box::pin(keyboard_journey(page)),
    ),
    (
        "controls_are_labelled_fieldsets_have_legends_headings_follow_the_level",
        |page| Box::pin(semantics(page)),
    ),
    ("reflows_at_320_css_pixels_with_200_percent_text", |page| {
        Box::pin(reflow(page))
    }),
    (
        "focus_and_control_borders_contrast_3_to_1_in_both_themes",
        |page| Box::pin(non_text_contrast(page)),
    ),
    ("reduced_motion_turns_every_transition_off", |page| {
        Box::pin(reduced_motion(page))
    }),
];

fn main() -> ExitCode {
    let roots = SiteRoots {
        www: parcours_e2e::www_dir(),
        dist: parcours_e2e::dist_dir(),
    };
    harness::main(
        SCENARIOS,
        || Ok(StaticServer::start("127.0.0.1:0", roots)?),
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        |client, base_url| Page { client, base_url },
    )
}

#[derive(Debug, Clone)]
struct Page {
    client: Client,
    base_url: String,
}

/// Shared in-page helpers: colours resolved to RGB, contrast ratios, the background behind an element.
const PRELUDE: &str = r##"
const $host = (selector) => document.querySelector(selector);
const $root = (selector) => $host(selector).shadowRoot;
const $canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
/** Any CSS colour as [r, g, b, a] with a in 0..1, as the browser resolves it. */
const $rgba = (colour) => {
  $canvas.clearRect(0, 0, 1, 1);
  $canvas.fillStyle = "rgba(0, 0, 0, 0)";
  $canvas.fillStyle = colour;
  $canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = $canvas.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
};
const $over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
const $luminance = ([r, g, b]) => {
  const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const $contrast = (a, b) => {
  const [x, y] = [$luminance(a), $luminance(b)].sort((p, q) => q - p);
  return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
};
/** The parent of an element, crossing out of a shadow root to its host. */
const $parent = (element) => element.parentElement || (element.getRootNode() instanceof ShadowRoot ? element.getRootNode().host : null);
/** The opaque colour painted behind `element` (not its own background): its ancestors' backgrounds, composited. */
const $behind = (element) => {
  const layers = [];
  for (let node = $parent(element); node; node = $parent(node)) {
    const colour = $rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) break; }
  }
  return layers.reverse().reduce((below, layer) => $over(layer, below), [255, 255, 255, 1]);
};
const $describe = (element) => {
  const text = (element.getAttribute("aria-label") || element.textContent || element.value || "").replace(/\s+/g, " ").trim().slice(0, 60);
  return `${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).split(" ").join(".") : ""}${element.value && element.type === "radio" ? "[value=" + element.value + "]" : ""} «${text}»`;
};
"##;

/// What has the focus after a key press, and how it looks. `arguments[0]` is the host's selector.
const FOCUS_PROBE: &str = r##"
const host = $host(arguments[0]);
const root = host.shadowRoot;
const active = document.activeElement;
let where = "page";
let element = active;
if (active === host) {
  element = root.activeElement;
  where = element ? "widget" : "lost";
} else if (!active || active === document.body || active === document.documentElement) {
  where = "lost";
  element = null;
}
const questions = root.querySelector(".cpn-questions");
const groups = [...new Set([...questions.querySelectorAll("input[type=radio]")].map((r) => r.name))];
const out = {
  where,
  viewed: questions.querySelector(".cpn-section-title").textContent.trim(),
  unanswered: groups.filter((name) => !root.querySelector(`input[name="${name}"]:checked`)).length,
  summary: root.querySelector(".cpn-summary").textContent.trim(),
  link: root.querySelector("input.cpn-link") ? root.querySelector("input.cpn-link").value : null,
  actionStatus: root.querySelector(".cpn-action-status").textContent.trim(),
};
if (!element) return out;
const style = getComputedStyle(element);
const box = element.getBoundingClientRect();
const steps = [...root.querySelectorAll(".cpn-step")];
Object.assign(out, {
  describe: $describe(element),
  tag: element.tagName.toLowerCase(),
  type: element.type || "",
  name: element.name || "",
  value: element.value || "",
  checked: !!element.checked,
  href: element.getAttribute("href") || "",
  text: element.textContent.replace(/\s+/g, " ").trim().slice(0, 80),
  rendered: box.width > 0 && box.height > 0,
  outlineStyle: style.outlineStyle,
  outlineWidth: parseFloat(style.outlineWidth) || 0,
  outlineAlpha: $rgba(style.outlineColor)[3],
});
if (where !== "widget") return out;
Object.assign(out, {
  groupAnswered: element.type === "radio" && !!root.querySelector(`input[name="${element.name}"]:checked`),
  inRole: element.type === "radio" && element.name.endsWith("-persona"),
  inCriterion: !!element.closest("fieldset.cpn-criterion"),
  step: steps.indexOf(element),
  ariaCurrent: element.getAttribute("aria-current"),
  isNext: element.matches(".cpn-nav .cpn-button:not(.cpn-button--secondary)"),
  isCopy: element === root.querySelector(".cpn-actions .cpn-button"),
  isFocusTarget: element.matches(".cpn-focus-target"),
  isLink: element.matches("input.cpn-link"),
});
return out;
"##;

impl Page {
    async fn open(&self, path: &str) -> Outcome {
        self.client
            .goto(&format!("{}/no-such-page", self.base_url))
            .await?;
        self.client.execute("localStorage.clear();", vec![]).await?;
        self.client
            .goto(&format!("{}{}", self.base_url, path))
            .await?;
        Ok(())
    }

    async fn js(&self, body: &str, args: Vec<Value>) -> Result<Value, BoxError> {
        Ok(self
            .client
            .execute(&format!("{PRELUDE}\n{body}"), args)
            .await?)
    }

    /// Waits until every widget of the page has rendered its result, with no content still loading.
    async fn wait_mounted(&self) -> Outcome {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let ready = self
                .js(
                    r##"const hosts = [...document.querySelectorAll("cpn-parcours")];
                    return hosts.length > 0 && hosts.every((h) => h.shadowRoot && h.shadowRoot.querySelector(".cpn-summary"));"##,
                    vec![],
                )
                .await?;
            if ready == json!(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err("the widget did not mount within 15 s".into());
            }
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
    }

    /// Lets the widget's effects and the layout settle after a scripted setup.
    async fn settle(&self) -> Outcome {
        self.client
            .execute_async(
                "requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]));",
                vec![],
            )
            .await?;
        Ok(())
    }

    /// Presses and releases `key`, with Shift held if `shift`, as one WebDriver action sequence.
    async fn press(&self, key: Key, shift: bool) -> Outcome {
        let mut actions = KeyActions::new("keyboard".to_owned());
        if shift {
            actions = actions.then(KeyAction::Down {
                value: Key::Shift.into(),
            });
        }
        actions = actions
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        if shift {
            actions = actions.then(KeyAction::Up {
                value: Key::Shift.into(),
            });
        }
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    async fn probe(&self, host: &str) -> Result<Value, BoxError> {
        self.js(FOCUS_PROBE, vec![json!(host)]).await
    }

    /// Presses `key` and returns where the focus went.
    async fn key(&self, host: &str, key: Key, shift: bool) -> Result<Value, BoxError> {
        self.press(key, shift).await?;
        self.probe(host).await
    }
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
async fn keyboard_journey(page: Page) -> Outcome {
    const HOST: &str = "cpn-parcours";
    page.open("/").await?;
    page.wait_mounted().await?;
    let pack = default_pack();
    let stages = pack.stages().len();
    let criteria: usize = pack.stages().iter().map(|s| s.gate.criteria.len()).sum();
    let mut presses = 0usize;

    // Into the widget from the host page's header and menu.
    let mut probe = page.probe(HOST).await?;
    for _ in 0..30 {
        probe = page.key(HOST, Key::Tab, false).await?;
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
    let back = page.key(HOST, Key::Tab, true).await?;
    if back["where"] != json!("page") {
        return Err(format!(
            "Shift+Tab from the first control did not return to the host page: {back}"
        )
        .into());
    }
    probe = page.key(HOST, Key::Tab, false).await?;
    presses += 2;
    check_focus(&probe, "Tab back into the widget")?;

    let (mut role_arrowed, mut criterion_arrowed, mut stepper_used, mut copied) =
        (false, false, false, false);
    let (mut answered, mut step_changes, mut focus_checks) = (0usize, 0usize, 0usize);
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
            let chosen = page.key(HOST, Key::Space, false).await?;
            presses += 1;
            check_focus(&chosen, "Space on a radio")?;
            if chosen["checked"] != json!(true) || chosen["name"] != json!(name) {
                return Err(format!("Space did not choose the focused radio: {chosen}").into());
            }
            answered += 1;
            if chosen["inRole"] == json!(true) && !role_arrowed {
                // Arrow keys move within a radio group and choose as they go.
                let moved = page.key(HOST, Key::Down, false).await?;
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
                let no = page.key(HOST, Key::Right, false).await?;
                check_focus(&no, "ArrowRight in a criterion")?;
                let yes = page.key(HOST, Key::Left, false).await?;
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
            probe = page.key(HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["step"] == json!(1) && !stepper_used {
            // The stepper: Enter views step 2 and keeps the focus on its button; Shift+Tab and Space go back.
            let second = page.key(HOST, Key::Enter, false).await?;
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
            let first = page.key(HOST, Key::Tab, true).await?;
            check_focus(&first, "Shift+Tab in the stepper")?;
            let first = page.key(HOST, Key::Space, false).await?;
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
            probe = page.key(HOST, Key::Tab, false).await?;
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
            let moved = page.key(HOST, Key::Enter, false).await?;
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
            probe = page.key(HOST, Key::Tab, false).await?;
            presses += 1;
            continue;
        }
        if probe["isCopy"] == json!(true) && !copied && step_changes + 1 == stages {
            let after = page.key(HOST, Key::Enter, false).await?;
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
            copied = true;
        }
        probe = page.key(HOST, Key::Tab, false).await?;
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
    if !role_arrowed || !criterion_arrowed || !stepper_used || step_changes + 1 != stages {
        return Err("the journey skipped part of what it must exercise".into());
    }
    // No trap at the end either: Shift+Tab comes back to the widget's last control, the link.
    let back = page.key(HOST, Key::Tab, true).await?;
    check_focus(&back, "Shift+Tab from the page into the widget")?;
    if back["where"] != json!("widget") || back["isLink"] != json!(true) {
        return Err(
            format!("Shift+Tab from the page did not come back to the link: {back}").into(),
        );
    }
    println!(
        "    {presses} key presses, {focus_checks} focus checks, {answered} radio groups answered ({criteria} criteria), {step_changes} step changes; summary: {summary}"
    );
    // Control: with the outline removed, the same focus check fails.
    let hidden = page
        .js(
            r##"const sheet = new CSSStyleSheet();
            sheet.replaceSync(":focus-visible { outline: none !important; }");
            const root = $root("cpn-parcours");
            root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
            return true;"##,
            vec![],
        )
        .await?;
    let control = page.probe(HOST).await?;
    if hidden != json!(true) || check_focus(&control, "the control").is_ok() {
        return Err(format!("control: a focus without outline was not reported: {control}").into());
    }
    Ok(())
}

/// Checks one widget: names contain visible labels, radios sit in legended fieldsets, headings follow the level, lang.
/// Returns the list of problems. `arguments`: host selector, expected heading level, expected lang.
const SEMANTICS_PROBE: &str = r##"
const [selector, level, lang] = arguments;
const root = $root(selector);
const problems = [];
const clean = (text) => (text || "").replace(/\s+/g, " ").trim().toLowerCase();
const visibleText = (element) => clean(element.innerText);
let computed = 0;
/** The accessible name: the browser's own when it exposes it, else the accname rules our markup uses. */
const accessibleName = (element) => {
  if (typeof element.computedName === "string") { computed += 1; return clean(element.computedName); }
  const labelledby = element.getAttribute("aria-labelledby");
  if (labelledby) return clean(labelledby.split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(" "));
  if (element.getAttribute("aria-label")) return clean(element.getAttribute("aria-label"));
  if (element.labels && element.labels.length) return clean([...element.labels].map((l) => l.textContent).join(" "));
  return clean(element.textContent);
};
const controls = [...root.querySelectorAll("input, button, select, textarea, a[href]")];
for (const control of controls) {
  const label = control.labels && control.labels.length ? visibleText(control.labels[0]) : visibleText(control);
  const name = accessibleName(control);
  if (!label) problems.push(`no visible label: ${$describe(control)}`);
  else if (!name.includes(label)) problems.push(`accessible name «${name}» lacks the visible label «${label}»: ${$describe(control)}`);
}
for (const radio of root.querySelectorAll("input[type=radio]")) {
  const fieldset = radio.closest("fieldset");
  const legend = fieldset && fieldset.querySelector(":scope > legend");
  if (!legend || !clean(legend.textContent)) problems.push(`radio not in a fieldset with a legend: ${$describe(radio)}`);
}
const criteria = [...root.querySelectorAll(".cpn-criterion")];
for (const criterion of criteria) {
  const first = criterion.firstElementChild;
  if (criterion.tagName !== "FIELDSET" || !first || first.tagName !== "LEGEND" || !clean(first.textContent)) {
    problems.push(`criterion is not a fieldset led by a non-empty legend: ${$describe(criterion)}`);
  }
}
const headings = [...root.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
if (headings[0] !== level) problems.push(`first heading is h${headings[0]}, not h${level}`);
headings.forEach((h, i) => {
  if (h < level) problems.push(`h${h} above the host's level ${level}`);
  if (i > 0 && h > headings[i - 1] + 1) problems.push(`heading skips from h${headings[i - 1]} to h${h}`);
});
const widgetRoot = root.querySelector(".cpn-parcours");
if (widgetRoot.getAttribute("lang") !== lang) problems.push(`lang on the widget root is ${widgetRoot.getAttribute("lang")}, not ${lang}`);
return { problems, controls: controls.length, radios: root.querySelectorAll("input[type=radio]").length, criteria: criteria.length, headings, computed };
"##;

async fn semantics(page: Page) -> Outcome {
    // Chromium exposes its own accessible-name computation (`element.computedName`) behind this flag.
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let browser = Browser::start_with(
        scratch,
        &["--enable-blink-features=ComputedAccessibilityInfo"],
        None,
    )
    .await?;
    let own = Page {
        client: browser.client.clone(),
        base_url: page.base_url.clone(),
    };
    let outcome = semantics_in(&own).await;
    browser.close().await;
    outcome
}

async fn semantics_in(page: &Page) -> Outcome {
    let check = |selector: &'static str, level: u64, lang: &'static str, state: String| async move {
        let report = page
            .js(
                SEMANTICS_PROBE,
                vec![json!(selector), json!(level), json!(lang)],
            )
            .await?;
        let problems = report["problems"].as_array().cloned().unwrap_or_default();
        if report["computed"].as_u64().unwrap_or(0) == 0 {
            return Err::<Value, BoxError>(
                format!("{state}: Chromium did not expose computedName: {report}").into(),
            );
        }
        if !problems.is_empty() {
            return Err(format!("{state}: {}", Value::Array(problems)).into());
        }
        Ok(report)
    };
    // The demo page, every step's questions with every criterion answered (the result at the last step).
    page.open(&format!("/#cpn={}", code_at_stage(6))).await?;
    page.wait_mounted().await?;
    let mut criteria = 0;
    let mut controls = 0;
    for step in 0..default_pack().stages().len() {
        page.js(
            "$root('cpn-parcours').querySelectorAll('.cpn-step')[arguments[0]].click();",
            vec![json!(step)],
        )
        .await?;
        page.settle().await?;
        let report = check(
            "cpn-parcours",
            2,
            "fr",
            format!("demo page, step {}", step + 1),
        )
        .await?;
        criteria += report["criteria"].as_u64().unwrap_or(0);
        controls += report["controls"].as_u64().unwrap_or(0);
    }
    let expected: usize = default_pack()
        .stages()
        .iter()
        .map(|s| s.gate.criteria.len())
        .sum();
    if criteria != expected as u64 {
        return Err(
            format!("saw {criteria} criterion fieldsets over the steps, not {expected}").into(),
        );
    }
    // An English host page, and a French section of it asking for level 3.
    page.open("/fixtures/en.html").await?;
    page.wait_mounted().await?;
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
    page.js(
        r##"const root = $root("#inherits-french");
        const intro = root.querySelector(".cpn-intro");
        intro.insertAdjacentHTML("afterend",
          '<div><input id="planted" type="text" aria-label="Autre chose"><label for="planted">Nom du projet</label>' +
          '<fieldset><input type="radio" name="planted-radio" id="planted-radio" aria-label="Oui"><label for="planted-radio">Oui</label></fieldset>' +
          '<h6>Titre planté</h6></div>');
        root.querySelector(".cpn-parcours").setAttribute("lang", "de");"##,
        vec![],
    )
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
    println!(
        "    {controls} controls over 5 steps, {criteria} criterion fieldsets; the planted defects were reported"
    );
    Ok(())
}

/// Horizontal overflow of the page, and widget elements whose content is cut or pushed off screen.
const REFLOW_PROBE: &str = r##"
const root = $root(arguments[0]);
const width = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > width) {
  const all = [...document.body.querySelectorAll("*"), ...root.querySelectorAll("*")];
  const wide = all.filter((e) => e.getBoundingClientRect().right > width + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)).map((e) => `${$describe(e)} ${e.scrollWidth}/${e.clientWidth}`).slice(-4);
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} (${wide.slice(0, 3).join("; ") || "widget"})`);
}
for (const element of root.querySelectorAll("*")) {
  const style = getComputedStyle(element);
  if (style.display === "none") continue;
  if (/hidden|clip|auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1) {
    problems.push(`content clipped or scrolled in ${$describe(element)}: ${element.scrollWidth} > ${element.clientWidth}`);
  }
  const box = element.getBoundingClientRect();
  if (box.width > 0 && (box.right > width + 1 || box.left < -1)) problems.push(`${$describe(element)} spans ${Math.round(box.left)}..${Math.round(box.right)} of ${width} px`);
}
return {
  problems: problems.slice(0, 8),
  count: problems.length,
  width,
  innerWidth: window.innerWidth,
  fontSize: getComputedStyle(root.querySelector(".cpn-parcours")).fontSize,
  elements: root.querySelectorAll("*").length,
};
"##;

async fn reflow(page: Page) -> Outcome {
    // A reader's 200 % text: Chromium's default font size at 32 px instead of 16 (the widget's `medium`).
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let prefs = json!({ "webkit": { "webprefs": { "default_font_size": 32, "default_fixed_font_size": 26 } } });
    let browser = Browser::start_with(scratch, &[], Some(prefs)).await?;
    let own = Page {
        client: browser.client.clone(),
        base_url: page.base_url.clone(),
    };
    let outcome = reflow_in(&own).await;
    browser.close().await;
    outcome
}

async fn reflow_in(page: &Page) -> Outcome {
    page.client.set_window_size(320, 900).await?;
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
        page.wait_mounted().await?;
        let report = page.js(REFLOW_PROBE, vec![json!("#widget")]).await?;
        if report["innerWidth"] != json!(320) || report["fontSize"] != json!("32px") {
            return Err(format!("{name}: not a 320 px viewport with 32 px text: {report}").into());
        }
        if report["count"] != json!(0) {
            return Err(format!("{name}: {report}").into());
        }
        println!(
            "    {name}: {} elements fit in {} px at {}",
            report["elements"], report["width"], report["fontSize"]
        );
    }
    // Control: one unbreakable line wider than the viewport is reported.
    page.js(
        r##"const line = document.createElement("p");
        line.className = "cpn-planted";
        line.textContent = "x".repeat(80);
        line.style.whiteSpace = "nowrap";
        line.style.overflowWrap = "normal";
        line.style.overflow = "hidden";
        $root("#widget").querySelector(".cpn-intro").after(line);"##,
        vec![],
    )
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
const FOCUS_CONTRAST: &str = r##"
const active = $root(arguments[0]).activeElement;
if (!active) return null;
const style = getComputedStyle(active);
const behind = $behind(active);
const outline = $over($rgba(style.outlineColor), behind);
return { describe: $describe(active), ratio: $contrast(outline, behind), outline: style.outlineColor, behind: `rgb(${behind.slice(0, 3).map(Math.round).join(", ")})` };
"##;

/// Borders and indicators that identify controls and their states, against what lies behind them.
const CONTROL_CONTRAST: &str = r##"
const root = $root(arguments[0]);
const results = [];
const add = (what, element, colour, against) => {
  const ratio = $contrast($over($rgba(colour), against), against);
  results.push({ what, describe: $describe(element), ratio });
};
for (const button of root.querySelectorAll(".cpn-button:not(:disabled)")) {
  const style = getComputedStyle(button);
  // A filled button shows its fill; an outlined one its border.
  const fill = $rgba(style.backgroundColor);
  add("button boundary", button, fill[3] > 0 ? style.backgroundColor : style.borderTopColor, $behind(button));
}
for (const step of root.querySelectorAll(".cpn-step[aria-current=step]")) {
  add("current step border", step, getComputedStyle(step).borderTopColor, $behind(step));
}
for (const radio of root.querySelectorAll("input[type=radio]:checked")) {
  add("checked radio (accent-color)", radio, getComputedStyle(radio).accentColor, $behind(radio));
}
for (const input of root.querySelectorAll("input.cpn-link")) {
  add("text field border", input, getComputedStyle(input).borderTopColor, $rgba(getComputedStyle(input).backgroundColor));
}
return results;
"##;

async fn non_text_contrast(page: Page) -> Outcome {
    for theme in ["light", "dark"] {
        page.open(&format!(
            "/fixtures/csp.html#cpn.widget={}",
            code_at_stage(3)
        ))
        .await?;
        page.wait_mounted().await?;
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
            let probe = page.key("#widget", Key::Tab, false).await?;
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
        println!(
            "    {theme}: {stops} focus stops, weakest focus {}:1 ({}); {} control indicators, weakest {lowest}:1",
            weakest.as_ref().map_or(json!(null), |w| w["ratio"].clone()),
            weakest
                .as_ref()
                .map_or(json!(null), |w| w["describe"].clone()),
            controls.len()
        );
    }
    // Control: a host whose DSFR `--focus` token is a pale grey gets a failing ratio.
    page.js("$host('#widget').setAttribute('theme', 'light'); $host('#widget').style.setProperty('--focus', '#e5e5e5');", vec![]).await?;
    page.settle().await?;
    page.press(Key::Tab, true).await?;
    let control = page.js(FOCUS_CONTRAST, vec![json!("#widget")]).await?;
    if control["ratio"].as_f64().is_none_or(|ratio| ratio >= 3.0) {
        return Err(
            format!("control: a pale focus colour was not measured below 3:1: {control}").into(),
        );
    }
    Ok(())
}

/// Elements of the widget that still move: a transition or an animation with a duration.
const MOTION_PROBE: &str = r##"
const root = $root(arguments[0]);
const moving = [];
for (const element of root.querySelectorAll("*")) {
  for (const pseudo of [null, "::before", "::after"]) {
    const style = getComputedStyle(element, pseudo);
    const seconds = (list) => list.split(",").map((d) => parseFloat(d) || 0);
    const transition = style.transitionProperty !== "none" && seconds(style.transitionDuration).some((s) => s > 0);
    const animation = style.animationName !== "none" && seconds(style.animationDuration).some((s) => s > 0);
    if (transition || animation) moving.push(`${$describe(element)}${pseudo || ""}: ${transition ? "transition " + style.transitionDuration : ""} ${animation ? "animation " + style.animationName : ""}`);
  }
}
return { reduce: matchMedia("(prefers-reduced-motion: reduce)").matches, moving: moving.slice(0, 5), count: moving.length };
"##;

async fn reduced_motion(page: Page) -> Outcome {
    let path = format!("/fixtures/csp.html#cpn.widget={}", code_at_stage(3));
    // Control, in the default browser: the probe does see the widget's transitions.
    page.open(&path).await?;
    page.wait_mounted().await?;
    let normal = page.js(MOTION_PROBE, vec![json!("#widget")]).await?;
    if normal["reduce"] != json!(false) || normal["count"].as_u64().unwrap_or(0) == 0 {
        return Err(format!(
            "control: without reduced motion the probe found no transition: {normal}"
        )
        .into());
    }
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let browser = Browser::start_with(scratch, &["--force-prefers-reduced-motion"], None).await?;
    let own = Page {
        client: browser.client.clone(),
        base_url: page.base_url.clone(),
    };
    let outcome = async {
        own.open(&path).await?;
        own.wait_mounted().await?;
        let reduced = own.js(MOTION_PROBE, vec![json!("#widget")]).await?;
        if reduced["reduce"] != json!(true) {
            return Err::<(), BoxError>(
                format!("Chromium did not report prefers-reduced-motion: {reduced}").into(),
            );
        }
        if reduced["count"] != json!(0) {
            return Err(format!("motion left under prefers-reduced-motion: {reduced}").into());
        }
        println!(
            "    {} moving elements normally, none with reduced motion",
            normal["count"]
        );
        Ok(())
    }
    .await;
    browser.close().await;
    outcome
}

/// An answer code: every gate before `stage` passed, one "no" and one "don't know" at it; 6 means every gate passed.
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
