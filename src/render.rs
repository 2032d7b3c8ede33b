//! Lays the article out as paragraphs of nested highlights, ready to draw.
//!
//! Pure logic, tested natively. Highlights that nest (a name inside a quote) are drawn nested;
//! a highlight that crosses another is drawn in pieces that share one id. The text of the
//! layout, read in order, is exactly the article's text.

use crate::document::{NoteId, NoteLabel, Target};
use crate::review::{Review, Status};
use annotator_engine::{GroupId, Label, QuoteKind, Span};
use std::cmp::Reverse;
use std::rc::Rc;

/// The id of an automatic annotation: its kind letter and byte span, stable for one text.
pub fn auto_id(kind: &str, span: Span) -> String {
    use std::fmt::Write;
    // Written piece by piece: a long article makes tens of thousands at every change, and the
    // formatting machinery's padding of `kind` costs more than the rest.
    let mut id = String::with_capacity(kind.len() + 16);
    id.push_str(kind);
    let _ = write!(id, "{}-{}", span.start(), span.end());
    id
}

pub fn group_key(id: GroupId) -> String {
    format!("g{}", id.0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HighlightKind {
    Quote {
        /// The quote's key (what decisions about it are keyed by).
        key: Span,
        kind: QuoteKind,
        speaker: Option<String>,
        /// The speaker confidence in percent, when the attribution is unsure.
        unsure: Option<u8>,
        status: Status,
    },
    Entity {
        key: Span,
        label: Label,
        status: Status,
    },
    Note {
        id: NoteId,
        label: Option<NoteLabel>,
        /// The highlight has a note or tags (not only a colour).
        annotated: bool,
    },
    /// What the selected quote's attribution rests on.
    Evidence(EvidenceKind),
    /// A match of the search.
    Match,
}

impl HighlightKind {
    /// The kind and key of the detection this highlight draws, if it draws one.
    pub fn detection(&self) -> Option<(Target, Span)> {
        match self {
            HighlightKind::Quote { key, .. } => Some((Target::Quote, *key)),
            HighlightKind::Entity { key, .. } => Some((Target::Entity, *key)),
            _ => None,
        }
    }
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
            HighlightKind::Note { .. } => "note",
            HighlightKind::Evidence(e) => e.name(),
            HighlightKind::Match => "match",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            HighlightKind::Quote { .. } => 0,
            HighlightKind::Entity { .. } => 1,
            HighlightKind::Note { .. } => 2,
            HighlightKind::Evidence(_) => 3,
            HighlightKind::Match => 4,
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
            key: q.key,
            kind: q.kind,
            speaker: q.speaker.clone(),
            unsure: q
                .is_unsure()
                .then(|| percent(q.speaker_confidence().unwrap_or(0.0))),
            status: q.status,
        },
    });
    let entities = review.entities.iter().map(|e| Highlight {
        id: auto_id("e", e.span),
        span: e.span,
        kind: HighlightKind::Entity {
            key: e.key,
            label: e.label,
            status: e.status,
        },
    });
    quotes.chain(entities).collect()
}

/// The highlights of the user's notes still found in the text.
pub fn note_highlights(doc: &crate::document::Document) -> Vec<Highlight> {
    let index = annotator_engine::CharIndex::new(&doc.text);
    doc.notes
        .iter()
        .filter_map(|n| {
            let span = doc.note_span(&index, n)?;
            Some(Highlight {
                id: n.id.key(),
                span,
                kind: HighlightKind::Note {
                    id: n.id,
                    label: n.label.clone(),
                    annotated: !n.note.is_empty() || !n.tags.is_empty(),
                },
            })
        })
        .collect()
}

/// The highlights of the search's matches.
pub fn match_highlights(matches: &[Span]) -> Vec<Highlight> {
    matches
        .iter()
        .map(|&span| Highlight {
            id: auto_id("s", span),
            span,
            kind: HighlightKind::Match,
        })
        .collect()
}

