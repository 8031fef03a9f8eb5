//! Which browser engines the tests drive, and where their programs are: std-only, so that
//! `cargo xtask test` checks and installs the same programs that the browser tests start.

use std::path::PathBuf;

/// A browser engine the tests drive, each through its own WebDriver server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// Debian's `chromium`, through `chromium-driver`'s chromedriver.
    Chromium,
    /// Debian's `firefox-esr`, through geckodriver (built from its crate into `target/tools`).
    Firefox,
}

impl Engine {
    /// Every engine, in the order the tests run them.
    pub const ALL: [Engine; 2] = [Engine::Chromium, Engine::Firefox];

    /// The variable that selects the engines: `chromium`, `firefox`, or both (`chromium,firefox`, or unset).
    pub const VARIABLE: &'static str = "PARCOURS_BROWSER";

    /// The name in test names (`firefox::…`), in `$PARCOURS_BROWSER` and in `cargo xtask test --browser`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// The engines that `$PARCOURS_BROWSER` selects: both when it is unset or empty.
    pub fn selected() -> Result<Vec<Engine>, String> {
        Engine::parse_selection(std::env::var(Engine::VARIABLE).ok().as_deref())
    }

    /// The engines a comma-separated list names, in [`Engine::ALL`]'s order; both for none.
    pub fn parse_selection(list: Option<&str>) -> Result<Vec<Engine>, String> {
        let mut named = Vec::new();
        for word in list.unwrap_or_default().split(',').map(str::trim) {
            if word.is_empty() {
                continue;
            }
            match Engine::ALL.into_iter().find(|engine| engine.name() == word) {
                Some(engine) => named.push(engine),
                None => {
                    return Err(format!(
                        "${} names {word:?}, not an engine: say chromium, firefox or both (chromium,firefox)",
                        Engine::VARIABLE
                    ));
                }
            }
        }
        if named.is_empty() {
            return Ok(Engine::ALL.to_vec());
        }
        Ok(Engine::ALL
            .into_iter()
            .filter(|engine| named.contains(engine))
            .collect())
    }

    /// The browser binary: `$CHROME` (default `/usr/bin/chromium`) or `$FIREFOX` (default `/usr/bin/firefox-esr`).
    pub fn binary(self) -> PathBuf {
        let (variable, default) = match self {
            Engine::Chromium => ("CHROME", "/usr/bin/chromium"),
            Engine::Firefox => ("FIREFOX", "/usr/bin/firefox-esr"),
        };
        std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from)
    }

    /// The WebDriver server: `$CHROMEDRIVER` (default `chromedriver` on the `PATH`), or `$GECKODRIVER`
    /// (default the one `cargo xtask test` installs into `target/tools/bin`, else `geckodriver` on the `PATH`).
    pub fn driver(self) -> PathBuf {
        match self {
            Engine::Chromium => std::env::var_os("CHROMEDRIVER")
                .map_or_else(|| PathBuf::from("chromedriver"), PathBuf::from),
            Engine::Firefox => std::env::var_os("GECKODRIVER").map_or_else(
                || {
                    let installed = crate::workspace_root().join("target/tools/bin/geckodriver");
                    if installed.is_file() {
                        installed
                    } else {
                        PathBuf::from("geckodriver")
                    }
                },
                PathBuf::from,
            ),
        }
    }

    /// What to do when the driver is missing, in one line.
    pub fn install_hint(self) -> &'static str {
        match self {
            Engine::Chromium => "install chromium-driver, or set $CHROMEDRIVER",
            Engine::Firefox => {
                "`cargo xtask test` installs it into target/tools, or set $GECKODRIVER"
            }
        }
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn the_variable_selects_one_engine_or_both() {
        let both = Ok(vec![Engine::Chromium, Engine::Firefox]);
        assert_eq!(Engine::parse_selection(None), both);
        assert_eq!(Engine::parse_selection(Some("")), both);
        assert_eq!(Engine::parse_selection(Some("firefox, chromium")), both);
        assert_eq!(
            Engine::parse_selection(Some("firefox")),
            Ok(vec![Engine::Firefox])
        );
        assert_eq!(
            Engine::parse_selection(Some("chromium")),
            Ok(vec![Engine::Chromium])
        );
        assert!(
            Engine::parse_selection(Some("safari"))
                .is_err_and(|error| error.contains("\"safari\", not an engine"))
        );
    }
}
