//! Rule-based name detection: capitalised runs classified by gazetteers and context words.
//! Number and time expressions are found by [`super::numeric`].

use super::gazetteer::Gazetteer;
use crate::analysis::Label;
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Closed-class words that are capitalised only because they open a sentence or a title.
pub const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "of",
    "by",
    "with",
    "without",
    "after",
    "before",
    "during",
    "since",
    "until",
    "about",
    "over",
    "under",
    "as",
    "but",
    "and",
    "or",
    "nor",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "where",
    "why",
    "how",
    "what",
    "who",
    "which",
    "whose",
    "there",
    "here",
    "most",
    "many",
    "some",
    "all",
    "any",
    "each",
    "every",
    "no",
    "not",
    "more",
    "less",
    "few",
    "both",
    "either",
    "neither",
    "other",
    "another",
    "such",
    "than",
    "then",
    "now",
    "also",
    "still",
    "just",
    "only",
    "even",
    "however",
    "meanwhile",
    "currently",
    "although",
    "though",
    "because",
    "despite",
    "among",
    "between",
    "against",
    "into",
    "through",
    "instead",
    "once",
    "again",
    "yes",
    "mr",
    "mrs",
    "ms",
    "dr",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "let",
    "please",
    "our",
    "ahead",
    "unlike",
    "like",
    "last",
    "next",
    "first",
    "new",
    "old",
    "former",
];

/// Words that mark a person when they precede a name.
pub const PERSON_TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "premier",
    "chancellor",
    "senator",
    "sen.",
    "governor",
    "gov.",
    "mayor",
    "general",
    "gen.",
    "colonel",
    "captain",
    "judge",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ayatollah",
    "sheikh",
    "spokesman",
    "spokeswoman",
    "secretary",
    "commander",
    "coach",
    "manager",
    "chairman",
    "chief",
    "director",
    "rev.",
    "reverend",
    "president-elect",
    "leader",
    "ambassador",
    "envoy",
    "striker",
    "midfielder",
    "defender",
];

/// Head words that make a capitalised run an organisation.
pub const ORG_WORDS: &[&str] = &[
    "party",
    "ministry",
    "council",
    "bank",
    "university",
    "company",
    "corporation",
    "association",
    "movement",
    "alliance",
    "agency",
    "organisation",
    "organization",
    "union",
    "committee",
    "group",
    "army",
    "forces",
    "news",
    "institute",
    "federation",
    "league",
    "club",
    "fund",
    "commission",
    "parliament",
    "assembly",
    "court",
    "department",
    "office",
    "board",
    "network",
    "times",
    "post",
    "press",
    "airlines",
    "airways",
    "motors",
    "systems",
    "technologies",
    "industries",
    "holdings",
    "foundation",
    "society",
    "service",
    "police",
    "navy",
    "corps",
    "united",
    "city",
    "rovers",
    "front",
    "brigade",
    "brigades",
    "coalition",
    "tv",
    "radio",
];

pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn lower_in(word: &str, list: &[&str]) -> bool {
    let l = word.to_lowercase();
    list.contains(&l.as_str())
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "al-Kadhimi", "bin Salman", "van Gogh": lower-case particles that open a name.
fn is_name_particle_word(w: &str) -> bool {
    ["al-", "el-", "ad-", "as-", "an-", "ar-", "bin-", "ibn-"]
        .iter()
        .any(|p| {
            w.len() > p.len()
                && w.starts_with(p)
                && w[p.len()..].chars().next().is_some_and(char::is_uppercase)
        })
}

const CONNECTORS: &[&str] = &[
    "of", "for", "de", "van", "von", "bin", "da", "del", "du", "la", "le", "and", "&",
];

pub(crate) fn is_month_or_day(w: &str) -> bool {
    lower_in(w.trim_end_matches('.'), MONTHS) || lower_in(w, WEEKDAYS)
}

/// Mostly upper-case sentences (headlines, datelines) give no capitalisation evidence.
fn is_shouting(doc: &Document, range: std::ops::Range<usize>) -> bool {
    let (mut upper, mut letters) = (0, 0);
    for i in range {
        for c in doc.token_text(i).chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    letters >= 12 && upper * 10 >= letters * 8
}

/// Finds names in `doc`, in text order, without overlaps.
pub fn detect(doc: &Document) -> Vec<(Span, Label)> {
    let g = Gazetteer::get();
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let shouting = is_shouting(doc, sentence.tokens.clone());
        let mut i = sentence.tokens.start;
        let end = sentence.tokens.end;
        while i < end {
            let t = doc.tokens[i];
            let w = doc.token_text(i);
            // Months and weekdays are dates, not names.
            if is_month_or_day(w) {
                i += 1;
                continue;
            }
            let starts_name =
                t.kind == TokenKind::Word && (is_capitalised(w) || is_name_particle_word(w));
            if !starts_name || shouting && !g.places.contains(w) && !g.nationalities.contains(w) {
                i += 1;
                continue;
            }
            // Extend the capitalised run, through connectors followed by a capitalised word.
            let mut j = i + 1;
            while j < end {
                let wj = doc.token_text(j);
                let tj = doc.tokens[j];
                if tj.kind == TokenKind::Word
                    && (is_capitalised(wj) || is_name_particle_word(wj))
                    && !is_month_or_day(wj)
                {
                    j += 1;
                } else if lower_in(wj, CONNECTORS)
                    && j + 1 < end
                    && is_capitalised(doc.token_text(j + 1))
                    && doc.tokens[j + 1].kind == TokenKind::Word
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // Drop leading function words ("The", "In") and titles ("Mr", "President").
            let mut s = i;
            let mut titled = false;
            while s < j
                && (lower_in(doc.token_text(s), FUNCTION_WORDS)
                    || lower_in(doc.token_text(s), PERSON_TITLES))
            {
                titled |= lower_in(doc.token_text(s), PERSON_TITLES);
                s += 1;
            }
            let sentence_initial = i == sentence.tokens.start
                || (i == sentence.tokens.start + 1
                    && doc.tokens[sentence.tokens.start].kind == TokenKind::Quote);
            if s < j {
                let titled = titled
                    || (s > sentence.tokens.start
                        && lower_in(doc.token_text(s - 1), PERSON_TITLES));
                if let Some(label) = classify(doc, g, s, j, titled, sentence_initial && s == i) {
                    out.push((
                        Span::new(doc.tokens[s].span.start(), doc.tokens[j - 1].span.end()),
                        label,
                    ));
                }
            }
            i = j;
        }
    }
    out
}

/// Classifies the capitalised run `s..j`, or rejects it.
fn classify(
    doc: &Document,
    g: &Gazetteer,
    s: usize,
    j: usize,
    titled: bool,
    sentence_initial: bool,
) -> Option<Label> {
    let text = doc.text;
    let name = &text[doc.tokens[s].span.start()..doc.tokens[j - 1].span.end()];
    let first = doc.token_text(s);
    let last = doc.token_text(j - 1);
    let n = j - s;
    if g.places.contains(name) {
        return Some(Label::Loc);
    }
    if g.nationalities.contains(name)
        || (n == 1 && first.ends_with("ese") && g.nationalities.contains(first))
    {
        return Some(Label::Misc);
    }
    if titled {
        return Some(Label::Per);
    }
    let org_head = g
        .org_suffixes
        .contains(last.to_lowercase().trim_end_matches('.'))
        || lower_in(last, ORG_WORDS);
    if org_head && n > 1 {
        return Some(Label::Org);
    }
    if n >= 2 && g.first_names.contains(first) {
        return Some(Label::Per);
    }
    if n == 1
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && first.len() >= 2
        && first.len() <= 5
    {
        return Some(Label::Org);
    }
    // A lone capitalised word at the start of a sentence is most often an ordinary word.
    if sentence_initial && n == 1 {
        return None;
    }
    // A word followed by "said"/"says" is most often a person's surname.
    let next = doc.tokens.get(j).map(|t| t.span.slice(text));
    if matches!(next, Some("said" | "says" | "told" | "added")) {
        return Some(Label::Per);
    }
    Some(if n >= 2 { Label::Per } else { Label::Misc })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(text: &str) -> Vec<(&str, &'static str)> {
        let d = Document::new(text);
        detect(&d)
            .into_iter()
            .map(|(s, l)| (s.slice(text), l.as_str()))
            .collect()
    }

    fn names(text: &str) -> Vec<(&str, &'static str)> {
        ents(text)
            .into_iter()
            .filter(|(_, l)| matches!(*l, "PER" | "ORG" | "LOC" | "MISC"))
            .collect()
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        assert_eq!(names("Most people agreed."), []);
        assert_eq!(names("Police arrested two men."), []);
        assert_eq!(names("March is cold."), []);
        assert_eq!(names("Of course he went."), []);
    }

    #[test]
    fn names_by_gazetteer_title_and_context() {
        assert_eq!(ents("He flew to Baghdad."), [("Baghdad", "LOC")]);
        assert_eq!(ents("The Iraqi army moved."), [("Iraqi", "MISC")]);
        assert_eq!(
            ents("They met President Joe Biden."),
            [("Joe Biden", "PER")]
        );
        assert_eq!(ents("They met Mr Tanaka."), [("Tanaka", "PER")]);
        assert_eq!(
            ents("a spokesman for the Nujaba Movement"),
            [("Nujaba Movement", "ORG")]
        );
        assert_eq!(
            ents("He bought shares of Acme Widgets Inc today."),
            [("Acme Widgets Inc", "ORG")]
        );
    }
}
