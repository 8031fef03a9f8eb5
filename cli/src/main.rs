//! The `parcours` command: checks content packs, assesses answer codes and exports the whole path.
//!
//! Everything the command says comes from `parcours-core`; this crate only reads files, parses
//! arguments and renders. Exit codes: 0 ok, 1 invalid pack or answer code, 2 usage error, 3 I/O error.

mod assess;
mod export;
mod input;
mod interactive;
mod output;
mod team;

use std::process::ExitCode;

use lexopt::{Arg, Parser, ValueExt};
use parcours_core::Lang;

use crate::output::Failure;

/// The content pack JSON Schema, shipped inside the binary; `www/content-pack.schema.json` is a copy
/// that a test keeps identical.
const SCHEMA: &str = include_str!("content-pack.schema.json");

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  invalid content pack or answer code
  2  usage error (unknown option, missing argument…)
  3  I/O error (file not found, unreadable input, closed output…)";

const HELP: &str = "\
parcours — the Cloud Pi Native path on the command line

Usage:
  parcours check PACK.json
  parcours assess [--pack PACK.json] [--lang fr|en] [--format md|json] CODE
  parcours assess --interactive [--pack PACK.json] [--lang fr|en] [--format md|json]
  parcours export [--pack PACK.json] [--lang fr|en] [--format md|html] [--standalone]
  parcours plan [--pack PACK.json] [--lang fr|en] [--format md|csv] CODE
  parcours merge [--pack PACK.json] [--lang fr|en] CODE CODE…
  parcours schema

Commands:
  check   Load a content pack and report every error and warning with its JSON path.
  assess  Say where a team stands from an answer code or a share link, or ask the questions here.
  export  Print the whole path, every step, criterion and resource, as Markdown or HTML.
  schema  Print the JSON Schema (draft 2020-12) of content packs.

Options:
  -h, --help     Print help (also after a command: parcours assess --help)
  -V, --version  Print the version

A file argument of \"-\" reads standard input.
Without --pack, the content pack embedded in this binary is used.
";

const CHECK_HELP: &str = "\
parcours check — validate a content pack

Usage:
  parcours check PACK.json
  parcours check - < PACK.json

Loads the pack as the widget does. Every error and warning goes to standard error, one per line,
as \"error: <json path>: <message>\" or \"warning: <json path>: <message>\".
A one-line summary goes to standard output. Warnings (a missing English translation, an http: link,
an unused source…) do not make the check fail; errors do.

Options:
  -h, --help  Print help
";

const ASSESS_HELP: &str = "\
parcours assess — where a team stands, why, and what to do next

Usage:
  parcours assess [--pack PACK.json] [--lang fr|en] [--format md|json] CODE
  parcours assess --interactive [--pack PACK.json] [--lang fr|en] [--format md|json]

