use crate::app::{use_app, AppHandle};
use crate::document::Target;
use crate::render::auto_id;
use crate::review::Review;
use crate::state::Action;
use annotator_engine::{Analysis, CharIndex, Label, Span};
use std::collections::HashMap;
use yew::prelude::*;

/// Quotes by speaker, names by group, the user's highlights, and decisions to revisit.
#[function_component(SidePanel)]
pub fn side_panel() -> Html {
    let app = use_app();
    // Which mention of each entity group a click shows next (tab-only state).
    let cursors = use_mut_ref(HashMap::<String, usize>::new);
    if app.document.text.is_empty() {
        return html! {};
    }
    let speakers = speaker_groups(&app.review);
    let names = entity_groups(&app.review, &app.analysis, app.document.text.as_str());

    let jump = |target: Target, span: Span| {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::Inspect(target, span));
            crate::dom::scroll_to(&auto_id(
                if target == Target::Quote { "q" } else { "e" },
                span,
            ));
        })
    };

    let quote_list = speakers.iter().map(|(name, spans)| {
        let who = name.clone().unwrap_or_default();
        html! {
            <li class="speaker-group" data-testid="speaker-group" data-speaker={who.clone()}>
                <div class="group-head">
                    <span class="group-name">{ if who.is_empty() { "Unknown speaker".to_string() } else { who } }</span>
                    <span class="count" title="quotes">{ spans.len() }</span>
                </div>
                <ol>{ for spans.iter().map(|&s| html! {
                    <li><button class="link quote-link" onclick={jump(Target::Quote, s)}>{ short(s.slice(&app.document.text)) }</button></li>
                }) }</ol>
            </li>
        }
    });

    let name_sections = [Label::Per, Label::Org, Label::Loc, Label::Misc].into_iter().map(|label| {
        let groups: Vec<&EntityGroup> = names.iter().filter(|g| g.label == label).collect();
        if groups.is_empty() {
            return html! {};
        }
        html! {
            <>
                <h3>{ plural(label) }</h3>
                <ul class="entity-groups">{ for groups.into_iter().map(|g| {
                    let onclick = {
                        let (app, cursors, key, mentions) = (app.clone(), cursors.clone(), g.key.clone(), g.mentions.clone());
                        Callback::from(move |_| {
                            let i = {
                                let mut c = cursors.borrow_mut();
                                let i = c.entry(key.clone()).or_insert(0);
                                let now = *i % mentions.len();
                                *i = now + 1;
                                now
                            };
                            let span = mentions[i];
                            app.dispatch(Action::Inspect(Target::Entity, span));
                            crate::dom::scroll_to(&auto_id("e", span));
                        })
                    };
                    html! {
                        <li data-testid="entity-group" data-label={label.as_str()} data-name={g.name.clone()}>
                            <button class={classes!("link", "chip", format!("ent-{}", label.as_str()))} {onclick}
                                title="Show the next mention">{ &g.name }</button>
                            <span class="count" title="mentions">{ g.mentions.len() }</span>
                        </li>
                    }
                }) }</ul>
            </>
        }
    });

    html! {
        <section class="side-panel" data-testid="side-panel" aria-label="Summary">
            <h2>{ format!("Quotes ({})", app.review.quotes.len()) }</h2>
            if speakers.is_empty() { <p class="hint">{ "No quotes found." }</p> }
            <ul class="speaker-groups">{ for quote_list }</ul>
            <h2>{ "Names" }</h2>
            { for name_sections }
            <Notes />
            <Revisit />
        </section>
    }
}

/// Quote spans grouped by speaker (unknown last), most quoted first.
pub fn speaker_groups(review: &Review) -> Vec<(Option<String>, Vec<Span>)> {
    let mut groups: Vec<(Option<String>, Vec<Span>)> = Vec::new();
    for q in &review.quotes {
        match groups.iter_mut().find(|(n, _)| *n == q.speaker) {
            Some((_, spans)) => spans.push(q.span),
            None => groups.push((q.speaker.clone(), vec![q.span])),
        }
    }
    groups.sort_by_key(|(name, spans)| (name.is_none(), std::cmp::Reverse(spans.len())));
    groups
}

