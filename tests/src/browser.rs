//! Headless Chromium through chromedriver, or headless Firefox ESR through geckodriver, cleaned up even when a test panics.
//!
//! The driver runs in its own process group, and the whole group (the driver and every browser
//! process it started) is killed when [`Driver`] is dropped. Which engines the browser tests run in
//! is [`Engine::selected`], from `$PARCOURS_BROWSER`.

use std::error::Error;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub use crate::engine::Engine;

/// Any error the harness reports; tests print it and fail.
pub type BoxError = Box<dyn Error + Send + Sync>;

/// The flags every session starts Chromium with; `--no-sandbox` is required when running as root in CI.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

/// The arguments every session starts Firefox with (root needs no flag of its own, unlike Chromium's sandbox).
pub const FIREFOX_ARGUMENTS: &[&str] = &["-headless", "-width=1280", "-height=900"];

/// The preferences every Firefox profile starts with, beside geckodriver's own (which already turn off
/// updates, telemetry uploads and safe-browsing downloads): nothing that would reach the internet,
/// which the test machines cannot, nor any first-run page or dialog.
pub fn firefox_preferences() -> Value {
    json!({
        "app.normandy.enabled": false,
        "app.shield.optoutstudies.enabled": false,
        "browser.aboutwelcome.enabled": false,
        "browser.discovery.enabled": false,
        "browser.newtabpage.activity-stream.feeds.section.topstories": false,
        "browser.newtabpage.activity-stream.feeds.system.topsites": false,
        "browser.ping-centre.telemetry": false,
        "browser.region.network.url": "",
        "browser.region.update.enabled": false,
        "browser.safebrowsing.downloads.remote.enabled": false,
        "browser.search.geoip.url": "",
        "browser.search.update": false,
        "browser.shell.checkDefaultBrowser": false,
        "browser.topsites.contile.enabled": false,
        "captivedetect.canonicalURL": "",
        "datareporting.healthreport.uploadEnabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "dom.push.connection.enabled": false,
        "extensions.blocklist.enabled": false,
        "extensions.getAddons.cache.enabled": false,
        "extensions.update.enabled": false,
        "geo.provider.network.url": "",
        "media.gmp-manager.url": "",
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "network.dns.disablePrefetch": true,
        "network.http.speculative-parallel-limit": 0,
        "network.prefetch-next": false,
        "network.trr.mode": 5,
        "services.settings.server": "",
        "toolkit.telemetry.enabled": false,
        "toolkit.telemetry.server": "",
        "toolkit.telemetry.unified": false,
    })
}

/// What a reader may have set in their browser, for the scenarios that need it; each engine
/// has its own way to say it ([`Browser::start_with`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderSettings {
    /// The default font size in CSS px instead of the engines' 16 (the widget's `medium`); the
    /// fixed-width size follows at the same ratio as the engines' 13 to 16.
    pub default_font_size: Option<u32>,
    /// `prefers-reduced-motion: reduce`, as the system setting would give it.
    pub reduced_motion: bool,
    /// Chromium's own accessible-name computation on elements (`element.computedName`, behind a
    /// Blink feature flag). Firefox has no such property; its scenarios ask WebDriver's Get Computed Label.
    pub computed_accessibility: bool,
}

impl ReaderSettings {
    /// Chromium's flags and `goog:chromeOptions.prefs` for these settings.
    fn chromium(self) -> (Vec<String>, Option<Value>) {
        let mut flags = Vec::new();
        if self.reduced_motion {
            flags.push("--force-prefers-reduced-motion".to_owned());
        }
        if self.computed_accessibility {
            flags.push("--enable-blink-features=ComputedAccessibilityInfo".to_owned());
        }
        let prefs = self.default_font_size.map(|size| {
            json!({ "webkit": { "webprefs": {
                "default_font_size": size,
                "default_fixed_font_size": size * 13 / 16,
            } } })
        });
        (flags, prefs)
    }

