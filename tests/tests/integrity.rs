//! Integrity end-to-end tests: the loader's SRI covers every file the widget runs, under the strict CSP.
//!
//! Runs on the one scenario runner (`parcours_e2e::harness`); its scripts are in `tests/js/integrity/`.
//! At start it writes copies of dist/ under `CARGO_TARGET_TMPDIR/integrity`, one per case, each with
//! files modified while staying valid (a custom section appended to a wasm; a comment, and a statement
//! that records that it ran, appended to a glue file), and beside each copy the fixture page
//! `www/fixtures/csp-integrity.html` with its loader pinned by `integrity="sha384-…"`. The copies are
//! served at `/fixtures/csp-integrity/<case>/`, so every page gets the strict CSP of `/fixtures/csp*`.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine;
use parcours_core::{Lang, Pack, default_pack};
use parcours_e2e::browser::BoxError;
use parcours_e2e::harness::{Outcome, Suite, default_site};
use parcours_e2e::page::Page;
use parcours_e2e::server::StaticServer;
use parcours_e2e::{scenarios, script};
use serde_json::{Value, json};
use sha2::{Digest, Sha384};

fn main() -> ExitCode {
    let scenarios = scenarios![
        the_pinned_loader_starts_both_modules_under_the_strict_csp,
        a_modified_widget_glue_is_refused,
        a_modified_widget_wasm_is_refused,
        a_modified_checker_glue_is_refused_where_content_is_set,
        a_modified_checker_wasm_is_refused_where_content_is_set,
        a_missing_widget_file_is_named_as_not_downloaded_not_as_modified,
        the_modified_files_start_when_the_loader_carries_their_hashes,
        the_english_texts_are_fetched_checked_and_shown_under_the_strict_csp,
        a_modified_english_file_is_refused_and_the_content_stays_in_french,
        the_later_texts_are_fetched_checked_and_shown_under_the_strict_csp,
        a_modified_later_file_is_refused_and_the_first_step_stays,
        a_download_fetches_the_documents_module_checked_under_the_strict_csp,
        a_modified_documents_wasm_is_refused_and_the_download_says_why,
    ];
    Suite::new(Path::new(env!("CARGO_TARGET_TMPDIR")), scenarios)
        .helpers(&[script!("integrity/helpers.js")])
        .site(|| {
            let copies = write_copies()?;
            Ok(StaticServer::start_with_mounts(
                "127.0.0.1:0",
                default_site(),
                vec![(SITE_PATH.to_owned(), copies)],
            )?)
        })
        .run()
}

/// Where the copies are served; under `/fixtures/csp` so that the server sends the strict CSP.
const SITE_PATH: &str = "fixtures/csp-integrity";

/// The fixture page that every copy gets, and the loader tag it pins.
const TEMPLATE: &str = "csp-integrity.html";
const LOADER_TAG: &str = r#"<script type="module" src="/dist/parcours.js"></script>"#;

/// The files the loader runs, each of which it must refuse when modified.
const WIDGET_GLUE: &str = "parcours_widget.js";
const WIDGET_WASM: &str = "parcours_widget_bg.wasm";
const CHECKER_GLUE: &str = "parcours_checker.js";
const CHECKER_WASM: &str = "parcours_checker_bg.wasm";
/// The default content's English texts, which the widget fetches through the loader for English pages.
const ENGLISH: &str = "parcours_widget_en.bin";
/// The French texts of the default content's later steps, fetched once a visitor goes past the first.
const LATER: &str = "parcours_widget_later.bin";
/// The module that writes the downloads, which the loader fetches on the first one.
const DOCUMENTS_GLUE: &str = "parcours_documents.js";
const DOCUMENTS_WASM: &str = "parcours_documents_bg.wasm";