CODE is an answer code (v1;k=…;p=…) or a whole share link whose fragment holds it
(https://intranet.example/page#cpn=v1;… or #cpn.<element-id>=v1;…). \"-\" reads it from standard input.
What the code holds that the pack does not know is dropped and explained on standard error.

With --interactive, the persona, the profile questions and every step's criteria are asked on standard
error and read from standard input, one answer per line: the number of a choice, Enter to skip,
q to stop and get the result so far. The report then goes to standard output, and the answer code
to standard error as well.

Options:
      --pack PACK.json  Content pack to use (default: the embedded one)
      --lang fr|en      Language of the report (default: fr)
      --format md|json  Markdown report, as the widget downloads it, or a JSON document (default: md)
  -i, --interactive     Ask the questions in the terminal instead of reading a code
  -h, --help            Print help
";

const EXPORT_HELP: &str = "\
parcours export — the whole path as one document

Usage:
  parcours export [--pack PACK.json] [--lang fr|en] [--format md|html] [--standalone]

Every step (maturity level, team question, programme guidance, persona focus, support, contacts),
every gate criterion, every resource, the eligibility cases and phases, and the sources.

The HTML is a fragment with headings from h2, no script and no style, every text escaped: place it inside
<cpn-parcours>…</cpn-parcours> as the fallback shown without JavaScript. --standalone wraps it in a
complete page for a printable reference.

Options:
      --pack PACK.json  Content pack to use (default: the embedded one)
      --lang fr|en      Language of the document (default: fr)
      --format md|html  Markdown or HTML (default: md)
      --standalone      With --format html: a complete page with <html lang> and a title
  -h, --help            Print help
";

const PLAN_HELP: &str = "\
parcours plan — the team's plan of action

Usage:
  parcours plan [--pack PACK.json] [--lang fr|en] [--format md|csv] CODE

The current step's required criteria not yet validated, then every \"don't know\" answer to check,
then the current step's advice, each with the role that usually answers, why, and a link.
Markdown is a task list to paste into a GitLab issue; CSV is UTF-8 with a byte order mark and \";\"
between fields, as a French spreadsheet opens it. CODE is an answer code or a share link; \"-\" reads
it from standard input.

Options:
      --pack PACK.json  Content pack to use (default: the embedded one)
      --lang fr|en      Language of the plan (default: fr)
      --format md|csv   Markdown task list or CSV (default: md)
  -h, --help            Print help
";

const MERGE_HELP: &str = "\
parcours merge — several team members' answers as one team result

Usage:
  parcours merge [--pack PACK.json] [--lang fr|en] CODE CODE…

Prints the merged answer code on the first line, then one line per conflict
(\"conflit : <id> — membre 1 : Oui, membre 2 : Non\"). Answers that agree stand; a known answer wins
over \"don't know\"; known answers that differ are a conflict and stay unanswered, so they never count
as validated. Profile answers follow the same rule; the role is kept only when all agree.

Options:
      --pack PACK.json  Content pack to use (default: the embedded one)
      --lang fr|en      Language of the conflict lines (default: fr)
  -h, --help            Print help
";

const SCHEMA_HELP: &str = "\
parcours schema — the JSON Schema of content packs

Usage:
  parcours schema > content-pack.schema.json

Prints the JSON Schema (draft 2020-12) that describes the content pack format. It rejects what the
loader rejects wherever JSON Schema can say it; references between ids (a criterion's persona, a
resource's stages…) are checked by \"parcours check\" only.

Options:
  -h, --help  Print help
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn run() -> Result<(), Failure> {
    let mut parser = Parser::from_env();
    // Global options come before the command; everything after it belongs to the command.
    let command = match parser.next().map_err(|e| Failure::usage(None, e))? {
        Some(Arg::Short('h') | Arg::Long("help")) => return output::print(&with_exit_codes(HELP)),
        Some(Arg::Short('V') | Arg::Long("version")) => {
            return output::print(&format!("parcours {}\n", env!("CARGO_PKG_VERSION")));
        }
        Some(Arg::Value(command)) => command.string().map_err(|e| Failure::usage(None, e))?,
        Some(arg) => return Err(Failure::usage(None, arg.unexpected())),
        None => {
            return Err(Failure::usage(
                None,
                "missing command: check, assess, export, plan, merge or schema",
            ));
        }
    };
    match command.as_str() {
        "check" => check(&mut parser),
        "assess" => assess(&mut parser),
        "export" => export(&mut parser),
        "plan" => plan(&mut parser),
        "merge" => merge(&mut parser),
        "schema" => schema(&mut parser),
        "help" => output::print(&with_exit_codes(HELP)),
        other => Err(Failure::usage(
            None,
            format!(
                "unknown command \"{other}\"; use check, assess, export, plan, merge or schema"
            ),
        )),
    }
}

fn with_exit_codes(help: &str) -> String {
    format!("{help}\n{EXIT_CODES}\n")
}

fn check(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("check"), e);
    let mut file: Option<String> = None;
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => {
                return output::print(&with_exit_codes(CHECK_HELP));
            }
            Arg::Value(value) if file.is_none() => file = Some(value.string().map_err(usage)?),
            // A lone "-" is lexopt's Value, so this only catches a second file.
            other => return Err(usage(other.unexpected())),
        }
    }
    let file = file.ok_or_else(|| usage("missing PACK.json (or - for standard input)".into()))?;
    input::check(&file)
}

/// The options shared by `assess` and `export`.
struct Common {
    pack: Option<String>,
    lang: Lang,
    format: Option<String>,
}

impl Common {
    fn new() -> Common {
        Common {
            pack: None,
            lang: Lang::Fr,
            format: None,
        }
    }
}

/// The value of the option just read, as UTF-8.
fn option_value(parser: &mut Parser, command: &'static str) -> Result<String, Failure> {
    let usage = |e| Failure::usage(Some(command), e);
    parser.value().map_err(usage)?.string().map_err(usage)
}

fn lang_value(parser: &mut Parser, command: &'static str) -> Result<Lang, Failure> {
    let tag = option_value(parser, command)?;
    Lang::from_tag(&tag).ok_or_else(|| {
        Failure::usage(
            Some(command),
            format!("unknown language \"{tag}\"; use fr or en"),
        )
    })
}

