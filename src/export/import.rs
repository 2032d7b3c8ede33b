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
