use crate::app::use_app;
use crate::document::{NoteLabel, Target};
use crate::library::colour_class;
use crate::render::{
    chunks, evidence_highlights, layout_reusing, match_highlights, note_highlights,
    review_highlights, Block, Highlight, HighlightKind, Node, Paragraph,
};
use crate::review::Status;
use crate::state::{Action, AppState, Selected};
use annotator_engine::Span;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The analysed article: paragraphs with quotes, names, the user's highlights and the search's
/// matches. Each paragraph is its own component, drawn again only when what it shows changed.
#[function_component(ArticleView)]
pub fn article_view() -> Html {
    let app = use_app();
    let root = use_node_ref();
    let doc = app.doc();
    let text: Rc<str> = doc.text.clone();
    let selected_span = app.selected_span();
    let selected_quote = match app.ui.selected {
        Some(Selected::Detection(Target::Quote, key)) => Some(key),
        _ => None,
    };
    let search = app.ui.search.clone();

    // Highlights are derived from the document, its review and the search; the selected
    // quote's evidence apart, so opening a quote does not make the others again.
    let base = use_memo(
        (doc.clone(), app.review.clone(), search),
        |(doc, review, search)| {
            let mut highlights = review_highlights(review);
            highlights.extend(note_highlights(doc));
            highlights.extend(match_highlights(&crate::panel::search(&doc.text, search)));
            highlights
        },
    );
    let evidence = use_memo(
        (app.review.clone(), selected_quote),
        |(review, selected_quote)| {
            selected_quote.map_or_else(Vec::new, |q| evidence_highlights(review, q))
        },
    );
    // The layout takes unchanged paragraphs from the one drawn before, so only the ones a
    // change touched are drawn again; and it is made in slices: a slice of the changed
    // paragraphs in each task, the others showing what they showed (or, never drawn yet, plain
    // text), so that an analysis arriving for a long article never holds the page for
    // long. A slice is as many paragraphs as the last one drew in about `SLICE_MS`.
    let drawn = use_mut_ref(Drawn::default);
    let step = use_state(|| (0u64, 0u64));
    let ((blocks, chunks), held_back, generation, at_step) = {
        let mut drawn = drawn.borrow_mut();
        // A new text or new highlights (by identity) start a new generation of slices.
        let same_text = Rc::ptr_eq(&drawn.text, &doc.text);
        let same_highlights = same_text
            && drawn
                .highlights
                .as_ref()
                .is_some_and(|(b, e)| Rc::ptr_eq(b, &base) && Rc::ptr_eq(e, &evidence));
        let generation = drawn.generation + u64::from(!same_highlights);
        let at_step = if step.0 == generation { step.1 } else { 0 };
        let paragraphs = app.analysis.paragraphs.len();
        if !(same_highlights && drawn.step == at_step && drawn.paragraphs == paragraphs) {
            let started = crate::dom::now_ms();
            let reuse: &[Block] = if same_text { &drawn.blocks } else { &[] };
            let highlights: Vec<&Highlight> = base.iter().chain(evidence.iter()).collect();
            // A new generation starts with the first slice's size: what the last one learnt
            // (on plain paragraphs, say) need not hold for what this one draws.
            let slice = if same_highlights { drawn.slice } else { SLICE };
            let layout = layout_reusing(
                &doc.text,
                &app.analysis.paragraphs,
                &highlights,
                reuse,
                slice,
            );
            let pending = layout.held_back > 0 || drawn.held_back > 0;
            *drawn = Drawn {
                text: doc.text.clone(),
                highlights: Some((base.clone(), evidence.clone())),
                generation,
                step: at_step,
                paragraphs,
                chunks: Rc::new(chunks(&layout.blocks)),
                blocks: Rc::new(layout.blocks),
                held_back: layout.held_back,
                slice,
                started: pending.then_some(started),
            };
        }
        (
            (drawn.blocks.clone(), drawn.chunks.clone()),
            drawn.held_back,
            generation,
            at_step,
        )
    };
    {
        let step = step.clone();
        let drawn = drawn.clone();
        use_effect_with(
            (generation, at_step, held_back),
            move |&(generation, at_step, held_back)| {
                // The slice just put in the page took this long (layout and page updates):
                // the next is sized to take about SLICE_MS.
                {
                    let mut drawn = drawn.borrow_mut();
                    if let Some(started) = drawn.started.take() {
                        drawn.slice = next_slice(drawn.slice, crate::dom::now_ms() - started);
                    }
                }
                let timer = (held_back > 0).then(|| {
                    gloo::timers::callback::Timeout::new(0, move || {
                        step.set((generation, at_step + 1))
                    })
                });
                move || drop(timer)
            },
        );
    }

    // A selection inside the article starts a new highlight.
    {
        let dispatcher = app.dispatcher();
        let root = root.clone();
        use_effect_with(text.clone(), move |text| {
            let text = text.clone();
            let listener = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "selectionchange",
                move |_| {
                    let Some(el) = root.cast::<web_sys::Element>() else {
                        return;
                    };
                    let Some((a, b)) = crate::dom::selection_in(&el) else {
                        return;
                    };
                    if let Some(span) = crate::dom::selection_span(&text, a, b) {
                        dispatcher.dispatch(Action::SelectPassage(span));
                    }
                },
            );
            move || drop(listener)
        });
    }

    // What is selected is scrolled into view.
    use_effect_with(app.ui.selected, |selected| match selected {
        Some(Selected::Detection(..)) => crate::dom::scroll_to("#selected"),
        Some(Selected::Note(id)) => crate::dom::scroll_to(&format!("[data-id=\"{}\"]", id.key())),
        _ => {}
    });

    if text.is_empty() {
        return html! {
            <section class="article empty" data-testid="article" id="article" ref={root}>
                <p class="hint">{ "Paste an article and press Analyze, or try the sample." }</p>
            </section>
        };
    }
    let dispatcher = app.dispatcher();
    let detection = match app.ui.selected {
        Some(Selected::Detection(t, k)) => Some((t, k)),
        _ => None,
    };
    // A click on a highlight opens it, unless the click ended a text selection. One listener
    // for the whole article finds the innermost highlight clicked (marks of evidence and of
    // search matches are not highlights: the click goes to the quote or name around them),
    // so that the thousands of marks of a long article register no listeners of their own.
    let onclick = {
        let dispatcher = app.dispatcher();
        let base = base.clone();
        Callback::from(move |e: MouseEvent| {
            if crate::dom::has_selection() {
                return;
            }
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("mark.hl[data-id]").ok().flatten())
                .and_then(|mark| mark.get_attribute("data-id"));
            let action = id.and_then(|id| opens(&base.iter().find(|h| h.id == id)?.kind));
            if let Some(action) = action {
                dispatcher.dispatch(action);
            }
        })
    };
    let title = doc.title().to_string();
    // Busy while the worker analyses or slices remain to be drawn.
    let busy = app.request.is_some() || held_back > 0;
    html! {
        <section class="article" data-testid="article" id="article" ref={root} aria-label={format!("Article: {title}")}
            aria-busy={busy.then_some("true")} {onclick}>
            { for chunks.iter().enumerate().map(|(k, range)| {
                // Only the chunk holding the selection knows about it.
                let chunk = Span::new(blocks[range.start].span().start(), blocks[range.end - 1].span().end());
                let selected = selected_span.filter(|s| s.overlaps(chunk));
                let detection = detection.filter(|_| selected.is_some());
                html! { <ChunkView key={k} text={text.clone()} blocks={blocks.clone()} range={range.clone()}
                    {selected} {detection} dispatcher={dispatcher.clone()} /> }
            }) }
        </section>
    }
}