/// One copy of dist/ and the page beside it.
struct Copy {
    /// Its folder, and the last segment of its URL path.
    folder: &'static str,
    /// The files modified in this copy.
    modified: &'static [&'static str],
    /// The files left out of this copy.
    missing: &'static [&'static str],
    /// Whether the loader was rewritten to carry the modified files' hashes: the control that shows
    /// the modified files are valid, so that a refusal can only come from the hash.
    rehashed: bool,
}

const COPIES: &[Copy] = &[
    Copy {
        folder: "unmodified",
        modified: &[],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "widget-glue",
        modified: &[WIDGET_GLUE],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "widget-wasm",
        modified: &[WIDGET_WASM],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "checker-glue",
        modified: &[CHECKER_GLUE],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "checker-wasm",
        modified: &[CHECKER_WASM],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "english",
        modified: &[ENGLISH],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "later",
        modified: &[LATER],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "documents-wasm",
        modified: &[DOCUMENTS_WASM],
        missing: &[],
        rehashed: false,
    },
    Copy {
        folder: "widget-wasm-missing",
        modified: &[],
        missing: &[WIDGET_WASM],
        rehashed: false,
    },
    Copy {
        folder: "rehashed",
        modified: &[WIDGET_GLUE, WIDGET_WASM, CHECKER_GLUE, CHECKER_WASM],
        missing: &[],
        rehashed: true,
    },
];

/// The `integrity` value of `bytes`, as `cargo xtask dist` computes it.
fn subresource_integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Writes every copy of dist/ with its page, and returns the folder that holds them.
fn write_copies() -> io::Result<PathBuf> {
    let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("integrity");
    if site.exists() {
        std::fs::remove_dir_all(&site)?;
    }
    let dist = parcours_e2e::dist_dir();
    let template =
        std::fs::read_to_string(parcours_e2e::www_dir().join("fixtures").join(TEMPLATE))?;
    if template.matches(LOADER_TAG).count() != 1 {
        return Err(io::Error::other(format!(
            "www/fixtures/{TEMPLATE} must have the tag {LOADER_TAG} once"
        )));
    }
    for copy in COPIES {
        let folder = site.join(copy.folder);
        std::fs::create_dir_all(&folder)?;
        for entry in std::fs::read_dir(&dist)? {
            let entry = entry?;
            std::fs::copy(entry.path(), folder.join(entry.file_name()))?;
        }
        for file in copy.missing {
            std::fs::remove_file(folder.join(file))?;
        }
        let mut loader = std::fs::read_to_string(folder.join("parcours.js"))?;
        for file in copy.modified {
            let original = std::fs::read(folder.join(file))?;
            let modified = modify(file, &original);
            std::fs::write(folder.join(file), &modified)?;
            if copy.rehashed {
                let carried = format!("\"{}\"", subresource_integrity(&original));
                if loader.matches(&carried).count() != 1 {
                    return Err(io::Error::other(format!(
                        "dist/parcours.js does not carry the hash of {file} once: run `cargo xtask dist`"
                    )));
                }
                loader = loader.replace(
                    &carried,
                    &format!("\"{}\"", subresource_integrity(&modified)),
                );
            }
        }
        std::fs::write(folder.join("parcours.js"), &loader)?;
        let pinned = format!(
            r#"<script type="module" src="parcours.js" integrity="{}"></script>"#,
            subresource_integrity(loader.as_bytes())
        );
        std::fs::write(
            folder.join("page.html"),
            template.replace(LOADER_TAG, &pinned),
        )?;
    }
    Ok(site)
}

/// `file` changed in a way that keeps it valid: a wasm gets a custom section at its end, a glue file a
/// comment and a statement that records, if it ever runs, that it ran.
fn modify(file: &str, original: &[u8]) -> Vec<u8> {
    let mut modified = original.to_vec();
    if file.ends_with(".wasm") {
        let name = b"modified";
        let payload = b"after the release";
        // Section id 0 (custom), its size, then the name with its length, then the payload; every
        // length is below 128, so each LEB128 is one byte.
        modified.push(0);
        modified.push((1 + name.len() + payload.len()) as u8);
        modified.push(name.len() as u8);
        modified.extend_from_slice(name);
        modified.extend_from_slice(payload);
    } else {
        modified.extend_from_slice(
            format!(
                "\n// Modified after the release: the loader must refuse this file.\n\
                 globalThis.cpnModifiedRan = [...(globalThis.cpnModifiedRan ?? []), \"{file}\"];\n"
            )
            .as_bytes(),
        );
    }
    modified
}

