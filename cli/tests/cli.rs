//! The `parcours` binary, run as a user would: arguments, standard input, output and exit codes.
//!
//! Most snapshots use the small fixture pack, which is stable. The few that use the embedded default
//! pack change whenever its content does: regenerate them with `UPDATE_EXPECT=1 cargo test -p parcours-cli`.

// Fixture edits reach into JSON this file controls; a missing node is a broken test, not input.
#![allow(clippy::unwrap_used)]

use std::{
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use expect_test::{Expect, expect, expect_file};
use serde_json::{Value, json};

const SMALL: &str = "core/tests/fixtures/small.json";

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `parcours args…` from the workspace root, with `stdin` as standard input.
fn parcours(args: &[&str], stdin: &str) -> Run {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    // The command may exit before reading everything (a usage error); that is not this test's failure.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let output = child.wait_with_output().expect("the binary finishes");
    Run {
        code: output
            .status
            .code()
            .expect("the binary exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Checks the exit code and both streams in one snapshot, so a failure shows everything at once.
#[track_caller]
fn check(args: &[&str], stdin: &str, expected: Expect) {
    let run = parcours(args, stdin);
    expected.assert_eq(&format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    ));
}

fn small() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/small.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn at<'v>(value: &'v mut Value, pointer: &str) -> &'v mut Value {
    value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the fixture"))
}

/// The small fixture after `edit`, as JSON text for standard input.
fn small_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut pack = small();
    edit(&mut pack);
    serde_json::to_string_pretty(&pack).unwrap()
}

const CODE_STAGE_2: &str = "v1;k=small@1.0.0;p=tech;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor;n=s2-plan;d=s2-encryption;x=s4-cdn";
// Written as the encoder writes it (ids sorted), so that the code the report prints is this one.
const CODE_COMPLETE: &str = "v1;k=small@1.0.0;p=decision;o=objective:own-experiment,organisation:external;y=s1-risks,s1-scope,s1-sponsor,s2-plan,s3-hello,s3-rootless,s4-probes,s5-restore;x=s2-encryption,s4-cdn";

// Help, version and usage errors.

#[test]
fn help_is_printed_globally_and_per_command() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let run = parcours(args, "");
        assert_eq!(run.code, 0, "{args:?}");
        assert!(
            run.stdout.contains("Usage:\n  parcours check PACK.json"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(run.stdout.contains(
            "Exit codes:\n  0  success\n  1  invalid content pack or answer code\n  2  usage error"
        ));
        assert_eq!(run.stderr, "");
    }
    for command in ["check", "assess", "export", "schema"] {
        for flag in ["--help", "-h"] {
            let run = parcours(&[command, flag], "");
            assert_eq!(run.code, 0, "{command} {flag}");
            assert!(
                run.stdout.starts_with(&format!("parcours {command} — ")),
                "{command} {flag}: {}",
                run.stdout
            );
            assert!(run.stdout.contains("Exit codes:"), "{command} {flag}");
        }
    }
}

