//! Acronyms a text defines: news writes "the International Petroleum Exchange (IPE)" once and
//! "IPE" from then on. A word in capitals in brackets right after a name, whose letters are the
//! initials of the name's words (or of its last words: "Conservative New Democracy (ND)"), is
//! the same entity; so is the same word anywhere else in the document when it stands alone.
//! The other order, "the IPE (International Petroleum Exchange)", defines it too.

use crate::analysis::Label;
use crate::hash::FastMap;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Applies the rule to names in text order (byte spans with labels, without overlaps) and
/// returns them in text order.
pub fn apply(doc: &Document, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let defined = definitions(doc, &names);
    if defined.is_empty() {
        return names;
    }
    // The acronym alone takes the defined type; a longer name that holds it ("ND party") stays
    // as it is.
    super::relabel_words(doc, names, |k| defined.get(doc.token_text(k)).copied())
}

/// The acronyms the document defines, each with the type of the name it stands for (the first
/// definition wins).
fn definitions<'t>(doc: &Document<'t>, names: &[(Span, Label)]) -> FastMap<&'t str, Label> {
    let mut defined: FastMap<&'t str, Label> = FastMap::default();
    let word = |k: usize| doc.tokens.get(k).map(|_| doc.token_text(k));
    for (i, &(span, label)) in names.iter().enumerate() {
        let words = doc.tokens_over(span);
        // "Name (ACR)"
        let after = words.end;
        if word(after) == Some("(") && word(after + 2) == Some(")") && is_acronym(doc, after + 1) {
            let acronym = doc.token_text(after + 1);
            if stands_for(acronym, doc, words.clone(), true) {
                defined.entry(acronym).or_insert(label);
            }
        }
        // "ACR (Name)": the next name fills the brackets.
        if words.len() == 1 && word(words.end) == Some("(") && is_acronym(doc, words.start) {
            if let Some(&(inner, inner_label)) = names.get(i + 1) {
                let inner = doc.tokens_over(inner);
                let acronym = doc.token_text(words.start);
                if inner.start == words.end + 1
                    && word(inner.end) == Some(")")
                    && stands_for(acronym, doc, inner, false)
                {
                    defined.entry(acronym).or_insert(inner_label);
                }
            }
        }
    }
    defined
}

/// A word that can be an acronym: two to eight capital letters, `&` or digits, at least two of
/// them letters ("IPE", "AT&T"; not "G7" or "G20").
fn is_acronym(doc: &Document, k: usize) -> bool {
    let w = doc.token_text(k);
    doc.tokens[k].kind == TokenKind::Word
        && (2..=8).contains(&w.len())
        && w.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'&')
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Whether the letters of `acronym` are the initials of the capitalised words over `words`
/// (hyphenated parts count as words), or, when `suffix` allows, of its last words.
fn stands_for(acronym: &str, doc: &Document, words: std::ops::Range<usize>, suffix: bool) -> bool {
    let letters: Vec<u8> = acronym.bytes().filter(u8::is_ascii_uppercase).collect();
    let mut initials: Vec<u8> = Vec::new();
    for k in words {
        for part in doc.token_text(k).split('-') {
            match part.chars().next() {
                Some(c) if c.is_uppercase() && c.is_ascii() => initials.push(c as u8),
                _ => {}
            }
        }
    }
    if suffix {
        initials.ends_with(&letters)
    } else {
        initials == letters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label)> {
        super::super::run_rule(apply, text, names)
    }

    fn owned(names: &[(&str, Label)]) -> Vec<(String, Label)> {
        names.iter().map(|&(n, l)| (n.to_string(), l)).collect()
    }

    #[test]
    fn a_defined_acronym_is_the_name_it_stands_for_everywhere() {
        assert_eq!(
            run(
                "The EPA said so. The Environmental Protection Agency (EPA) wrote that EPA staff \
                 and the EPA's lawyers agreed.",
                &[
                    ("EPA", Label::Loc),
                    ("Environmental Protection Agency", Label::Org)
                ]
            ),
            owned(&[
                ("EPA", Label::Org),
                ("Environmental Protection Agency", Label::Org),
                ("EPA", Label::Org),
                ("EPA", Label::Org),
                ("EPA", Label::Org),
            ])
        );
    }

    #[test]
    fn the_acronym_may_name_the_last_words_or_come_first() {
        assert_eq!(
            run(
                "Conservative New Democracy (ND) leader spoke. ND won.",
                &[("Conservative New Democracy", Label::Org)]
            ),
            owned(&[
                ("Conservative New Democracy", Label::Org),
                ("ND", Label::Org),
                ("ND", Label::Org),
            ])
        );
        assert_eq!(
            run(
                "The TPP (Trans-Pacific Partnership) failed; TPP talks ended.",
                &[
                    ("TPP", Label::Org),
                    ("Trans-Pacific Partnership", Label::Misc)
                ]
            ),
            owned(&[
                ("TPP", Label::Misc),
                ("Trans-Pacific Partnership", Label::Misc),
                ("TPP", Label::Misc),
            ])
        );
    }

    #[test]
    fn brackets_that_are_no_definition_change_nothing() {
        // Not the initials, a country in brackets, a longer name holding the acronym.
        let names = [
            ("Gerhard Berger", Label::Per),
            ("AUT", Label::Loc),
            ("Acme Corp", Label::Org),
            ("AC", Label::Loc),
            ("AC Milan", Label::Org),
        ];
        assert_eq!(
            run(
                "Gerhard Berger (AUT) drove. Acme Corp (AC) and AC Milan met.",
                &names
            ),
            owned(&[
                ("Gerhard Berger", Label::Per),
                ("AUT", Label::Loc),
                ("Acme Corp", Label::Org),
                ("AC", Label::Org),
                ("AC Milan", Label::Org),
            ])
        );
        assert_eq!(
            run(
                "Singapore Refining (Ltd) said.",
                &[("Singapore Refining", Label::Org)]
            ),
            owned(&[("Singapore Refining", Label::Org)])
        );
    }
}
