//! Tokens, sentences and paragraphs with exact byte offsets.
//!
//! [`Document::new`] never changes the text: every token, sentence and paragraph is a [`Span`]
//! into it. Whitespace is not a token; each token records the line breaks before it instead.

use crate::span::Span;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits, inner hyphens, apostrophes or abbreviation periods.
    Word,
    /// Digits, possibly with inner `,` `.` `:` `/` separators ("2,500", "3.5", "10:30").
    Number,
    /// A quotation mark of any style (straight, curly, single, guillemet, low-9).
    Quote,
    /// Any other single character (or run of periods / dashes).
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Line breaks in the whitespace before this token (0, 1, or 2 for "two or more").
    pub breaks_before: u8,
    /// Whether any whitespace precedes this token.
    pub space_before: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Indices into [`Document::tokens`].
    pub tokens: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Indices into [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A text cut into tokens, sentences and paragraphs.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
}

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let paragraphs = group_paragraphs(&tokens, &sentences);
        Document {
            text,
            tokens,
            sentences,
            paragraphs,
        }
    }

    pub fn token_text(&self, i: usize) -> &'t str {
        self.tokens[i].span.slice(self.text)
    }

    /// The sentence that holds token `i`.
    pub fn sentence_of(&self, token: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= token)
    }

    /// The paragraph that holds byte `offset` (or the last one before it).
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let n = self
            .paragraphs
            .partition_point(|p| p.span.start() <= offset);
        n.checked_sub(1)
    }

    /// The tokens that overlap `span`, by number.
    pub fn tokens_over(&self, span: Span) -> Range<usize> {
        self.tokens
            .partition_point(|t| t.span.end() <= span.start())
            ..self.tokens.partition_point(|t| t.span.start() < span.end())
    }

    /// Index of the first token that starts at or after `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start() < offset)
    }
}

/// All quotation-mark characters the engine knows.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{FF02}'
            | '`'
            | '\u{00B4}'
    )
}

/// Apostrophes: the straight one and the right single quotation mark typographers use.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        // No mark is ASCII.
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks and joiners that belong to the word they follow (emoji sequences too).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x200C | 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F)
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Abbreviations written with a final period that does not end a sentence when a capitalised
/// word follows (titles, months, and the like). Lower case, without the period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "rep", "sen", "gov", "pres", "rev", "hon", "fr", "mt", "ft", "inc", "ltd", "co",
    "corp", "bros", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "no", "nos", "vol", "approx", "dept", "est", "ave", "blvd", "rd", "univ",
    "assn", "messrs", "mme", "mlle", "ph", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u",
];

pub fn is_abbreviation(word_without_period: &str) -> bool {
    with_lowercase(word_without_period, |lower| ABBREVIATIONS.contains(&lower))
}

/// The rest of a phrase that starts with the article "a", "an" or "the" (empty for the article
/// alone), or `None` when it does not start with one.
pub fn without_article(phrase: &str) -> Option<&str> {
    let (first, rest) = phrase
        .split_once(char::is_whitespace)
        .unwrap_or((phrase, ""));
    ["a", "an", "the"]
        .iter()
        .any(|d| first.eq_ignore_ascii_case(d))
        .then(|| rest.trim_start())
}

/// Calls `f` with `word.to_lowercase()`, without allocating for the short ASCII words that
/// word-list look-ups mostly see.
pub fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    if !word.is_ascii() {
        return f(&word.to_lowercase());
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(bytes) => {
            for (b, c) in bytes.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            // ASCII bytes are always UTF-8.
            match std::str::from_utf8(bytes) {
                Ok(lower) => f(lower),
                Err(_) => f(&word.to_lowercase()),
            }
        }
        None => f(&word.to_ascii_lowercase()),
    }
}

