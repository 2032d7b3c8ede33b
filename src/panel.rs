//! What the side panel lists and what keyboard review steps through, computed from the review
//! (pure logic, tested natively).

use crate::document::Target;
use crate::review::{Review, ReviewedEntity, ReviewedQuote, Status};
use annotator_engine::{Analysis, Label, Span};

/// Which suggestions the panel lists and the keyboard steps through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Suggestions the user has not reviewed.
    Unreviewed,
    /// Unreviewed attributions the engine is unsure of.
    Unsure,
}

impl Filter {
    pub const ALL: [Filter; 3] = [Filter::All, Filter::Unreviewed, Filter::Unsure];

    pub fn as_str(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Unreviewed => "unreviewed",
            Filter::Unsure => "unsure",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Filter::All => "Everything",
            Filter::Unreviewed => "Not reviewed yet",
            Filter::Unsure => "Unsure attributions",
        }
    }

    pub fn parse(s: &str) -> Filter {
        Filter::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .unwrap_or_default()
    }

    pub fn keeps_quote(self, q: &ReviewedQuote) -> bool {
        match self {
            Filter::All => true,
            Filter::Unreviewed => q.status == Status::Suggested,
            Filter::Unsure => q.is_unsure(),
        }
    }

    pub fn keeps_entity(self, e: &ReviewedEntity) -> bool {
        match self {
            Filter::All => true,
            Filter::Unreviewed => e.status == Status::Suggested,
            // Confidence is about attributions: names are never unsure.
            Filter::Unsure => false,
        }
    }
}

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Quotes,
    Names,
    Notes,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Quotes, Tab::Names, Tab::Notes];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Quotes => "Quotes",
            Tab::Names => "Names",
            Tab::Notes => "My notes",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Quotes => "quotes",
            Tab::Names => "names",
            Tab::Notes => "notes",
        }
    }
}

/// The quotes and names the filter keeps, in text order: what "next" and "previous" step
/// through. Each is its kind, key and drawn span.
pub fn navigation(review: &Review, filter: Filter) -> Vec<(Target, Span, Span)> {
    let mut items: Vec<(Target, Span, Span)> = review
        .quotes
        .iter()
        .filter(|q| filter.keeps_quote(q))
        .map(|q| (Target::Quote, q.key, q.span))
        .chain(
            review
                .entities
                .iter()
                .filter(|e| filter.keeps_entity(e))
                .map(|e| (Target::Entity, e.key, e.span)),
        )
        .collect();
    items.sort_by_key(|(t, _, span)| (span.start(), *t, span.end()));
    items
}

/// The item after (or before) `current` in `items`; the first (or last) when there is no
/// current one. When the filter dropped `current`, its position in the text (`at`) places it.
pub fn step(
    items: &[(Target, Span, Span)],
    current: Option<(Target, Span)>,
    at: Option<usize>,
    forward: bool,
) -> Option<(Target, Span)> {
    let found = current.and_then(|c| items.iter().position(|(t, k, _)| (*t, *k) == c));
    let i = match (found, at, forward) {
        (Some(i), _, true) => (i + 1 < items.len()).then_some(i + 1),
        (Some(i), _, false) => i.checked_sub(1),
        (None, Some(at), true) => items.iter().position(|(_, _, s)| s.start() > at),
        (None, Some(at), false) => items.iter().rposition(|(_, _, s)| s.start() < at),
        (None, None, true) => (!items.is_empty()).then_some(0),
        (None, None, false) => items.len().checked_sub(1),
    }?;
    items.get(i).map(|(t, k, _)| (*t, *k))
}

/// Every case-insensitive occurrence of `query` in `text`, as byte spans of `text`. Queries of
/// white space alone match nothing.
pub fn search(text: &str, query: &str) -> Vec<Span> {
    let query: String = query.trim().chars().flat_map(char::to_lowercase).collect();
    if query.is_empty() {
        return Vec::new();
    }
    // The lower-cased text, with the byte span in `text` of the character each byte came from.
    let mut lower = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            let at = lower.len();
            lower.push(l);
            origin.extend(std::iter::repeat_n((i, i + c.len_utf8()), lower.len() - at));
        }
    }
    let mut out: Vec<Span> = Vec::new();
    for (at, m) in lower.match_indices(&query) {
        let start = origin[at].0;
        let end = origin[at + m.len() - 1].1;
        if out.last().is_none_or(|s| s.end() <= start) {
            out.push(Span::new(start, end));
        }
    }
    out
}

/// The match after (or before) byte offset `at` in `matches` (in text order), wrapping around;
/// the first (or last) when `at` is `None`.
pub fn next_match(matches: &[Span], at: Option<usize>, forward: bool) -> Option<Span> {
    let found = match (at, forward) {
        (Some(at), true) => matches.iter().find(|m| m.start() > at),
        (Some(at), false) => matches.iter().rev().find(|m| m.start() < at),
        (None, _) => None,
    };
    let wrapped = if forward {
        matches.first()
    } else {
        matches.last()
    };
    found.or(wrapped).copied()
}

