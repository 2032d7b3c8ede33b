//! Companies a text names in full once: business news writes "Biogen Inc.", "Berlex
//! Laboratories" or "Stagecoach Holdings" and then "Biogen", "Berlex" or "Stagecoach". The word
//! of such a name is an organisation wherever else the document writes it alone, unless the
//! document also uses it in a person's full name ("Henry Ford" beside "Ford Motor Co": there
//! the word alone is left to the model). The names that count:
//! - one capitalised word followed only by legal forms ("Inc", "Corp", "Co Ltd", "AG");
//! - one capitalised word, a word that names a line of business ("Laboratories", "Airlines",
//!   "Group") and any legal forms, when the model typed the whole an organisation and the word
//!   is not a place or a nationality ("Sudan Airways", "British Airways" give nothing) nor
//!   written in lower case in the document ("Cooperative Bank", but not when "cooperative" is
//!   a word of the text).

use super::gazetteer::Gazetteer;
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

/// Words that name a company's line of business or kind, after its own word ("Berlex
/// Laboratories"; compared in lower case).
const BUSINESS_WORDS: &[&str] = &[
    "airlines",
    "airways",
    "bancorp",
    "bank",
    "capital",
    "chemicals",
    "communications",
    "electric",
    "energy",
    "financial",
    "foods",
    "group",
    "holdings",
    "industries",
    "insurance",
    "investments",
    "laboratories",
    "mining",
    "motors",
    "oil",
    "partners",
    "petroleum",
    "pharmaceuticals",
    "resources",
    "securities",
    "steel",
    "systems",
    "technologies",
    "telecom",
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

/// The one-word short names of the companies the document names in full (see the module's
/// notes), less the words it uses in people's full names.
fn short_names<'t>(doc: &Document<'t>, names: &[(Span, Label)]) -> FastSet<&'t str> {
    let mut short: FastSet<&'t str> = FastSet::default();
    for &(span, label) in names {
        let words = doc.tokens_over(span);
        if words.len() < 2 || !is_capitalised(doc, words.start) || is_legal_form(doc, words.start) {
            continue;
        }
        let word = doc.token_text(words.start);
        let mut rest = words.start + 1..words.end;
        if rest.clone().all(|k| is_legal_form(doc, k)) {
            short.insert(word);
            continue;
        }
        let business = rest.next().is_some_and(|k| {
            BUSINESS_WORDS
                .iter()
                .any(|b| b.eq_ignore_ascii_case(doc.token_text(k)))
        });
        if business && label == Label::Org && rest.all(|k| is_legal_form(doc, k)) {
            let g = Gazetteer::get();
            if !g.places.contains(word)
                && !g.nationalities.contains(word)
                && !written_in_lower_case(doc, word)
            {
                short.insert(word);
            }
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

/// Whether the document writes `word` in lower case somewhere.
fn written_in_lower_case(doc: &Document, word: &str) -> bool {
    let lower = word.to_lowercase();
    (0..doc.tokens.len()).any(|k| doc.token_text(k) == lower)
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
    fn no_rule_for_a_longer_name_before_the_form_or_for_a_word_of_a_persons_name() {
        let text = "Blue Fen Corp grew. Fen said so.";
        let got = run(text, &[("Blue Fen Corp", Label::Org), ("Fen", Label::Loc)]);
        assert_eq!(got[1], ("Fen".to_string(), Label::Loc));
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
    fn a_company_named_with_its_line_of_business_is_an_organisation_when_named_alone() {
        let text = "Tervo Laboratories and Varda Group Plc sued. Tervo denied it; Varda said no.";
        let got = run(
            text,
            &[
                ("Tervo Laboratories", Label::Org),
                ("Varda Group Plc", Label::Org),
                ("Tervo", Label::Per),
                ("Varda", Label::Loc),
            ],
        );
        assert_eq!(got[2], ("Tervo".to_string(), Label::Org));
        assert_eq!(got[3], ("Varda".to_string(), Label::Org));
    }

    #[test]
    fn a_line_of_business_gives_nothing_for_places_nationalities_common_words_or_non_companies() {
        // A country and a nationality ("Kenya Airways", "British Airways").
        let got = run(
            "Kenya Airways and British Airways flew. Kenya and British voters agreed.",
            &[
                ("Kenya Airways", Label::Org),
                ("British Airways", Label::Org),
                ("Kenya", Label::Loc),
                ("British", Label::Misc),
            ],
        );
        assert_eq!(got[2], ("Kenya".to_string(), Label::Loc));
        assert_eq!(got[3], ("British".to_string(), Label::Misc));
        // A word the text also writes in lower case.
        let got = run(
            "Cooperative Bank cut rates. Cooperative farms, a cooperative idea.",
            &[("Cooperative Bank", Label::Org)],
        );
        assert_eq!(got.len(), 1);
        // The model did not type the whole an organisation.
        let got = run(
            "Oriel Capital lies east. Oriel grew.",
            &[("Oriel Capital", Label::Loc), ("Oriel", Label::Loc)],
        );
        assert_eq!(got[1], ("Oriel".to_string(), Label::Loc));
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
