//! The JavaScript that the browser tests inject lives in `tests/js/*.js`, loaded with [`script!`],
//! and a test checks the syntax of every file with node, as WebDriver will run it: as a function body.

/// The text of `tests/js/$path`, embedded at compile time: `script!("keyboard/focus-probe.js")`.
#[macro_export]
macro_rules! script {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/js/", $path))
    };
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Every `.js` file under `dir`, recursively, sorted.
    fn scripts_under(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut folders = vec![dir.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|extension| extension == "js") {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    /// The text of every Rust file of this package, where the scripts are named.
    fn rust_sources() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut text = String::new();
        for folder in [root.join("src"), root.join("src/bin"), root.join("tests")] {
            for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
                if entry
                    .path()
                    .extension()
                    .is_some_and(|extension| extension == "rs")
                {
                    text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
                }
            }
        }
        text
    }

    /// node parses each file as the body of a function, which is what WebDriver's "execute script"
    /// makes of it (so `return` and `arguments` are allowed, and a top-level `await` is not), and also
    /// the prelude followed by every helper file, since a name declared twice fails only together.
    const CHECKER: &str = r#"
const fs = require("fs");
const vm = require("vm");
const [prelude, ...files] = process.argv.slice(1);
const helpers = files.filter((file) => file.endsWith("helpers.js"));
const check = (name, body) => {
  try {
    new vm.Script(`(function () {\n${body}\n})`, { filename: name, lineOffset: -1 });
    return null;
  } catch (error) {
    return `${name}: ${error.message}\n${(error.stack || "").split("\n").slice(0, 3).join("\n")}`;
  }
};
const problems = [prelude, ...files].map((file) => check(file, fs.readFileSync(file, "utf8")));
problems.push(check("the prelude and every helpers.js together",
  [prelude, ...helpers].map((file) => fs.readFileSync(file, "utf8")).join("\n")));
const failed = problems.filter((problem) => problem);
console.log(failed.length ? failed.join("\n\n") : `${files.length + 1} scripts parse`);
process.exit(failed.length ? 1 : 0);
"#;

    #[test]
    fn every_injected_script_parses_as_a_function_body() {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        let prelude = js.join("prelude.js");
        let scripts: Vec<PathBuf> = scripts_under(&js)
            .into_iter()
            .filter(|path| *path != prelude)
            .collect();
        assert!(
            scripts.len() > 10,
            "only {} scripts under {}",
            scripts.len(),
            js.display()
        );
        let output = Command::new("node")
            .arg("-e")
            .arg(CHECKER)
            .arg(&prelude)
            .args(&scripts)
            .output()
            .unwrap_or_else(|error| {
                panic!("cannot run node (it comes with npm, which `npm ci` needs): {error}")
            });
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    #[test]
    fn every_script_under_tests_js_is_used() {
        let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        let sources = rust_sources();
        let unused: Vec<String> = scripts_under(&js)
            .iter()
            .filter_map(|path| path.strip_prefix(&js).ok())
            .map(|path| path.display().to_string())
            .filter(|name| !sources.contains(&format!("script!(\"{name}\")")))
            .collect();
        assert!(unused.is_empty(), "scripts no `script!` names: {unused:?}");
    }
}