/// Whether `hay` holds `query`, ignoring case.
pub fn mentions(hay: &str, query: &str) -> bool {
    !search(hay, query).is_empty()
}

/// The keys of the quotes that "accept all" would accept (those not reviewed yet).
pub fn acceptable_quotes<'a>(
    quotes: impl IntoIterator<Item = &'a ReviewedQuote>,
) -> Vec<(Target, Span)> {
    quotes
        .into_iter()
        .filter(|q| q.status == Status::Suggested)
        .map(|q| (Target::Quote, q.key))
        .collect()
}

/// The keys of the names that "accept all" would accept.
pub fn acceptable_entities<'a>(
    entities: impl IntoIterator<Item = &'a ReviewedEntity>,
) -> Vec<(Target, Span)> {
    entities
        .into_iter()
        .filter(|e| e.status == Status::Suggested)
        .map(|e| (Target::Entity, e.key))
        .collect()
}

/// Quote keys grouped by speaker (unknown last), most quoted first.
pub fn speaker_groups(review: &Review) -> Vec<(Option<String>, Vec<Span>)> {
    let mut groups: Vec<(Option<String>, Vec<Span>)> = Vec::new();
    for q in &review.quotes {
        match groups.iter_mut().find(|(n, _)| *n == q.speaker) {
            Some((_, keys)) => keys.push(q.key),
            None => groups.push((q.speaker.clone(), vec![q.key])),
        }
    }
    groups.sort_by_key(|(name, spans)| (name.is_none(), std::cmp::Reverse(spans.len())));
    groups
}

/// The unsure attributions, least sure first (then in text order): the review queue.
pub fn unsure_quotes(review: &Review) -> Vec<&ReviewedQuote> {
    let mut unsure: Vec<&ReviewedQuote> = review.quotes.iter().filter(|q| q.is_unsure()).collect();
    unsure.sort_by(|a, b| {
        let c = |q: &ReviewedQuote| q.speaker_confidence().unwrap_or(0.0);
        c(a).total_cmp(&c(b))
            .then(a.span.start().cmp(&b.span.start()))
    });
    unsure
}

pub struct EntityGroup {
    /// Identifies the group in the panel (its mention cursor).
    pub key: String,
    pub label: Label,
    pub name: String,
    /// The keys of its mentions, in text order.
    pub mentions: Vec<Span>,
}