/// Clitics split off a word before an apostrophe, as in CoNLL and Penn Treebank tokenisation.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut breaks: u8 = 0;
    let mut space = false;
    while i < text.len() {
        let c = next_char(text, i);
        if c.is_whitespace() || c == '\u{FEFF}' {
            if is_break(c) {
                // \r\n counts once.
                if !(c == '\n' && i > 0 && bytes[i - 1] == b'\r') {
                    breaks = breaks.saturating_add(1).min(2);
                }
            }
            space = true;
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = scan_token(text, i, c);
        debug_assert!(end > i);
        // Split clitics ('s, n't, 're ...) off words.
        if kind == TokenKind::Word {
            if let Some(split) = clitic_split(text, i, end) {
                tokens.push(Token {
                    span: Span::new(i, split),
                    kind,
                    breaks_before: breaks,
                    space_before: space,
                });
                tokens.push(Token {
                    span: Span::new(split, end),
                    kind,
                    breaks_before: 0,
                    space_before: false,
                });
                breaks = 0;
                space = false;
                i = end;
                continue;
            }
        }
        tokens.push(Token {
            span: Span::new(i, end),
            kind,
            breaks_before: breaks,
            space_before: space,
        });
        breaks = 0;
        space = false;
        i = end;
    }
    tokens
}

#[inline]
fn next_char(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .expect("i is a char boundary inside the text")
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Scans one token starting with `c` at `i`; returns its end and kind.
fn scan_token(text: &str, i: usize, c: char) -> (usize, TokenKind) {
    if c.is_ascii_digit() || (c.is_numeric() && c.is_alphanumeric()) {
        return scan_number(text, i);
    }
    if is_word_char(c) {
        return (scan_word(text, i), TokenKind::Word);
    }
    if (c == '@' || c == '#') && text[i + 1..].chars().next().is_some_and(is_word_char) {
        return (scan_word(text, i + 1), TokenKind::Word);
    }
    if is_quote_char(c) {
        return (i + doubled_mark_len(text, i, c), TokenKind::Quote);
    }
    // Runs of periods ("...") and of hyphens ("--") are one token.
    if c == '.' || c == '-' {
        let run = text[i..].chars().take_while(|&d| d == c).count();
        return (i + run, TokenKind::Punct);
    }
    (i + c.len_utf8(), TokenKind::Punct)
}

/// The length of a quotation mark at `i`: two straight apostrophes or two backticks make one
/// double mark (`''`, ```` `` ````, as in some newspaper archives and typesetting); anything else
/// is one character. In a run of three apostrophes a closing single mark comes before the double
/// one (`'word'''`) and an opening one after it (`'''Tis`).
fn doubled_mark_len(text: &str, i: usize, c: char) -> usize {
    if c != '\'' && c != '`' {
        return c.len_utf8();
    }
    let bytes = text.as_bytes();
    let run = bytes[i..].iter().take_while(|&&b| b == c as u8).count();
    match run {
        1 => 1,
        3 if c == '\'' && char_before(text, i).is_some_and(|b| !b.is_whitespace()) => 1,
        _ => 2,
    }
}

fn scan_number(text: &str, i: usize) -> (usize, TokenKind) {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_numeric() {
            end = i + off + c.len_utf8();
        } else if matches!(c, ',' | '.' | ':' | '/') {
            // A separator stays inside the number only between digits.
            match chars.peek() {
                Some(&(_, d)) if d.is_ascii_digit() => continue,
                _ => break,
            }
        } else if c.is_alphabetic() {
            // "1990s", "3rd", "5km": a word that starts with digits.
            return (scan_word(text, i), TokenKind::Word);
        } else {
            break;
        }
    }
    (end, TokenKind::Number)
}

