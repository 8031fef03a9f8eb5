//! Content is plain text in the Markdown report: read back with a CommonMark parser, an escaped text
//! is one text run inside its list item or table cell, whatever markup it tries to open.

use parcours_core::report::escape_markdown;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text the reader sees for `text` rendered as a list item, or why it is not just that.
fn list_item_reads_as_text(text: &str) -> Result<String, String> {
    let markdown = format!("- {}\n", escape_markdown(text));
    let mut seen = String::new();
    let mut depth = 0;
    for event in Parser::new_ext(&markdown, Options::all()) {
        match event {
            Event::Start(Tag::List(None)) | Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::List(false)) | Event::End(TagEnd::Item) => depth -= 1,
            Event::Text(run) if depth == 2 => seen.push_str(&run),
            Event::SoftBreak if depth == 2 => seen.push(' '),
            other => return Err(format!("{markdown:?} gave {other:?}")),
        }
    }
    Ok(seen)
}

/// What a text becomes in the report: every run of blanks and line breaks is one space.
fn flattened(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn check(text: &str) {
    match list_item_reads_as_text(text) {
        Ok(seen) => assert_eq!(seen.trim(), flattened(text).trim(), "for {text:?}"),
        Err(why) => panic!("{why}"),
    }
}

#[test]
fn hostile_texts_stay_text() {
    for text in [
        "- a nested list?",
        "+ another",
        "* and another",
        "   - indented",
        "1. ordered",
        "12) ordered too",
        "# a heading",
        "> a quote",
        "**bold** and _em_ and ~~strike~~ and `code`",
        "[a link](https://example.org) and ![an image](x.png)",
        "<script>alert(1)</script> and <b>bold</b>",
        "&amp; &lt;b&gt; &#60; &copy;",
        "| a | table |",
        "line one\n# line two\n- line three",
        "\\ a backslash \\* and an escaped star",
        "https://autolink.example and <https://angle.example>",
        "a [reference][r]\n\n[r]: https://example.org",
        "~~~\nfenced\n~~~",
        "1986. A year, not a list.",
        "plain text, nothing to escape",
    ] {
        check(text);
    }
}

#[test]
fn a_planted_unescaped_marker_is_caught() {
    // The control: without escaping, the reader sees a nested list, and the check says so.
    let markdown = "- - a nested list?\n";
    let nested = Parser::new_ext(markdown, Options::all())
        .filter(|event| matches!(event, Event::Start(Tag::List(_))))
        .count();
    assert_eq!(nested, 2);
}

proptest! {
    #[test]
    fn any_text_stays_text(text in "[ -~\n]{0,40}") {
        // CommonMark trims and collapses some blanks; markup is what must never appear.
        if let Err(why) = list_item_reads_as_text(&text) {
            panic!("{why}");
        }
    }
}