/// Opens the page beside the copy in `folder`, waits until both widgets have mounted or shown the
/// failure notice, and gives what the page shows and logged.
async fn outcome(page: &Page, folder: &str) -> Result<Value, BoxError> {
    page.open(&format!("/{SITE_PATH}/{folder}/page.html"))
        .await?;
    page.wait_until(
        "both widgets to mount or to show the failure notice",
        r##"return ["#plain", "#custom"].every((id) => $mounted(id) || $failure(id) !== null);"##,
        vec![],
    )
    .await?;
    // Two frames for a late error or a second notice to show.
    page.settle().await?;
    page.js(script!("integrity/outcome.js"), vec![]).await
}

/// Opens the page beside the copy in `folder` and waits until `#plain` has mounted and `#custom` shows
/// the host pack.
async fn open_started(page: &Page, folder: &str) -> Outcome {
    page.open(&format!("/{SITE_PATH}/{folder}/page.html"))
        .await?;
    page.wait_until(
        "#plain to mount and #custom to show the host pack",
        r##"return $mounted("#plain") && $firstStep("#custom") === arguments[0];"##,
        vec![json!(host_pack_first_step()?)],
    )
    .await
}

/// The notice of a failed start, in French (the fixture page's language).
const FAILURE_NOTICE: &str = "Le parcours Cloud Pi Native n’a pas pu se charger. Rechargez la page ; si le problème persiste, prévenez l’équipe qui gère ce site.";

/// What the loader logs for an element whose start met the modified `file`.
fn refusal_log(file: &str) -> String {
    format!(
        "<cpn-parcours>: the widget could not start. {file} was refused: its SHA-384 is not the one in parcours.js."
    )
}

/// The French title of the first step of the host pack that `#custom` loads.
fn host_pack_first_step() -> Result<String, BoxError> {
    let json = std::fs::read_to_string(parcours_e2e::www_dir().join("fixtures/packs/small.json"))?;
    let (pack, _warnings) = Pack::load(&json).map_err(|error| error.to_string())?;
    Ok(pack.stages()[0].title.get(Lang::Fr).to_owned())
}

fn default_first_step() -> String {
    default_pack().stages()[0].title.get(Lang::Fr).to_owned()
}

/// Checks that a modified file of the widget itself stops both widgets, each with the notice and a
/// console error naming the file, and that nothing of it ran.
async fn check_widget_file_refused(page: &Page, folder: &str, file: &str) -> Outcome {
    let facts = outcome(page, folder).await?;
    let refused = json!({ "mounted": false, "failure": FAILURE_NOTICE, "firstStep": null });
    assert_eq!(
        facts,
        json!({
            "plain": refused,
            "custom": refused,
            "errors": [refusal_log(file), refusal_log(file)],
            "violations": [],
            "ran": [],
        })
    );
    Ok(())
}

/// Checks that a modified file of the checker stops the widget with `content`, with the notice and a
/// console error naming the file, while the widget without `content`, which never runs the checker,
/// works; and that nothing of the file ran.
async fn check_checker_file_refused(page: &Page, folder: &str, file: &str) -> Outcome {
    let facts = outcome(page, folder).await?;
    assert_eq!(
        facts,
        json!({
            "plain": { "mounted": true, "failure": null, "firstStep": default_first_step() },
            "custom": { "mounted": false, "failure": FAILURE_NOTICE, "firstStep": null },
            "errors": [refusal_log(file)],
            "violations": [],
            "ran": [],
        })
    );
    Ok(())
}

