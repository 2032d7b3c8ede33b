//! Property: random quotation marks never make a quote cross a paragraph break, unless the
//! next paragraph opens with a mark (the convention for quotes that run over paragraphs).

use annotator_engine::analyze;
use proptest::prelude::*;

const MARKS: &[&str] = &[
    "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{00AB}", "\u{00BB}",
];
const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "Ann",
    "Lee",
    "told",
    "reporters",
    "plan",
    "will",
    "fail",
    "we",
    "are",
    "ready",
    "Americans'",
    "it's",
    "according",
    "to",
    "that",
    "report",
    "found",
];
const SEPARATORS: &[&str] = &[" ", " ", " ", ", ", ". ", "\n\n", "\n"];

/// Text of words and separators with marks inserted at random places.
fn text_with_marks() -> impl Strategy<Value = String> {
    let piece = (
        0..WORDS.len(),
        0..SEPARATORS.len(),
        proptest::option::weighted(0.25, 0..MARKS.len()),
        any::<bool>(),
    );
    proptest::collection::vec(piece, 1..120).prop_map(|pieces| {
        let mut s = String::new();
        for (w, sep, mark, before) in pieces {
            let m = mark.map(|m| MARKS[m]).unwrap_or("");
            if before {
                s.push_str(m);
                s.push_str(WORDS[w]);
            } else {
                s.push_str(WORDS[w]);
                s.push_str(m);
            }
            s.push_str(SEPARATORS[sep]);
        }
        s
    })
}

/// Whether the paragraph starting at byte `at` opens with a quotation mark.
fn opens_with_mark(text: &str, at: usize) -> bool {
    text[at..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| MARKS.iter().any(|m| m.starts_with(c)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_quote_crosses_a_paragraph_break(text in text_with_marks()) {
        let analysis = analyze(&text);
        for q in &analysis.quotes {
            let inner = q.span.slice(&text);
            let mut from = 0;
            while let Some(k) = inner[from..].find("\n\n") {
                let after = q.span.start() + from + k + 2;
                prop_assert!(
                    opens_with_mark(&text, after),
                    "quote {:?} crosses a paragraph break in {:?}", inner, text
                );
                from += k + 2;
            }
            prop_assert!(q.span.end() <= text.len());
        }
    }
}
