//! Pairing quotation marks into direct-quote spans.
//!
//! Marks are paired inside one paragraph only, so a stray mark can never make a quote swallow
//! the rest of the article. A quote still open at the end of its paragraph continues only when
//! the next paragraph opens with a mark of the same family (the news convention for quotes
//! that run over several paragraphs); each paragraph then gives its own segment.

use crate::span::Span;
use crate::text::{quote_opens, Document, TokenKind};

/// A direct quote: `outer` includes its marks (when present), `inner` is the quoted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    pub outer: Span,
    pub inner: Span,
    /// Later segment of a quote that runs over several paragraphs.
    pub continuation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Angle,
}

/// The family of a mark token (its text): two apostrophes or backticks are a double mark.
fn family(mark: &str) -> Family {
    if mark.len() == 2 && matches!(mark, "''" | "``") {
        return Family::Double;
    }
    match mark.chars().next().unwrap_or('"') {
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
        | '`' | '\u{00B4}' => Family::Single,
        '\u{00AB}' | '\u{00BB}' => Family::Angle,
        _ => Family::Double,
    }
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    family: Family,
    opens: bool,
}

/// Direct quotes of `doc` in text order.
pub fn direct_quotes(doc: &Document) -> Vec<MarkedQuote> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut carried: Option<Family> = None; // a quote continued from the previous paragraph
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let tokens = doc.sentences[para.sentences.start].tokens.start
            ..doc.sentences[para.sentences.end - 1].tokens.end;
        let marks: Vec<Mark> = tokens
            .clone()
            .filter(|&i| {
                doc.tokens[i].kind == TokenKind::Quote && !possessive(doc, i) && !elision(doc, i)
            })
            .map(|i| {
                let span = doc.tokens[i].span;
                Mark {
                    span,
                    family: family(span.slice(text)),
                    opens: quote_opens(text, span),
                }
            })
            .collect();
        let first_mark_opens_para = marks
            .first()
            .is_some_and(|m| m.opens && m.span.start() == para.span.start());
        // A carried quote continues only if this paragraph opens with a mark of its family.
        let mut open: Option<(Mark, bool)> = None;
        let mut start_idx = 0;
        if let Some(fam) = carried.take() {
            if first_mark_opens_para && marks[0].family == fam {
                open = Some((marks[0], true));
                start_idx = 1;
            }
        }
        for m in &marks[start_idx..] {
            match open {
                None => {
                    if m.opens {
                        open = Some((*m, false));
                    }
                }
                Some((o, cont)) if o.family == m.family => {
                    if !m.opens {
                        push(&mut out, text, o.span, m.span, cont);
                        open = None;
                    } else if ends_sentence_before(text, m.span.start()) {
                        // A new quote opens while one is still open: the first one ran to the
                        // end of a paragraph whose break was lost (merged paragraphs).
                        let before = Span::new(o.span.start(), m.span.start()).trim(text);
                        let end = narration_cut(doc, o.span.end(), before.end());
                        let before = Span::new(before.start(), end).trim(text);
                        let inner = Span::new(o.span.end(), before.end()).trim(text);
                        if !inner.is_empty() {
                            out.push(MarkedQuote {
                                outer: before,
                                inner,
                                continuation: cont,
                            });
                        }
                        open = Some((*m, true));
                    }
                }
                Some(_) => {} // a nested mark of another family
            }
        }
        if let Some((o, cont)) = open {
            // Still open at the paragraph end: continue into the next paragraph only if it
            // opens with the same family; otherwise the quote ends here.
            let next_opens = doc.paragraphs.get(pi + 1).is_some_and(|np| {
                let t = doc.token_at_or_after(np.span.start());
                doc.tokens.get(t).is_some_and(|tok| {
                    tok.kind == TokenKind::Quote
                        && quote_opens(text, tok.span)
                        && family(tok.span.slice(text)) == o.family
                })
            });
            let end = narration_cut(doc, o.span.end(), para.span.end());
            let narrated = end < para.span.end();
            let next_opens = next_opens && !narrated;
            let q = MarkedQuote {
                outer: Span::new(o.span.start(), end),
                inner: Span::new(o.span.end(), end).trim(text),
                continuation: cont,
            };
            let opens_speech = opens_at_boundary(text, para.span.start(), o.span.start());
            if next_opens
                || opens_speech && !q.inner.is_empty() && looks_like_speech(q.inner.slice(text))
            {
                out.push(q);
            }
            if next_opens {
                carried = Some(o.family);
            }
        }
    }
    out
}