/// A probability in whole percent, for readers.
pub fn percent(p: f32) -> u8 {
    (p.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// The cue and the speaker's words of the quote with key `quote`, marked while it is selected.
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

/// One paragraph, ready to draw on its own: its nodes refer to its own highlights, so a
/// paragraph whose highlights did not change compares equal and is not drawn again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub nodes: Vec<Node>,
    pub highlights: Vec<Highlight>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph and its content.
    Paragraph(Rc<Paragraph>),
    /// White space between paragraphs (and before the first, after the last), kept so that the
    /// drawn article holds the text exactly.
    Gap(Span),
    /// Text not laid out yet: from a paragraph's start to the start of the paragraph after its
    /// last (or to the end of the text), holding `paragraphs` paragraphs, never across a
    /// chunk's border (see [`chunks`]). An article drawn for the first time shows its first
    /// slice of paragraphs and these, so that the page need not build every paragraph of a long
    /// text before it shows the first.
    Rest { span: Span, paragraphs: usize },
}

/// Lays out `text` given its paragraph spans (in order, not overlapping) and highlights.
pub fn layout(text: &str, paragraphs: &[Span], highlights: &[Highlight]) -> Vec<Block> {
    let highlights: Vec<&Highlight> = highlights.iter().collect();
    layout_reusing(text, paragraphs, &highlights, &[], usize::MAX).blocks
}

/// Paragraphs per chunk of the drawn article (see [`chunks`]), and per piece of the plain text
/// not laid out yet (see [`Block::Rest`]).
pub const CHUNK: usize = 16;

impl Block {
    /// The text the block covers.
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph(p) => p.span,
            Block::Gap(s) | Block::Rest { span: s, .. } => *s,
        }
    }

    /// Whether two blocks are the very same drawing (paragraphs by identity, not by content).
    pub fn is_same(&self, other: &Block) -> bool {
        match (self, other) {
            (Block::Paragraph(a), Block::Paragraph(b)) => Rc::ptr_eq(a, b),
            (Block::Gap(a), Block::Gap(b)) => a == b,
            (a @ Block::Rest { .. }, b @ Block::Rest { .. }) => a == b,
            _ => false,
        }
    }
}

/// Where each chunk's blocks are in `blocks`: chunk `c` holds paragraphs `c * CHUNK` to
/// `(c + 1) * CHUNK - 1`, whether laid out or not yet (in [`Block::Rest`] pieces), and the gaps
/// after them. So a chunk shows the same text in every slice of a layout made in slices: the
/// page's text stays whole whichever chunks are drawn again first, and a paragraph stays in its
/// chunk while slices draw the ones after it.
pub fn chunks(blocks: &[Block]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraphs = 0;
    for (i, b) in blocks.iter().enumerate() {
        let held = match b {
            Block::Paragraph(_) => 1,
            Block::Rest { paragraphs, .. } => *paragraphs,
            Block::Gap(_) => continue,
        };
        if paragraphs > 0 && paragraphs % CHUNK == 0 {
            out.push(start..i);
            start = i;
        }
        debug_assert!(
            paragraphs / CHUNK == (paragraphs + held - 1) / CHUNK,
            "a piece of plain text inside one chunk"
        );
        paragraphs += held;
    }
    if start < blocks.len() {
        out.push(start..blocks.len());
    }
    out
}

/// A layout drawn in slices (see [`layout_reusing`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// Paragraphs whose new layout was not made yet: they show what they showed before (or
    /// their plain text), the same words.
    pub held_back: usize,
}

