//! Rich text (HTML, as pasted or in an .html file) to clean plain text with paragraphs.
//!
//! A small pure-Rust converter: the HTML is read as text and never given to the browser, so
//! nothing in it runs or loads. Scripts, styles, images, forms and other non-text elements are
//! dropped with their content; block elements become paragraphs (separated by a blank line);
//! `<br>` becomes a line break; white space is collapsed as a browser would, except in `<pre>`;
//! character references are decoded. Never panics, and takes time linear in the input.

/// Elements whose content is not text of the article.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "textarea", "button", "form", "map",
];

/// Elements that make a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "main",
    "fieldset",
    "details",
    "summary",
    "caption",
    "body",
    "html",
];

/// Named character references beyond the five of XML, the ones news pages use.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("shy", '\u{AD}'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ccedil", 'ç'),
    ("auml", 'ä'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
];

/// The plain text of `html`.
pub fn to_text(html: &str) -> String {
    let mut out = Writer::default();
    let mut skipping: Option<String> = None; // the dropped element we are inside
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                out.text(&decode(rest), pre > 0);
            }
            break;
        };
        if lt > 0 && skipping.is_none() {
            out.text(&decode(&rest[..lt]), pre > 0);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let tag = match Tag::parse(rest) {
            Ok(tag) => tag,
            // A '<' that starts no tag is text.
            Err(NotTag::Text) => {
                if skipping.is_none() {
                    out.text("<", pre > 0);
                }
                rest = &rest[1..];
                continue;
            }
            // No tag ever ends after this one: the rest is text (and reading it as tags again
            // from each later '<' would take quadratic time).
            Err(NotTag::Unterminated) => {
                if skipping.is_none() {
                    out.text(&decode(rest), pre > 0);
                }
                break;
            }
        };
        rest = &rest[tag.len..];
        if let Some(name) = &skipping {
            if tag.closing && tag.name == *name {
                skipping = None;
            }
            continue;
        }
        let name = tag.name.as_str();
        if DROPPED.contains(&name) {
            if !tag.closing && !tag.self_closing {
                skipping = Some(tag.name);
            }
            continue;
        }
        match name {
            "br" => out.line_break(),
            "td" | "th" if !tag.closing => out.text(" ", false),
            "pre" => {
                out.paragraph();
                if tag.closing {
                    pre = pre.saturating_sub(1);
                } else {
                    pre += 1;
                }
            }
            _ if BLOCKS.contains(&name) => out.paragraph(),
            _ => {}
        }
    }
    out.finish()
}

/// Why a `<` starts no tag.
enum NotTag {
    /// It is followed by something no tag starts with.
    Text,
    /// The tag never ends.
    Unterminated,
}

/// One start or end tag.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// Its length in bytes, `<` to `>`.
    len: usize,
}

impl Tag {
    /// The tag at the start of `s` (which starts with `<`), if it is one: `<name ...>`,
    /// `</name>`, or a declaration such as `<!DOCTYPE html>` (with an empty name).
    fn parse(s: &str) -> Result<Tag, NotTag> {
        let body = &s[1..];
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let first = body.chars().next().ok_or(NotTag::Text)?;
        if !(first.is_ascii_alphabetic() || (first == '!' || first == '?') && !closing) {
            return Err(NotTag::Text);
        }
        // The tag ends at the first '>' outside quoted attribute values.
        let mut quote: Option<char> = None;
        let mut end = None;
        for (i, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.ok_or(NotTag::Unterminated)?;
        let inner = &body[..end];
        let name: String = if first.is_ascii_alphabetic() {
            inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect()
        } else {
            String::new()
        };
        Ok(Tag {
            name,
            closing,
            self_closing: inner.ends_with('/'),
            len: 1 + usize::from(closing) + end + 1,
        })
    }
}

/// Decodes character references (`&amp;`, `&#8220;`, `&#x201C;`); unknown ones stay as written.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|&(_, c)| c == ';')
            .map(|(j, _)| j + 1);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                code.and_then(char::from_u32)
                    .filter(|c| *c != '\0')
                    .or(code.map(|_| '\u{FFFD}'))
            } else {
                ENTITIES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collects text into paragraphs and lines.
#[derive(Default)]
struct Writer {
    paragraphs: Vec<String>,
    current: String,
    /// White space is pending in the current paragraph (written before the next word).
    space: bool,
}

impl Writer {
    fn text(&mut self, s: &str, pre: bool) {
        if pre {
            for (i, line) in s.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                self.current.push_str(line.trim_end_matches('\r'));
            }
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() && !self.current.ends_with('\n') {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        self.current.push('\n');
        self.space = false;
    }

    fn paragraph(&mut self) {
        let p = std::mem::take(&mut self.current);
        let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if !lines.is_empty() {
            self.paragraphs.push(lines.join("\n"));
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.paragraph();
        self.paragraphs.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_line_breaks() {
        let html = "<html><head><title>Page</title><style>p{color:red}</style></head><body>\
            <h1>Harbour   vote</h1>\n<p>“We have waited,”\n said <b>Clara</b>&nbsp;Osei.</p>\
            <div>Line one<br>line two</div><ul><li>first</li><li>second</li></ul></body></html>";
        assert_eq!(
            to_text(html),
            "Harbour vote\n\n“We have waited,” said Clara Osei.\n\nLine one\nline two\n\nfirst\n\nsecond"
        );
    }

    #[test]
    fn scripts_styles_images_and_comments_are_dropped() {
        let html = r#"<p>Before<script>alert("<p>x</p>")</script> after</p><!-- <p>hidden</p> -->
            <img src="x.png" alt="photo" onerror="alert(1)"><noscript>Enable JS</noscript>
            <svg><text>drawn</text></svg><p>End</p><template><p>later</p></template>"#;
        assert_eq!(to_text(html), "Before after\n\nEnd");
    }

    #[test]
    fn character_references_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            to_text("<p>&ldquo;Hi&rdquo; &#8212; &#x1F30A; &amp;c &unknown; &#0; & done</p>"),
            "“Hi” — 🌊 &c &unknown; \u{FFFD} & done"
        );
    }

    #[test]
    fn attributes_with_brackets_and_lone_angle_brackets() {
        assert_eq!(
            to_text(r#"<p title="a > b">3 < 4 and <a href='x>y'>link</a></p>"#),
            "3 < 4 and link"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(
            to_text("<pre>a  b\n  c</pre><p>x   y</p>"),
            "a  b\nc\n\nx y"
        );
    }

    #[test]
    fn plain_text_and_broken_html_are_safe() {
        assert_eq!(to_text("just text"), "just text");
        assert_eq!(to_text("<p>unclosed <b>bold"), "unclosed bold");
        assert_eq!(to_text("<script>never closed"), "");
        assert_eq!(to_text("<"), "<");
        assert_eq!(to_text("<p"), "<p");
        assert_eq!(to_text("a <b title=\"x> c"), "a <b title=\"x> c");
        assert_eq!(to_text("&"), "&");
        assert_eq!(to_text(""), "");
    }
}