    /// Firefox's `about:config` preferences for these settings, added to [`firefox_preferences`].
    fn firefox(self, preferences: &mut Value) {
        if let Some(size) = self.default_font_size {
            // The pages are French and English: both Latin script, Firefox's `x-western` font group.
            preferences["font.size.variable.x-western"] = json!(size);
            preferences["font.size.monospace.x-western"] = json!(size * 13 / 16);
        }
        if self.reduced_motion {
            preferences["ui.prefersReducedMotion"] = json!(1);
        }
    }
}

/// A WebDriver server process; dropping it kills its whole process group.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts the engine's WebDriver server on a port it picks itself (`--port=0` for chromedriver,
    /// `--port 0` for geckodriver) and reads that port from its first lines, so that no other process
    /// can take the port between a choice and its use. geckodriver creates its profiles in `profiles`.
    pub fn start(engine: Engine, profiles: &Path) -> Result<Driver, BoxError> {
        let program = engine.driver();
        let mut command = Command::new(&program);
        match engine {
            Engine::Chromium => {
                command.arg("--port=0");
            }
            Engine::Firefox => {
                command
                    .args(["--port", "0", "--profile-root"])
                    .arg(profiles)
                    .args(["--log", "info"]);
            }
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // A new process group, so that Drop can kill the driver and its browsers together.
            .process_group(0)
            .spawn()
            .map_err(|error| {
                format!(
                    "cannot start {program:?} ({}): {error}",
                    engine.install_hint()
                )
            })?;
        let program = program.display().to_string();
        let stdout = child
            .stdout
            .take()
            .ok_or("the driver's stdout is not piped")?;
        // Dropped on every early return below, which kills the process group.
        let mut driver = Driver { child, port: 0 };
        let (port_sender, port_receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(format!("{engine}-driver-stdout"))
            .spawn(move || {
                let mut seen = Vec::new();
                let mut lines = BufReader::new(stdout).lines();
                for line in lines.by_ref().map_while(Result::ok) {
                    if let Some(port) = announced_port(&line) {
                        let _ = port_sender.send(Ok(port));
                        break;
                    }
                    seen.push(line);
                }
                let _ = port_sender.send(Err(seen.join(" / ")));
                // Keep draining, so that the driver never blocks on a full pipe; ends when it exits.
                lines.for_each(drop);
            })?;
        let deadline = Duration::from_secs(20);
        driver.port = match port_receiver.recv_timeout(deadline) {
            Ok(Ok(port)) => port,
            Ok(Err(seen)) => {
                return Err(format!(
                    "{program} exited without saying its port; it printed: {seen}"
                )
                .into());
            }
            Err(_) => {
                return Err(format!(
                    "{program} did not say its port within {} s",
                    deadline.as_secs()
                )
                .into());
            }
        };
        // It announces the port once it listens; check anyway, since the WebDriver client does not retry.
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", driver.port)).is_err() {
            if started.elapsed() > deadline {
                return Err(format!(
                    "{program} did not listen on port {} within {} s",
                    driver.port,
                    deadline.as_secs()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// The port in chromedriver's line `ChromeDriver was started successfully on port 37045.` or
/// geckodriver's `1764680000000 geckodriver INFO Listening on 127.0.0.1:37045` (with tabs between the fields).
fn announced_port(line: &str) -> Option<u16> {
    if let Some((_, rest)) = line.split_once("started successfully on port ") {
        return rest.trim().trim_end_matches('.').parse().ok();
    }
    let (_, address) = line.split_once("\tListening on ")?;
    address.trim().rsplit_once(':')?.1.parse().ok()
}

impl Drop for Driver {
    fn drop(&mut self) {
        // `process_group(0)` made the child's pid its group id; a negative pid names the group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session with its own fresh profile directory.
#[derive(Debug)]
pub struct Browser {
    /// The WebDriver client; clone it freely.
    pub client: Client,
    /// The engine this session runs in.
    pub engine: Engine,
    // Fields drop in order: the browser is killed before its profile is deleted.
    driver: Driver,
    profile: ProfileDir,
}

/// A scratch profile folder, deleted on drop.
#[derive(Debug)]
struct ProfileDir(PathBuf);

impl Drop for ProfileDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static PROFILE_COUNTER: AtomicU32 = AtomicU32::new(0);

impl Browser {
    /// Starts the engine's driver and a session whose profile lives under `scratch` (a folder in target/).
    pub async fn start(engine: Engine, scratch: &Path) -> Result<Browser, BoxError> {
        Browser::start_with(engine, scratch, ReaderSettings::default()).await
    }

    /// Like [`Browser::start`], in a browser set up as a reader may have it: for Chromium, flags added to
    /// [`CHROMIUM_FLAGS`] and profile preferences (`goog:chromeOptions.prefs`); for Firefox,
    /// `about:config` preferences added to [`firefox_preferences`] (`moz:firefoxOptions.prefs`).
    pub async fn start_with(
        engine: Engine,
        scratch: &Path,
        settings: ReaderSettings,
    ) -> Result<Browser, BoxError> {
        let profile = scratch.join("e2e-profiles").join(format!(
            "{}-{}",
            std::process::id(),
            PROFILE_COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&profile)?;
        let profile = ProfileDir(profile);
        let driver = Driver::start(engine, &profile.0)?;
        let binary = engine.binary();
        let capabilities = match engine {
            Engine::Chromium => {
                let (extra_flags, prefs) = settings.chromium();
                let mut args: Vec<String> = CHROMIUM_FLAGS
                    .iter()
                    .map(|flag| (*flag).to_owned())
                    .collect();
                args.extend(extra_flags);
                args.push(format!("--user-data-dir={}", profile.0.display()));
                let mut capabilities = json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": { "binary": binary, "args": args },
                });
                if let Some(prefs) = prefs {
                    capabilities["goog:chromeOptions"]["prefs"] = prefs;
                }
                capabilities
            }
            Engine::Firefox => {
                let mut prefs = firefox_preferences();
                // Downloads go to the profile folder, deleted with it, and never ask where.
                prefs["browser.download.dir"] = json!(profile.0.join("downloads"));
                prefs["browser.download.folderList"] = json!(2);
                prefs["browser.download.useDownloadDir"] = json!(true);
                prefs["browser.download.always_ask_before_handling_new_types"] = json!(false);
                // Nor open the downloads panel, which takes the focus from the page: the keyboard
                // journey downloads the plan with Enter and checks that the focus stays on its button.
                prefs["browser.download.alwaysOpenPanel"] = json!(false);
                settings.firefox(&mut prefs);
                json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "binary": binary,
                        "args": FIREFOX_ARGUMENTS,
                        "prefs": prefs,
                        // MOZ_HEADLESS as well as -headless: no display is needed whichever Firefox reads first.
                        "env": { "MOZ_HEADLESS": "1", "MOZ_CRASHREPORTER_DISABLE": "1" },
                    },
                })
            }
        };
        let Value::Object(capabilities) = capabilities else {
            return Err("capabilities must be a JSON object".into());
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .map_err(|error| {
                format!(
                    "cannot open a {engine} session through {}: {error}",
                    engine.driver().display()
                )
            })?;
        Ok(Browser {
            client,
            engine,
            driver,
            profile,
        })
    }

    /// Ends the session politely; the process group is killed on drop anyway.
    pub async fn close(self) {
        let Browser {
            client,
            driver,
            profile,
            ..
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        drop(driver);
        drop(profile);
    }
}

#[cfg(test)]
mod tests {
    use super::announced_port;

    #[test]
    fn reads_the_port_each_driver_chose() {
        assert_eq!(
            announced_port("ChromeDriver was started successfully on port 37045."),
            Some(37045)
        );
        assert_eq!(announced_port("Only local connections are allowed."), None);
        assert_eq!(
            announced_port("Starting ChromeDriver 156.0 on port 0"),
            None
        );
        assert_eq!(
            announced_port("1764680000000\tgeckodriver\tINFO\tListening on 127.0.0.1:41851"),
            Some(41851)
        );
        assert_eq!(
            announced_port("1764680000000\tgeckodriver\tINFO\tListening on [::1]:41851"),
            Some(41851)
        );
    }
}
