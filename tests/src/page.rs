//! What every browser scenario works with: [`Page`], one host page of the test site in the shared
//! browser of its engine (Chromium or Firefox), with the in-page helpers of `tests/js/prelude.js` and bounded waits (never fixed sleeps).

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use parcours_core::{Answer, Answers, Id, default_pack};
use serde_json::{Value, json};

use crate::browser::{BoxError, Browser, Engine, ReaderSettings};
use crate::harness::Outcome;

/// How long a wait may take before the scenario fails with what it last saw.
pub const WAIT_TIMEOUT: Duration = Duration::from_secs(15);

/// The narrowest a Firefox browser window may be, in CSS px (its toolbars' minimum width).
pub const FIREFOX_MIN_WINDOW_WIDTH: u32 = 500;

/// How often a wait asks the page again.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// The helpers prepended to every script (`$host`, `$root`, `$in`, `$all`, `$mounted`, `$settled`…).
const PRELUDE_JS: &str = crate::script!("prelude.js");

/// The widget's own "loading content" notice in every language, read from its word list, so that
/// `$settled()` recognises the notice in any page language without a copy of the words here.
pub fn content_loading_words() -> Vec<&'static str> {
    const WORDS_RS: &str = include_str!("../../widget/src/words.rs");
    WORDS_RS
        .split("content_loading: \"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(words, _)| words))
        .collect()
}

/// The shared prelude: the loading words, then `tests/js/prelude.js`.
pub fn prelude() -> &'static str {
    static PRELUDE: OnceLock<String> = OnceLock::new();
    PRELUDE.get_or_init(|| {
        format!(
            "const $contentLoadingWords = {};\n{PRELUDE_JS}",
            json!(content_loading_words())
        )
    })
}

/// One scenario's view of the test site in a browser: the WebDriver client, the site's address and
/// the JavaScript helpers of its test target. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Page {
    /// The WebDriver client, for what the helpers below do not cover (keys, shadow roots, window size).
    pub client: Client,
    /// The engine the page runs in, for the few checks whose expected behaviour differs between engines.
    pub engine: Engine,
    /// The test site, without a trailing `/`: `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The target's own helper scripts, run after the shared prelude and before each script.
    helpers: &'static [&'static str],
    /// The scratch folder (in target/) where [`Page::in_own_browser`] puts its profiles.
    scratch: &'static Path,
}

