use crate::app::{use_app, AppHandle};
use crate::document::Target;
use crate::panel::{entity_groups, speaker_groups, unsure_quotes, EntityGroup};
use crate::render::auto_id;
use crate::render::percent;
use crate::review::ReviewedQuote;
use crate::state::Action;
use annotator_engine::{CharIndex, Label, Span};
use std::collections::HashMap;
use web_sys::HtmlInputElement;
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

    let text = app.document.text.as_str();
    // One quote in a list: its words, and whether its attribution is unsure.
    let quote_link = |q: &ReviewedQuote, with_speaker: bool| {
        let unsure = q
            .is_unsure()
            .then(|| percent(q.speaker_confidence().unwrap_or(0.0)));
        let who = q.speaker.clone().filter(|_| with_speaker);
        html! {
            <li data-unsure={unsure.map(|_| "true")}>
                <button class="link quote-link" onclick={jump(Target::Quote, q.span)}>
                    { short(q.span.slice(text)) }
                    if let Some(who) = who { <span class="quote-speaker">{ format!(" \u{2014} {who}") }</span> }
                </button>
                if let Some(p) = unsure { { unsure_badge(p) } }
            </li>
        }
    };
    let quote_list = speakers.iter().map(|(name, spans)| {
        let who = name.clone().unwrap_or_default();
        html! {
            <li class="speaker-group" data-testid="speaker-group" data-speaker={who.clone()}>
                <div class="group-head">
                    <span class="group-name">{ if who.is_empty() { "Unknown speaker".to_string() } else { who } }</span>
                    <span class="count" title="quotes">{ spans.len() }</span>
                </div>
                <ol>{ for spans.iter().filter_map(|&s| app.review.quote_at(s)).map(|q| quote_link(q, false)) }</ol>
            </li>
        }
    });
    let unsure = unsure_quotes(&app.review);
    let toggle = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            app.dispatch(Action::ShowUnsureFirst(input.checked()));
        })
    };

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
            if !unsure.is_empty() || app.unsure_first {
                <label class="check">
                    <input type="checkbox" data-testid="unsure-first" checked={app.unsure_first} onchange={toggle} />
                    { format!("Unsure attributions first ({})", unsure.len()) }
                </label>
            }
            if app.unsure_first && !unsure.is_empty() {
                <section class="unsure-group" data-testid="unsure-group" aria-label="Unsure attributions, least sure first">
                    <h3>{ unsure_badge_icon() }{ " Unsure attributions, least sure first" }</h3>
                    <ol>{ for unsure.iter().map(|q| quote_link(q, true)) }</ol>
                </section>
            }
            <ul class="speaker-groups">{ for quote_list }</ul>
            <h2>{ "Names" }</h2>
            { for name_sections }
            <Notes />
            <Revisit />
        </section>
    }
}

/// The unsure mark: an icon and words, so it never rests on colour alone.
fn unsure_badge(percent: u8) -> Html {
    html! {
        <span class="unsure-badge" data-testid="unsure-badge" title={format!("The analysis is {percent}% sure of this speaker")}>
            { unsure_badge_icon() }{ format!(" unsure ({percent}%)") }
        </span>
    }
}

fn unsure_badge_icon() -> Html {
    html! { <span class="unsure-icon" aria-hidden="true">{ "\u{26A0}\u{FE0E}" }</span> }
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
