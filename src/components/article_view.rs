use crate::app::use_app;
use crate::render::{analysis_highlights, layout, Block, Highlight, HighlightKind, Node};
use crate::state::Action;
use annotator_engine::CharIndex;
use yew::prelude::*;

/// The analysed article: paragraphs with quotes, names and the user's highlights.
#[function_component(ArticleView)]
pub fn article_view() -> Html {
    let app = use_app();
    let root = use_node_ref();
    let doc = app.document.clone();
    let analysis = app.analysis.clone();

    // Highlights and layout are derived from the document and its analysis only.
    let drawn = use_memo((doc.clone(), analysis.clone()), |(doc, analysis)| {
        let mut highlights = analysis_highlights(analysis);
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
    });

    // A selection inside the article starts a new highlight.
    {
        let app = app.clone();
        let root = root.clone();
        let text = doc.clone();
        use_effect_with(text, move |doc| {
            let doc = doc.clone();
            let listener = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "selectionchange",
                move |_| {
                    if let Some(el) = root.cast::<web_sys::Element>() {
                        if let Some((a, b)) = crate::dom::selection_in(&el) {
                            if let Some(span) = crate::dom::selection_span(&doc.text, a, b) {
                                app.dispatch(Action::Select(span));
                            }
                        }
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
    app: &'a crate::app::AppHandle,
}

impl Ctx<'_> {
    fn nodes(&self, nodes: &[Node]) -> Html {
        nodes.iter().map(|n| self.node(n)).collect()
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
                match &h.kind {
                    HighlightKind::Quote { kind, speaker } => {
                        let who = speaker.clone().unwrap_or_default();
                        let title = if who.is_empty() {
                            "Quote, speaker unknown".to_string()
                        } else {
                            format!("Quote by {who}")
                        };
                        html! {
                            <mark class={classes!("hl", "hl-quote", format!("q-{}", kind.as_str()))} data-testid="highlight"
                                data-kind="quote" data-id={h.id.clone()} data-speaker={who} {title}>{ children }</mark>
                        }
                    }
                    HighlightKind::Entity { label } => html! {
                        <mark class={classes!("hl", "hl-entity", format!("ent-{}", label.as_str()))} data-testid="highlight"
                            data-kind="entity" data-id={h.id.clone()} data-label={label.as_str()} title={label.title()}>{ children }</mark>
                    },
                    HighlightKind::Note(id) => {
                        let id = *id;
                        let app = self.app.clone();
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.stop_propagation();
                            app.dispatch(Action::OpenNote(id));
                        });
                        html! {
                            <mark class="hl hl-note" data-testid="highlight" data-kind="note" data-id={h.id.clone()}
                                title="Your highlight: click to edit its note" {onclick}>{ children }</mark>
                        }
                    }
                }
            }
        }
    }
}
