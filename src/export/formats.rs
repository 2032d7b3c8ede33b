//! Open export formats, each built from the native [`Export`] (code-point offsets) or, for
//! CoNLL, from the review and the engine's tokens:
//! - W3C Web Annotation JSON-LD: an `AnnotationCollection` of annotations with a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (code points);
//!   labels as classifying bodies, notes as commenting and tags as tagging bodies, a quote's
//!   speaker as an identifying body with an id shared by the speaker's quotes, each
//!   suggestion's review state as an assessing body.
//! - JSON Lines in the shapes spaCy and doccano import: `{"text", "entities" | "label":
//!   [[start, end, label]]}`, quotes as spans labelled `QUOTE`, with `"quotes": [{"start",
//!   "end", "speaker"}]` beside them. Rejected suggestions are left out.
//! - CoNLL-style IOB for names (PER, ORG, LOC, MISC): a token and its tag per line, a blank
//!   line after each sentence.

use super::{slug, Annotation, Export};
use crate::review::Review;
use annotator_engine::Label;
use serde_json::{json, Value};

/// How many code points of context the quote selector carries on each side.
const CONTEXT: usize = 32;

/// A stable IRI for the text (there is no URL for pasted text): a hash of it.
fn source(text: &str) -> String {
    // FNV-1a, 64 bits: the same text always gives the same IRI.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("urn:article-annotator:text:{h:016x}")
}

fn body(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value})
}

/// W3C Web Annotation JSON-LD of `e`.
pub fn w3c(e: &Export) -> Value {
    let src = source(&e.text);
    let chars: Vec<char> = e.text.chars().collect();
    let context = |start: usize, end: usize| {
        let prefix: String = chars[start.saturating_sub(CONTEXT)..start].iter().collect();
        let suffix: String = chars[end..(end + CONTEXT).min(chars.len())]
            .iter()
            .collect();
        (prefix, suffix)
    };
    let items: Vec<Value> = e
        .annotations
        .iter()
        .map(|a| {
            let b = a.base();
            let (prefix, suffix) = context(b.start, b.end);
            let mut bodies = Vec::new();
            let motivation = match a {
                Annotation::Entity(x) => {
                    bodies.push(body("classifying", &x.label));
                    "classifying"
                }
                Annotation::Quote(q) => {
                    bodies.push(body("classifying", "QUOTE"));
                    bodies.push(body("tagging", &format!("{} quote", q.label)));
                    if let Some(who) = &q.speaker {
                        let mut speaker = body("identifying", who);
                        if let Some(g) = &q.speaker_group {
                            speaker["id"] = format!("{src}#speaker-{g}").into();
                        }
                        bodies.push(speaker);
                    }
                    "classifying"
                }
                Annotation::Note(n) => {
                    if let Some(label) = &n.label {
                        let value = match label {
                            crate::document::NoteLabel::Colour { name, color } => {
                                format!("colour {name} {color}")
                            }
                            crate::document::NoteLabel::Entity { label } => label.clone(),
                            crate::document::NoteLabel::Quote => "QUOTE".into(),
                        };
                        bodies.push(body("classifying", &value));
                    }
                    if !n.note.is_empty() {
                        bodies.push(body("commenting", &n.note));
                    }
                    for t in &n.tags {
                        bodies.push(body("tagging", t));
                    }
                    if n.note.is_empty() {
                        "highlighting"
                    } else {
                        "commenting"
                    }
                }
            };
            if !matches!(a, Annotation::Note(_)) {
                bodies.push(body("assessing", &b.status));
            }
            json!({
                "id": format!("{src}#{}", b.id),
                "type": "Annotation",
                "motivation": motivation,
                "body": bodies,
                "target": {
                    "source": src,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": b.text, "prefix": prefix, "suffix": suffix},
                        {"type": "TextPositionSelector", "start": b.start, "end": b.end},
                    ],
                },
            })
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{src}#annotations"),
        "type": "AnnotationCollection",
        "label": e.title,
        "total": items.len(),
        "first": {"type": "AnnotationPage", "items": items},
    })
}

/// Which tool's JSON Lines shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jsonl {
    /// `{"text", "entities": [[start, end, label]]}`.
    Spacy,
    /// `{"text", "label": [[start, end, label]]}`.
    Doccano,
}

/// One JSON line for the article: names and quotes (not rejected), with the quotes' speakers.
pub fn jsonl(e: &Export, shape: Jsonl) -> String {
    let mut spans: Vec<Value> = Vec::new();
    let mut quotes: Vec<Value> = Vec::new();
    for a in &e.annotations {
        let b = a.base();
        if b.status == "rejected" {
            continue;
        }
        match a {
            Annotation::Entity(x) => spans.push(json!([b.start, b.end, x.label])),
            Annotation::Quote(q) => {
                spans.push(json!([b.start, b.end, "QUOTE"]));
                quotes.push(json!({"start": b.start, "end": b.end, "speaker": q.speaker}));
            }
            Annotation::Note(_) => {}
        }
    }
    let key = match shape {
        Jsonl::Spacy => "entities",
        Jsonl::Doccano => "label",
    };
    let mut line = json!({"text": e.text, "quotes": quotes});
    line[key] = spans.into();
    format!("{line}\n")
}

