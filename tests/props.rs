//! Property tests (native): export then import gives back exactly the same article for
//! generated documents (emoji, combining marks, right-to-left words, CRLF, NBSP), and the
//! importer, the stored-entry decoder and the HTML paste cleaner never panic and never hang on
//! any input. `make test` runs the default number of cases; `make fuzz` runs many more.
#![cfg(not(target_arch = "wasm32"))]

use annotator_engine::Span;
use article_annotator::document::{Change, Correction, Document, NoteContent, NoteLabel, Target};
use article_annotator::export::formats;
use article_annotator::export::import::{import, import_w3c};
use article_annotator::export::to_json;
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Pieces of text that are hard on offsets and on anchoring.
const PIECES: &[&str] = &[
    "the",
    "minister",
    "said",
    "Ana Ruiz",
    "“",
    "”",
    "\"",
    "'",
    ",",
    ".",
    " ",
    " ",
    "\u{a0}",
    "\r\n",
    "\r\n\r\n",
    "\n\n",
    "😀",
    "🌊",
    "👩‍👩‍👧",
    "e\u{301}",
    "Zoe\u{308}",
    "שלום",
    "مرحبا",
    "\u{200f}",
    "Zorbex",
    "Trust",
    "2,500",
    "Monday",
    "told",
    "reporters",
    "\t",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..40).prop_map(|p| p.concat())
}

/// A span of `text` on character boundaries, from two fractions of its length.
fn span_at(text: &str, a: f64, b: f64) -> Option<Span> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let pick = |f: f64| bounds[((bounds.len() - 1) as f64 * f) as usize];
    let (s, e) = (pick(a.min(b)), pick(a.max(b)));
    (s < e).then(|| Span::new(s, e))
}

#[derive(Debug, Clone)]
enum Edit {
    Note(f64, f64, String, u8, Vec<String>),
    Decide(f64, f64, u8, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let words = "[a-zA-Z😀 é<>&\"]{0,12}";
    prop_oneof![
        (
            0.0..1.0f64,
            0.0..1.0f64,
            words,
            0..4u8,
            prop::collection::vec("[a-z😀]{1,6}", 0..3)
        )
            .prop_map(|(a, b, n, l, t)| Edit::Note(a, b, n, l, t)),
        (0.0..1.0f64, 0.0..1.0f64, 0..5u8, words).prop_map(|(a, b, k, w)| Edit::Decide(a, b, k, w)),
    ]
}

fn document(text: &str, edits: &[Edit]) -> Document {
    let mut doc = Document::new(text);
    for e in edits {
        match e {
            Edit::Note(a, b, note, label, tags) => {
                let Some(span) = span_at(text, *a, *b) else {
                    continue;
                };
                let label = match label {
                    0 => None,
                    1 => Some(NoteLabel::Quote),
                    2 => Some(NoteLabel::Entity {
                        label: "LOC".into(),
                    }),
                    _ => Some(NoteLabel::Colour {
                        name: "Teal".into(),
                        color: "#1a8c7e".into(),
                    }),
                };
                let content = NoteContent {
                    note: note.clone(),
                    label,
                    tags: Vec::new(),
                }
                .with_tags(tags.iter().map(String::as_str));
                doc.add_note(span, content);
            }
            Edit::Decide(a, b, kind, words) => {
                let Some(span) = span_at(text, *a, *b) else {
                    continue;
                };
                let (target, change) = match kind {
                    0 => (Target::Quote, Change::Reject),
                    1 => (Target::Entity, Change::Accept),
                    2 => (Target::Quote, Change::speaker(words.clone())),
                    3 => (
                        Target::Entity,
                        Change::AddEntity {
                            label: "ORG".into(),
                            everywhere: words.len() % 2 == 0,
                        },
                    ),
                    _ => (
                        Target::Quote,
                        Change::Correct(Correction {
                            label: None,
                            speaker: None,
                            span: Some(doc.anchor(span)),
                        }),
                    ),
                };
                doc.decide(target, span, change);
            }
        }
    }
    doc
}

/// How many cases each property tries: 64 in `make test`, `PROPTEST_CASES` when set (`make
/// fuzz` sets thousands).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn exported(doc: &Document) -> String {
    let analysis = annotator_engine::analyze(&doc.text);
    let review = article_annotator::review::review(doc, &analysis);
    to_json(doc, &analysis, &review)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn export_then_import_gives_back_the_same_article(
        text in text(),
        edits in prop::collection::vec(edit(), 0..8),
    ) {
        let doc = document(&text, &edits);
        prop_assert_eq!(import(&exported(&doc)), Ok(doc));
    }

