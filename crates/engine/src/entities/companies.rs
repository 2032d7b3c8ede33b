//! Companies a text names in full once: business news writes "Biogen Inc." or "Daewoo Corp"
//! and then "Biogen" or "Daewoo". A name of one capitalised word followed only by legal forms
//! ("Inc", "Corp", "Co Ltd", "AG") is an organisation, and so is that word wherever else the
//! document writes it alone, unless the document also uses it in a person's full name ("Henry
//! Ford" beside "Ford Motor Co": there the word alone is left to the model).

use crate::analysis::Label;
use crate::hash::FastSet;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Legal forms of companies as English-language news writes them (compared in lower case,
/// without a full stop).
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
    "bv",
    "gmbh",
    "spa",
];

/// Applies the rule to names in text order (byte spans with labels, without overlaps) and
/// returns them in text order.
pub fn apply(doc: &Document, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let short = short_names(doc, &names);
    if short.is_empty() {
        return names;
    }
    super::relabel_words(doc, names, |k| {
        short.contains(doc.token_text(k)).then_some(Label::Org)
    })
}

/// The one-word short names of the companies the document names with a legal form, less the
/// words it uses in people's names.
fn short_names<'t>(doc: &Document<'t>, names: &[(Span, Label)]) -> FastSet<&'t str> {
    let mut short: FastSet<&'t str> = FastSet::default();
    for &(span, _) in names {
        let words = doc.tokens_over(span);
        if words.len() < 2 || !is_capitalised(doc, words.start) {
            continue;
        }
        let rest = words.start + 1..words.end;
        if rest.clone().all(|k| is_legal_form(doc, k)) && !is_legal_form(doc, words.start) {
            short.insert(doc.token_text(words.start));
        }
    }
    if short.is_empty() {
        return short;
    }
    // People named in more than one word: a lone word typed PER is what the rule may mend.
    for &(span, label) in names {
        let words = doc.tokens_over(span);
        if label == Label::Per && words.len() > 1 {
            for k in words {
                short.remove(doc.token_text(k));
            }
        }
    }
    short
}

fn is_capitalised(doc: &Document, k: usize) -> bool {
    doc.tokens[k].kind == TokenKind::Word
        && doc
            .token_text(k)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// A legal form ("Inc", "Corp.", "LTD"), or the full stop after one when the tokenizer writes it
/// apart.
fn is_legal_form(doc: &Document, k: usize) -> bool {
    let w = doc.token_text(k);
    if w == "." {
        return k > 0
            && LEGAL_FORMS
                .iter()
                .any(|f| f.eq_ignore_ascii_case(doc.token_text(k - 1)));
    }
    let w = w.trim_end_matches('.');
    is_capitalised(doc, k) && LEGAL_FORMS.iter().any(|f| f.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label)> {
        super::super::run_rule(apply, text, names)
    }

    #[test]
    fn a_company_named_with_its_legal_form_is_an_organisation_when_named_alone() {
        let text =
            "Shares of Quenby Inc. rose. Quenby said sales grew, and analysts praised Quenby.";
        let got = run(text, &[("Quenby Inc.", Label::Org), ("Quenby", Label::Per)]);
        assert_eq!(
            got,
            [
                ("Quenby Inc.".to_string(), Label::Org),
                ("Quenby".to_string(), Label::Org),
                ("Quenby".to_string(), Label::Org),
            ]
        );
    }

    #[test]
    fn several_legal_forms_and_forms_in_capitals_count() {
        let text = "Marlow Co Ltd and TESSIN AG met. Marlow and Tessin agreed.";
        let got = run(
            text,
            &[
                ("Marlow Co Ltd", Label::Org),
                ("TESSIN AG", Label::Org),
                ("Marlow", Label::Loc),
            ],
        );
        assert_eq!(got[2], ("Marlow".to_string(), Label::Org));
        // Only the word as the document wrote it with its legal form: "Tessin" is not "TESSIN".
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn no_rule_without_a_legal_form_or_for_a_word_of_a_persons_name() {
        // "Group" is no legal form; a longer name before the form is not a one-word short name.
        let text = "Varda Group and Blue Fen Corp grew. Varda and Fen said so.";
        let got = run(
            text,
            &[
                ("Varda Group", Label::Org),
                ("Blue Fen Corp", Label::Org),
                ("Varda", Label::Per),
                ("Fen", Label::Loc),
            ],
        );
        assert_eq!(got[2], ("Varda".to_string(), Label::Per));
        assert_eq!(got[3], ("Fen".to_string(), Label::Loc));
        // A person shares the word: left to the model.
        let text = "Harlan Corp was founded by Mae Harlan. Harlan said no.";
        let got = run(
            text,
            &[
                ("Harlan Corp", Label::Org),
                ("Mae Harlan", Label::Per),
                ("Harlan", Label::Per),
            ],
        );
        assert_eq!(got[2], ("Harlan".to_string(), Label::Per));
    }

    #[test]
    fn a_longer_name_holding_the_word_stays_as_it_is() {
        let text = "Oxton Plc reported. The Oxton Foundation gave.";
        let got = run(
            text,
            &[("Oxton Plc", Label::Org), ("Oxton Foundation", Label::Org)],
        );
        assert_eq!(got[1], ("Oxton Foundation".to_string(), Label::Org));
        assert_eq!(got.len(), 2);
    }
}
