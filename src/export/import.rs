//! Import of the native JSON export: the article it holds, with the user's highlights and
//! decisions, checked before anything changes. Every refusal names what is wrong and where.

use super::{read, title, Annotation, Export};
use crate::document::{Anchor, Decision, Document, Note, NoteId};
use crate::error::AppError;

/// The article a native export (any version ever written) holds.
pub fn import(json: &str) -> Result<Document, AppError> {
    to_document(&read(json)?)
}

fn bad(why: String) -> AppError {
    AppError::ExportUnreadable(why)
}

/// `text[start..end]` in code points, or `None` when the offsets do not fit the text.
fn slice(chars: &[(usize, char)], text: &str, start: usize, end: usize) -> Option<String> {
    if start >= end || end > chars.len() {
        return None;
    }
    let b = chars[start].0;
    let e = chars.get(end).map_or(text.len(), |c| c.0);
    Some(text[b..e].to_string())
}

/// Checks that `what` (an annotation, by its id) quotes the text at its offsets.
fn check_anchor(
    chars: &[(usize, char)],
    text: &str,
    what: &str,
    (start, end, exact): (usize, usize, &str),
) -> Result<(), AppError> {
    let Some(there) = slice(chars, text, start, end) else {
        return Err(bad(format!(
            "{what}: its offsets {start}..{end} lie outside the text, which has {} characters",
            chars.len()
        )));
    };
    if there != exact {
        return Err(bad(format!(
            "{what}: the text at {start}..{end} is “{there}”, not “{exact}” (offsets counted in \
             another unit, such as UTF-16, or written for another text)"
        )));
    }
    Ok(())
}

