//! Direct quotes and their speakers.
//!
//! 1. [`marks`] pairs quotation marks inside each paragraph into direct-quote spans.
//! 2. [`attribute`] finds each quote's cue verb and speaker, resolving pronouns to the nearest
//!    preceding person.

pub mod marks;

use crate::analysis::{Entity, Label, Quote, QuoteKind, Speaker};
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Speech verbs that attach a quote to its speaker.
pub const CUE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "warned",
    "warns",
    "claimed",
    "claims",
    "argued",
    "argues",
    "insisted",
    "insists",
    "explained",
    "explains",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "announced",
    "announces",
    "replied",
    "replies",
    "declared",
    "declares",
    "wrote",
    "writes",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "admitted",
    "admits",
    "denied",
    "denies",
    "suggested",
    "suggests",
    "urged",
    "urges",
    "acknowledged",
    "acknowledges",
    "conceded",
    "concedes",
    "commented",
    "comments",
    "remarked",
    "stated",
    "states",
    "tweeted",
    "posted",
    "responded",
    "responds",
    "agreed",
    "agrees",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

/// Finds direct quotes and attributes them.
pub fn detect(doc: &Document, entities: &[Entity]) -> Vec<Quote> {
    let spans = marks::direct_quotes(doc);
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    for span in spans {
        let (speaker, cue) = attribute(doc, entities, span, &quotes);
        quotes.push(Quote {
            span: span.inner,
            kind: QuoteKind::Direct,
            speaker,
            cue,
        });
    }
    quotes
}

fn is_cue(word: &str) -> bool {
    CUE_VERBS.contains(&word.to_lowercase().as_str())
}

/// The entity (person or organisation) that covers or starts at token `i`.
fn entity_at<'e>(doc: &Document, entities: &'e [Entity], i: usize) -> Option<&'e Entity> {
    let s = doc.tokens.get(i)?.span;
    entities
        .iter()
        .find(|e| e.span.contains(s) && matches!(e.label, Label::Per | Label::Org))
}

/// The last person mentioned before byte `offset`.
fn person_before(entities: &[Entity], offset: usize) -> Option<&Entity> {
    entities
        .iter()
        .rev()
        .find(|e| e.span.end() <= offset && e.label == Label::Per)
}

fn speaker_of(doc: &Document, e: &Entity) -> Speaker {
    Speaker {
        name: e.span.slice(doc.text).to_string(),
        mention: Some(e.span),
        group: e.group,
    }
}

/// Finds the speaker of one quote: a cue right after the closing mark (`"...," X said`,
/// `"...," said X`), a cue before the opening mark (`X said: "..."`), else the speaker of the
/// previous quote in the same or the previous paragraph.
fn attribute(
    doc: &Document,
    entities: &[Entity],
    q: marks::MarkedQuote,
    earlier: &[Quote],
) -> (Option<Speaker>, Option<Span>) {
    let text = doc.text;
    let after = doc.token_at_or_after(q.outer.end());
    // The cue must be in the sentence the quote ends in, not in the next one.
    let same_sentence = after > 0
        && after < doc.tokens.len()
        && doc.sentence_of(after) == doc.sentence_of(after - 1);
    let sentence_end = same_sentence.then(|| doc.sentences[doc.sentence_of(after)].tokens.end);
    // After the quote, within its sentence and before any line break.
    if let Some(send) = sentence_end {
        let mut k = after;
        let limit = send.min(after + 12);
        while k < limit {
            if doc.tokens[k].breaks_before > 0 || doc.tokens[k].kind == TokenKind::Quote {
                break;
            }
            let w = doc.token_text(k);
            if is_cue(w) {
                // "said X" (inversion) or "X said".
                if let Some(e) = entity_at(doc, entities, k + 1) {
                    return (Some(speaker_of(doc, e)), Some(doc.tokens[k].span));
                }
                let subject = (after..k).rev().find_map(|m| entity_at(doc, entities, m));
                if let Some(e) = subject {
                    return (Some(speaker_of(doc, e)), Some(doc.tokens[k].span));
                }
                if k > after && PRONOUNS.contains(&doc.token_text(k - 1)) {
                    let speaker = person_before(entities, q.outer.start()).map(|e| Speaker {
                        name: e.span.slice(text).to_string(),
                        mention: Some(doc.tokens[k - 1].span),
                        group: e.group,
                    });
                    return (speaker, Some(doc.tokens[k].span));
                }
                break;
            }
            k += 1;
        }
    }
    // Before the quote: "X said: " or "X said, ".
    let open = doc.token_at_or_after(q.outer.start());
    if open > 0 {
        let sstart = doc.sentences[doc.sentence_of(open)].tokens.start;
        let mut k = open;
        while k > sstart && open - k < 12 {
            k -= 1;
            let w = doc.token_text(k);
            if is_cue(w) {
                if let Some(e) = (sstart..k).rev().find_map(|m| entity_at(doc, entities, m)) {
                    return (Some(speaker_of(doc, e)), Some(doc.tokens[k].span));
                }
                if k > sstart && PRONOUNS.contains(&doc.token_text(k - 1)) {
                    let speaker = person_before(entities, q.outer.start()).map(|e| Speaker {
                        name: e.span.slice(text).to_string(),
                        mention: Some(doc.tokens[k - 1].span),
                        group: e.group,
                    });
                    return (speaker, Some(doc.tokens[k].span));
                }
            }
        }
    }
    // No cue: continue the previous quote's speaker if it is near.
    let para = doc.paragraph_at(q.outer.start());
    if let Some(prev) = earlier.last() {
        let prev_para = doc.paragraph_at(prev.span.start());
        if let (Some(p), Some(pp)) = (para, prev_para) {
            if p - pp <= 1 {
                return (
                    prev.speaker.clone().map(|s| Speaker { mention: None, ..s }),
                    None,
                );
            }
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    fn quotes(text: &str) -> Vec<(&str, Option<String>)> {
        let a = analyze(text);
        a.quotes
            .iter()
            .map(|q| {
                (
                    q.span.slice(text),
                    q.speaker.as_ref().map(|s| s.name.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn cue_after_quote() {
        assert_eq!(
            quotes("\"We will win,\" John Smith said."),
            [("We will win,", Some("John Smith".into()))]
        );
        assert_eq!(
            quotes("“We will win,” said John Smith."),
            [("We will win,", Some("John Smith".into()))]
        );
    }

    #[test]
    fn cue_before_quote() {
        assert_eq!(
            quotes("John Smith said: \"We will win.\""),
            [("We will win.", Some("John Smith".into()))]
        );
    }

    #[test]
    fn pronoun_takes_nearest_preceding_person() {
        let t = "Mary Jones arrived late. \"I was delayed,\" she said.";
        assert_eq!(quotes(t), [("I was delayed,", Some("Mary Jones".into()))]);
    }

    #[test]
    fn thinking_is_not_a_speech_cue() {
        assert_eq!(quotes("“Fine,” John Smith thought."), [("Fine,", None)]);
    }

    #[test]
    fn a_pronoun_with_no_person_before_it_stays_unknown() {
        assert_eq!(
            quotes("“We are ready,” she said."),
            [("We are ready,", None)]
        );
    }

    #[test]
    fn a_cue_in_the_next_sentence_does_not_attribute() {
        let t = "“The bridge is closed.” Later John Smith said he was sorry.";
        assert_eq!(quotes(t), [("The bridge is closed.", None)]);
    }

    #[test]
    fn no_speaker_without_cue_or_context() {
        assert_eq!(quotes("The \"plan\" failed."), [("plan", None)]);
    }
}