/// Reviewed names grouped as the engine grouped them (names the user added: by their words).
pub fn entity_groups(review: &Review, analysis: &Analysis, text: &str) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    // Where each group's key is in `groups` (a long article has thousands of groups).
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for e in review.entities.iter().filter(|e| e.label.is_name()) {
        let (key, name) = match e.group.and_then(|g| analysis.group(g)) {
            Some(g) if g.label == e.label => (format!("g{}", g.id.0), g.name.clone()),
            _ => (
                format!("{}:{}", e.label, e.span.slice(text)),
                e.span.slice(text).to_string(),
            ),
        };
        match at.get(&key) {
            Some(&g) => groups[g].mentions.push(e.key),
            None => {
                at.insert(key.clone(), groups.len());
                groups.push(EntityGroup {
                    key,
                    label: e.label,
                    name,
                    mentions: vec![e.key],
                });
            }
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.mentions.len()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Change, Document};
    use crate::review::review;
    use annotator_engine::analysis::Confidence;
    use annotator_engine::{Quote, QuoteKind, Speaker};

    const TEXT: &str = "“A,” said Ana. “B,” said Bo. “C,” said Cy. “D,” she said.";

    /// An analysis of TEXT whose four quotes have the given speaker confidences (None: found by
    /// the rules alone).
    fn analysis(confidences: [Option<f32>; 4]) -> Analysis {
        let quotes = ["A,", "B,", "C,", "D,"]
            .iter()
            .zip(["Ana", "Bo", "Cy", "Ana"])
            .zip(confidences)
            .map(|((q, who), c)| {
                let b = TEXT.find(q).unwrap();
                Quote {
                    span: Span::new(b, b + q.len()),
                    kind: QuoteKind::Direct,
                    speaker: Some(Speaker {
                        name: who.into(),
                        mention: None,
                        group: None,
                        label: Some(Label::Per),
                    }),
                    cue: None,
                    confidence: c.map(|c| Confidence::new(0.9, c)),
                }
            })
            .collect();
        Analysis {
            paragraphs: vec![Span::new(0, TEXT.len())],
            quotes,
            ..Analysis::default()
        }
    }

    fn texts(quotes: &[&ReviewedQuote]) -> Vec<&'static str> {
        quotes.iter().map(|q| q.span.slice(TEXT)).collect()
    }

    #[test]
    fn unsure_attributions_are_listed_least_sure_first() {
        let a = analysis([Some(0.55), Some(0.95), Some(0.2), Some(0.6)]);
        let r = review(&Document::new(TEXT), &a);
        assert_eq!(
            texts(&unsure_quotes(&r)),
            ["C,", "A,"],
            "0.6 itself is not unsure"
        );
    }

    #[test]
    fn a_reviewed_or_rule_found_attribution_is_not_unsure() {
        let a = analysis([Some(0.1), Some(0.1), None, Some(0.3)]);
        let mut doc = Document::new(TEXT);
        // The user confirms Bo's quote by setting its speaker; Ana's second one gets someone else.
        for (q, who) in [("B,", "Bo"), ("D,", "Di")] {
            let b = TEXT.find(q).unwrap();
            doc.decide(Target::Quote, Span::new(b, b + 2), Change::speaker(who));
        }
        let r = review(&doc, &a);
        assert_eq!(texts(&unsure_quotes(&r)), ["A,"]);
    }

    #[test]
    fn speakers_are_grouped_most_quoted_first() {
        let r = review(&Document::new(TEXT), &analysis([None; 4]));
        let groups = speaker_groups(&r);
        let groups: Vec<(Option<&str>, usize)> = groups
            .iter()
            .map(|(n, s)| (n.as_deref(), s.len()))
            .collect();
        assert_eq!(groups, [(Some("Ana"), 2), (Some("Bo"), 1), (Some("Cy"), 1)]);
    }

    #[test]
    fn the_keyboard_steps_through_what_the_filter_keeps() {
        let a = analysis([Some(0.1), Some(0.9), Some(0.3), Some(0.9)]);
        let mut doc = Document::new(TEXT);
        let r = review(&doc, &a);
        let all = navigation(&r, Filter::All);
        assert_eq!(all.len(), 4);
        let first = step(&all, None, None, true).unwrap();
        assert_eq!(first.1.slice(TEXT), "A,");
        let second = step(&all, Some(first), None, true).unwrap();
        assert_eq!(second.1.slice(TEXT), "B,");
        assert_eq!(
            step(&all, Some(first), None, false),
            None,
            "nothing before the first"
        );
        let unsure = navigation(&r, Filter::Unsure);
        let keys: Vec<&str> = unsure.iter().map(|(_, k, _)| k.slice(TEXT)).collect();
        assert_eq!(keys, ["A,", "C,"]);
        // From an item the filter drops, the step goes by position.
        assert_eq!(
            step(&unsure, Some(second), Some(second.1.start()), true).map(|s| s.1.slice(TEXT)),
            Some("C,")
        );
        // Reviewing takes it out of the unreviewed list.
        doc.decide(Target::Quote, first.1, Change::Accept);
        let r = review(&doc, &a);
        let left: Vec<&str> = navigation(&r, Filter::Unreviewed)
            .iter()
            .map(|(_, k, _)| k.slice(TEXT))
            .collect();
        assert_eq!(left, ["B,", "C,", "D,"]);
        assert_eq!(acceptable_quotes(&r.quotes).len(), 3);
    }

    #[test]
    fn the_next_match_follows_the_selection_and_wraps_around() {
        let m = [Span::new(2, 4), Span::new(10, 12), Span::new(20, 22)];
        assert_eq!(next_match(&m, None, true), Some(m[0]));
        assert_eq!(next_match(&m, None, false), Some(m[2]));
        assert_eq!(next_match(&m, Some(2), true), Some(m[1]));
        assert_eq!(next_match(&m, Some(20), true), Some(m[0]), "wraps");
        assert_eq!(next_match(&m, Some(10), false), Some(m[0]));
        assert_eq!(next_match(&m, Some(2), false), Some(m[2]), "wraps back");
        assert_eq!(next_match(&[], Some(2), true), None);
    }

    #[test]
    fn search_ignores_case_and_keeps_byte_offsets() {
        let text = "İstanbul and ISTANBUL; straße, STRASSE.";
        let spans = search(text, "istanbul");
        assert_eq!(
            spans.len(),
            1,
            "İ lower-cases to i̇, so only ISTANBUL matches"
        );
        assert_eq!(spans[0].slice(text), "ISTANBUL");
        let s = search(text, "İstan");
        assert_eq!(
            s.iter().map(|s| s.slice(text)).collect::<Vec<_>>(),
            ["İstan"]
        );
        assert_eq!(search(text, "  "), []);
        assert!(mentions("Clara Osei", "osei"));
        assert!(!mentions("Clara Osei", "bo"));
    }
}