/// The article in `export`: its text, title, dates, highlights and decisions. The analysis
/// is not imported: it is made again from the text.
pub fn to_document(export: &Export) -> Result<Document, AppError> {
    let text = export.text.as_str();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for a in &export.annotations {
        let b = a.base();
        check_anchor(
            &chars,
            text,
            &format!("annotation {}", b.id),
            (b.start, b.end, &b.text),
        )?;
    }
    let mut notes = Vec::new();
    for a in &export.annotations {
        let Annotation::Note(n) = a else { continue };
        let id = n
            .base
            .id
            .strip_prefix('n')
            .and_then(|d| d.parse::<u64>().ok())
            .filter(|&d| d > 0)
            .ok_or_else(|| {
                bad(format!(
                    "annotation {}: a note's id is “n” and a number",
                    n.base.id
                ))
            })?;
        notes.push(Note {
            id: NoteId(id),
            anchor: Anchor {
                start: n.base.start,
                end: n.base.end,
                exact: n.base.text.clone(),
            },
            note: n.note.clone(),
            label: n.label.clone(),
            tags: n.tags.clone(),
        });
    }
    let decisions: Vec<Decision> = export.decisions.clone();
    for d in &decisions {
        let a = &d.anchor;
        check_anchor(
            &chars,
            text,
            &format!("decision {}", d.id.0),
            (a.start, a.end, &a.exact),
        )?;
    }
    let next_id = notes
        .iter()
        .map(|n| n.id.0)
        .chain(decisions.iter().map(|d| d.id.0))
        .max()
        .unwrap_or(0)
        + 1;
    let doc = Document {
        text: text.into(),
        title: (export.title.trim() != title(text)).then(|| export.title.clone()),
        created: export.created,
        modified: export.modified,
        notes,
        decisions,
        next_id,
    };
    doc.check().map_err(bad)?;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Change, Correction, NoteContent, NoteLabel, Target};
    use crate::export::to_json;
    use annotator_engine::Span;

    fn span_of(text: &str, needle: &str) -> Span {
        let b = text.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    /// An article with every kind of annotation, in a text of emoji, combining marks,
    /// right-to-left words, CRLF and NBSP.
    fn article() -> Document {
        let text = "Port\u{a0}Wenlow 🌊\r\n\r\n“We will win,” said Ana Ruiz. Zoe\u{301} said שלום.\r\n\r\nZorbex rose; Zorbex fell.";
        let mut doc = Document::new(text);
        doc.title = Some("My title".into());
        doc.created = 1_700_000_000_000;
        doc.modified = 1_700_000_000_500;
        doc.add_note(
            span_of(text, "Zoe\u{301}"),
            NoteContent {
                note: "accent".into(),
                label: Some(NoteLabel::Colour {
                    name: "Teal".into(),
                    color: "#1a8c7e".into(),
                }),
                tags: vec!["names".into(), "check".into()],
            },
        );
        doc.add_note(
            span_of(text, "שלום"),
            NoteContent {
                note: String::new(),
                label: Some(NoteLabel::Quote),
                tags: Vec::new(),
            },
        );
        let analysis = annotator_engine::analyze(text);
        let q = analysis.quotes[0].span;
        doc.decide(Target::Quote, q, Change::speaker("Ana María Ruiz"));
        doc.decide(
            Target::Quote,
            q,
            Change::Correct(Correction {
                span: Some(doc.anchor(span_of(text, "We will win"))),
                ..Correction::default()
            }),
        );
        doc.decide(
            Target::Entity,
            span_of(text, "Zorbex"),
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: true,
            },
        );
        doc.decide(Target::Entity, span_of(text, "Ana Ruiz"), Change::Accept);
        doc
    }

    fn exported(doc: &Document) -> String {
        let analysis = annotator_engine::analyze(&doc.text);
        let review = crate::review::review(doc, &analysis);
        to_json(doc, &analysis, &review)
    }

    #[test]
    fn export_then_import_gives_back_the_same_article() {
        let doc = article();
        assert_eq!(import(&exported(&doc)), Ok(doc));
    }

    #[test]
    fn a_title_that_is_the_first_line_stays_implicit() {
        let doc = Document::new("First line\n\nMore.");
        let back = import(&exported(&doc)).unwrap();
        assert_eq!(back.title, None);
        assert_eq!(back.title(), "First line");
    }

    fn refused(json: &str) -> String {
        match import(json) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("imported: {json}"),
        }
    }

    #[test]
    fn malformed_files_are_refused_with_what_is_wrong_and_where() {
        let good: serde_json::Value = serde_json::from_str(&exported(&article())).unwrap();
        let note = good["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .position(|a| a["kind"] == "note")
            .unwrap();
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = good.clone();
            f(&mut v);
            v.to_string()
        };
        assert!(refused("not json").contains("not JSON"));
        assert!(refused(r#"{"format": "article-annotator", "version": 9}"#).contains("format 9"));
        let missing = with(&|v| {
            v.as_object_mut().unwrap().remove("text");
        });
        assert!(refused(&missing).contains("text"), "{}", refused(&missing));
        let past_end = with(&|v| v["annotations"][note]["end"] = 999.into());
        let why = refused(&past_end);
        assert!(
            why.contains("annotation n1") && why.contains("outside the text"),
            "{why}"
        );
        // UTF-16 offsets, as another tool would write them: the emoji counts twice.
        let utf16 = with(&|v| {
            let a = &mut v["annotations"][note];
            let (s, e) = (a["start"].as_u64().unwrap(), a["end"].as_u64().unwrap());
            a["start"] = (s + 1).into();
            a["end"] = (e + 1).into();
        });
        let why = refused(&utf16);
        assert!(
            why.contains("annotation n1") && why.contains("UTF-16"),
            "{why}"
        );
        let other_text = with(&|v| v["text"] = "Another text altogether, long enough.".into());
        assert!(refused(&other_text).contains("annotation"));
        let bad_id = with(&|v| v["annotations"][note]["id"] = "x".into());
        assert!(refused(&bad_id).contains("annotation x"));
    }

    #[test]
    fn every_earlier_version_imports() {
        for file in [
            include_str!("../../tests/fixtures/annotations-v1.json"),
            include_str!("../../tests/fixtures/annotations-v2.json"),
        ] {
            let doc = import(file).unwrap();
            assert_eq!(doc.notes[0].note, "invented town");
            assert!(!doc.decisions.is_empty());
        }
    }
}

/// What an import of W3C Web Annotations into an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct W3cReport {
    /// Annotations placed where their words are.
    pub placed: usize,
    /// Annotations whose words are not in the text: kept, unplaced, listed for the user.
    pub orphans: usize,
}

/// Whether `json` is a W3C Web Annotation document (a collection, a page, or annotations).
pub fn is_w3c(json: &serde_json::Value) -> bool {
    let t = &json["type"];
    json.get("@context").is_some()
        || ["AnnotationCollection", "AnnotationPage", "Annotation"]
            .iter()
            .any(|k| t == *k || t.as_array().is_some_and(|a| a.iter().any(|x| x == *k)))
}

