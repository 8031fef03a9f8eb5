//! Headless Chromium through chromedriver, cleaned up even when a test panics.
//!
//! chromedriver runs in its own process group, and the whole group (chromedriver and every
//! Chromium process it started) is killed when [`Chromedriver`] is dropped.

use std::error::Error;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

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

/// A chromedriver process; dropping it kills its whole process group.
#[derive(Debug)]
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    /// Starts `$CHROMEDRIVER` (default `chromedriver`) on a free port and waits until it listens.
    pub fn start() -> Result<Chromedriver, BoxError> {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // A new process group, so that Drop can kill chromedriver and its browsers together.
            .process_group(0)
            .spawn()
            .map_err(|error| format!("cannot start {program:?} (install chromium-driver, or set $CHROMEDRIVER): {error}"))?;
        let driver = Chromedriver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("{program} did not listen on port {port} within 20 s").into());
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

impl Drop for Chromedriver {
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

/// One Chromium session with its own fresh profile directory.
#[derive(Debug)]
pub struct Browser {
    /// The WebDriver client; clone it freely.
    pub client: Client,
    // Fields drop in order: the browser is killed before its profile is deleted.
    driver: Chromedriver,
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
    /// Starts chromedriver and a session whose profile lives under `scratch` (a folder in target/).
    pub async fn start(scratch: &Path) -> Result<Browser, BoxError> {
        Browser::start_with(scratch, &[], None).await
    }

    /// Like [`Browser::start`], with Chromium flags added to [`CHROMIUM_FLAGS`] and, if given, profile
    /// preferences (as `goog:chromeOptions.prefs`): what a reader may have set, such as a larger default font size.
    pub async fn start_with(
        scratch: &Path,
        extra_flags: &[&str],
        prefs: Option<Value>,
    ) -> Result<Browser, BoxError> {
        let driver = Chromedriver::start()?;
        let profile = scratch.join("e2e-profiles").join(format!(
            "{}-{}",
            std::process::id(),
            PROFILE_COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&profile)?;
        let binary = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let mut args: Vec<String> = CHROMIUM_FLAGS
            .iter()
            .map(|flag| (*flag).to_owned())
            .collect();
        args.extend(extra_flags.iter().map(|flag| (*flag).to_owned()));
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": binary, "args": args },
        });
        if let Some(prefs) = prefs {
            capabilities["goog:chromeOptions"]["prefs"] = prefs;
        }
        let Value::Object(capabilities) = capabilities else {
            return Err("capabilities must be a JSON object".into());
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .map_err(|error| {
                format!("cannot open a Chromium session through chromedriver: {error}")
            })?;
        Ok(Browser {
            client,
            driver,
            profile: ProfileDir(profile),
        })
    }

    /// Ends the session politely; the process group is killed on drop anyway.
    pub async fn close(self) {
        let Browser {
            client,
            driver,
            profile,
        } = self;
        let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        drop(driver);
        drop(profile);
    }
}
