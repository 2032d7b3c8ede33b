//! A person named in full is named by surname afterwards: news writes "Mike Pence" once and
//! "Pence" from then on. So in a document where a person's name of two words or more ends in a
//! word, that word standing alone is the same person: typed PER when the model typed it otherwise
//! ("Pence" as an organisation), and found when the model missed it (a sentence-initial
//! "Pence said"), unless the document also writes the word in lower case (a common word, as
//! "may" is for "Theresa May").

use crate::analysis::Label;
use crate::hash::FastSet;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Applies the rule to names in text order (byte spans with labels, without overlaps) and
/// returns them in text order.
pub fn apply(doc: &Document, names: Vec<(Span, Label)>) -> Vec<(Span, Label)> {
    let surnames: FastSet<&str> = names
        .iter()
        .filter(|(_, label)| *label == Label::Per)
        .filter_map(|&(span, _)| {
            let words = doc.tokens_over(span);
            let last = words.end.checked_sub(1)?;
            (words.len() >= 2 && is_name_word(doc, last)).then(|| doc.token_text(last))
        })
        .collect();
    if surnames.is_empty() {
        return names;
    }
    // The surnames the document also writes in lower case.
    let lowered: FastSet<String> = surnames.iter().map(|s| s.to_lowercase()).collect();
    let common: FastSet<&str> = doc
        .tokens
        .iter()
        .map(|t| t.span.slice(doc.text))
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()) && lowered.contains(*w))
        .collect();
    // Every surname starts with a capital or holds a hyphen (`is_name_word`): other words need
    // no look-up.
    let is_surname = |k: usize| {
        let w = doc.token_text(k);
        (w.starts_with(char::is_uppercase) || w.contains('-'))
            && surnames.contains(w)
            && !common.contains(w.to_lowercase().as_str())
    };
    // A lone surname, named or missed, is the person.
    super::relabel_words(doc, names, |k| is_surname(k).then_some(Label::Per))
}

/// A word that can be a surname: capitalised, then lower case ("Pence", "McCain", "O'Neill"),
/// also after a short lower-case particle and a hyphen, as Arabic names write the article
/// ("al-Kadhimi", "el-Sisi").
fn is_name_word(doc: &Document, k: usize) -> bool {
    let w = doc.token_text(k);
    // A capital first and a lower-case letter after it: two letters at least.
    let capitalised =
        |w: &str| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let particle =
        |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase());
    doc.tokens[k].kind == TokenKind::Word
        && (capitalised(w)
            || w.split_once('-')
                .is_some_and(|(p, rest)| particle(p) && capitalised(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(text: &str, names: &[(&str, Label)]) -> Vec<(String, Label)> {
        super::super::run_rule(apply, text, names)
    }

    #[test]
    fn a_lone_surname_after_the_full_name_is_the_person() {
        let text =
            "Mike Pence spoke in Ohio. Pence said the plan would work. Critics told Pence no.";
        let found = names_in(
            text,
            &[
                ("Mike Pence", Label::Per),
                ("Ohio", Label::Loc),
                ("Critics told Pence", Label::Misc),
            ],
        );
        assert_eq!(
            found,
            [
                ("Mike Pence".to_string(), Label::Per),
                ("Ohio".to_string(), Label::Loc),
                ("Pence".to_string(), Label::Per),
                ("Critics told Pence".to_string(), Label::Misc),
            ]
        );
        let retyped = names_in(
            "Marta Lindqvist won. Voters backed Lindqvist on Monday.",
            &[("Marta Lindqvist", Label::Per), ("Lindqvist", Label::Org)],
        );
        assert_eq!(retyped[1], ("Lindqvist".to_string(), Label::Per));
    }

    #[test]
    fn a_surname_with_a_particle_spreads_and_a_lower_case_word_does_not() {
        let text = "Abdel Fattah el-Sisi visited Cairo. Later el-Sisi spoke, and the co-op met.";
        let found = names_in(
            text,
            &[
                ("Abdel Fattah el-Sisi", Label::Per),
                ("Cairo", Label::Loc),
                ("el-Sisi", Label::Misc),
            ],
        );
        assert_eq!(found[2], ("el-Sisi".to_string(), Label::Per));
        // A full name ending in a lower-case word gives nothing ("co-op" is not "Co-op").
        let found = names_in(
            "Anna de la co-op spoke. The co-op met.",
            &[("Anna de la co-op", Label::Per)],
        );
        assert_eq!(found, [("Anna de la co-op".to_string(), Label::Per)]);
    }

    #[test]
    fn common_words_and_one_word_names_do_not_spread() {
        // "May" is also written in lower case; "Reed" was only ever named alone.
        let text = "Theresa May met Reed. It may rain, May said. Reed left.";
        let found = names_in(text, &[("Theresa May", Label::Per), ("Reed", Label::Per)]);
        assert_eq!(
            found,
            [
                ("Theresa May".to_string(), Label::Per),
                ("Reed".to_string(), Label::Per),
            ]
        );
    }
}