/// A JSON value or list of them, as a list.
fn list(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    match v {
        serde_json::Value::Array(a) => a.iter().collect(),
        serde_json::Value::Null => Vec::new(),
        one => vec![one],
    }
}

/// The byte span of the occurrence of `exact` in `text` whose context best matches `prefix`
/// and `suffix` (the longest shared context), the one nearest `hint` (a code-point offset)
/// among equals. `None` when `exact` does not occur.
pub fn locate(
    text: &str,
    index: &annotator_engine::CharIndex,
    exact: &str,
    prefix: &str,
    suffix: &str,
    hint: Option<usize>,
) -> Option<annotator_engine::Span> {
    if exact.is_empty() {
        return None;
    }
    let near = hint.and_then(|h| index.to_byte(h)).unwrap_or(0);
    let shared_end = |a: &str, b: &str| {
        a.chars()
            .rev()
            .zip(b.chars().rev())
            .take_while(|(x, y)| x == y)
            .count()
    };
    let shared_start =
        |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // Every occurrence, overlapping ones too ("\n\n" occurs three times in four line breaks).
    let occurrences = std::iter::successors(text.find(exact), |&at| {
        let next = at + text[at..].chars().next().map_or(1, char::len_utf8);
        text.get(next..)?.find(exact).map(|i| next + i)
    });
    occurrences
        .map(|at| {
            let end = at + exact.len();
            let context = shared_end(&text[..at], prefix) + shared_start(&text[end..], suffix);
            (context, std::cmp::Reverse(at.abs_diff(near)), at)
        })
        .max()
        .map(|(_, _, at)| annotator_engine::Span::new(at, at + exact.len()))
}

/// One annotation of a W3C document, read.
struct Read<'a> {
    exact: String,
    prefix: String,
    suffix: String,
    start: Option<usize>,
    bodies: Vec<(&'a str, &'a str)>,
}

fn read_w3c_annotation(a: &serde_json::Value, n: usize) -> Result<Read<'_>, AppError> {
    let where_ = || {
        a["id"]
            .as_str()
            .map_or(format!("annotation {}", n + 1), |id| {
                format!("annotation {id}")
            })
    };
    let mut out = Read {
        exact: String::new(),
        prefix: String::new(),
        suffix: String::new(),
        start: None,
        bodies: Vec::new(),
    };
    let mut position = None;
    for t in list(&a["target"]) {
        for s in list(&t["selector"]) {
            match s["type"].as_str() {
                Some("TextQuoteSelector") => {
                    out.exact = s["exact"].as_str().unwrap_or_default().to_string();
                    out.prefix = s["prefix"].as_str().unwrap_or_default().to_string();
                    out.suffix = s["suffix"].as_str().unwrap_or_default().to_string();
                }
                Some("TextPositionSelector") => {
                    let (start, end) = (s["start"].as_u64(), s["end"].as_u64());
                    out.start = start.map(|v| v as usize);
                    position = start.zip(end);
                }
                _ => {}
            }
        }
    }
    if out.exact.is_empty() {
        return Err(bad(format!(
            "{}: it has no TextQuoteSelector with the words it marks",
            where_()
        )));
    }
    // Both selectors name the same words: a position that spans another number of characters
    // than the quote has counts in another unit (UTF-16, bytes) or belongs to other words.
    if let Some((start, end)) = position {
        let words = out.exact.chars().count() as u64;
        if end < start || end - start != words {
            return Err(bad(format!(
                "{}: its TextPositionSelector ({start} to {end}) spans {} characters, but its \
                 TextQuoteSelector \u{201c}{}\u{201d} has {words} (offsets counted in another \
                 unit, such as UTF-16?)",
                where_(),
                end.saturating_sub(start),
                out.exact
            )));
        }
    }
    for b in list(&a["body"]) {
        if let (Some(p), Some(v)) = (b["purpose"].as_str(), b["value"].as_str()) {
            out.bodies.push((p, v));
        }
    }
    Ok(out)
}

