use crate::app::{use_app, AppHandle};
use crate::document::Target;
use crate::render::{
    evidence_highlights, layout, review_highlights, Block, Highlight, HighlightKind, Node,
};
use crate::state::{Action, Selected};
use annotator_engine::{CharIndex, Span};
use yew::prelude::*;

/// The analysed article: paragraphs with quotes, names and the user's highlights.
#[function_component(ArticleView)]
pub fn article_view() -> Html {
    let app = use_app();
    let root = use_node_ref();
    let doc = app.document.clone();

    let selected = match app.selected {
        Some(Selected::Detection(_, span)) => Some(span),
        _ => None,
    };
    let selected_quote = match app.selected {
        Some(Selected::Detection(Target::Quote, span)) => Some(span),
        _ => None,
    };

    // Highlights and layout are derived from the document, its review and the selected quote
    // (whose evidence is marked) only.
    let drawn = use_memo(
        (
            doc.clone(),
            app.review.clone(),
            app.analysis.clone(),
            selected_quote,
        ),
        |(doc, review, analysis, selected_quote)| {
            let mut highlights = review_highlights(review);
            if let Some(q) = selected_quote {
                highlights.extend(evidence_highlights(review, *q));
            }
            let index = CharIndex::new(&doc.text);
            for n in &doc.notes {
                if let Some(span) = doc.note_span(&index, n) {
                    highlights.push(Highlight {
                        id: n.id.key(),
                        span,
                        kind: HighlightKind::Note(n.id),
                    });
                }
            }
            let blocks = layout(&doc.text, &analysis.paragraphs, &highlights);
            (highlights, blocks)
        },
    );

    // A selection inside the article starts a new highlight.
    {
        let app = app.clone();
        let root = root.clone();
        use_effect_with(doc.clone(), move |doc| {
            let doc = doc.clone();
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
                    if let Some(span) = crate::dom::selection_span(&doc.text, a, b) {
                        app.dispatch(Action::SelectPassage(span));
                    }
                },
            );
            move || drop(listener)
        });
    }

    if doc.text.is_empty() {
        return html! {
            <section class="article empty" data-testid="article" ref={root}>
                <p class="hint">{ "Paste an article and press Analyze, or try the sample." }</p>
            </section>
        };
    }
    let (highlights, blocks) = &*drawn;
    let ctx = Ctx {
        text: doc.text.as_str(),
        highlights,
        app: &app,
        selected,
    };
    html! {
        <section class="article" data-testid="article" ref={root} aria-label="Analysed article">
            { for blocks.iter().map(|b| match b {
                Block::Gap(s) => html! { <span class="gap" aria-hidden="true">{ s.slice(&doc.text) }</span> },
                Block::Paragraph { nodes, .. } => html! { <p>{ ctx.nodes(nodes) }</p> },
            }) }
        </section>
    }
}

struct Ctx<'a> {
    text: &'a str,
    highlights: &'a [Highlight],
    app: &'a AppHandle,
    selected: Option<Span>,
}

impl Ctx<'_> {
    fn nodes(&self, nodes: &[Node]) -> Html {
        nodes.iter().map(|n| self.node(n)).collect()
    }

    /// A click on a highlight opens it, unless the click ended a text selection.
    fn on_click(&self, action: Action) -> Callback<MouseEvent> {
        let app = self.app.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            if !crate::dom::has_selection() {
                app.dispatch(action.clone());
            }
        })
    }

    fn node(&self, node: &Node) -> Html {
        match node {
            Node::Text(s) => html! { { s.slice(self.text) } },
            Node::Mark {
                highlight,
                children,
            } => {
                let h = &self.highlights[*highlight];
                let children = self.nodes(children);
                let selected = (self.selected == Some(h.span)).then_some("selected");
                match &h.kind {
                    HighlightKind::Quote {
                        kind,
                        speaker,
                        unsure,
                    } => {
                        let who = speaker.clone().unwrap_or_default();
                        let title = match (who.is_empty(), unsure) {
                            (true, _) => "Quote, speaker unknown".to_string(),
                            (false, None) => format!("Quote by {who}"),
                            (false, Some(p)) => format!(
                                "Quote by {who}? Unsure attribution ({p}% confident): check it"
                            ),
                        };
                        html! {
                            <mark class={classes!("hl", "hl-quote", format!("q-{}", kind.as_str()), selected)}
                                data-testid="highlight" data-kind="quote" data-id={h.id.clone()} data-speaker={who}
                                data-unsure={unsure.map(|_| "true")} {title}
                                onclick={self.on_click(Action::Inspect(Target::Quote, h.span))}>{ children }</mark>
                        }
                    }
                    HighlightKind::Entity { label } => html! {
                        <mark class={classes!("hl", "hl-entity", format!("ent-{}", label.as_str()), selected)}
                            data-testid="highlight" data-kind="entity" data-id={h.id.clone()} data-label={label.as_str()}
                            title={label.title()} onclick={self.on_click(Action::Inspect(Target::Entity, h.span))}>{ children }</mark>
                    },
                    HighlightKind::Note(id) => html! {
                        <mark class="hl hl-note" data-testid="highlight" data-kind="note" data-id={h.id.clone()}
                            title="Your highlight: click to edit its note" onclick={self.on_click(Action::OpenNote(*id))}>{ children }</mark>
                    },
                    // Marks of evidence take no clicks: a click there reaches the quote or name
                    // the words belong to.
                    HighlightKind::Evidence(e) => html! {
                        <mark class={classes!("ev", format!("ev-{}", e.name()))} data-testid="evidence"
                            data-kind={e.name()} data-id={h.id.clone()} title={e.title()}>{ children }</mark>
                    },
                }
            }
        }
    }
}