    #[test]
    fn w3c_export_then_import_into_the_same_text_gives_back_the_highlights(
        text in text(),
        edits in prop::collection::vec(edit(), 0..8),
    ) {
        // W3C carries highlights whole (decisions lose what the format has no place for,
        // such as moved boundaries), so the property is on the highlights.
        let doc = document(&text, &edits);
        let analysis = annotator_engine::analyze(&doc.text);
        let review = article_annotator::review::review(&doc, &analysis);
        let w3c = formats::w3c(&article_annotator::export::build(&doc, &analysis, &review));
        let mut back = Document::new(text.as_str());
        let report = import_w3c(&mut back, &w3c.to_string()).unwrap();
        prop_assert_eq!(report.orphans, 0);
        let notes = |d: &Document| {
            let mut n: Vec<_> = d
                .notes
                .iter()
                .map(|n| (n.anchor.clone(), n.note.clone(), n.label.clone(), n.tags.clone()))
                .collect();
            n.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            n
        };
        prop_assert_eq!(notes(&back), notes(&doc));
    }

    #[test]
    fn a_damaged_export_is_refused_or_read_never_a_panic(
        text in text(),
        edits in prop::collection::vec(edit(), 0..4),
        cut in 0.0..1.0f64,
        junk in ".{0,8}",
    ) {
        let json = exported(&document(&text, &edits));
        let at = json.char_indices().map(|(i, _)| i).nth((json.chars().count() as f64 * cut) as usize).unwrap_or(0);
        // Cut short, or with junk spliced in: either way an answer, never a panic.
        let _ = import(&json[..at]);
        let _ = import(&format!("{}{junk}{}", &json[..at], &json[at..]));
        let _ = article_annotator::storage::decode(&json[..at]);
    }

    #[test]
    fn any_string_is_answered_by_the_importer_and_the_decoder(s in "\\PC{0,200}") {
        let _ = import(&s);
        let _ = article_annotator::storage::decode(&s);
    }

    #[test]
    fn the_html_cleaner_never_panics(
        parts in prop::collection::vec(prop::sample::select(&[
            "<p>", "</p>", "<script>", "</script>", "<style>x{}</style>", "<b>", "</b>", "<br>",
            "<img src=x onerror=alert(1)>", "&amp;", "&#x1F600;", "&#99999999;", "&bogus;", "<",
            ">", "<!--", "-->", "<pre>", "</pre>", "text", " ", "\n", "😀", "<a href='x'>", "\"",
            "<!DOCTYPE html>", "<div", "</", "&", "<li>", "<td>", "</tr>", "<![CDATA[", "<?x",
        ][..]), 0..60),
    ) {
        let _ = article_annotator::html::to_text(&parts.concat());
    }

    #[test]
    fn scripts_and_styles_in_well_formed_html_leave_no_trace(
        parts in prop::collection::vec(prop::sample::select(&[
            "<p>", "</p>", "<b>", "</b>", "<br>", "<img src=x onerror=alert(1)>", "&amp;",
            "text", " ", "\n", "😀", "<li>", "</li>", "<pre>", "</pre>", "<div>", "</div>",
        ][..]), 0..40),
        at in 0..40usize,
    ) {
        let mut parts = parts;
        let at = at.min(parts.len());
        parts.insert(at, "<script>window.secret = 1</script><style>.secret{}</style>");
        let text = article_annotator::html::to_text(&parts.concat());
        prop_assert!(!text.contains("secret") && !text.contains("onerror"), "{text:?}");
    }
}

/// Large inputs take time linear in their size: a few hundred kilobytes of nested, unclosed
/// and malformed markup, and of junk for the importer, are answered within a second each.
#[test]
fn nothing_hangs_on_large_malformed_input() {
    let html = "<div><p><b>word &amp; <script>x<".repeat(20_000);
    let t = Instant::now();
    let _ = article_annotator::html::to_text(&html);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    let json = format!(
        "{{\"format\": \"article-annotator\", \"version\": 3, \"text\": \"{}\"",
        "[{".repeat(100_000)
    );
    let t = Instant::now();
    let _ = import(&json);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}