/// Adds the W3C Web Annotations in `json` to `doc`: each placed where its words are (by its
/// quote and context, the nearest occurrence winning), or kept as an orphan when its words
/// are not in the text. Suggestions' review states (assessing bodies) become decisions, the
/// rest highlights. A malformed document changes nothing.
pub fn import_w3c(doc: &mut Document, json: &str) -> Result<W3cReport, AppError> {
    use crate::document::{Change, Correction, NoteContent, NoteLabel, Target};
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| bad(format!("not JSON: {e}")))?;
    let items: Vec<&serde_json::Value> = if v["first"]["items"].is_array() {
        list(&v["first"]["items"])
    } else if v["items"].is_array() {
        list(&v["items"])
    } else if v.is_array() {
        list(&v)
    } else {
        vec![&v]
    };
    let read: Vec<Read> = items
        .iter()
        .enumerate()
        .map(|(n, a)| read_w3c_annotation(a, n))
        .collect::<Result<_, _>>()?;
    let mut next = doc.clone();
    let text = next.text.clone();
    let index = annotator_engine::CharIndex::new(&text);
    let mut report = W3cReport::default();
    for r in read {
        let span = locate(&text, &index, &r.exact, &r.prefix, &r.suffix, r.start);
        let body = |purpose: &str| {
            r.bodies
                .iter()
                .find(|(p, _)| *p == purpose)
                .map(|(_, v)| *v)
        };
        let class = body("classifying");
        let assessed = body("assessing");
        let kind = match class {
            Some("QUOTE") => Target::Quote,
            _ => Target::Entity,
        };
        if let Some(state) = assessed {
            let speaker = body("identifying").map(str::to_string);
            let label = class.filter(|c| *c != "QUOTE").map(str::to_string);
            let change = match state {
                "accepted" => Change::Accept,
                "rejected" => Change::Reject,
                "edited" => Change::Correct(Correction {
                    speaker: speaker.filter(|_| kind == Target::Quote),
                    label: label.filter(|_| kind == Target::Entity),
                    span: None,
                }),
                "own" => match kind {
                    Target::Quote => Change::AddQuote { speaker },
                    Target::Entity => Change::AddEntity {
                        label: label.unwrap_or_else(|| "MISC".into()),
                        everywhere: false,
                    },
                },
                _ => continue, // a suggestion, found again by the analysis
            };
            match span {
                Some(span) => {
                    next.decide(kind, span, change);
                    report.placed += 1;
                }
                None => {
                    next.add_orphan_decision(kind, &r.exact, change);
                    report.orphans += 1;
                }
            }
            continue;
        }
        let label = class.map(|c| match c {
            "QUOTE" => NoteLabel::Quote,
            c => match c
                .strip_prefix("colour ")
                .and_then(|rest| rest.rsplit_once(' '))
            {
                Some((name, color)) => NoteLabel::Colour {
                    name: name.to_string(),
                    color: color.to_string(),
                },
                None => NoteLabel::Entity {
                    label: c.to_string(),
                },
            },
        });
        let content = NoteContent {
            note: body("commenting").unwrap_or_default().to_string(),
            label,
            tags: Vec::new(),
        }
        .with_tags(
            r.bodies
                .iter()
                .filter(|(p, _)| *p == "tagging")
                .map(|(_, v)| *v),
        );
        match span {
            Some(span) => {
                next.add_note(span, content);
                report.placed += 1;
            }
            None => {
                next.add_orphan_note(&r.exact, content);
                report.orphans += 1;
            }
        }
    }
    next.check().map_err(bad)?;
    *doc = next;
    Ok(report)
}

#[cfg(test)]
mod w3c_tests {
    use super::*;
    use crate::document::{Change, NoteContent, NoteLabel, Target};
    use annotator_engine::{CharIndex, Span};