pub struct EntityGroup {
    key: String,
    pub label: Label,
    pub name: String,
    pub mentions: Vec<Span>,
}

/// Reviewed names grouped as the engine grouped them (names the user added: by their words).
pub fn entity_groups(review: &Review, analysis: &Analysis, text: &str) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    for e in review.entities.iter().filter(|e| e.label.is_name()) {
        let (key, name) = match e.group.and_then(|g| analysis.group(g)) {
            Some(g) if g.label == e.label => (format!("g{}", g.id.0), g.name.clone()),
            _ => (
                format!("{}:{}", e.label, e.span.slice(text)),
                e.span.slice(text).to_string(),
            ),
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.mentions.push(e.span),
            None => groups.push(EntityGroup {
                key,
                label: e.label,
                name,
                mentions: vec![e.span],
            }),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.mentions.len()));
    groups
}

fn plural(label: Label) -> &'static str {
    match label {
        Label::Per => "People",
        Label::Org => "Organisations",
        Label::Loc => "Places",
        _ => "Other names",
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 90;
    if s.chars().count() <= MAX {
        format!("“{s}”")
    } else {
        format!("“{}…”", s.chars().take(MAX).collect::<String>())
    }
}

/// The user's own highlights, including those whose text is no longer in the article.
#[function_component(Notes)]
fn notes() -> Html {
    let app = use_app();
    let doc = &app.document;
    if doc.notes.is_empty() {
        return html! {};
    }
    let index = CharIndex::new(&doc.text);
    html! {
        <>
            <h2>{ format!("Your highlights ({})", doc.notes.len()) }</h2>
            <ul class="notes">{ for doc.notes.iter().map(|n| {
                let anchored = doc.note_span(&index, n).is_some();
                html! {
                    <li key={n.id.key()} class={classes!((!anchored).then_some("unanchored"))}>
                        <button class="link" onclick={send(&app, Action::OpenNote(n.id))}>{ short(&n.anchor.exact) }</button>
                        if !n.note.is_empty() { <span class="note-body">{ &n.note }</span> }
                        if !anchored { <span class="warning">{ "No longer found in the text" }</span> }
                    </li>
                }
            }) }</ul>
        </>
    }
}

fn send(app: &AppHandle, action: Action) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_| app.dispatch(action.clone()))
}

/// Rejected detections (restorable) and corrections that no longer match anything.
#[function_component(Revisit)]
fn revisit() -> Html {
    let app = use_app();
    let text = app.document.text.as_str();
    let review = &app.review;
    let unmatched: Vec<_> = app
        .document
        .decisions
        .iter()
        .filter(|d| review.unmatched.contains(&d.id))
        .collect();
    html! {
        <>
            if !review.rejected.is_empty() {
                <h2>{ format!("Marked wrong ({})", review.rejected.len()) }</h2>
                <ul class="revisit">{ for review.rejected.iter().map(|r| html! {
                    <li>
                        <span>{ format!("{} {}", r.target.as_str(), short(r.span.slice(text))) }</span>
                        <button class="link" data-testid="restore" onclick={send(&app, Action::Undecide(r.decision))}>{ "Restore" }</button>
                    </li>
                }) }</ul>
            }
            if !unmatched.is_empty() {
                <h2>{ format!("Corrections that no longer match ({})", unmatched.len()) }</h2>
                <ul class="revisit">{ for unmatched.iter().map(|d| html! {
                    <li class="unanchored" data-testid="unmatched-decision">
                        <span>{ format!("{} {}", d.target.as_str(), short(&d.anchor.exact)) }</span>
                        <button class="link" onclick={send(&app, Action::Undecide(d.id))}>{ "Remove" }</button>
                    </li>
                }) }</ul>
            }
        </>
    }
}
