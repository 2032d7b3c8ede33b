//! Lays the article out as paragraphs of nested highlights, ready to draw.
//!
//! Pure logic, tested natively. Highlights that nest (a name inside a quote) are drawn nested;
//! a highlight that crosses another is drawn in pieces that share one id. The text of the
//! layout, read in order, is exactly the article's text.

use crate::document::NoteId;
use crate::review::Review;
use annotator_engine::{GroupId, Label, QuoteKind, Span};
use std::cmp::Reverse;

/// The id of an automatic annotation: its kind letter and byte span, stable for one text.
pub fn auto_id(kind: &str, span: Span) -> String {
    format!("{kind}{}-{}", span.start(), span.end())
}

pub fn group_key(id: GroupId) -> String {
    format!("g{}", id.0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HighlightKind {
    Quote {
        kind: QuoteKind,
        speaker: Option<String>,
        /// The speaker confidence in percent, when the attribution is unsure.
        unsure: Option<u8>,
    },
    Entity {
        label: Label,
    },
    Note(NoteId),
    /// What the selected quote's attribution rests on.
    Evidence(EvidenceKind),
}

/// The two kinds of words an attribution rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// The cue: "said", "told reporters", "according to".
    Cue,
    /// The words naming the speaker: "he", "the minister", "Kadhimi".
    Mention,
}

impl EvidenceKind {
    /// The `data-kind` attribute.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceKind::Cue => "cue",
            EvidenceKind::Mention => "speaker-mention",
        }
    }

    /// What a reader (and a screen reader) is told the mark is.
    pub fn title(self) -> &'static str {
        match self {
            EvidenceKind::Cue => "The cue this quote's attribution rests on",
            EvidenceKind::Mention => "The words naming this quote's speaker",
        }
    }
}