#[derive(Properties)]
struct ChunkProps {
    text: Rc<str>,
    /// The whole layout and this chunk's part of it.
    blocks: Rc<Vec<Block>>,
    range: std::ops::Range<usize>,
    selected: Option<Span>,
    detection: Option<(Target, Span)>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl PartialEq for ChunkProps {
    /// Block by block, by identity: a new layout that kept this chunk's paragraphs keeps the
    /// chunk.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (
            &self.blocks[self.range.clone()],
            &other.blocks[other.range.clone()],
        );
        Rc::ptr_eq(&self.text, &other.text)
            && a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| x.is_same(y))
            && self.selected == other.selected
            && self.detection == other.detection
            && self.dispatcher == other.dispatcher
    }
}

#[function_component(ChunkView)]
fn chunk_view(props: &ChunkProps) -> Html {
    let text = &props.text;
    html! {
        <div class="chunk">
            { for props.blocks[props.range.clone()].iter().map(|b| match b {
                // Every block keyed by where it starts (and what it is), so that a slice that
                // turns the start of the rest into paragraphs leaves the others in place: an
                // unkeyed list is matched from its end, and would draw every paragraph again.
                Block::Gap(s) => html! { <span key={block_key(s.start(), 1)} class="gap" aria-hidden="true">{ s.slice(text) }</span> },
                Block::Rest { span: s, .. } => html! { <div key={block_key(s.start(), 2)} class="rest">{ s.slice(text) }</div> },
                Block::Paragraph(p) => {
                    // Only the paragraph holding the selection knows about it.
                    let selected = props.selected.filter(|s| s.overlaps(p.span));
                    let detection = props.detection.filter(|_| selected.is_some());
                    html! { <ParagraphView key={block_key(p.span.start(), 0)} text={text.clone()} paragraph={p.clone()} {selected} {detection} dispatcher={props.dispatcher.clone()} /> }
                }
            }) }
        </div>
    }
}