impl Page {
    /// A page on `base_url` driven through `client`; the harness builds one for each scenario.
    pub fn new(
        client: Client,
        engine: Engine,
        base_url: String,
        helpers: &'static [&'static str],
        scratch: &'static Path,
    ) -> Page {
        Page {
            client,
            engine,
            base_url,
            helpers,
            scratch,
        }
    }

    /// Opens `path` with an empty `localStorage`, so that no scenario sees another's saved answers.
    /// A neutral page comes first, so that a new fragment on the same page is a real navigation.
    pub async fn open(&self, path: &str) -> Outcome {
        self.client
            .goto(&format!("{}/no-such-page", self.base_url))
            .await?;
        self.client.execute("localStorage.clear();", vec![]).await?;
        self.revisit(path).await
    }

    /// Opens `path` keeping `localStorage`, as a returning visitor would.
    pub async fn revisit(&self, path: &str) -> Outcome {
        self.client
            .goto(&format!("{}{}", self.base_url, path))
            .await?;
        Ok(())
    }

    /// The prelude, the target's helpers and `body`, as one script.
    fn script(&self, body: &str) -> String {
        let mut script = String::from(prelude());
        for helpers in self.helpers {
            script.push('\n');
            script.push_str(helpers);
        }
        script.push('\n');
        script.push_str(body);
        script
    }

    /// Runs `body` as a function body after the helpers, with `args` as `arguments`; a returned promise is awaited.
    pub async fn js(&self, body: &str, args: Vec<Value>) -> Result<Value, BoxError> {
        Ok(self.client.execute(&self.script(body), args).await?)
    }

    /// Like [`Page::js`] for a script that ends by calling its last argument (WebDriver's asynchronous script).
    pub async fn js_async(&self, body: &str, args: Vec<Value>) -> Result<Value, BoxError> {
        Ok(self.client.execute_async(&self.script(body), args).await?)
    }

    /// Runs `body` and returns the string it returns.
    pub async fn string(&self, body: &str, args: Vec<Value>) -> Result<String, BoxError> {
        let value = self.js(body, args).await?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("not a string: {value}").into())
    }

    /// Polls `condition` (a function body returning a boolean) until it holds, for at most `timeout`.
    pub async fn wait_for(
        &self,
        what: &str,
        condition: &str,
        args: Vec<Value>,
        timeout: Duration,
    ) -> Outcome {
        let deadline = Instant::now() + timeout;
        loop {
            let last = self.js(condition, args.clone()).await;
            if matches!(last, Ok(Value::Bool(true))) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "waited {} s for {what}; last result: {last:?}",
                    timeout.as_secs()
                )
                .into());
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// [`Page::wait_for`] with the usual [`WAIT_TIMEOUT`].
    pub async fn wait_until(&self, what: &str, condition: &str, args: Vec<Value>) -> Outcome {
        self.wait_for(what, condition, args, WAIT_TIMEOUT).await
    }

    /// Waits until the widget `selector` has rendered its result.
    pub async fn wait_mounted(&self, selector: &str) -> Outcome {
        self.wait_until(
            &format!("{selector} to mount"),
            "return $mounted(arguments[0]);",
            vec![json!(selector)],
        )
        .await
    }

    /// Waits until every widget of the page has rendered its result with no content pack still
    /// loading, then for two frames, so that the layout is done too.
    pub async fn wait_settled(&self) -> Outcome {
        self.wait_until(
            "every widget to mount with its content",
            "return $settled();",
            vec![],
        )
        .await?;
        self.settle().await
    }

    /// Waits two animation frames: the widget's effects and the layout after a scripted change.
    pub async fn settle(&self) -> Outcome {
        self.client
            .execute_async(
                "requestAnimationFrame(() => requestAnimationFrame(arguments[arguments.length - 1]));",
                vec![],
            )
            .await?;
        Ok(())
    }

    /// The text of `inner` inside the shadow root of `selector`.
    pub async fn text(&self, selector: &str, inner: &str) -> Result<String, BoxError> {
        self.string(
            "return $in(arguments[0], arguments[1]).textContent;",
            vec![json!(selector), json!(inner)],
        )
        .await
        .map_err(|error| format!("no text for {selector} {inner}: {error}").into())
    }

    /// A computed style of `inner` inside the shadow root of `selector`.
    pub async fn style(
        &self,
        selector: &str,
        inner: &str,
        property: &str,
    ) -> Result<String, BoxError> {
        self.string(
            "return $style($in(arguments[0], arguments[1]), arguments[2]);",
            vec![json!(selector), json!(inner), json!(property)],
        )
        .await
        .map_err(|error| format!("no {property} for {selector} {inner}: {error}").into())
    }

    /// A computed style of an element of the host page itself.
    pub async fn page_style(&self, selector: &str, property: &str) -> Result<String, BoxError> {
        self.string(
            "return $style($host(arguments[0]), arguments[1]);",
            vec![json!(selector), json!(property)],
        )
        .await
        .map_err(|error| format!("no {property} for {selector}: {error}").into())
    }

    /// What `www/fixtures/record.js` saw: warnings, errors, CSP violations and `parcours-change` events.
    pub async fn record(&self) -> Result<Value, BoxError> {
        self.js("return window.cpnRecord;", vec![]).await
    }

    /// Clicks an element inside a shadow root through WebDriver, as a person would.
    pub async fn click_in_shadow(&self, selector: &str, inner: &str) -> Outcome {
        let host = self.client.find(Locator::Css(selector)).await?;
        host.shadow_root()
            .await?
            .find(Locator::Css(inner))
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// The accessible names the browser itself computes for `elements` (an array of elements that a
    /// script returned), through WebDriver's Get Computed Label: what Firefox offers where Chromium
    /// has `element.computedName`.
    pub async fn computed_labels(&self, elements: &Value) -> Result<Vec<String>, BoxError> {
        let elements = elements
            .as_array()
            .ok_or_else(|| format!("not an array of elements: {elements}"))?;
        let mut labels = Vec::with_capacity(elements.len());
        for element in elements {
            let id = element[WEB_ELEMENT]
                .as_str()
                .ok_or_else(|| format!("not an element: {element}"))?;
            let label = self
                .client
                .issue_cmd(ComputedLabel {
                    element: id.to_owned(),
                })
                .await?;
            labels.push(
                label
                    .as_str()
                    .ok_or_else(|| format!("no computed label: {label}"))?
                    .to_owned(),
            );
        }
        Ok(labels)
    }

    /// Presses and releases `key`, with Shift held if `shift`, as one WebDriver action sequence.
    pub async fn press(&self, key: Key, shift: bool) -> Outcome {
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

    /// Types `text` into whatever has the focus, one key press per character, as a visitor would.
    pub async fn type_text(&self, text: &str) -> Outcome {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Makes the viewport `width` CSS px wide (and the window 900 px high), in either engine.
    ///
    /// Firefox's browser window is never narrower than [`FIREFOX_MIN_WINDOW_WIDTH`], its toolbars'
    /// minimum; a popup window has no toolbars and may be. So, in Firefox, a narrower viewport is a
    /// popup of that width, which later pages open in, until a wider viewport closes it again.
    pub async fn set_viewport_width(&self, width: u32) -> Outcome {
        if self.engine == Engine::Firefox {
            let windows = self.client.windows().await?;
            let current = self.client.window().await?;
            if width < FIREFOX_MIN_WINDOW_WIDTH && windows.len() == 1 {
                self.client
                    .execute(
                        "window.open('about:blank', 'cpn-narrow', `popup,width=${arguments[0]},height=900`);",
                        vec![json!(width)],
                    )
                    .await?;
                let popup = self
                    .client
                    .windows()
                    .await?
                    .into_iter()
                    .find(|window| *window != current)
                    .ok_or("Firefox opened no popup window")?;
                self.client.switch_to_window(popup).await?;
            } else if width >= FIREFOX_MIN_WINDOW_WIDTH && windows.len() > 1 {
                // The popup is the current window: close it and go back to the browser window.
                self.client.close_window().await?;
                let main = windows
                    .into_iter()
                    .find(|window| *window != current)
                    .ok_or("no browser window behind the popup")?;
                self.client.switch_to_window(main).await?;
            }
        }
        self.client.set_window_size(width, 900).await?;
        Ok(())
    }

    /// Runs `body` on the same site in a browser of its own, of the same engine, set up as a reader may
    /// have it (`settings`), and closes that browser whatever `body` returns.
    pub async fn in_own_browser(
        &self,
        settings: ReaderSettings,
        body: impl AsyncFnOnce(&Page) -> Outcome,
    ) -> Outcome {
        let browser = Browser::start_with(self.engine, self.scratch, settings).await?;
        let own = Page {
            client: browser.client.clone(),
            ..self.clone()
        };
        let outcome = body(&own).await;
        browser.close().await;
        outcome
    }
}

/// The key of a web element in WebDriver's JSON (its identifier is the value).
const WEB_ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// WebDriver's Get Computed Label of one element, which fantoccini does not have.
#[derive(Debug)]
struct ComputedLabel {
    element: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for ComputedLabel {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!(
            "session/{session}/element/{}/computedlabel",
            self.element
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::GET, None)
    }
}

/// An answer code for the `tech` role in a ministry: every gate before `stage` passed, one "no" and one
/// "don't know" at it, to show every list of the result; 6 means every gate passed.
pub fn code_at_stage(stage: usize) -> String {
    let pack = default_pack();
    let id = |text: &str| Id::new(text).expect("a valid id");
    let mut answers = Answers {
        persona: Some(id("tech")),
        ..Answers::default()
    };
    answers.profile.insert(id("organisation"), id("ministry"));
    answers.profile.insert(id("objective"), id("cloud-pi"));
    answers.profile.insert(id("purpose"), id("service"));
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

#[cfg(test)]
mod tests {
    use super::content_loading_words;

    #[test]
    fn the_loading_notice_is_known_in_both_languages() {
        assert_eq!(
            content_loading_words(),
            ["Chargement du contenu…", "Loading content…"]
        );
    }
}