/// The apostrophe of a plural possessive inside running text: `the players' decision`. It
/// follows an "s" directly and comes before a lower-case word that does not start a speech tag.
fn possessive(doc: &Document, i: usize) -> bool {
    let text = doc.text;
    let t = doc.tokens[i];
    if t.space_before || i == 0 || !matches!(t.span.slice(text), "'" | "\u{2019}") {
        return false;
    }
    if !doc.token_text(i - 1).ends_with('s') {
        return false;
    }
    let Some(next) = doc.tokens.get(i + 1) else {
        return false;
    };
    let w = next.span.slice(text);
    next.kind == TokenKind::Word
        && next.space_before
        && next.breaks_before == 0
        && w.chars().next().is_some_and(char::is_lowercase)
        && super::cues::speech_verb(w).is_none()
        && !matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// An apostrophe that stands for left-out letters or digits: "the '90s", "rock 'n' roll",
/// "'em".
fn elision(doc: &Document, i: usize) -> bool {
    let text = doc.text;
    let t = doc.tokens[i];
    if !matches!(t.span.slice(text), "'" | "\u{2019}" | "\u{2018}") {
        return false;
    }
    let Some(next) = doc.tokens.get(i + 1).filter(|n| !n.space_before) else {
        // The closing apostrophe of "'n'".
        return i >= 2
            && doc.token_text(i - 1) == "n"
            && doc.tokens[i - 1].span.start() == doc.tokens[i - 2].span.end();
    };
    let w = next.span.slice(text);
    let decade = next.kind == TokenKind::Number && w.len() == 2
        || w.len() == 3 && w.ends_with('s') && w[..2].bytes().all(|b| b.is_ascii_digit());
    let word = matches!(w, "n" | "em" | "til" | "cause" | "tis" | "twas");
    decade || word
}

/// Quotes nested inside a direct quote, marked with the other family ("He said 'no'").
pub fn nested(doc: &Document, outer: &MarkedQuote) -> Vec<MarkedQuote> {
    let text = doc.text;
    let outer_family = family(doc.token_text(doc.token_at_or_after(outer.outer.start())));
    let inside = doc.token_at_or_after(outer.inner.start())
        ..doc
            .tokens
            .partition_point(|t| t.span.end() <= outer.inner.end());
    let marks: Vec<(Span, Family, bool)> = inside
        .filter(|&i| doc.tokens[i].kind == TokenKind::Quote)
        .map(|i| {
            let span = doc.tokens[i].span;
            (span, family(span.slice(text)), quote_opens(text, span))
        })
        .filter(|(_, f, _)| *f != outer_family)
        .collect();
    let mut out = Vec::new();
    let mut open: Option<(Span, Family)> = None;
    for (span, fam, opens) in marks {
        match open {
            None if opens => open = Some((span, fam)),
            Some((o, f)) if f == fam && !opens => {
                push(&mut out, text, o, span, false);
                open = None;
            }
            _ => {}
        }
    }
    // A nested quote left open runs to the end of the outer one.
    if let Some((o, _)) = open {
        let inner = Span::new(o.end(), outer.inner.end()).trim(text);
        if !inner.is_empty() {
            out.push(MarkedQuote {
                outer: Span::new(o.start(), outer.inner.end()),
                inner,
                continuation: false,
            });
        }
    }
    out
}

fn push(out: &mut Vec<MarkedQuote>, text: &str, open: Span, close: Span, continuation: bool) {
    let inner = Span::new(open.end(), close.start()).trim(text);
    if !inner.is_empty() {
        out.push(MarkedQuote {
            outer: Span::new(open.start(), close.end()),
            inner,
            continuation,
        });
    }
}

/// Whether the text right before byte `at` ends a sentence ("... weeks. |").
fn ends_sentence_before(text: &str, at: usize) -> bool {
    text[..at].trim_end().ends_with(['.', '!', '?'])
}

/// Where an unclosed quote really ends when paragraphs were merged: before the first later
/// sentence that reads as narration about a named speaker ("Mr Hopkins said that ...",
/// "Ann Bell added: ..."). Returns `end` when there is none.
fn narration_cut(doc: &Document, start: usize, end: usize) -> usize {
    let first = doc.sentences.partition_point(|s| s.span.start() <= start);
    for s in &doc.sentences[first.min(doc.sentences.len())..] {
        if s.span.start() >= end {
            break;
        }
        if names_a_speaker(doc, s.tokens.clone()) {
            return doc.text[..s.span.start()].trim_end().len().max(start);
        }
    }
    end
}

/// A sentence that opens with a (titled) name and a speech verb: `Mr Hopkins said ...`.
fn names_a_speaker(doc: &Document, tokens: std::ops::Range<usize>) -> bool {
    let word = |i: usize| doc.token_text(i);
    let cap = |i: usize| {
        doc.tokens[i].kind == TokenKind::Word
            && word(i).chars().next().is_some_and(char::is_uppercase)
    };
    let mut i = tokens.start;
    let names = (i..tokens.end.min(i + 4)).take_while(|&k| cap(k)).count();
    if names == 0 || word(i) == "I" {
        return false;
    }
    i += names;
    while i < tokens.end && matches!(word(i), "also" | "then" | "later" | "has" | "had") {
        i += 1;
    }
    i + 1 < tokens.end
        && super::cues::speech_verb(word(i)).is_some()
        && word(i).chars().next().is_some_and(char::is_lowercase)
        && doc.tokens[i + 1].kind != TokenKind::Quote
}

/// Whether an opening mark at byte `at` stands where speech can start: at the paragraph start,
/// after a sentence end, or after ":" or "," (not inside a clause, as in `the "plan was`).
fn opens_at_boundary(text: &str, para_start: usize, at: usize) -> bool {
    let before = text[para_start..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ','])
}

