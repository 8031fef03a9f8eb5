//! Minifies the widget's stylesheet at build time (`build.rs` includes this file): comments and
//! layout whitespace only, nothing that could change what a rule means.
//!
//! The stylesheet is compiled into the wasm, so every comment and indent is paid for on every page;
//! this drops about a third of its bytes (1.2 KB after brotli). It needs no parser because the
//! stylesheet has no string that holds a comment or a run of spaces (`minify` keeps what is inside
//! quotes as it is anyway).

/// `css` without comments, with each run of whitespace made one space, and none around `{`, `}`,
/// `;` and `,`, nor before a `}` its last `;`.
pub(crate) fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut space = false;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            rest = rest[2..].find("*/").map_or("", |end| &rest[2 + end + 2..]);
            continue;
        }
        if c == '"' || c == '\'' {
            // A quoted string, copied whole: an attribute value in a selector, a `content`.
            let end = rest[1..].find(c).map_or(rest.len(), |end| end + 2);
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = matches!(c, '{' | '}' | ';' | ',');
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        let after_tight = out.ends_with(['{', '}', ';', ',']);
        if space && !tight && !after_tight && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn drops_comments_and_layout_only() {
        let css = "/*! Title */\n.a .b,\n.c:focus-visible {\n  color: red; /* why */\n  margin: 0 auto;\n}\n\n@media (min-width: 40em) and (min-height: 45em) {\n  .d[data-theme=\"a  b\"] > .e { top: 0; }\n}\n";
        assert_eq!(
            minify(css),
            ".a .b,.c:focus-visible{color: red;margin: 0 auto}@media (min-width: 40em) and (min-height: 45em){.d[data-theme=\"a  b\"] > .e{top: 0}}"
        );
    }

    #[test]
    fn the_widget_stylesheet_keeps_every_rule() {
        let css = include_str!("widget.css");
        let minified = minify(css);
        assert!(
            minified.len() * 10 < css.len() * 8,
            "{} of {} bytes",
            minified.len(),
            css.len()
        );
        // As many rules and declarations as before: only comments and whitespace went.
        let count = |text: &str, c: char| text.chars().filter(|&x| x == c).count();
        assert_eq!(
            count(&minified, '{'),
            count(css, '{') - count_in_comments(css, '{')
        );
        assert_eq!(
            count(&minified, ':'),
            count(css, ':') - count_in_comments(css, ':')
        );
    }

    fn count_in_comments(css: &str, c: char) -> usize {
        css.split("/*")
            .skip(1)
            .filter_map(|part| part.split_once("*/"))
            .map(|(comment, _)| comment.chars().filter(|&x| x == c).count())
            .sum()
    }
}