async fn the_pinned_loader_starts_both_modules_under_the_strict_csp(page: Page) -> Outcome {
    open_started(&page, "unmodified").await?;
    let record = page.record().await?;
    assert_eq!(
        (&record["errors"], &record["violations"]),
        (&json!([]), &json!([])),
        "{record}"
    );
    assert_eq!(
        page.js(script!("integrity/fetched.js"), vec![]).await?,
        json!({
            "preloads": [[WIDGET_GLUE, true], [CHECKER_GLUE, true]],
            "fetched": ["parcours.js", CHECKER_GLUE, CHECKER_WASM, WIDGET_GLUE, WIDGET_WASM],
            "pinned": true,
        })
    );
    Ok(())
}

async fn a_modified_widget_glue_is_refused(page: Page) -> Outcome {
    check_widget_file_refused(&page, "widget-glue", WIDGET_GLUE).await
}

async fn a_modified_widget_wasm_is_refused(page: Page) -> Outcome {
    check_widget_file_refused(&page, "widget-wasm", WIDGET_WASM).await
}

async fn a_modified_checker_glue_is_refused_where_content_is_set(page: Page) -> Outcome {
    check_checker_file_refused(&page, "checker-glue", CHECKER_GLUE).await
}

async fn a_modified_checker_wasm_is_refused_where_content_is_set(page: Page) -> Outcome {
    check_checker_file_refused(&page, "checker-wasm", CHECKER_WASM).await
}

/// The other answer of the loader's second request: a file that is not there fails the start with the
/// same notice, and the console says that it could not be downloaded, not that it was modified.
async fn a_missing_widget_file_is_named_as_not_downloaded_not_as_modified(page: Page) -> Outcome {
    let facts = outcome(&page, "widget-wasm-missing").await?;
    let failed = json!({ "mounted": false, "failure": FAILURE_NOTICE, "firstStep": null });
    let logged = format!(
        "<cpn-parcours>: the widget could not start. {WIDGET_WASM} could not be downloaded."
    );
    assert_eq!(
        facts,
        json!({
            "plain": failed,
            "custom": failed,
            "errors": [logged, logged],
            "violations": [],
            "ran": [],
        })
    );
    Ok(())
}

/// The control: the same four modified files, with a loader that carries their hashes, start and
/// run, so the refusals above come from the hashes and the record of a modified glue that runs works.
async fn the_modified_files_start_when_the_loader_carries_their_hashes(page: Page) -> Outcome {
    open_started(&page, "rehashed").await?;
    let facts = page.js(script!("integrity/outcome.js"), vec![]).await?;
    assert_eq!(
        (&facts["errors"], &facts["violations"], &facts["ran"]),
        (&json!([]), &json!([]), &json!([CHECKER_GLUE, WIDGET_GLUE])),
        "{facts}"
    );
    Ok(())
}

