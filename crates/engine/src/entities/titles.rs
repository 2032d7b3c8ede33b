//! Honorifics before names: under the guidelines (CoNLL-2003's) a title is outside the name, and
//! a name after an honorific is a person's. So "Mr. Trump" is the person "Trump" whatever the
//! model made of the two words, and a capitalised word right after "Ms." or "Dr." is a person
//! even when the model missed it.

use crate::analysis::Label;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Honorifics that only ever stand before a person's name.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sen", "rep", "gov", "prof", "rev", "messrs", "mme",
    "mlle", "sir", "dame",
];

fn honorific(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    // The longest honorific has six letters: longer words need no comparison.
    w.len() <= 6 && HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// Applies the rule to names in text order (byte spans with labels) and returns them.
pub fn apply(doc: &Document, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(names.len());
    for (span, label) in names {
        let tokens = doc.tokens_over(span);
        // Honorifics inside the span ("Mr. Trump" as one name): drop them, keep a person.
        let first = tokens
            .clone()
            .find(|&k| !honorific(doc.token_text(k)))
            .unwrap_or(tokens.end);
        if first > tokens.start && first < tokens.end {
            let start = doc.tokens[first].span.start();
            out.push((Span::new(start, span.end()), Label::Per));
        } else if first == tokens.end {
            // Only honorifics: no name at all.
        } else {
            out.push((span, label));
        }
    }
    // A capitalised word after an honorific that no name covers: a person the model missed
    // ("Ms. Abedin"), with the capitalised words after it.
    let mut added = Vec::new();
    for k in 0..doc.tokens.len().saturating_sub(1) {
        if !honorific(doc.token_text(k)) || doc.token_text(k).len() < 2 {
            continue;
        }
        let next = k + 1;
        let is_cap = |i: usize| {
            doc.tokens.get(i).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && t.breaks_before == 0
                    && doc
                        .token_text(i)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            })
        };
        if !is_cap(next) || honorific(doc.token_text(next)) {
            continue;
        }
        let start = doc.tokens[next].span.start();
        if out
            .iter()
            .any(|(s, _)| s.contains(doc.tokens[next].span) || s.start() == start)
        {
            continue;
        }
        let mut end = next;
        while is_cap(end + 1) && !honorific(doc.token_text(end + 1)) {
            end += 1;
        }
        let span = Span::new(start, doc.tokens[end].span.end());
        if !out.iter().any(|(s, _)| s.overlaps(span)) {
            added.push((span, Label::Per));
        }
    }
    out.extend(added);
    out.sort_by_key(|(s, _)| (s.start(), s.end()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label)> {
        super::super::run_rule(apply, text, names)
    }

    #[test]
    fn honorifics_leave_the_name_and_make_it_a_person() {
        assert_eq!(
            run("Mr. Trump spoke.", &[("Mr. Trump", Label::Misc)]),
            [("Trump".to_string(), Label::Per)]
        );
        assert_eq!(
            run("Sen. Ann Cole left.", &[("Sen. Ann Cole", Label::Org)]),
            [("Ann Cole".to_string(), Label::Per)]
        );
        assert_eq!(
            run("Dr. Lee and Bell Labs.", &[("Bell Labs", Label::Org)]),
            [
                ("Lee".to_string(), Label::Per),
                ("Bell Labs".to_string(), Label::Org)
            ]
        );
    }

    #[test]
    fn no_honorific_is_longer_than_six_letters() {
        assert!(HONORIFICS.iter().all(|h| h.len() <= 6));
        assert!(honorific("Messrs.") && honorific("MLLE") && !honorific("Mistress"));
    }

    #[test]
    fn other_names_are_untouched() {
        assert_eq!(
            run("The Mississippi flooded.", &[("Mississippi", Label::Loc)]),
            [("Mississippi".to_string(), Label::Loc)]
        );
        assert_eq!(run("Ms. said nothing.", &[]), Vec::<(String, Label)>::new());
        assert_eq!(
            run("Mr Reed of Acme Corp left.", &[("Acme Corp", Label::Org)]),
            [
                ("Reed".to_string(), Label::Per),
                ("Acme Corp".to_string(), Label::Org)
            ]
        );
    }
}