/// A memoised list of highlights, compared by identity.
type Highlights = Rc<Vec<Highlight>>;

/// A block's key: its start and its kind (paragraph 0, gap 1, rest 2), unique in one layout.
fn block_key(start: usize, kind: usize) -> u64 {
    (start as u64) << 2 | kind as u64
}

/// How many changed paragraphs the first slice draws, and the bounds of later ones.
const SLICE: usize = 24;
const SLICE_MIN: usize = 4;
const SLICE_MAX: usize = 200;
/// What one slice may take, in milliseconds (the page's own work; the browser's layout comes
/// after it in the same frame).
const SLICE_MS: f64 = 20.0;

/// The size of the next slice, from the size and time of the last.
fn next_slice(slice: usize, took_ms: f64) -> usize {
    let scaled = slice as f64 * SLICE_MS / took_ms.max(1.0);
    // At most doubling at once, so that one quick slice of short paragraphs does not make the
    // next one long.
    (scaled.min(slice as f64 * 2.0) as usize).clamp(SLICE_MIN, SLICE_MAX)
}

/// What the article drew last: the text, highlights, slice step and paragraph count it was
/// drawn for, the layout, and the pacing of slices.
struct Drawn {
    text: Rc<str>,
    /// Held, so that their address is not reused while compared by identity.
    highlights: Option<(Highlights, Highlights)>,
    /// Counts the changes of text or highlights: the slices of one change share it.
    generation: u64,
    /// Which slice of the generation this is.
    step: u64,
    paragraphs: usize,
    /// The layout drawn, and where its chunks begin and end (see [`chunks`]).
    blocks: Rc<Vec<Block>>,
    chunks: Rc<Vec<std::ops::Range<usize>>>,
    /// Changed paragraphs not laid out yet.
    held_back: usize,
    /// How many changed paragraphs a slice lays out.
    slice: usize,
    /// When the layout of a slice began (ms), until the page shows it.
    started: Option<f64>,
}

impl Default for Drawn {
    fn default() -> Self {
        Drawn {
            text: Rc::from(""),
            highlights: None,
            generation: 0,
            step: 0,
            paragraphs: 0,
            blocks: Rc::default(),
            chunks: Rc::default(),
            held_back: 0,
            slice: SLICE,
            started: None,
        }
    }
}

#[derive(Properties)]
struct ParagraphProps {
    /// The whole article's text (compared by pointer: every paragraph has the same one).
    text: Rc<str>,
    paragraph: Rc<Paragraph>,
    /// The selected span, when it touches this paragraph.
    selected: Option<Span>,
    /// The selected quote or name (kind and key), when it is in this paragraph.
    detection: Option<(Target, Span)>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl PartialEq for ParagraphProps {
    /// The text by identity, not by content: comparing a long article's text once per
    /// paragraph at every drawing costs more than drawing. A new `Rc` of equal text draws the
    /// paragraph again, which is only slower, never wrong.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.text, &other.text)
            && Rc::ptr_eq(&self.paragraph, &other.paragraph)
            && self.selected == other.selected
            && self.detection == other.detection
            && self.dispatcher == other.dispatcher
    }
}