/// Switches `#plain`, which shows the default content, to English.
async fn switch_plain_to_english(page: &Page) -> Outcome {
    page.js(r##"$host("#plain").setAttribute("lang", "en");"##, vec![])
        .await?;
    Ok(())
}

/// An English page fetches the English texts, through the loader's hash, under the strict CSP.
async fn the_english_texts_are_fetched_checked_and_shown_under_the_strict_csp(
    page: Page,
) -> Outcome {
    open_started(&page, "unmodified").await?;
    switch_plain_to_english(&page).await?;
    let english_title = default_pack().stages()[0].title.get(Lang::En).to_owned();
    page.wait_until(
        "#plain to show the default content in English",
        r##"return $firstStep("#plain") === arguments[0];"##,
        vec![json!(english_title)],
    )
    .await?;
    let record = page.record().await?;
    assert_eq!(
        (
            &record["errors"],
            &record["violations"],
            &record["warnings"]
        ),
        (&json!([]), &json!([]), &json!([])),
        "{record}"
    );
    let fetched = page.js(script!("integrity/fetched.js"), vec![]).await?;
    assert_eq!(
        fetched["fetched"],
        json!([
            "parcours.js",
            CHECKER_GLUE,
            CHECKER_WASM,
            WIDGET_GLUE,
            WIDGET_WASM,
            ENGLISH
        ]),
        "{fetched}"
    );
    Ok(())
}

/// A modified English file is refused by its hash: the widget goes on, says why in a notice, and
/// shows the content in French under an English interface.
async fn a_modified_english_file_is_refused_and_the_content_stays_in_french(page: Page) -> Outcome {
    open_started(&page, "english").await?;
    switch_plain_to_english(&page).await?;
    page.wait_until(
        "#plain to say that the English texts could not be loaded",
        r##"return !!$root("#plain").querySelector(".cpn-notice--error");"##,
        vec![],
    )
    .await?;
    let notice = page
        .js(
            r##"return $root("#plain").querySelector(".cpn-notice--error").textContent;"##,
            vec![],
        )
        .await?;
    assert_eq!(
        notice,
        json!(format!(
            "The English texts of the path could not be loaded; they are shown in French. Reason: {ENGLISH} was refused: its SHA-384 is not the one in parcours.js."
        ))
    );
    assert_eq!(
        page.js(r##"return $firstStep("#plain");"##, vec![]).await?,
        json!(default_first_step())
    );
    Ok(())
}

/// Shows the questions of the second step in `#plain`, which shows the default content.
async fn view_second_step(page: &Page) -> Outcome {
    page.js(r##"$all("#plain", ".cpn-step")[1].click();"##, vec![])
        .await?;
    Ok(())
}

/// The first question of the second step, as the core has it in French.
fn second_step_question() -> String {
    default_pack().stages()[1].gate.criteria[0]
        .question
        .get(Lang::Fr)
        .to_owned()
}

/// A visitor past the first step gets the later steps' texts, through the loader's hash, under the
/// strict CSP, fetched once for the page.
async fn the_later_texts_are_fetched_checked_and_shown_under_the_strict_csp(page: Page) -> Outcome {
    open_started(&page, "unmodified").await?;
    view_second_step(&page).await?;
    page.wait_until(
        "#plain to show the second step's questions",
        r##"return $in("#plain", ".cpn-criterion .cpn-legend")?.textContent.startsWith(arguments[0]);"##,
        vec![json!(second_step_question())],
    )
    .await?;
    let record = page.record().await?;
    assert_eq!(
        (
            &record["errors"],
            &record["violations"],
            &record["warnings"]
        ),
        (&json!([]), &json!([]), &json!([])),
        "{record}"
    );
    let fetched = page.js(script!("integrity/fetched.js"), vec![]).await?;
    assert_eq!(
        fetched["fetched"],
        json!([
            "parcours.js",
            CHECKER_GLUE,
            CHECKER_WASM,
            WIDGET_GLUE,
            WIDGET_WASM,
            LATER
        ]),
        "{fetched}"
    );
    Ok(())
}

/// A modified file of the later texts is refused by its hash: the widget goes on, says why in a
/// notice, keeps the first step as it was, and says in place of a later step's questions that its
/// texts could not be loaded, never showing blanks.
async fn a_modified_later_file_is_refused_and_the_first_step_stays(page: Page) -> Outcome {
    open_started(&page, "later").await?;
    view_second_step(&page).await?;
    page.wait_until(
        "#plain to say that the later texts could not be loaded",
        r##"return !!$root("#plain").querySelector(".cpn-notice--error");"##,
        vec![],
    )
    .await?;
    let facts = page
        .js(
            r##"return {
  notice: $root("#plain").querySelector(".cpn-notice--error").textContent,
  placeholder: $in("#plain", ".cpn-questions .cpn-later--failed")?.textContent ?? null,
  questions: $all("#plain", ".cpn-criterion").length,
};"##,
            vec![],
        )
        .await?;
    assert_eq!(
        facts,
        json!({
            "notice": format!("Les textes des étapes suivantes du parcours n'ont pas pu être chargés\u{a0}; vos réponses sont conservées. Raison\u{a0}: {LATER} was refused: its SHA-384 is not the one in parcours.js."),
            "placeholder": "Les textes de cette étape n'ont pas pu être chargés\u{a0}: rechargez la page pour les afficher. Vos réponses sont conservées.",
            "questions": 0,
        })
    );
    // The first step is whole: its questions come back with their texts.
    page.js(r##"$all("#plain", ".cpn-step")[0].click();"##, vec![])
        .await?;
    let first_question = default_pack().stages()[0].gate.criteria[0]
        .question
        .get(Lang::Fr)
        .to_owned();
    page.wait_until(
        "#plain to show the first step's questions again",
        r##"return $in("#plain", ".cpn-criterion .cpn-legend")?.textContent.startsWith(arguments[0]);"##,
        vec![json!(first_question)],
    )
    .await
}

/// Clicks "Télécharger la synthèse" in `#plain` and gives the text of the file it offers, or `null`
/// once the status line says why there is none.
const DOWNLOAD: &str = r##"return (async () => {
  const original = URL.createObjectURL;
  let captured = null;
  URL.createObjectURL = (blob) => { captured = blob; return original.call(URL, blob); };
  const status = () => $root("#plain").querySelector(".cpn-action-status").textContent;
  try {
    [...$root("#plain").querySelectorAll(".cpn-actions .cpn-button")]
      .find((button) => button.textContent.startsWith("Télécharger la synthèse"))
      .click();
    for (let wait = 0; wait < 400 && captured === null && status() === ""; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    URL.createObjectURL = original;
  }
  return { text: captured && (await captured.text()), status: status() };
})();"##;

/// The first download fetches the documents module, through its preload and its hash, under the
/// strict CSP, and offers the core's summary.
async fn a_download_fetches_the_documents_module_checked_under_the_strict_csp(
    page: Page,
) -> Outcome {
    open_started(&page, "unmodified").await?;
    let downloaded = page.js(DOWNLOAD, vec![]).await?;
    let expected = parcours_core::report::markdown(
        &parcours_core::assess(default_pack(), &parcours_core::Answers::default()),
        Lang::Fr,
    );
    assert_eq!(downloaded, json!({ "text": expected, "status": "" }));
    let fetched = page.js(script!("integrity/fetched.js"), vec![]).await?;
    assert_eq!(
        fetched["preloads"],
        json!([
            [WIDGET_GLUE, true],
            [CHECKER_GLUE, true],
            [DOCUMENTS_GLUE, true]
        ]),
        "{fetched}"
    );
    assert_eq!(
        fetched["fetched"],
        json!([
            "parcours.js",
            CHECKER_GLUE,
            CHECKER_WASM,
            DOCUMENTS_GLUE,
            DOCUMENTS_WASM,
            WIDGET_GLUE,
            WIDGET_WASM,
            // A document covers every step: the later steps' texts come first.
            LATER
        ]),
        "{fetched}"
    );
    let record = page.record().await?;
    assert_eq!(
        (&record["errors"], &record["violations"]),
        (&json!([]), &json!([])),
        "{record}"
    );
    Ok(())
}

/// A modified documents module is refused by its hash: no file is offered, the status line says
/// why, and the widget goes on.
async fn a_modified_documents_wasm_is_refused_and_the_download_says_why(page: Page) -> Outcome {
    open_started(&page, "documents-wasm").await?;
    let downloaded = page.js(DOWNLOAD, vec![]).await?;
    assert_eq!(
        downloaded,
        json!({
            "text": null,
            "status": format!("Le fichier n'a pas pu être préparé. Raison\u{a0}: {DOCUMENTS_WASM} was refused: its SHA-384 is not the one in parcours.js."),
        })
    );
    assert_eq!(
        page.js(r##"return $firstStep("#plain");"##, vec![]).await?,
        json!(default_first_step())
    );
    Ok(())
}