/// CoNLL-style IOB of the names in `review` over the engine's tokens of `text`.
pub fn conll(text: &str, review: &Review) -> String {
    let names: Vec<_> = review
        .entities
        .iter()
        .filter(|e| matches!(e.label, Label::Per | Label::Org | Label::Loc | Label::Misc))
        .collect();
    let doc = annotator_engine::Document::new(text);
    let mut out = String::from("-DOCSTART- O\n\n");
    for s in &doc.sentences {
        let mut previous = None;
        for i in s.tokens.clone() {
            let t = &doc.tokens[i];
            let word = t.text(text);
            if word.chars().all(char::is_whitespace) {
                continue;
            }
            let inside = names
                .iter()
                .position(|e| t.span.start() < e.span.end() && t.span.end() > e.span.start());
            let tag = match inside {
                Some(n) => {
                    let start = if previous == Some(n) { "I" } else { "B" };
                    format!("{start}-{}", names[n].label.as_str())
                }
                None => "O".to_string(),
            };
            previous = inside;
            out.push_str(word);
            out.push(' ');
            out.push_str(&tag);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The file names of the formats, from the text's title.
pub fn file_name(text: &str, extension: &str) -> String {
    format!("{}.{extension}", slug(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Change, Document, NoteContent, Target};
    use crate::export::build;
    use annotator_engine::Span;

    const TEXT: &str = "Harbour 🌊 vote\n\n“We have waited long enough,” said Clara Osei in Port Wenlow.\n\nThe Zorbex Trust owns the quay.";

    fn span_of(needle: &str) -> Span {
        let b = TEXT.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    fn reviewed() -> (Document, annotator_engine::Analysis, Review) {
        let mut doc = Document::new(TEXT);
        doc.add_note(
            span_of("the quay"),
            NoteContent {
                note: "which quay?".into(),
                tags: vec!["check".into()],
                ..NoteContent::default()
            },
        );
        let analysis = annotator_engine::analyze(TEXT);
        doc.decide(
            Target::Entity,
            span_of("Zorbex Trust"),
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: false,
            },
        );
        doc.decide(Target::Quote, analysis.quotes[0].span, Change::Accept);
        let review = crate::review::review(&doc, &analysis);
        (doc, analysis, review)
    }

    #[test]
    fn w3c_annotations_carry_both_selectors_in_code_points_and_the_review_state() {
        let (doc, analysis, review) = reviewed();
        let e = build(&doc, &analysis, &review);
        let c = w3c(&e);
        assert_eq!(c["type"], "AnnotationCollection");
        let items = c["first"]["items"].as_array().unwrap();
        assert_eq!(c["total"], items.len());
        let chars: Vec<char> = TEXT.chars().collect();
        for a in items {
            let sel = &a["target"]["selector"];
            let (start, end) = (
                sel[1]["start"].as_u64().unwrap() as usize,
                sel[1]["end"].as_u64().unwrap() as usize,
            );
            let exact: String = chars[start..end].iter().collect();
            assert_eq!(sel[0]["exact"], exact.as_str(), "positions are code points");
            let prefix: String = chars[start.saturating_sub(CONTEXT)..start].iter().collect();
            assert_eq!(sel[0]["prefix"], prefix.as_str());
        }
        let quote = items
            .iter()
            .find(|a| a["body"][0]["value"] == "QUOTE")
            .unwrap();
        let bodies = quote["body"].as_array().unwrap();
        assert!(bodies.contains(&body("assessing", "accepted")));
        let speaker = bodies
            .iter()
            .find(|b| b["purpose"] == "identifying")
            .unwrap();
        assert_eq!(speaker["value"], "Clara Osei");
        assert!(speaker["id"].as_str().unwrap().contains("#speaker-"));
        let note = items
            .iter()
            .find(|a| a["motivation"] == "commenting")
            .unwrap();
        assert!(note["body"]
            .as_array()
            .unwrap()
            .contains(&body("tagging", "check")));
        let own = items
            .iter()
            .find(|a| a["target"]["selector"][0]["exact"] == "Zorbex Trust")
            .unwrap();
        assert!(own["body"]
            .as_array()
            .unwrap()
            .contains(&body("assessing", "own")));
    }

    #[test]
    fn jsonl_lines_in_the_spacy_and_doccano_shapes() {
        let (doc, analysis, review) = reviewed();
        let e = build(&doc, &analysis, &review);
        let spacy: Value = serde_json::from_str(jsonl(&e, Jsonl::Spacy).trim_end()).unwrap();
        let doccano: Value = serde_json::from_str(jsonl(&e, Jsonl::Doccano).trim_end()).unwrap();
        assert_eq!(spacy["entities"], doccano["label"]);
        assert_eq!(spacy["text"], TEXT);
        let spans = spacy["entities"].as_array().unwrap();
        let chars: Vec<char> = TEXT.chars().collect();
        let words = |s: &Value| -> String {
            chars[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize]
                .iter()
                .collect()
        };
        assert!(spans
            .iter()
            .any(|s| s[2] == "ORG" && words(s) == "Zorbex Trust"));
        assert!(spans
            .iter()
            .any(|s| s[2] == "QUOTE" && words(s) == "We have waited long enough,"));
        assert_eq!(spacy["quotes"][0]["speaker"], "Clara Osei");
    }

    #[test]
    fn conll_tags_names_inside_out_and_begins_each_name() {
        let (_, _, review) = reviewed();
        let out = conll(TEXT, &review);
        assert!(out.starts_with("-DOCSTART- O\n\n"));
        assert!(out.contains("Clara B-PER\nOsei I-PER\n"), "{out}");
        assert!(out.contains("Zorbex B-ORG\nTrust I-ORG\n"), "{out}");
        assert!(out.contains("quay O\n"));
        assert!(out.contains(". O\n\n"), "sentences end with a blank line");
    }
}