/// An unclosed quote is kept only when it reads like a sentence of speech.
fn looks_like_speech(s: &str) -> bool {
    s.split_whitespace().count() >= 4 && s.trim_end().ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        direct_quotes(&Document::new(text))
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn pairs_straight_curly_and_single_marks() {
        assert_eq!(inner("He said \"yes, now.\" Then"), ["yes, now."]);
        assert_eq!(inner("He said “yes, now.” Then"), ["yes, now."]);
        assert_eq!(inner("He said ‘yes, now.’ Then"), ["yes, now."]);
        assert_eq!(inner("He said «oui» then"), ["oui"]);
    }

    #[test]
    fn doubled_apostrophes_and_backticks_are_double_marks() {
        assert_eq!(
            inner("''We will win,'' Ms. Ortiz said. ''It is certain.''"),
            ["We will win,", "It is certain."]
        );
        assert_eq!(inner("He said ``not now'' and left."), ["not now"]);
        // A single quote nested at the end of a double one: the closing single mark comes first.
        let t = "''I would call it 'brave,''' she said.";
        let doc = Document::new(t);
        let outer = direct_quotes(&doc);
        assert_eq!(outer.len(), 1);
        assert_eq!(outer[0].inner.slice(t), "I would call it 'brave,'");
        let nested: Vec<&str> = nested(&doc, &outer[0])
            .iter()
            .map(|q| q.inner.slice(t))
            .collect();
        assert_eq!(nested, ["brave,"]);
        // Words with one apostrophe are untouched.
        assert_eq!(
            inner("It isn't Bell's plan, the '90s said."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(
            inner("“Americans' training is an insult,” he said."),
            ["Americans' training is an insult,"]
        );
        assert_eq!(
            inner("The workers' union and the bosses' group met."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn elisions_are_not_marks() {
        assert_eq!(
            inner("Sales peaked in the '90s, the firm said. 'We were ready,' she said."),
            ["We were ready,"]
        );
        assert_eq!(
            inner("He loved rock 'n' roll. 'It was fun,' he said."),
            ["It was fun,"]
        );
    }

    #[test]
    fn plural_possessives_inside_single_quotes() {
        assert_eq!(
            inner("'It is the players' decision,' he said."),
            ["It is the players' decision,"]
        );
        assert_eq!(
            inner("'We beat the Americans,' she said."),
            ["We beat the Americans,"]
        );
        assert_eq!(
            inner("'We beat the Americans' she said."),
            ["We beat the Americans"]
        );
    }

    #[test]
    fn quotes_continue_over_paragraphs_only_when_reopened() {
        let t = "“First part.\n\n“Second part,” he said.";
        assert_eq!(inner(t), ["First part.", "Second part,"]);
        let t = "A stray “mark here.\n\nNext paragraph is narration, not a quote.";
        assert!(inner(t).iter().all(|q| !q.contains("Next")));
    }

    #[test]
    fn nested_quotes_of_the_other_family() {
        let t = "“She told me ‘never again’ and left,” he said.";
        let doc = Document::new(t);
        let outer = direct_quotes(&doc);
        assert_eq!(outer.len(), 1);
        let inner: Vec<&str> = nested(&doc, &outer[0])
            .iter()
            .map(|q| q.inner.slice(t))
            .collect();
        assert_eq!(inner, ["never again"]);
        let t = "“The workers' union and the bosses' group met,” he said.";
        let doc = Document::new(t);
        assert!(nested(&doc, &direct_quotes(&doc)[0]).is_empty());
    }

    #[test]
    fn unclosed_quotes_end_before_narration() {
        let t = "\"We will build it. We have the money. Mr Okafor said that the bridge would open in May. \"It is our priority,\" he added.";
        assert_eq!(
            inner(t),
            [
                "We will build it. We have the money.",
                "It is our priority,"
            ]
        );
        let t = "\"We will build it. Ann Bell said no to us before.\n\nNarration.";
        assert_eq!(inner(t), ["We will build it."]);
        // A speaker may quote someone inside a quote with "I said".
        let t = "\"We will build it. I said that before.\" he said.";
        assert_eq!(inner(t), ["We will build it. I said that before."]);
    }

    #[test]
    fn merged_paragraphs_split_at_a_new_opening_mark() {
        let t = "\"We lost 26 weeks. \"We are going to win,\" he said.";
        assert_eq!(inner(t), ["We lost 26 weeks.", "We are going to win,"]);
    }
}