#[function_component(ParagraphView)]
fn paragraph_view(props: &ParagraphProps) -> Html {
    let ctx = Ctx {
        text: &props.text,
        highlights: &props.paragraph.highlights,
        dispatcher: &props.dispatcher,
        selected: props.selected,
        detection: props.detection,
    };
    html! { <p>{ ctx.nodes(&props.paragraph.nodes) }</p> }
}

/// What a click on a highlight of this kind does: a quote or a name opens in the editor, the
/// user's own highlight opens its note.
fn opens(kind: &HighlightKind) -> Option<Action> {
    match kind {
        HighlightKind::Note { id, .. } => Some(Action::OpenNote(*id)),
        _ => kind
            .detection()
            .map(|(target, key)| Action::Inspect(target, key)),
    }
}

struct Ctx<'a> {
    text: &'a str,
    highlights: &'a [Highlight],
    dispatcher: &'a UseReducerDispatcher<AppState>,
    selected: Option<Span>,
    detection: Option<(Target, Span)>,
}

impl Ctx<'_> {
    fn nodes(&self, nodes: &[Node]) -> Html {
        nodes.iter().map(|n| self.node(n)).collect()
    }

    fn node(&self, node: &Node) -> Html {
        match node {
            Node::Text(s) => self.text_with_handles(*s),
            Node::Mark {
                highlight,
                children,
            } => {
                let h = &self.highlights[*highlight];
                let children = self.nodes(children);
                let selected = (self.detection.is_some() && h.kind.detection() == self.detection)
                    .then_some("selected");
                // The one selected mark is reachable by its DOM id and by keyboard focus.
                let dom_id = selected.map(|_| "selected".to_string());
                match &h.kind {
                    HighlightKind::Quote {
                        kind,
                        speaker,
                        unsure,
                        status,
                        ..
                    } => {
                        let who = speaker.clone().unwrap_or_default();
                        let mut title = match (who.is_empty(), unsure) {
                            (true, _) => "Quote, speaker unknown".to_string(),
                            (false, None) => format!("Quote by {who}"),
                            (false, Some(p)) => format!(
                                "Quote by {who}? Unsure attribution ({p}% confident): check it"
                            ),
                        };
                        title.push_str(&format!(" ({})", status_words(*status)));
                        html! {
                            <mark class={classes!("hl", "hl-quote", format!("q-{}", kind.as_str()), selected)} id={dom_id}
                                data-testid="highlight" data-kind="quote" data-id={h.id.clone()} data-speaker={who}
                                data-status={status.as_str()} data-unsure={unsure.map(|_| "true")} {title}
                                tabindex={selected.map(|_| "-1")}>{ children }</mark>
                        }
                    }
                    HighlightKind::Entity { label, status, .. } => html! {
                        <mark class={classes!("hl", "hl-entity", format!("ent-{}", label.as_str()), selected)} id={dom_id}
                            data-testid="highlight" data-kind="entity" data-id={h.id.clone()} data-label={label.as_str()}
                            data-status={status.as_str()} tabindex={selected.map(|_| "-1")}
                            title={format!("{} ({})", label.title(), status_words(*status))}>{ children }</mark>
                    },
                    HighlightKind::Note {
                        label, annotated, ..
                    } => {
                        let (class, what) = match label {
                            Some(NoteLabel::Colour { name, color }) => {
                                (colour_class(color), name.clone())
                            }
                            Some(NoteLabel::Entity { label }) => {
                                (format!("ent-{label}"), label.clone())
                            }
                            Some(NoteLabel::Quote) => {
                                ("note-quote".to_string(), "quote".to_string())
                            }
                            None => ("note-plain".to_string(), String::new()),
                        };
                        let title = if what.is_empty() {
                            "Your highlight: click to edit it".to_string()
                        } else {
                            format!("Your highlight ({what}): click to edit it")
                        };
                        html! {
                            <mark class={classes!("hl", "hl-note", class, annotated.then_some("annotated"))}
                                data-testid="highlight" data-kind="note" data-id={h.id.clone()} {title}>{ children }</mark>
                        }
                    }
                    // Marks of evidence take no clicks: a click there reaches the quote or name
                    // the words belong to.
                    HighlightKind::Evidence(e) => html! {
                        <mark class={classes!("ev", format!("ev-{}", e.name()))} data-testid="evidence"
                            data-kind={e.name()} data-id={h.id.clone()} title={e.title()}>{ children }</mark>
                    },
                    HighlightKind::Match => html! {
                        <mark class="match" data-testid="search-match" data-kind="match" data-id={h.id.clone()}>{ children }</mark>
                    },
                }
            }
        }
    }

    /// A run of text, with the drag handles of the selection where its ends fall inside.
    fn text_with_handles(&self, s: Span) -> Html {
        let Some(sel) = self.selected else {
            return html! { { s.slice(self.text) } };
        };
        let mut cuts: Vec<(usize, &'static str)> = Vec::new();
        if sel.start() >= s.start() && sel.start() < s.end() {
            cuts.push((sel.start(), "start"));
        }
        if sel.end() > s.start() && sel.end() <= s.end() {
            cuts.push((sel.end(), "end"));
        }
        if cuts.is_empty() {
            return html! { { s.slice(self.text) } };
        }
        let mut out = Vec::new();
        let mut at = s.start();
        for (cut, edge) in cuts {
            if cut > at {
                out.push(html! { { &self.text[at..cut] } });
            }
            out.push(handle(edge, self.dispatcher.clone()));
            at = cut.max(at);
        }
        if at < s.end() {
            out.push(html! { { &self.text[at..s.end()] } });
        }
        out.into_iter().collect()
    }
}