/// [`layout`], taking from `previous` (an earlier layout of the same text) each paragraph
/// whose highlights did not change, the very same `Rc`: on a long article a change redraws
/// only the paragraphs it touched, and the others compare equal at once.
///
/// At most `budget` paragraphs are laid out anew; the changed ones after those keep their block
/// from `previous`, or are plain text when it has none, so that a long article can be drawn a
/// slice at a time with its text whole all along. From the first held-back paragraph after
/// everything `previous` drew, the text is plain, in [`Block::Rest`] pieces.
pub fn layout_reusing(
    text: &str,
    paragraphs: &[Span],
    highlights: &[&Highlight],
    previous: &[Block],
    budget: usize,
) -> Layout {
    let before: std::collections::HashMap<Span, &Rc<Paragraph>> = previous
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.span, p)),
            Block::Gap(_) | Block::Rest { .. } => None,
        })
        .collect();
    // Where the paragraphs drawn before end: held-back paragraphs after it have nothing to show
    // but their plain text.
    let drawn_to = before.keys().map(|s| s.end()).max().unwrap_or(0);
    let mut blocks = Vec::with_capacity(paragraphs.len() * 2 + 1);
    let mut at = 0;
    let mut made = 0;
    let mut held_back = 0;
    // Highlights sorted by start, so each paragraph scans only those that can touch it.
    let mut order: Vec<usize> = (0..highlights.len())
        .filter(|&i| !highlights[i].span.is_empty())
        .collect();
    order.sort_by_key(|&i| highlights[i].span.start());
    // Walking the paragraphs in order: `next` is the first highlight not looked at yet, `open`
    // those looked at that reach past the paragraph before (in order of start).
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    for (k, &p) in paragraphs.iter().enumerate() {
        if made == budget && p.start() >= drawn_to && !before.contains_key(&p) {
            // Nothing to reuse from here on and no allowance left: the rest as plain text, one
            // piece up to each chunk's border, so that a chunk's text is the same before and
            // after it is laid out, and the browser lays out only the pieces on screen (one
            // block of a long text on screen would be laid out whole).
            held_back += paragraphs.len() - k;
            if p.start() > at {
                blocks.push(Block::Gap(Span::new(at, p.start())));
            }
            let mut first = k;
            while first < paragraphs.len() {
                let next = ((first / CHUNK) + 1) * CHUNK;
                let end = paragraphs.get(next).map_or(text.len(), |p| p.start());
                blocks.push(Block::Rest {
                    span: Span::new(paragraphs[first].start(), end),
                    paragraphs: next.min(paragraphs.len()) - first,
                });
                first = next;
            }
            return Layout { blocks, held_back };
        }
        if p.start() > at {
            blocks.push(Block::Gap(Span::new(at, p.start())));
        }
        at = p.end();
        open.retain(|&i| highlights[i].span.end() > p.start());
        let mut touching = open.clone();
        while let Some(&i) = order
            .get(next)
            .filter(|&&i| highlights[i].span.start() < p.end())
        {
            next += 1;
            let span = highlights[i].span;
            if span.overlaps(p) {
                touching.push(i);
            }
            if span.end() > p.end() {
                open.push(i);
            }
        }
        let old = before.get(&p);
        let same = old.filter(|old| {
            old.highlights.len() == touching.len()
                && old
                    .highlights
                    .iter()
                    .zip(&touching)
                    .all(|(h, &i)| h == highlights[i])
        });
        if let Some(old) = same {
            blocks.push(Block::Paragraph(Rc::clone(old)));
            continue;
        }
        if made == budget {
            held_back += 1;
            let kept = old.map(|o| Rc::clone(o)).unwrap_or_else(|| {
                Rc::new(Paragraph {
                    span: p,
                    nodes: vec![Node::Text(p)],
                    highlights: Vec::new(),
                })
            });
            blocks.push(Block::Paragraph(kept));
            continue;
        }
        made += 1;
        let mut nodes = layout_paragraph(p, highlights, &touching);
        // Renumber the highlights from the paragraph's own list.
        let local: Vec<Highlight> = touching.iter().map(|&i| highlights[i].clone()).collect();
        renumber(&mut nodes, &touching);
        blocks.push(Block::Paragraph(Rc::new(Paragraph {
            span: p,
            nodes,
            highlights: local,
        })));
    }
    if at < text.len() {
        blocks.push(Block::Gap(Span::new(at, text.len())));
    }
    Layout { blocks, held_back }
}

/// Makes each mark's highlight an index into `touching` (the paragraph's highlights).
fn renumber(nodes: &mut [Node], touching: &[usize]) {
    for n in nodes {
        if let Node::Mark {
            highlight,
            children,
        } = n
        {
            *highlight = touching
                .iter()
                .position(|&i| i == *highlight)
                .expect("a paragraph's marks are of its highlights");
            renumber(children, touching);
        }
    }
}

