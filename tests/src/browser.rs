//! Headless Chromium through chromedriver, cleaned up even when a test panics.
//!
//! chromedriver runs in its own process group, and the whole group (chromedriver and every
//! Chromium process it started) is killed when [`Chromedriver`] is dropped.

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
    /// Starts `$CHROMEDRIVER` (default `chromedriver`) with `--port=0` and reads the port it chose
    /// from its first lines, so that no other process can take the port between a choice and its use.
    pub fn start() -> Result<Chromedriver, BoxError> {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let mut child = Command::new(&program)
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // A new process group, so that Drop can kill chromedriver and its browsers together.
            .process_group(0)
            .spawn()
            .map_err(|error| format!("cannot start {program:?} (install chromium-driver, or set $CHROMEDRIVER): {error}"))?;
        let stdout = child
            .stdout
            .take()
            .ok_or("chromedriver's stdout is not piped")?;
        // Dropped on every early return below, which kills the process group.
        let mut driver = Chromedriver { child, port: 0 };
        let (port_sender, port_receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("chromedriver-stdout".to_owned())
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
                // Keep draining, so that chromedriver never blocks on a full pipe; ends when it exits.
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

/// The port in chromedriver's line `ChromeDriver was started successfully on port 37045.`
fn announced_port(line: &str) -> Option<u16> {
    let (_, rest) = line.split_once("started successfully on port ")?;
    rest.trim().trim_end_matches('.').parse().ok()
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

#[cfg(test)]
mod tests {
    use super::announced_port;

    #[test]
    fn reads_the_port_chromedriver_chose() {
        assert_eq!(
            announced_port("ChromeDriver was started successfully on port 37045."),
            Some(37045)
        );
        assert_eq!(announced_port("Only local connections are allowed."), None);
        assert_eq!(
            announced_port("Starting ChromeDriver 156.0 on port 0"),
            None
        );
    }
}