/// A drag handle at one end of the selection: an empty element (so the article's text stays
/// exact) that moves that end to wherever it is dropped.
fn handle(edge: &'static str, dispatcher: UseReducerDispatcher<AppState>) -> Html {
    let onpointerdown = Callback::from(move |e: PointerEvent| {
        e.prevent_default();
        let target: web_sys::Element = e.target_unchecked_into();
        let _ = target.set_pointer_capture(e.pointer_id());
        let _ = target.set_attribute("data-dragging", "true");
    });
    let onpointerup = {
        Callback::from(move |e: PointerEvent| {
            let target: web_sys::Element = e.target_unchecked_into();
            if target.get_attribute("data-dragging").is_none() {
                return;
            }
            let _ = target.remove_attribute("data-dragging");
            let Some(root) = target.closest("[data-testid=article]").ok().flatten() else {
                return;
            };
            // Hide the handle so the point hits the text beneath it.
            let _ = target.set_attribute("hidden", "");
            let offset =
                crate::dom::offset_at_point(&root, e.client_x() as f32, e.client_y() as f32);
            let _ = target.remove_attribute("hidden");
            let Some(units) = offset else { return };
            let text = root.text_content().unwrap_or_default();
            let at = crate::dom::utf16_to_byte(&text, units);
            dispatcher.dispatch(Action::DragEdge(edge == "start", at));
        })
    };
    let label = if edge == "start" {
        "Start of the selection: drag to move it"
    } else {
        "End of the selection: drag to move it"
    };
    html! {
        <span class={classes!("handle", format!("handle-{edge}"))} data-testid={format!("handle-{edge}")}
            aria-label={label} title={label} role="img" {onpointerdown} {onpointerup} />
    }
}

/// How a review status reads.
pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::Suggested => "suggested, not reviewed",
        Status::Accepted => "accepted",
        Status::Edited => "corrected by you",
        Status::Own => "added by you",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_are_sized_to_take_about_the_same_time() {
        // Twice as long as wanted: half as many paragraphs next time.
        assert_eq!(next_slice(40, SLICE_MS * 2.0), 20);
        // Quick: more, but at most twice as many at once, and never more than the cap.
        assert_eq!(next_slice(40, SLICE_MS / 10.0), 80);
        assert_eq!(next_slice(150, 1.0), SLICE_MAX);
        // Very slow, or a clock that gives nothing: the floor, and no division by zero.
        assert_eq!(next_slice(24, 10_000.0), SLICE_MIN);
        assert_eq!(next_slice(24, 0.0), 48);
    }

    #[test]
    fn block_keys_differ_by_kind_at_one_start() {
        let keys = [
            block_key(10, 0),
            block_key(10, 1),
            block_key(10, 2),
            block_key(11, 0),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