#[test]
fn version() {
    check(
        &["--version"],
        "",
        expect![[r#"
        exit 0
        --- stdout
        parcours 0.1.0
        --- stderr
    "#]],
    );
    assert_eq!(
        parcours(&["-V"], "").stdout,
        format!("parcours {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_with_2() {
    check(
        &[],
        "",
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: missing command: check, assess, export, plan, merge or schema
            (see "parcours --help")
        "#]],
    );
    check(
        &["frobnicate"],
        "",
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: unknown command "frobnicate"; use check, assess, export, plan, merge or schema
            (see "parcours --help")
        "#]],
    );
    check(
        &["export", "--colour"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: invalid option '--colour'
        (see "parcours export --help")
    "#]],
    );
    check(
        &["assess"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: missing CODE (an answer code or a share link), or use --interactive
        (see "parcours assess --help")
    "#]],
    );
    check(
        &["assess", "--lang", "de", "v1"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: unknown language "de"; use fr or en
        (see "parcours assess --help")
    "#]],
    );
    check(
        &["assess", "--lang"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: missing argument for option '--lang'
        (see "parcours assess --help")
    "#]],
    );
    check(
        &["export", "--format", "pdf"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: unknown format "pdf"; use md or html
        (see "parcours export --help")
    "#]],
    );
    check(
        &["export", "--standalone"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: --standalone only applies to --format html
        (see "parcours export --help")
    "#]],
    );
    check(
        &["assess", "--interactive", "v1"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: --interactive reads answers from the terminal and takes no CODE
        (see "parcours assess --help")
    "#]],
    );
    check(
        &["assess", "--pack", "-", "-"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: the pack and the code cannot both come from standard input
        (see "parcours assess --help")
    "#]],
    );
    check(
        &["check"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: missing PACK.json (or - for standard input)
        (see "parcours check --help")
    "#]],
    );
    check(
        &["check", SMALL, SMALL],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: unexpected argument "core/tests/fixtures/small.json"
        (see "parcours check --help")
    "#]],
    );
    check(
        &["schema", "--draft", "7"],
        "",
        expect![[r#"
        exit 2
        --- stdout
        --- stderr
        error: invalid option '--draft'
        (see "parcours schema --help")
    "#]],
    );
}

// check

#[test]
fn check_summarises_a_valid_pack() {
    check(
        &["check", SMALL],
        "",
        expect![[r#"
        exit 0
        --- stdout
        ok: small 1.0.0 — 5 stages, 10 criteria, 3 resources, 0 warnings
        --- stderr
    "#]],
    );
}

#[test]
fn check_reads_standard_input_and_prints_warnings() {
    let pack = small_with(|p| {
        at(p, "/stages/0/title")
            .as_object_mut()
            .unwrap()
            .remove("en");
        *at(p, "/resources/0/url") = json!("http://example.org/all");
    });
    check(
        &["check", "-"],
        &pack,
        expect![[r#"
        exit 0
        --- stdout
        ok: small 1.0.0 — 5 stages, 10 criteria, 3 resources, 2 warnings
        --- stderr
        warning: stages[0].title.en: missing english translation; the french text is shown instead
        warning: resources[0].url: insecure link "http://example.org/all"; prefer https
    "#]],
    );
}

#[test]
fn check_prints_every_error_with_its_json_path() {
    let pack = small_with(|p| {
        *at(p, "/resources/2/id") = json!("Prog_3");
        *at(p, "/stages/1/gate/criteria/0/persona") = json!("sponsor");
        *at(p, "/resources/0/url") = json!("javascript:alert(1)");
        *at(p, "/resources/1/stages") = json!([3, 9]);
        *at(p, "/stages/2/title") = json!({"en": "Step 3"});
    });
    check(
        &["check", "-"],
        &pack,
        expect![[r#"
        exit 1
        --- stdout
        invalid: 5 errors
        --- stderr
        error: stages[1].gate.criteria[0].persona: unknown persona "sponsor"
        error: stages[2].title: missing french text
        error: resources[0].url: link "javascript:alert(1)" uses the scheme "javascript:"; only https:, http:, mailto: and relative links are allowed
        error: resources[1].stages[1]: unknown stage 9
        error: resources[2].id: invalid id "Prog_3": 'P' is not allowed (use lowercase letters, digits and hyphens)
    "#]],
    );
}

#[test]
fn check_reports_syntax_and_shape_errors() {
    check(
        &["check", "-"],
        "{\"format\": 1,}",
        expect![[r#"
        exit 1
        --- stdout
        invalid: 1 error
        --- stderr
        error: invalid json at line 1 column 14: trailing comma
    "#]],
    );
    let pack = small_with(|p| {
        at(p, "/stages/3/gate/criteria/1")
            .as_object_mut()
            .unwrap()
            .insert("weight".into(), json!(2));
    });
    check(
        &["check", "-"],
        &pack,
        expect![[r#"
            exit 1
            --- stdout
            invalid: 1 error
            --- stderr
            error: stages[3].gate.criteria[1]: unknown field "weight", expected one of "id", "question", "why", "required", "allow_na", "persona", "follow_up", "url", "sources", "replaces", "since"
        "#]],
    );
}

#[test]
fn unreadable_input_is_refused() {
    check(
        &["check", "no/such/pack.json"],
        "",
        expect![[r#"
        exit 3
        --- stdout
        --- stderr
        error: cannot read "no/such/pack.json": No such file or directory (os error 2)
    "#]],
    );
    check(
        &["export", "--pack", "no/such/pack.json"],
        "",
        expect![[r#"
        exit 3
        --- stdout
        --- stderr
        error: cannot read "no/such/pack.json": No such file or directory (os error 2)
    "#]],
    );
    let run = parcours(
        &["check", "-"],
        &format!("{{\"id\": \"{}\"}}", "a".repeat(1 << 20)),
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: standard input: content pack is more than the 1048576-byte limit\n"
        )
    );
}

#[test]
fn invalid_utf8_is_an_invalid_pack() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(b"{\"id\": \"\xff\"}");
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: standard input: content pack is not valid UTF-8 (at byte 8)\n"
    );
}

// assess

#[test]
fn assess_markdown_snapshots() {
    let run = parcours(&["assess", "--pack", SMALL, CODE_STAGE_2], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/assess-small-stage-2.fr.md"].assert_eq(&run.stdout);

    let run = parcours(
        &["assess", "--pack", SMALL, "--lang", "en", CODE_COMPLETE],
        "",
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/assess-small-complete.en.md"].assert_eq(&run.stdout);
}

#[test]
fn assess_json_snapshots() {
    let run = parcours(
        &[
            "assess",
            "--pack",
            SMALL,
            "--format",
            "json",
            "--lang",
            "en",
            CODE_STAGE_2,
        ],
        "",
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/assess-small-stage-2.en.json"].assert_eq(&run.stdout);

    let run = parcours(
        &["assess", "--pack", SMALL, "--format", "json", CODE_COMPLETE],
        "",
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/assess-small-complete.fr.json"].assert_eq(&run.stdout);
    let document: Value = serde_json::from_str(&run.stdout).expect("the output is JSON");
    assert_eq!(document["code"], CODE_COMPLETE);
    assert_eq!(document["support"]["offer"], "not-planned");
}

#[test]
fn assess_reads_share_links_and_standard_input() {
    let direct = parcours(&["assess", "--pack", SMALL, CODE_STAGE_2], "");
    for link in [
        format!("https://intranet.example/projets/cloud.html#cpn={CODE_STAGE_2}"),
        format!(
            "https://intranet.example/projets/cloud.html?x=1#cpn.parcours-principal={CODE_STAGE_2}"
        ),
        format!(
            "https://intranet.example/p#cpn={}",
            CODE_STAGE_2.replace(';', "%3B").replace('=', "%3D")
        ),
    ] {
        let run = parcours(&["assess", "--pack", SMALL, &link], "");
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{link}");
        assert_eq!(run.stdout, direct.stdout, "{link}");
    }
    let run = parcours(
        &["assess", "--pack", SMALL, "-"],
        &format!("{CODE_STAGE_2}\n"),
    );
    assert_eq!(run.stdout, direct.stdout);
}

#[test]
fn assess_explains_what_the_code_loses() {
    let code = "v1;k=small@0.9.0;p=ops;o=organisation:ministry,objective:moon;y=s1-scope,s9-gone;x=s1-sponsor;z=1";
    let run = parcours(&["assess", "--pack", SMALL, "--lang", "en", code], "");
    assert_eq!(run.code, 0);
    expect![[r#"
        note: These answers were recorded with version 0.9.0 of the content.
        note: The role "ops" no longer exists; please choose your role again.
        note: The answer "moon" to profile question "objective" no longer exists.
        note: The answer to criterion "s9-gone" was not kept: that criterion no longer exists.
        note: The "not applicable" answer to criterion "s1-sponsor" was not kept: it is not allowed for that criterion.
        note: Part of the code ("z") comes from a newer version and was ignored.
    "#]]
    .assert_eq(&run.stderr);
    let run = parcours(&["assess", "--pack", SMALL, "--format", "json", code], "");
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["notes"].as_array().map(Vec::len), Some(6));
}

#[test]
fn escape_sequences_in_a_code_never_reach_the_terminal() {
    let run = parcours(
        &[
            "assess",
            "--pack",
            SMALL,
            "https://intranet.example/p#cpn=v1;p=%1B%5B2Jtech",
        ],
        "",
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "note: Le rôle « \\u{1b}[2Jtech » n'existe plus ; choisissez votre rôle à nouveau.\n"
    );
}

#[test]
fn bad_codes_exit_with_1() {
    check(
        &["assess", "--pack", SMALL, "v9;p=tech"],
        "",
        expect![[r#"
        exit 1
        --- stdout
        --- stderr
        error: answer code version 9 is newer than the supported version 1
    "#]],
    );
    check(
        &["assess", "--pack", SMALL, "hello"],
        "",
        expect![[r#"
        exit 1
        --- stdout
        --- stderr
        error: answer code does not start with a version such as "v1"
    "#]],
    );
    check(
        &["assess", "--pack", SMALL, "  "],
        "",
        expect![[r#"
        exit 1
        --- stdout
        --- stderr
        error: empty answer code
    "#]],
    );
    check(
        &[
            "assess",
            "--pack",
            SMALL,
            "https://intranet.example/projets/cloud.html#contenu",
        ],
        "",
        expect![[r#"
        exit 1
        --- stdout
        --- stderr
        error: this link has no answer code: its fragment should hold cpn=v1;…
    "#]],
    );
}

#[test]
fn a_bad_pack_exits_with_1_before_assessing() {
    let pack = small_with(|p| *at(p, "/format") = json!(2));
    check(
        &["assess", "--pack", "-", "v1"],
        &pack,
        expect![[r#"
        exit 1
        --- stdout
        --- stderr
        error: format: unsupported content pack format 2 (this version reads format 1)
        error: the content pack standard input is invalid
    "#]],
    );
}

#[test]
fn assess_with_the_default_pack() {
    // The default pack changes with its content: regenerate with UPDATE_EXPECT=1.
    let run = parcours(&["assess", "v1"], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/assess-default-empty.fr.md"].assert_eq(&run.stdout);
}

// assess --interactive

#[test]
fn interactive_answers_come_from_standard_input() {
    // Persona 3 (tech); profile: ministry, cloud-pi; stage 1: yes, yes, skip; stage 2: no, then a
    // misunderstood reply, then "I don't know"; then q.
    let answers = "3\n1\n1\n1\n1\n\n2\nmaybe\n3\nq\n";
    let run = parcours(
        &["assess", "--interactive", "--pack", SMALL, "--lang", "en"],
        answers,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let code = "v1;k=small@1.0.0;p=tech;o=objective:cloud-pi,organisation:ministry;y=s1-scope,s1-sponsor;n=s2-plan;d=s2-encryption";
    let direct = parcours(&["assess", "--pack", SMALL, "--lang", "en", code], "");
    assert_eq!(
        run.stdout, direct.stdout,
        "the interactive report is the report of the code it prints"
    );
    expect_file!["snapshots/interactive-small.en.txt"].assert_eq(&run.stderr);
}

#[test]
fn interactive_stops_at_the_end_of_the_input() {
    let run = parcours(
        &["assess", "-i", "--pack", SMALL, "--format", "json"],
        "2\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document["code"], "v1;k=small@1.0.0;p=moe");
    assert!(
        run.stderr
            .ends_with("\nCode de vos réponses : v1;k=small@1.0.0;p=moe\n"),
        "{}",
        run.stderr
    );

    let run = parcours(&["assess", "-i", "--pack", SMALL], "");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("v1;k=small@1.0.0\n"), "{}", run.stdout);
}

#[test]
fn interactive_refuses_a_pack_on_standard_input() {
    let run = parcours(&["assess", "--interactive", "--pack", "-"], "");
    assert_eq!(run.code, 2);
}

// export

#[test]
fn export_markdown_of_the_small_pack() {
    let run = parcours(&["export", "--pack", SMALL, "--format", "md"], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/export-small.fr.md"].assert_eq(&run.stdout);
    // Markdown is the default format.
    assert_eq!(
        parcours(&["export", "--pack", SMALL], "").stdout,
        run.stdout
    );
}

#[test]
fn export_html_of_the_small_pack() {
    let run = parcours(
        &[
            "export", "--pack", SMALL, "--format", "html", "--lang", "en",
        ],
        "",
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/export-small.en.html"].assert_eq(&run.stdout);
    assert_fragment_is_safe(&run.stdout);
    assert!(
        run.stdout
            .starts_with("<article class=\"parcours-export\" lang=\"en\">\n<h2>Small path</h2>\n")
    );
}

#[test]
fn export_of_the_default_pack() {
    // The default pack changes with its content: regenerate with UPDATE_EXPECT=1.
    let run = parcours(&["export", "--format", "md"], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    expect_file!["snapshots/export-default.fr.md"].assert_eq(&run.stdout);

    for lang in ["fr", "en"] {
        let run = parcours(&["export", "--format", "html", "--lang", lang], "");
        assert_eq!(run.code, 0);
        assert_fragment_is_safe(&run.stdout);
        let markdown = parcours(&["export", "--lang", lang], "");
        assert_eq!(markdown.code, 0);
    }
}

#[test]
fn standalone_html_is_a_whole_page() {
    let run = parcours(
        &[
            "export",
            "--pack",
            SMALL,
            "--format",
            "html",
            "--standalone",
            "--lang",
            "en",
        ],
        "",
    );
    assert_eq!(run.code, 0);
    let fragment = parcours(
        &[
            "export", "--pack", SMALL, "--format", "html", "--lang", "en",
        ],
        "",
    )
    .stdout;
    expect![[r#"
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Small path — complete reference</title>
        </head>
        <body>
        <main>
        FRAGMENT</main>
        </body>
        </html>
    "#]]
    .assert_eq(&run.stdout.replace(&fragment, "FRAGMENT"));
}

#[test]
fn hostile_content_stays_text() {
    let pack = small_with(|p| {
        *at(p, "/title") =
            json!({"fr": "<script>alert(1)</script> & co", "en": "<img src=x onerror=alert(1)>"});
        *at(p, "/resources/0/title/fr") =
            json!("[lien](javascript:alert(1)) *gras* `code` \"citation\" 'apostrophe'");
        *at(p, "/resources/0/url") = json!("https://example.org/a?b=\"c\"&d=<e>");
        *at(p, "/stages/0/title") = json!({"fr": "Étape en français seulement"});
    });
    let run = parcours(&["export", "--pack", "-", "--format", "html"], &pack);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_fragment_is_safe(&run.stdout);
    assert!(
        run.stdout
            .contains("<h2>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h2>")
    );
    assert!(run.stdout.contains(
        "<a href=\"https://example.org/a?b=&quot;c&quot;&amp;d=&lt;e&gt;\" hreflang=\"fr\">\
         [lien](javascript:alert(1)) *gras* `code` &quot;citation&quot; &#39;apostrophe&#39;</a>"
    ));

    let run = parcours(
        &["export", "--pack", "-", "--format", "html", "--lang", "en"],
        &pack,
    );
    assert!(
        run.stdout
            .contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>")
    );
    // A text without its English translation is marked as French inside the English page.
    assert!(
        run.stdout
            .contains("<h3>Step 1 of 5: <span lang=\"fr\">Étape en français seulement</span></h3>")
    );

    let run = parcours(&["export", "--pack", "-"], &pack);
    assert!(
        run.stdout
            .starts_with("# \\<script\\>alert(1)\\</script\\> \\& co\n")
    );
    assert!(run.stdout.contains(
        "- [\\[lien\\](javascript:alert(1)) \\*gras\\* \\`code\\` \"citation\" 'apostrophe'](https://example.org/a?b=\"c\"&d=%3Ce%3E)"
    ));
}

/// What a fallback placed inside `<cpn-parcours>` must never contain.
#[track_caller]
fn assert_fragment_is_safe(html: &str) {
    let lower = html.to_ascii_lowercase();
    for forbidden in [
        "<script", "<style", " style=", "<html", "<head", "<body", "<h1", " on",
    ] {
        let found = lower.match_indices(forbidden).find(|(at, _)| {
            // " on" only matters inside a tag, as the start of an event handler attribute.
            forbidden != " on" || lower[..*at].rfind('<') > lower[..*at].rfind('>')
        });
        assert!(found.is_none(), "the fragment contains {forbidden:?}");
    }
    for (at, _) in html.match_indices(" href=\"") {
        let href = &html[at + 7..];
        let href = &href[..href.find('"').unwrap()];
        let scheme = href
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .filter(|s| !s.contains(['/', '?', '#']));
        assert!(
            matches!(scheme, None | Some("https" | "http" | "mailto")),
            "unexpected link {href:?}"
        );
    }
    let tags = html.match_indices('<').map(|(at, _)| &html[at + 1..]);
    for tag in tags {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let allowed = [
            "article", "section", "h2", "h3", "h4", "h5", "p", "ul", "li", "strong", "span", "a",
        ];
        assert!(
            allowed.contains(&name.as_str()),
            "unexpected element <{name}>"
        );
    }
}

// schema

#[test]
fn schema_prints_the_embedded_schema() {
    let run = parcours(&["schema"], "");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, include_str!("../src/content-pack.schema.json"));
}

#[test]
fn plan_prints_the_team_s_plan_of_action_as_markdown_or_csv() {
    let code = "v1;k=small@1.0.0;p=tech;y=s1-scope;d=s1-sponsor,s3-hello;n=s1-risks";
    check(
        &["plan", "--pack", SMALL, code],
        "",
        expect![[r#"
            exit 0
            --- stdout
            ## Mon plan d'action : Étape 1 sur 5 — Étape 1

            - [ ] **Requis** · Étape 1 : Sponsor ?
              - Réponse actuelle : Je ne sais pas
              - Qui répond : Décision
              - Pourquoi : Parce que.
            - [ ] **À vérifier** · Étape 3 : Hello world ?
              - Réponse actuelle : Je ne sais pas
              - Qui répond : Technique
              - Pourquoi : Parce que.
            - [ ] **Conseil** · Étape 1 : Risques ?
              - Réponse actuelle : Non
              - Qui répond : Pilotage
              - Pourquoi : Parce que.
            --- stderr
        "#]],
    );
    let run = parcours(
        &[
            "plan", "--pack", SMALL, "--format", "csv", "--lang", "en", code,
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("\u{feff}step;type;criterion;question;answer;role;why;link\r\n")
    );
    assert_eq!(run.stdout.lines().count(), 4);
    check(
        &["plan", "--pack", SMALL, "--format", "pdf", code],
        "",
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: unknown format "pdf"; use md or csv
            (see "parcours plan --help")
        "#]],
    );
}

#[test]
fn merge_prints_the_team_code_and_the_conflicts() {
    check(
        &[
            "merge",
            "--pack",
            SMALL,
            "v1;p=decision;o=organisation:ministry,objective:cloud-pi;y=s1-scope,s1-sponsor;d=s2-plan",
            "https://intranet.example/page#cpn=v1;p=moe;o=organisation:ministry,objective:other-infra;n=s1-sponsor;y=s2-plan",
            "v1;p=tech;y=s1-scope;x=s2-encryption;d=s1-risks",
        ],
        "",
        expect![[r#"
            exit 0
            --- stdout
            v1;k=small@1.0.0;o=organisation:ministry;y=s1-scope,s2-plan;d=s1-risks;x=s2-encryption
            conflit : s1-sponsor — membre 1 : Oui, membre 2 : Non
            conflit : objective — membre 1 : cloud-pi, membre 2 : other-infra
            --- stderr
        "#]],
    );
    check(
        &["merge", "--pack", SMALL, "v1;y=s1-scope"],
        "",
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: give at least two CODEs (answer codes or share links), one per team member
            (see "parcours merge --help")
        "#]],
    );
}