    fn span_of(text: &str, needle: &str) -> Span {
        let b = text.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    #[test]
    fn the_occurrence_with_the_matching_context_wins_then_the_nearest() {
        let text = "Zorbex rose. Zorbex fell. Zorbex rose.";
        let index = CharIndex::new(text);
        let at =
            |p: &str, s: &str, hint| locate(text, &index, "Zorbex", p, s, hint).map(|s| s.start());
        assert_eq!(at("", " fell", None), Some(13));
        assert_eq!(at("", " rose", Some(30)), Some(26));
        assert_eq!(at("", " rose", Some(0)), Some(0));
        assert_eq!(locate(text, &index, "Quux", "", "", None), None);
    }

    #[test]
    fn overlapping_occurrences_are_candidates_too() {
        // "aa" occurs at 0, 1 and 2; only the middle one has an "a" on both sides.
        let text = "aaaa";
        let index = CharIndex::new(text);
        let at = |p: &str, s: &str| locate(text, &index, "aa", p, s, None).map(|s| s.start());
        assert_eq!(at("a", "a"), Some(1));
        assert_eq!(at("aa", ""), Some(2));
        // Across a character of several bytes.
        let text = "ééé";
        let index = CharIndex::new(text);
        assert_eq!(
            locate(text, &index, "éé", "é", "", None).map(|s| s.start()),
            Some(2)
        );
    }

    #[test]
    fn w3c_export_then_import_gives_back_the_annotations_and_places_them_in_an_edited_text() {
        let text = "Harbour 🌊 vote\n\n“We have waited long enough,” said Clara Osei.\n\nThe Zorbex Trust owns the quay.";
        let mut doc = Document::new(text);
        doc.add_note(
            span_of(text, "the quay"),
            NoteContent {
                note: "which quay?".into(),
                label: Some(NoteLabel::Colour {
                    name: "Teal".into(),
                    color: "#1a8c7e".into(),
                }),
                tags: vec!["check".into()],
            },
        );
        let analysis = annotator_engine::analyze(text);
        doc.decide(
            Target::Quote,
            analysis.quotes[0].span,
            Change::speaker("Bo Chan"),
        );
        doc.decide(
            Target::Entity,
            span_of(text, "Zorbex Trust"),
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: false,
            },
        );
        let review = crate::review::review(&doc, &analysis);
        let w3c = crate::export::formats::w3c(&crate::export::build(&doc, &analysis, &review));
        let json = w3c.to_string();

        // Into the same text: the same annotations.
        let mut back = Document::new(text);
        let report = import_w3c(&mut back, &json).unwrap();
        assert_eq!(report.orphans, 0);
        let strip = |d: &Document| {
            (
                d.notes
                    .iter()
                    .map(|n| {
                        (
                            n.anchor.clone(),
                            n.note.clone(),
                            n.label.clone(),
                            n.tags.clone(),
                        )
                    })
                    .collect::<Vec<_>>(),
                d.decisions
                    .iter()
                    .map(|x| (x.target, x.anchor.clone(), x.change.clone()))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(strip(&back), strip(&doc));

        // Into an edited text: moved with their words; a highlight whose words are gone is an
        // orphan, kept.
        let edited = format!(
            "Update first.\n\n{}",
            text.replace("the quay", "the old pier")
        );
        let mut moved = Document::new(edited.as_str());
        let report = import_w3c(&mut moved, &json).unwrap();
        assert_eq!(report.orphans, 1);
        let index = CharIndex::new(&moved.text);
        let orphan = moved
            .notes
            .iter()
            .find(|n| n.note == "which quay?")
            .unwrap();
        assert_eq!(moved.note_span(&index, orphan), None);
        assert_eq!(orphan.anchor.exact, "the quay");
        assert!(moved
            .decisions
            .iter()
            .all(|d| d.anchor.span_in(&moved.text, &index).is_some()));
    }

    #[test]
    fn a_w3c_position_that_disagrees_with_its_quote_is_refused_whole() {
        // "the 🚢 quay" is 10 code points, 11 UTF-16 units: another tool's offsets.
        let mut doc = Document::new("They own the \u{1F6A2} quay now.");
        let before = doc.clone();
        let json = r#"{"type": "AnnotationCollection", "first": {"items": [
            {"id": "a1", "type": "Annotation", "target": {"selector": [
              {"type": "TextQuoteSelector", "exact": "the \ud83d\udea2 quay"},
              {"type": "TextPositionSelector", "start": 9, "end": 20}]}}]}}"#;
        let why = import_w3c(&mut doc, json).unwrap_err().to_string();
        assert!(
            why.contains("annotation a1") && why.contains("UTF-16") && why.contains("9 to 20"),
            "{why}"
        );
        assert_eq!(doc, before);
        // The same annotation with code-point offsets is placed.
        let json = json.replace("\"end\": 20", "\"end\": 19");
        assert!(import_w3c(&mut doc, &json).is_ok());
    }

    #[test]
    fn a_w3c_document_without_quote_selectors_is_refused_whole() {
        let mut doc = Document::new("Some text.");
        let before = doc.clone();
        let json = r#"{"type": "AnnotationCollection", "first": {"items": [
            {"id": "a1", "type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "Some"}}},
            {"id": "a2", "type": "Annotation", "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 4}}}]}}"#;
        let why = import_w3c(&mut doc, json).unwrap_err().to_string();
        assert!(
            why.contains("annotation a2") && why.contains("TextQuoteSelector"),
            "{why}"
        );
        assert_eq!(doc, before);
    }
}