impl HighlightKind {
    /// The `data-kind` attribute.
    pub fn name(&self) -> &'static str {
        match self {
            HighlightKind::Quote { .. } => "quote",
            HighlightKind::Entity { .. } => "entity",
            HighlightKind::Note(_) => "note",
            HighlightKind::Evidence(e) => e.name(),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            HighlightKind::Quote { .. } => 0,
            HighlightKind::Entity { .. } => 1,
            HighlightKind::Note(_) => 2,
            HighlightKind::Evidence(_) => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub id: String,
    pub span: Span,
    pub kind: HighlightKind,
}

/// The highlights of the reviewed quotes and entities.
pub fn review_highlights(review: &Review) -> Vec<Highlight> {
    let quotes = review.quotes.iter().map(|q| Highlight {
        id: auto_id("q", q.span),
        span: q.span,
        kind: HighlightKind::Quote {
            kind: q.kind,
            speaker: q.speaker.clone(),
            unsure: q
                .is_unsure()
                .then(|| percent(q.speaker_confidence().unwrap_or(0.0))),
        },
    });
    let entities = review.entities.iter().map(|e| Highlight {
        id: auto_id("e", e.span),
        span: e.span,
        kind: HighlightKind::Entity { label: e.label },
    });
    quotes.chain(entities).collect()
}

/// A probability in whole percent, for readers.
pub fn percent(p: f32) -> u8 {
    (p.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// The cue and the speaker's words of the quote at `quote`, marked while it is selected.
pub fn evidence_highlights(review: &Review, quote: Span) -> Vec<Highlight> {
    let Some(q) = review.quote_at(quote) else {
        return Vec::new();
    };
    [
        (EvidenceKind::Cue, "c", q.evidence.cue),
        (EvidenceKind::Mention, "m", q.evidence.mention),
    ]
    .into_iter()
    .filter_map(|(kind, letter, span)| {
        let span = span?;
        Some(Highlight {
            id: auto_id(letter, span),
            span,
            kind: HighlightKind::Evidence(kind),
        })
    })
    .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(Span),
    /// A piece of highlight `highlight` (an index into the highlights given to [`layout`]).
    Mark {
        highlight: usize,
        children: Vec<Node>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph and its content.
    Paragraph { span: Span, nodes: Vec<Node> },
    /// White space between paragraphs (and before the first, after the last), kept so that the
    /// drawn article holds the text exactly.
    Gap(Span),
}

/// Lays out `text` given its paragraph spans (in order, not overlapping) and highlights.
pub fn layout(text: &str, paragraphs: &[Span], highlights: &[Highlight]) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(paragraphs.len() * 2 + 1);
    let mut at = 0;
    // Highlights sorted by start, so each paragraph scans only those that can touch it.
    let mut order: Vec<usize> = (0..highlights.len())
        .filter(|&i| !highlights[i].span.is_empty())
        .collect();
    order.sort_by_key(|&i| highlights[i].span.start());
    for &p in paragraphs {
        if p.start() > at {
            blocks.push(Block::Gap(Span::new(at, p.start())));
        }
        let touching: Vec<usize> = order
            .iter()
            .copied()
            .take_while(|&i| highlights[i].span.start() < p.end())
            .filter(|&i| highlights[i].span.overlaps(p))
            .collect();
        blocks.push(Block::Paragraph {
            span: p,
            nodes: layout_paragraph(p, highlights, &touching),
        });
        at = p.end();
    }
    if at < text.len() {
        blocks.push(Block::Gap(Span::new(at, text.len())));
    }
    blocks
}

fn layout_paragraph(p: Span, highlights: &[Highlight], touching: &[usize]) -> Vec<Node> {
    let clip = |i: usize| {
        let s = highlights[i].span;
        Span::new(s.start().max(p.start()), s.end().min(p.end()))
    };
    let mut bounds: Vec<usize> = vec![p.start(), p.end()];
    for &i in touching {
        let s = clip(i);
        bounds.extend([s.start(), s.end()]);
    }
    bounds.sort_unstable();
    bounds.dedup();
    // Nesting order: earlier start first, then longer, then quote > entity > note.
    let key = |i: usize| {
        (
            highlights[i].span.start(),
            Reverse(highlights[i].span.end()),
            highlights[i].kind.rank(),
            i,
        )
    };
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new(); // open highlights, outermost first
    for w in bounds.windows(2) {
        let seg = Span::new(w[0], w[1]);
        let mut active: Vec<usize> = touching
            .iter()
            .copied()
            .filter(|&i| clip(i).contains(seg))
            .collect();
        active.sort_by_key(|&i| key(i));
        let keep = stack
            .iter()
            .zip(&active)
            .take_while(|(a, b)| a == b)
            .count();
        stack.truncate(keep);
        stack.extend_from_slice(&active[keep..]);
        // Descend to the innermost open piece, opening new pieces where needed.
        let mut nodes = &mut root;
        for (depth, &h) in stack.iter().enumerate() {
            let reuse = depth < keep
                && matches!(nodes.last(), Some(Node::Mark { highlight, .. }) if *highlight == h);
            if !reuse {
                nodes.push(Node::Mark {
                    highlight: h,
                    children: Vec::new(),
                });
            }
            nodes = match nodes.last_mut() {
                Some(Node::Mark { children, .. }) => children,
                _ => unreachable!("a mark was just pushed or reused"),
            };
        }
        nodes.push(Node::Text(seg));
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(id: &str, start: usize, end: usize, kind: HighlightKind) -> Highlight {
        Highlight {
            id: id.into(),
            span: Span::new(start, end),
            kind,
        }
    }

    fn flatten(text: &str, nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(s) => out.push_str(s.slice(text)),
                Node::Mark { children, .. } => flatten(text, children, out),
            }
        }
    }

    fn all_text(text: &str, blocks: &[Block]) -> String {
        let mut out = String::new();
        for b in blocks {
            match b {
                Block::Gap(s) => out.push_str(s.slice(text)),
                Block::Paragraph { nodes, .. } => flatten(text, nodes, &mut out),
            }
        }
        out
    }

    /// (highlight index, text) of every piece, in order.
    fn pieces(text: &str, nodes: &[Node], out: &mut Vec<(usize, String)>) {
        for n in nodes {
            if let Node::Mark {
                highlight,
                children,
            } = n
            {
                let mut s = String::new();
                flatten(text, children, &mut s);
                out.push((*highlight, s));
                pieces(text, children, out);
            }
        }
    }

    #[test]
    fn text_is_kept_exactly_and_nesting_is_preserved() {
        let text = "  “Ana Ruiz won,” she said.\n\nNext 😀 para.\n";
        let paras = [Span::new(2, 29), Span::new(31, text.len() - 1)];
        let q = HighlightKind::Quote {
            kind: QuoteKind::Direct,
            speaker: None,
            unsure: None,
        };
        let e = HighlightKind::Entity { label: Label::Per };
        let qs = text.find("Ana").unwrap();
        let qe = text.find("won,").unwrap() + 4;
        let hs = [hl("q", qs, qe, q), hl("e", qs, qs + 8, e)];
        let blocks = layout(text, &paras, &hs);
        assert_eq!(all_text(text, &blocks), text);
        let Block::Paragraph { nodes, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        let mut ps = Vec::new();
        pieces(text, nodes, &mut ps);
        assert_eq!(
            ps,
            [
                (0, "Ana Ruiz won,".to_string()),
                (1, "Ana Ruiz".to_string())
            ],
            "entity nested in one quote piece"
        );
    }

    #[test]
    fn crossing_highlights_are_split_into_pieces() {
        let text = "one two three four";
        let paras = [Span::new(0, text.len())];
        let hs = [
            hl("a", 0, 7, HighlightKind::Note(NoteId(1))),
            hl("b", 4, 13, HighlightKind::Note(NoteId(1))),
        ];
        let blocks = layout(text, &paras, &hs);
        let Block::Paragraph { nodes, .. } = &blocks[0] else {
            panic!()
        };
        let mut ps = Vec::new();
        pieces(text, nodes, &mut ps);
        assert_eq!(
            ps,
            [
                (0, "one two".into()),
                (1, "two".into()),
                (1, " three".into())
            ]
        );
        assert_eq!(all_text(text, &blocks), text);
    }

    #[test]
    fn highlights_across_paragraphs_are_cut_at_the_break() {
        let text = "ab\n\ncd";
        let paras = [Span::new(0, 2), Span::new(4, 6)];
        let blocks = layout(
            text,
            &paras,
            &[hl("n", 1, 5, HighlightKind::Note(NoteId(1)))],
        );
        let mut ps = Vec::new();
        for b in &blocks {
            if let Block::Paragraph { nodes, .. } = b {
                pieces(text, nodes, &mut ps);
            }
        }
        assert_eq!(ps, [(0, "b".into()), (0, "c".into())]);
        assert_eq!(all_text(text, &blocks), text);
    }

    #[test]
    fn a_selected_quote_marks_its_cue_and_speaker_mention_inside_the_name() {
        let text = "“We will win,” said Ana Ruiz.";
        let analysis = annotator_engine::analyze(text);
        let review = crate::review::review(&crate::document::Document::new(text.into()), &analysis);
        let quote = review.quotes[0].span;
        let evidence = evidence_highlights(&review, quote);
        let marked: Vec<(&str, &str)> = evidence
            .iter()
            .map(|h| (h.kind.name(), h.span.slice(text)))
            .collect();
        assert_eq!(marked, [("cue", "said"), ("speaker-mention", "Ana Ruiz")]);
        assert!(evidence_highlights(&review, Span::new(0, 1)).is_empty());

        let mut hs = review_highlights(&review);
        hs.extend(evidence);
        let blocks = layout(text, &analysis.paragraphs, &hs);
        assert_eq!(all_text(text, &blocks), text);
        let Block::Paragraph { nodes, .. } = &blocks[0] else {
            panic!()
        };
        let mut ps = Vec::new();
        pieces(text, nodes, &mut ps);
        let kinds: Vec<(&str, String)> = ps
            .iter()
            .map(|(i, t)| (hs[*i].kind.name(), t.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("quote", "We will win,".into()),
                ("cue", "said".into()),
                ("entity", "Ana Ruiz".into()),
                ("speaker-mention", "Ana Ruiz".into())
            ]
        );
    }
}
