//! Moving the boundaries of a highlight by keyboard: a word at a time (pure, tested natively).

use annotator_engine::Span;

/// Which end of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// `span` with its `edge` moved to the next (`forward`) or previous word boundary of `text`.
/// Words are runs of characters other than white space, so a quote's closing punctuation
/// moves with its last word. The span never becomes empty and never leaves the text; where
/// the edge cannot move, the span is returned as it is.
pub fn move_edge(text: &str, span: Span, edge: Edge, forward: bool) -> Span {
    // Word starts and word ends, in byte offsets.
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if prev_space && !space {
            starts.push(i);
        }
        if !prev_space && space {
            ends.push(i);
        }
        prev_space = space;
    }
    if !prev_space {
        ends.push(text.len());
    }
    let (s, e) = (span.start(), span.end());
    let moved = match (edge, forward) {
        (Edge::Start, true) => starts.iter().copied().find(|&b| b > s && b < e),
        (Edge::Start, false) => starts.iter().rev().copied().find(|&b| b < s),
        (Edge::End, true) => ends.iter().copied().find(|&b| b > e),
        (Edge::End, false) => ends.iter().rev().copied().find(|&b| b < e && b > s),
    };
    match (edge, moved) {
        (Edge::Start, Some(b)) => Span::new(b, e),
        (Edge::End, Some(b)) => Span::new(s, b),
        (_, None) => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(span: &str, edge: Edge, forward: bool, expect: &str) {
        let text = "He said “we will rebuild the wall,” and left.";
        let b = text.find(span).unwrap();
        let moved = move_edge(text, Span::new(b, b + span.len()), edge, forward);
        assert_eq!(
            moved.slice(text),
            expect,
            "{span:?} {edge:?} forward={forward}"
        );
    }

    #[test]
    fn edges_move_a_word_at_a_time() {
        check("will rebuild", Edge::Start, false, "“we will rebuild");
        check("will rebuild", Edge::Start, true, "rebuild");
        check("will rebuild", Edge::End, true, "will rebuild the");
        check("will rebuild the", Edge::End, false, "will rebuild");
        // The last word takes its punctuation along.
        check("rebuild the", Edge::End, true, "rebuild the wall,”");
    }

    #[test]
    fn spans_never_become_empty_or_leave_the_text() {
        check("rebuild", Edge::Start, true, "rebuild");
        check("rebuild", Edge::End, false, "rebuild");
        check("He", Edge::Start, false, "He");
        check("left.", Edge::End, true, "left.");
        // A span that starts inside a word moves to that word's neighbours.
        check("ebuild", Edge::Start, false, "rebuild");
    }
}