/// Scans a word: word characters, joined by inner hyphens, apostrophes, `&` and abbreviation
/// periods ("U.S.", "al-Kadhimi", "O'Neill", "AT&T").
fn scan_word(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    let mut letters_since_period = 0usize;
    let mut had_inner_period = false;
    while let Some((off, c)) = chars.next() {
        if is_word_char(c) {
            end = i + off + c.len_utf8();
            letters_since_period += 1;
            continue;
        }
        let next = chars.peek().map(|&(_, d)| d);
        let joins = match c {
            '-' | '\u{2010}' | '\u{2011}' | '&' => next.is_some_and(is_word_char),
            c if is_apostrophe(c) => next.is_some_and(|d| d.is_alphabetic()),
            // "U.S.": single letters joined by periods.
            '.' => {
                letters_since_period == 1 && next.is_some_and(|d| d.is_alphabetic()) && {
                    let after = text[i + off + 1..].chars().nth(1);
                    after == Some('.') || had_inner_period
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            had_inner_period = true;
        }
        letters_since_period = 0;
        end = i + off + c.len_utf8();
    }
    let word = &text[i..end];
    // A final period belongs to initials ("U.S.", "J.") and known abbreviations ("Mr.").
    if text[end..].starts_with('.') {
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if had_inner_period || single_letter || is_abbreviation(word) {
            end += 1;
        }
    }
    end
}

/// Where a word splits before a clitic: "Iraq's" → "Iraq" + "'s", "don't" → "do" + "n't".
fn clitic_split(text: &str, start: usize, end: usize) -> Option<usize> {
    let word = &text[start..end];
    let (ap, ap_char) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    if ap == 0 {
        return None;
    }
    let suffix = &word[ap + ap_char.len_utf8()..];
    let lower = suffix.to_lowercase();
    if lower == "t" && word[..ap].to_lowercase().ends_with('n') && ap > 1 {
        return Some(start + ap - 1);
    }
    CLITICS.contains(&lower.as_str()).then_some(start + ap)
}

fn is_open_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{')
}

fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}')
}

/// Whether a quotation-mark token opens (true) or closes (false) a quotation, judged by the
/// space around it. Curly and angle marks say so themselves.
pub fn quote_opens(text: &str, span: Span) -> bool {
    let c = next_char(text, span.start());
    match c {
        '\u{201C}' | '\u{2018}' | '\u{201E}' | '\u{201A}' | '\u{00AB}' | '\u{2039}'
        | '\u{300C}' => true,
        '\u{201D}' | '\u{00BB}' | '\u{203A}' | '\u{300D}' => false,
        // ’ after a word is an apostrophe or a closing mark; before one, an opening mark in
        // some typesetting. Decide by context like straight marks.
        _ => {
            let before = char_before(text, span.start());
            let after = text[span.end()..].chars().next();
            let space_before = before.is_none_or(|b| {
                b.is_whitespace()
                    || is_open_bracket(b)
                    || b == '-'
                    || b == '\u{2014}'
                    || b == '\u{2013}'
                    || b == '/'
            });
            let space_after = after.is_none_or(|a| {
                a.is_whitespace()
                    || a.is_ascii_punctuation() && a != '[' && a != '(' && !is_quote_char(a)
            });
            // Opens: space before and a word after, or a mark right after ("' \"").
            space_before && (!space_after || after.is_some_and(is_quote_char))
        }
    }
}

fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        // A line break before a token always starts a sentence.
        if i > start && tokens[i].breaks_before > 0 {
            sentences.push(make_sentence(tokens, start, i));
            start = i;
        }
        let t = tokens[i];
        let s = t.text(text);
        let ends = match t.kind {
            TokenKind::Punct => {
                matches!(s, "." | "!" | "?" | "..." | "\u{2026}") || s.starts_with("..")
            }
            // "U.S." or "Inc." can end a sentence when a clear sentence start follows.
            TokenKind::Word => s.ends_with('.') && s.len() > 2 && !is_title_abbreviation(s),
            _ => false,
        };
        if ends {
            // Closing quotes and brackets stay with the sentence they close.
            let mut j = i + 1;
            while j < n && tokens[j].breaks_before == 0 && {
                let tj = tokens[j];
                let c = next_char(text, tj.span.start());
                (tj.kind == TokenKind::Quote && !quote_opens(text, tj.span)) || is_close_bracket(c)
            } {
                j += 1;
            }
            let boundary = j >= n
                || tokens[j].breaks_before > 0
                || starts_sentence(text, tokens, j, t.kind == TokenKind::Word);
            if boundary && j < n {
                sentences.push(make_sentence(tokens, start, j));
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < n {
        sentences.push(make_sentence(tokens, start, n));
    }
    sentences
}

fn is_title_abbreviation(s: &str) -> bool {
    let w = s.trim_end_matches('.');
    matches!(
        w.to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "cmdr"
            | "adm"
            | "maj"
            | "rep"
            | "sen"
            | "gov"
            | "rev"
            | "hon"
            | "fr"
            | "mt"
            | "no"
            | "nos"
            | "vol"
            | "messrs"
            | "mme"
            | "mlle"
            | "vs"
    ) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

/// Whether token `j` can begin a sentence after a period. After an abbreviation (`weak`), only a
/// quotation mark or a word that is rarely capitalised mid-sentence counts.
fn starts_sentence(text: &str, tokens: &[Token], j: usize, weak: bool) -> bool {
    let t = tokens[j];
    if !t.space_before {
        return false;
    }
    let c = next_char(text, t.span.start());
    if weak {
        let w = t.text(text);
        return t.kind == TokenKind::Quote
            || matches!(
                w,
                "The"
                    | "A"
                    | "An"
                    | "He"
                    | "She"
                    | "It"
                    | "They"
                    | "We"
                    | "I"
                    | "In"
                    | "But"
                    | "And"
                    | "This"
                    | "That"
                    | "There"
                    | "His"
                    | "Her"
                    | "Their"
                    | "Its"
                    | "On"
                    | "At"
                    | "For"
                    | "As"
                    | "If"
                    | "When"
            );
    }
    c.is_uppercase()
        || c.is_numeric()
        || t.kind == TokenKind::Quote
        || is_open_bracket(c)
        || !c.is_alphabetic() && !c.is_ascii_punctuation()
}

fn make_sentence(tokens: &[Token], start: usize, end: usize) -> Sentence {
    Sentence {
        span: Span::new(tokens[start].span.start(), tokens[end - 1].span.end()),
        tokens: start..end,
    }
}

fn group_paragraphs(tokens: &[Token], sentences: &[Sentence]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (k, s) in sentences.iter().enumerate() {
        if k > start && tokens[s.tokens.start].breaks_before >= 2 {
            paragraphs.push(make_paragraph(sentences, start, k));
            start = k;
        }
    }
    if start < sentences.len() {
        paragraphs.push(make_paragraph(sentences, start, sentences.len()));
    }
    paragraphs
}

/// The spans of the paragraphs [`Document::new`] finds, without tokens or sentences: the runs of
/// text between gaps of white space holding two line breaks or more (CRLF counts once), each
/// from its first to its last character that is not white space. A page lays these out before
/// the analysis arrives, so they are found in one pass over the bytes.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The first byte of the paragraph being read, and the end of its last character.
    let mut start = None;
    let mut end = 0;
    let mut breaks: u8 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = match bytes[i] {
            b if b < 0x80 => (char::from(b), 1),
            _ => {
                let c = next_char(text, i);
                (c, c.len_utf8())
            }
        };
        if c.is_whitespace() || c == '\u{FEFF}' {
            if is_break(c) && !(c == '\n' && i > 0 && bytes[i - 1] == b'\r') {
                breaks = breaks.saturating_add(1).min(2);
            }
        } else {
            match start {
                None => start = Some(i),
                Some(s) if breaks >= 2 => {
                    out.push(Span::new(s, end));
                    start = Some(i);
                }
                Some(_) => {}
            }
            breaks = 0;
            end = i + len;
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

fn make_paragraph(sentences: &[Sentence], start: usize, end: usize) -> Paragraph {
    Paragraph {
        span: sentences[start].span.cover(sentences[end - 1].span),
        sentences: start..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        Document::new(text)
            .tokens
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        let d = Document::new(text);
        d.sentences.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn tokens_keep_exact_offsets_on_hard_text() {
        let t = "Émile said\u{a0}“hi 😀” — in\r\nU.S. dollars: $2,500.50, 3rd... ok";
        let d = Document::new(t);
        for tok in &d.tokens {
            assert!(t.is_char_boundary(tok.span.start()) && t.is_char_boundary(tok.span.end()));
            assert!(!tok.span.is_empty());
            assert!(
                !tok.text(t).chars().any(char::is_whitespace),
                "{:?}",
                tok.text(t)
            );
        }
        assert_eq!(
            toks(t),
            [
                "Émile", "said", "“", "hi", "😀", "”", "—", "in", "U.S.", "dollars", ":", "$",
                "2,500.50", ",", "3rd", "...", "ok"
            ]
        );
        assert_eq!(d.tokens[8].breaks_before, 1, "CRLF is one break");
    }

    #[test]
    fn words_join_hyphens_and_split_clitics() {
        assert_eq!(toks("al-Kadhimi's US-led"), ["al-Kadhimi", "'s", "US-led"]);
        assert_eq!(
            toks("Iraq’s don't O'Neill"),
            ["Iraq", "’s", "do", "n't", "O'Neill"]
        );
        assert_eq!(toks("Americans' role"), ["Americans", "'", "role"]);
        assert_eq!(
            toks("Mr. Smith met J. Doe at AT&T"),
            ["Mr.", "Smith", "met", "J.", "Doe", "at", "AT&T"]
        );
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_and_lines() {
        assert_eq!(sents("He left. She stayed."), ["He left.", "She stayed."]);
        assert_eq!(
            sents("“Go home,” he said. “Now.” Then"),
            ["“Go home,” he said.", "“Now.”", "Then"]
        );
        assert_eq!(
            sents("Mr. Smith met Dr. Jones. It rained."),
            ["Mr. Smith met Dr. Jones.", "It rained."]
        );
        assert_eq!(
            sents("It cost 3.5 million. Fine"),
            ["It cost 3.5 million.", "Fine"]
        );
        assert_eq!(
            sents("Headline\nBody text here"),
            ["Headline", "Body text here"]
        );
        assert_eq!(
            sents("troops in the U.S. The talks"),
            ["troops in the U.S.", "The talks"]
        );
        assert_eq!(sents("the U.S. Army said"), ["the U.S. Army said"]);
    }

    #[test]
    fn paragraph_spans_are_the_documents_paragraphs() {
        for t in [
            "",
            " \n\n\t",
            "One.\n\nTwo.",
            "  One line\r\n still one.\r\n\r\nTwo \u{2029}\u{2029} three\u{FEFF}\n\u{85}four",
            "\u{FEFF}Start\n \n\u{A0}\n«Quoted», she said.\n\n\n\n",
            "Ünïcödé café\r\r done\u{2028}\u{2028}",
            "a\r\nb\n\rc\n\u{0B}d",
        ] {
            let from_doc: Vec<Span> = Document::new(t).paragraphs.iter().map(|p| p.span).collect();
            assert_eq!(paragraph_spans(t), from_doc, "{t:?}");
        }
    }

    #[test]
    fn paragraphs_end_at_two_line_breaks() {
        let t = "Title\n\nFirst one. Second.\nThird.\r\n\r\nLast.\n \nAfter blank line";
        let d = Document::new(t);
        let paras: Vec<&str> = d.paragraphs.iter().map(|p| p.span.slice(t)).collect();
        assert_eq!(
            paras,
            [
                "Title",
                "First one. Second.\nThird.",
                "Last.",
                "After blank line"
            ]
        );
    }

    #[test]
    fn quote_direction_from_context() {
        let t = "He said \"yes\" and 'no' but Americans' role";
        let d = Document::new(t);
        let q: Vec<(usize, bool)> = d
            .tokens
            .iter()
            .filter(|x| x.kind == TokenKind::Quote)
            .map(|x| (x.span.start(), quote_opens(t, x.span)))
            .collect();
        assert_eq!(
            q,
            [(8, true), (12, false), (18, true), (21, false), (36, false)]
        );
    }

    #[test]
    fn empty_and_space_only_texts() {
        assert!(Document::new("").tokens.is_empty());
        assert!(Document::new(" \n\n\t").paragraphs.is_empty());
    }
}