fn assess(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("assess"), e);
    let mut common = Common::new();
    let mut interactive = false;
    let mut code: Option<String> = None;
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Long("pack") => common.pack = Some(option_value(parser, "assess")?),
            Arg::Long("lang") => common.lang = lang_value(parser, "assess")?,
            Arg::Long("format") => common.format = Some(option_value(parser, "assess")?),
            Arg::Short('h') | Arg::Long("help") => {
                return output::print(&with_exit_codes(ASSESS_HELP));
            }
            Arg::Short('i') | Arg::Long("interactive") => interactive = true,
            Arg::Value(value) if code.is_none() => code = Some(value.string().map_err(usage)?),
            other => return Err(usage(other.unexpected())),
        }
    }
    let format = match common.format.as_deref() {
        None | Some("md" | "markdown") => assess::Format::Markdown,
        Some("json") => assess::Format::Json,
        Some(other) => {
            return Err(usage(
                format!("unknown format \"{other}\"; use md or json").into(),
            ));
        }
    };
    let stdin_pack = common.pack.as_deref() == Some("-");
    match (interactive, code) {
        (true, Some(_)) => Err(usage(
            "--interactive reads answers from the terminal and takes no CODE".into(),
        )),
        (true, None) if stdin_pack => Err(usage(
            "--interactive reads answers from standard input, so --pack cannot be \"-\"".into(),
        )),
        (true, None) => {
            let pack = input::pack(common.pack.as_deref())?;
            interactive::run(&pack, common.lang, format)
        }
        (false, None) => Err(usage(
            "missing CODE (an answer code or a share link), or use --interactive".into(),
        )),
        (false, Some(code)) if code == "-" && stdin_pack => Err(usage(
            "the pack and the code cannot both come from standard input".into(),
        )),
        (false, Some(code)) => {
            let code = if code == "-" {
                input::stdin_text()?
            } else {
                code
            };
            let pack = input::pack(common.pack.as_deref())?;
            assess::from_code(&pack, &code, common.lang, format)
        }
    }
}

fn export(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("export"), e);
    let mut common = Common::new();
    let mut standalone = false;
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Long("pack") => common.pack = Some(option_value(parser, "export")?),
            Arg::Long("lang") => common.lang = lang_value(parser, "export")?,
            Arg::Long("format") => common.format = Some(option_value(parser, "export")?),
            Arg::Short('h') | Arg::Long("help") => {
                return output::print(&with_exit_codes(EXPORT_HELP));
            }
            Arg::Long("standalone") => standalone = true,
            other => return Err(usage(other.unexpected())),
        }
    }
    let format = match common.format.as_deref() {
        None | Some("md" | "markdown") => export::Format::Markdown,
        Some("html") => export::Format::Html { standalone },
        Some(other) => {
            return Err(usage(
                format!("unknown format \"{other}\"; use md or html").into(),
            ));
        }
    };
    if standalone && matches!(format, export::Format::Markdown) {
        return Err(usage("--standalone only applies to --format html".into()));
    }
    let pack = input::pack(common.pack.as_deref())?;
    output::print(&export::render(&pack, common.lang, format))
}

fn plan(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("plan"), e);
    let mut common = Common::new();
    let mut code: Option<String> = None;
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Long("pack") => common.pack = Some(option_value(parser, "plan")?),
            Arg::Long("lang") => common.lang = lang_value(parser, "plan")?,
            Arg::Long("format") => common.format = Some(option_value(parser, "plan")?),
            Arg::Short('h') | Arg::Long("help") => {
                return output::print(&with_exit_codes(PLAN_HELP));
            }
            Arg::Value(value) if code.is_none() => code = Some(value.string().map_err(usage)?),
            other => return Err(usage(other.unexpected())),
        }
    }
    let format = match common.format.as_deref() {
        None | Some("md" | "markdown") => team::PlanFormat::Markdown,
        Some("csv") => team::PlanFormat::Csv,
        Some(other) => {
            return Err(usage(
                format!("unknown format \"{other}\"; use md or csv").into(),
            ));
        }
    };
    let code = code.ok_or_else(|| usage("missing CODE (an answer code or a share link)".into()))?;
    if code == "-" && common.pack.as_deref() == Some("-") {
        return Err(usage(
            "the pack and the code cannot both come from standard input".into(),
        ));
    }
    let code = if code == "-" {
        input::stdin_text()?
    } else {
        code
    };
    let pack = input::pack(common.pack.as_deref())?;
    team::plan(&pack, &code, common.lang, format)
}

fn merge(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("merge"), e);
    let mut common = Common::new();
    let mut codes: Vec<String> = Vec::new();
    while let Some(arg) = parser.next().map_err(usage)? {
        match arg {
            Arg::Long("pack") => common.pack = Some(option_value(parser, "merge")?),
            Arg::Long("lang") => common.lang = lang_value(parser, "merge")?,
            Arg::Short('h') | Arg::Long("help") => {
                return output::print(&with_exit_codes(MERGE_HELP));
            }
            Arg::Value(value) => codes.push(value.string().map_err(usage)?),
            other => return Err(usage(other.unexpected())),
        }
    }
    if codes.len() < 2 {
        return Err(usage(
            "give at least two CODEs (answer codes or share links), one per team member".into(),
        ));
    }
    let pack = input::pack(common.pack.as_deref())?;
    team::merge(&pack, &codes, common.lang)
}

fn schema(parser: &mut Parser) -> Result<(), Failure> {
    let usage = |e| Failure::usage(Some("schema"), e);
    if let Some(arg) = parser.next().map_err(usage)? {
        return match arg {
            Arg::Short('h') | Arg::Long("help") => output::print(&with_exit_codes(SCHEMA_HELP)),
            other => Err(usage(other.unexpected())),
        };
    }
    output::print(SCHEMA)
}