fn layout_paragraph(p: Span, highlights: &[&Highlight], touching: &[usize]) -> Vec<Node> {
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

    #[test]
    fn automatic_ids_name_the_kind_and_the_byte_span() {
        assert_eq!(auto_id("q", Span::new(18, 43)), "q18-43");
        assert_eq!(auto_id("e", Span::new(0, 8)), "e0-8");
    }

    fn hl(id: &str, start: usize, end: usize, kind: HighlightKind) -> Highlight {
        Highlight {
            id: id.into(),
            span: Span::new(start, end),
            kind,
        }
    }

    /// Three paragraphs and their spans.
    fn three_paragraphs() -> (&'static str, [Span; 3]) {
        let text = "One two.\n\nThree four.\n\nFive six.";
        (
            text,
            [
                Span::new(0, 8),
                Span::new(10, 21),
                Span::new(23, text.len()),
            ],
        )
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
                Block::Gap(s) | Block::Rest { span: s, .. } => out.push_str(s.slice(text)),
                Block::Paragraph(p) => flatten(text, &p.nodes, &mut out),
            }
        }
        out
    }

    /// (highlight id, text) of every piece of a paragraph, in order.
    fn pieces(text: &str, p: &Paragraph) -> Vec<(String, String)> {
        fn walk(text: &str, p: &Paragraph, nodes: &[Node], out: &mut Vec<(String, String)>) {
            for n in nodes {
                if let Node::Mark {
                    highlight,
                    children,
                } = n
                {
                    let mut s = String::new();
                    flatten(text, children, &mut s);
                    out.push((p.highlights[*highlight].id.clone(), s));
                    walk(text, p, children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(text, p, &p.nodes, &mut out);
        out
    }

    fn paragraph(blocks: &[Block], i: usize) -> &Paragraph {
        let ps: Vec<&Paragraph> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(&**p),
                _ => None,
            })
            .collect();
        ps[i]
    }

    fn note(id: u64) -> HighlightKind {
        HighlightKind::Note {
            id: NoteId(id),
            label: None,
            annotated: false,
        }
    }

    #[test]
    fn text_is_kept_exactly_and_nesting_is_preserved() {
        let text = "  “Ana Ruiz won,” she said.\n\nNext 😀 para.\n";
        let paras = [Span::new(2, 29), Span::new(31, text.len() - 1)];
        let qs = text.find("Ana").unwrap();
        let qe = text.find("won,").unwrap() + 4;
        let q = HighlightKind::Quote {
            key: Span::new(qs, qe),
            kind: QuoteKind::Direct,
            speaker: None,
            unsure: None,
            status: Status::Suggested,
        };
        let e = HighlightKind::Entity {
            key: Span::new(qs, qs + 8),
            label: Label::Per,
            status: Status::Suggested,
        };
        let hs = [hl("q", qs, qe, q), hl("e", qs, qs + 8, e)];
        let blocks = layout(text, &paras, &hs);
        assert_eq!(all_text(text, &blocks), text);
        assert_eq!(
            pieces(text, paragraph(&blocks, 0)),
            [
                ("q".to_string(), "Ana Ruiz won,".to_string()),
                ("e".to_string(), "Ana Ruiz".to_string())
            ],
            "entity nested in one quote piece"
        );
        assert!(
            paragraph(&blocks, 1).highlights.is_empty(),
            "the second paragraph has none"
        );
    }

    #[test]
    fn crossing_highlights_are_split_into_pieces() {
        let text = "one two three four";
        let paras = [Span::new(0, text.len())];
        let hs = [hl("a", 0, 7, note(1)), hl("b", 4, 13, note(2))];
        let blocks = layout(text, &paras, &hs);
        assert_eq!(
            pieces(text, paragraph(&blocks, 0)),
            [
                ("a".into(), "one two".into()),
                ("b".into(), "two".into()),
                ("b".into(), " three".into())
            ]
        );
        assert_eq!(all_text(text, &blocks), text);
    }

    #[test]
    fn highlights_across_paragraphs_are_cut_at_the_break() {
        let text = "ab\n\ncd";
        let paras = [Span::new(0, 2), Span::new(4, 6)];
        let blocks = layout(text, &paras, &[hl("n", 1, 5, note(1))]);
        let mut ps = pieces(text, paragraph(&blocks, 0));
        ps.extend(pieces(text, paragraph(&blocks, 1)));
        assert_eq!(ps, [("n".into(), "b".into()), ("n".into(), "c".into())]);
        assert_eq!(all_text(text, &blocks), text);
    }

    #[test]
    fn a_selected_quote_marks_its_cue_and_speaker_mention_inside_the_name() {
        let text = "“We will win,” said Ana Ruiz.";
        let analysis = annotator_engine::analyze(text);
        let review = crate::review::review(&crate::document::Document::new(text), &analysis);
        let quote = review.quotes[0].key;
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
        let p = paragraph(&blocks, 0);
        let kinds: Vec<(&str, String)> = pieces(text, p)
            .into_iter()
            .map(|(id, t)| {
                let h = p.highlights.iter().find(|h| h.id == id).unwrap();
                (h.kind.name(), t)
            })
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

    #[test]
    fn a_paragraph_whose_highlights_did_not_change_compares_equal() {
        let text = "One two.\n\nThree four.";
        let paras = [Span::new(0, 8), Span::new(10, text.len())];
        let before = layout(text, &paras, &[hl("a", 0, 3, note(1))]);
        let after = layout(
            text,
            &paras,
            &[hl("a", 0, 3, note(1)), hl("b", 10, 15, note(2))],
        );
        assert_eq!(
            before[0], after[0],
            "the first paragraph is drawn as it was"
        );
        assert_ne!(before[2], after[2]);
    }

    #[test]
    fn a_new_layout_reuses_the_paragraphs_that_did_not_change() {
        let text = "One two.\n\nThree four.";
        let paras = [Span::new(0, 8), Span::new(10, text.len())];
        let before = layout(text, &paras, &[hl("a", 0, 3, note(1))]);
        let hs = [hl("a", 0, 3, note(1)), hl("b", 10, 15, note(2))];
        let refs: Vec<&Highlight> = hs.iter().collect();
        let after = layout_reusing(text, &paras, &refs, &before, usize::MAX).blocks;
        assert_eq!(after, layout(text, &paras, &hs), "the same layout");
        let (Block::Paragraph(a), Block::Paragraph(b)) = (&before[0], &after[0]) else {
            panic!("paragraphs first");
        };
        assert!(Rc::ptr_eq(a, b), "the unchanged paragraph is the same one");
        let (Block::Paragraph(a), Block::Paragraph(b)) = (&before[2], &after[2]) else {
            panic!("paragraphs third");
        };
        assert!(!Rc::ptr_eq(a, b));
    }

    #[test]
    fn a_layout_in_slices_keeps_the_text_whole_and_ends_as_the_whole_layout() {
        let (text, paras) = three_paragraphs();
        let hs = [
            hl("a", 0, 3, note(1)),
            hl("b", 10, 15, note(2)),
            hl("c", 23, 27, note(3)),
        ];
        // Nothing drawn before: one paragraph laid out, the others one run of plain text.
        let refs: Vec<&Highlight> = hs.iter().collect();
        let first = layout_reusing(text, &paras, &refs, &[], 1);
        assert_eq!(first.held_back, 2);
        assert_eq!(all_text(text, &first.blocks), text);
        assert_eq!(first.blocks.len(), 3);
        assert_eq!(first.blocks[1], Block::Gap(Span::new(8, 10)));
        assert_eq!(
            first.blocks[2],
            Block::Rest {
                span: Span::new(10, text.len()),
                paragraphs: 2
            }
        );
        // The next slice keeps the first paragraph as it was and lays out one more.
        let second = layout_reusing(text, &paras, &refs, &first.blocks, 1);
        assert_eq!(second.held_back, 1);
        assert_eq!(
            second.blocks.last(),
            Some(&Block::Rest {
                span: Span::new(23, text.len()),
                paragraphs: 1
            })
        );
        let (Block::Paragraph(a), Block::Paragraph(b)) = (&first.blocks[0], &second.blocks[0])
        else {
            panic!("paragraphs first");
        };
        assert!(Rc::ptr_eq(a, b));
        assert_eq!(all_text(text, &second.blocks), text);
        let last = layout_reusing(text, &paras, &refs, &second.blocks, 1);
        assert_eq!(last.held_back, 0);
        assert_eq!(last.blocks, layout(text, &paras, &hs));
    }

    #[test]
    fn the_text_not_laid_out_yet_comes_in_pieces_up_to_each_chunks_border() {
        // 40 paragraphs "Pnn." and a trailing line break: one laid out, 39 in three pieces.
        let text: String = (0..40).map(|k| format!("P{k:02}.\n\n")).collect();
        let paras: Vec<Span> = (0..40).map(|k| Span::new(6 * k, 6 * k + 4)).collect();
        let slice = layout_reusing(&text, &paras, &[], &[], 1);
        assert_eq!(slice.held_back, 39);
        assert_eq!(all_text(&text, &slice.blocks), text);
        let pieces: Vec<(Span, usize)> = slice
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Rest { span, paragraphs } => Some((*span, *paragraphs)),
                _ => None,
            })
            .collect();
        // After the first paragraph and its gap: paragraphs 1-15, 16-31, 32-39 and the end.
        assert_eq!(
            pieces,
            vec![
                (Span::new(6, 6 * 16), 15),
                (Span::new(6 * 16, 6 * 32), 16),
                (Span::new(6 * 32, text.len()), 8),
            ]
        );
    }

    /// Each chunk's text, in order.
    fn chunk_texts(text: &str, blocks: &[Block]) -> Vec<String> {
        chunks(blocks)
            .into_iter()
            .map(|r| all_text(text, &blocks[r]))
            .collect()
    }

    #[test]
    fn every_chunk_shows_the_same_text_in_every_slice() {
        // The page draws a chunk again when its blocks change, and may show the page between
        // two chunks' drawings: if text moved from one chunk to another, it would show twice or
        // not at all. 70 paragraphs of varying length and gaps, drawn in slices of 1 to 40.
        let mut text = String::from("\n");
        let mut paras = Vec::new();
        for k in 0..70 {
            let start = text.len();
            text.push_str(&"word ".repeat(1 + k % 5));
            paras.push(Span::new(start, text.len() - 1));
            text.push_str(if k % 3 == 0 { "\n\n\n" } else { "\n\n" });
        }
        let hs: Vec<Highlight> = paras
            .iter()
            .enumerate()
            .map(|(k, p)| hl(&format!("h{k}"), p.start(), p.start() + 4, note(k as u64)))
            .collect();
        let refs: Vec<&Highlight> = hs.iter().collect();
        let whole = chunk_texts(&text, &layout(&text, &paras, &hs));
        assert_eq!(whole.len(), 5);
        assert_eq!(whole.concat(), text);
        for budget in [1, 7, 16, 17, 40] {
            let mut blocks = Vec::new();
            loop {
                let slice = layout_reusing(&text, &paras, &refs, &blocks, budget);
                blocks = slice.blocks;
                assert_eq!(chunk_texts(&text, &blocks), whole, "slices of {budget}");
                if slice.held_back == 0 {
                    break;
                }
            }
        }
    }

    #[test]
    fn a_new_analysis_drawn_in_slices_keeps_what_the_old_one_drew() {
        let (text, paras) = three_paragraphs();
        let old = [hl("a", 0, 3, note(1)), hl("c", 23, 27, note(3))];
        let before = layout(text, &paras, &old);
        // Every paragraph changes; one is laid out now, the others show their old marks (not
        // plain text), since they were drawn before.
        let new = [
            hl("a2", 4, 7, note(4)),
            hl("b", 10, 15, note(2)),
            hl("c2", 28, 31, note(5)),
        ];
        let refs: Vec<&Highlight> = new.iter().collect();
        let slice = layout_reusing(text, &paras, &refs, &before, 1);
        assert_eq!(slice.held_back, 2);
        assert_eq!(all_text(text, &slice.blocks), text);
        assert!(!slice.blocks.iter().any(|b| matches!(b, Block::Rest { .. })));
        assert_eq!(slice.blocks[2], before[2], "the second paragraph as it was");
        assert_eq!(
            slice.blocks[4], before[4],
            "the third paragraph with its old mark"
        );
    }

    fn plain_block(start: usize, end: usize) -> Block {
        Block::Paragraph(Rc::new(Paragraph {
            span: Span::new(start, end),
            nodes: Vec::new(),
            highlights: Vec::new(),
        }))
    }

    #[test]
    fn chunks_begin_at_every_chunk_th_paragraph_laid_out_or_not() {
        // 40 paragraphs of 10 bytes, a gap of 2 after each; the rest of the text after them.
        let mut blocks = Vec::new();
        for k in 0..40 {
            blocks.push(plain_block(12 * k, 12 * k + 10));
            blocks.push(Block::Gap(Span::new(12 * k + 10, 12 * k + 12)));
        }
        blocks.push(Block::Rest {
            span: Span::new(480, 600),
            paragraphs: 8,
        });
        let cut = chunks(&blocks);
        assert_eq!(cut, vec![0..2 * CHUNK, 2 * CHUNK..4 * CHUNK, 4 * CHUNK..81]);
        let second = &blocks[cut[1].clone()];
        assert_eq!(
            Span::new(
                second[0].span().start(),
                second[second.len() - 1].span().end()
            ),
            Span::new(12 * CHUNK, 24 * CHUNK)
        );
        // Every block in exactly one chunk, in order.
        let covered: Vec<usize> = cut.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(covered, (0..blocks.len()).collect::<Vec<_>>());
        // One more slice drawn: the first chunks are unchanged, block for block.
        let mut more = blocks[..80].to_vec();
        more.push(plain_block(480, 490));
        more.push(Block::Rest {
            span: Span::new(490, 600),
            paragraphs: 7,
        });
        let again = chunks(&more);
        assert_eq!(again[..2], cut[..2]);
        assert!(more[again[0].clone()]
            .iter()
            .zip(&blocks[cut[0].clone()])
            .all(|(a, b)| a.is_same(b)));
        assert!(
            !plain_block(0, 10).is_same(&blocks[0]),
            "an equal paragraph made again is not the same drawing"
        );
    }
}
