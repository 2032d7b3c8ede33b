use crate::app::{use_app, AppHandle};
use crate::components::toolbar::send;
use crate::document::{NoteLabel, Target};
use crate::library::colour_class;
use crate::panel::{
    acceptable_entities, acceptable_quotes, entity_groups, mentions, speaker_groups, unsure_quotes,
    EntityGroup, Filter, Tab,
};
use crate::render::percent;
use crate::review::{ReviewedQuote, Status};
use crate::state::Action;
use annotator_engine::{CharIndex, Label, Span};
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The review progress, the search, the filter, and three tabs: quotes by speaker, names by
/// group and type, the user's notes; then a legend of the marks.
#[function_component(SidePanel)]
pub fn side_panel() -> Html {
    let app = use_app();
    if app.text().is_empty() {
        return html! {};
    }
    let p = app.review.progress();
    let onsearch = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            app.dispatch(Action::Search(input.value()));
        })
    };
    let onfilter = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            app.dispatch(Action::SetFilter(Filter::parse(&select.value())));
        })
    };
    // Enter in the search box selects the next match (Shift+Enter the previous one) as a
    // passage to highlight: text selection by keyboard.
    let onsearchkey = {
        let app = app.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                app.dispatch(Action::SelectMatch(!e.shift_key()));
            }
        })
    };
    let matches = crate::panel::search(&app.text(), &app.ui.search).len();
    let tab = app.ui.tab;
    html! {
        <section class="side-panel" data-testid="side-panel" aria-label="Summary">
            <p class="progress" data-testid="review-progress" role="status">
                { format!("{} of {} quotes reviewed · {} of {} names reviewed", p.quotes_reviewed, p.quotes, p.names_reviewed, p.names) }
            </p>
            <div class="panel-tools">
                <input type="search" id="search" data-testid="search" aria-label="Search the article and this panel (/)"
                    placeholder="Search (/)" value={app.ui.search.clone()} oninput={onsearch} onkeydown={onsearchkey}
                    aria-describedby="search-help" />
                if !app.ui.search.trim().is_empty() {
                    <span class="hint" data-testid="search-count">{ format!("{matches} in the text") }</span>
                    if matches > 0 {
                        <button class="small" data-testid="select-match" onclick={send(&app, Action::SelectMatch(true))}
                            title="Select the next match to highlight it (Enter in the search box)">{ "Select next" }</button>
                    }
                }
                <span id="search-help" class="sr-only">{ "Enter selects the next match to highlight it, Shift+Enter the previous one." }</span>
                <label class="filter">{ "Show " }
                    <select data-testid="filter" onchange={onfilter}>
                        { for Filter::ALL.iter().map(|f| html! { <option value={f.as_str()} selected={*f == app.ui.filter}>{ f.title() }</option> }) }
                    </select>
                </label>
            </div>
            <div class="tabs" role="tablist" aria-label="Summary">
                { for Tab::ALL.iter().map(|t| {
                    let selected = *t == tab;
                    html! {
                        <button role="tab" id={format!("tab-{}", t.as_str())} data-testid={format!("tab-{}", t.as_str())}
                            aria-selected={selected.to_string()} aria-controls={format!("panel-{}", t.as_str())}
                            tabindex={if selected { "0" } else { "-1" }} class={classes!("tab", selected.then_some("active"))}
                            onclick={send(&app, Action::SetTab(*t))}>{ t.title() }</button>
                    }
                }) }
            </div>
            <div role="tabpanel" id={format!("panel-{}", tab.as_str())} aria-labelledby={format!("tab-{}", tab.as_str())} class="tab-panel">
                { match tab {
                    Tab::Quotes => html! { <QuotesTab /> },
                    Tab::Names => html! { <NamesTab /> },
                    Tab::Notes => html! { <><NotesTab /><Revisit /></> },
                } }
            </div>
            <Legend />
        </section>
    }
}

/// What the search keeps of a quote: its words or its speaker.
fn quote_found(app: &AppHandle, text: &str, q: &ReviewedQuote) -> bool {
    let query = &app.ui.search;
    query.trim().is_empty()
        || mentions(q.span.slice(text), query)
        || q.speaker.as_deref().is_some_and(|s| mentions(s, query))
}

/// An "Accept all" button for the suggestions `items`, described by `what`.
fn accept_all(app: &AppHandle, scope: &str, what: &str, items: Vec<(Target, Span)>) -> Html {
    if items.is_empty() {
        return html! {};
    }
    let n = items.len();
    let items: Rc<[(Target, Span)]> = items.into();
    html! {
        <button class="small accept-all" data-testid="accept-all" data-scope={scope.to_string()}
            aria-label={format!("Accept all {n} suggested {what}")} title={format!("Accept all {n} suggested {what}")}
            onclick={send(app, Action::AcceptAll(items))}>{ format!("\u{2713} Accept all ({n})") }</button>
    }
}

#[function_component(QuotesTab)]
fn quotes_tab() -> Html {
    let app = use_app();
    let text = app.text();
    let filter = app.ui.filter;
    let keep = |q: &&ReviewedQuote| filter.keeps_quote(q) && quote_found(&app, &text, q);
    // One quote in a list: its words, its review status and whether its attribution is unsure.
    let row = |q: &ReviewedQuote, with_speaker: bool| QuoteRow {
        key: q.key,
        words: short(q.span.slice(&text)),
        speaker: q.speaker.clone().filter(|_| with_speaker),
        status: q.status,
        unsure: q
            .is_unsure()
            .then(|| percent(q.speaker_confidence().unwrap_or(0.0))),
    };
    let list = |qs: &[&ReviewedQuote], with_speaker: bool| {
        let rows: Vec<QuoteRow> = qs.iter().map(|q| row(q, with_speaker)).collect();
        html! { <QuoteList {rows} dispatcher={app.dispatcher()} /> }
    };
    let groups = speaker_groups(&app.review);
    // Looked up by key once per drawing: a search of the list for each of a long article's
    // thousands of quotes costs more than the drawing.
    let by_key: HashMap<Span, &ReviewedQuote> =
        app.review.quotes.iter().map(|q| (q.key, q)).collect();
    let shown: Vec<(Option<String>, Vec<&ReviewedQuote>)> = groups
        .iter()
        .map(|(name, keys)| {
            let qs: Vec<&ReviewedQuote> = keys
                .iter()
                .filter_map(|k| by_key.get(k).copied())
                .filter(|q| keep(q))
                .collect();
            (name.clone(), qs)
        })
        .filter(|(_, qs)| !qs.is_empty())
        .collect();
    let unsure: Vec<&ReviewedQuote> = unsure_quotes(&app.review)
        .into_iter()
        .filter(|q| keep(q))
        .collect();
    let toggle = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            app.dispatch(Action::ShowUnsureFirst(input.checked()));
        })
    };
    let all: Vec<&ReviewedQuote> = shown
        .iter()
        .flat_map(|(_, qs)| qs.iter().copied())
        .collect();
    // A long article has dozens of speakers: the first ones (most quoted first) and a button
    // for the others, so that the panel draws quickly; the rest is drawn when asked for.
    let every_speaker = use_state(|| false);
    let speaker_limit = if *every_speaker {
        usize::MAX
    } else {
        SPEAKER_LIMIT
    };
    let more_speakers = shown.len().saturating_sub(speaker_limit);
    let show_every_speaker = {
        let every_speaker = every_speaker.clone();
        Callback::from(move |_: MouseEvent| every_speaker.set(true))
    };
    html! {
        <>
            <div class="tab-head">
                <h2>{ format!("Quotes ({})", app.review.quotes.len()) }</h2>
                { accept_all(&app, "quotes", "quotes", acceptable_quotes(all)) }
            </div>
            if shown.is_empty() { <p class="hint">{ if app.review.quotes.is_empty() { "No quotes found." } else { "No quotes match." } }</p> }
            if !unsure.is_empty() || app.ui.unsure_first {
                <label class="check">
                    <input type="checkbox" data-testid="unsure-first" checked={app.ui.unsure_first} onchange={toggle} />
                    { format!("Unsure attributions first ({})", unsure.len()) }
                </label>
            }
            if app.ui.unsure_first && !unsure.is_empty() {
                <section class="unsure-group" data-testid="unsure-group" aria-label="Unsure attributions, least sure first">
                    <h3>{ unsure_icon() }{ " Unsure attributions, least sure first" }</h3>
                    { list(&unsure, true) }
                </section>
            }
            <ul class="speaker-groups">
                { for shown.iter().take(speaker_limit).map(|(name, qs)| {
                    let who = name.clone().unwrap_or_default();
                    let label = if who.is_empty() { "Unknown speaker".to_string() } else { who.clone() };
                    html! {
                        <li class="speaker-group" data-testid="speaker-group" data-speaker={who.clone()}>
                            <div class="group-head">
                                <span class="group-name">{ label.clone() }</span>
                                <span class="count" title="quotes">{ qs.len() }</span>
                                { accept_all(&app, "speaker", &format!("quotes by {label}"), acceptable_quotes(qs.iter().copied())) }
                            </div>
                            { list(qs, false) }
                        </li>
                    }
                }) }
            </ul>
            if more_speakers > 0 {
                <button class="link show-more" data-testid="show-more-speakers" onclick={show_every_speaker}>
                    { format!("Show {more_speakers} more speakers") }
                </button>
            }
        </>
    }
}

/// How many speakers the quotes tab lists before "Show more speakers".
const SPEAKER_LIMIT: usize = 12;

/// A quote as a side-panel list shows it.
#[derive(Debug, Clone, PartialEq)]
struct QuoteRow {
    key: Span,
    words: String,
    /// Shown after the words (in the list of unsure attributions).
    speaker: Option<String>,
    status: Status,
    /// How sure the analysis is of the speaker, in percent, when it is unsure.
    unsure: Option<u8>,
}

#[derive(Properties, PartialEq)]
struct QuoteListProps {
    rows: Vec<QuoteRow>,
    dispatcher: UseReducerDispatcher<crate::state::AppState>,
}

/// A list of quotes with a click to each. Its own component, given plain rows and the
/// dispatcher (not the whole state), so a list whose quotes did not change is not drawn again
/// on a long article.
#[function_component(QuoteList)]
fn quote_list(props: &QuoteListProps) -> Html {
    let item = |r: &QuoteRow| {
        let onclick = {
            let (dispatcher, key) = (props.dispatcher.clone(), r.key);
            Callback::from(move |_: MouseEvent| {
                dispatcher.dispatch(Action::Inspect(Target::Quote, key))
            })
        };
        html! {
            <li data-unsure={r.unsure.map(|_| "true")} data-status={r.status.as_str()}>
                <button class="link quote-link" {onclick}>
                    { &r.words }
                    if let Some(who) = &r.speaker { <span class="quote-speaker">{ format!(" \u{2014} {who}") }</span> }
                </button>
                { status_mark(r.status) }
                if let Some(p) = r.unsure { { unsure_badge(p) } }
            </li>
        }
    };
    // A long list shows its first rows and a button for the rest, so that a long article's
    // panel draws quickly; the rest is drawn when asked for.
    let open = use_state(|| false);
    let limit = if *open { usize::MAX } else { LIST_LIMIT };
    let more = props.rows.len().saturating_sub(limit);
    let show_all = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    html! {
        <>
            <ol>{ for props.rows.iter().take(limit).map(item) }</ol>
            if more > 0 {
                <button class="link show-more" data-testid="show-more" onclick={show_all}>
                    { format!("Show {more} more") }
                </button>
            }
        </>
    }
}

/// How many rows a list shows before "Show more".
const LIST_LIMIT: usize = 8;

#[function_component(NamesTab)]
fn names_tab() -> Html {
    let app = use_app();
    // Which mention of each entity group a click shows next (tab-only state).
    let cursors = use_mut_ref(HashMap::<String, usize>::new);
    let text = app.text();
    let filter = app.ui.filter;
    let query = app.ui.search.clone();
    let by_key: HashMap<Span, &crate::review::ReviewedEntity> =
        app.review.entities.iter().map(|e| (e.key, e)).collect();
    let groups: Vec<EntityGroup> = entity_groups(&app.review, &app.analysis, &text)
        .into_iter()
        .filter(|g| query.trim().is_empty() || mentions(&g.name, &query))
        .filter_map(|mut g| {
            g.mentions
                .retain(|k| by_key.get(k).is_some_and(|e| filter.keeps_entity(e)));
            (!g.mentions.is_empty()).then_some(g)
        })
        .collect();
    let entities_of = |g: &EntityGroup| {
        g.mentions
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect::<Vec<_>>()
    };
    let all: Vec<_> = groups.iter().flat_map(&entities_of).collect();
    let sections = [Label::Per, Label::Org, Label::Loc, Label::Misc].into_iter().map(|label| {
        let of_type: Vec<&EntityGroup> = groups.iter().filter(|g| g.label == label).collect();
        if of_type.is_empty() {
            return html! {};
        }
        html! {
            <>
                <h3>{ plural(label) }</h3>
                <ul class="entity-groups">{ for of_type.into_iter().map(|g| {
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
                            app.dispatch(Action::Inspect(Target::Entity, mentions[i]));
                        })
                    };
                    let reviewed = entities_of(g).iter().filter(|e| e.status.reviewed()).count();
                    html! {
                        <li data-testid="entity-group" data-label={label.as_str()} data-name={g.name.clone()}>
                            <button class={classes!("link", "chip", format!("ent-{}", label.as_str()))} {onclick}
                                title="Show the next mention">{ &g.name }</button>
                            <span class="count" title="mentions">{ g.mentions.len() }</span>
                            if reviewed == g.mentions.len() { <span class="reviewed-mark" title="All reviewed">{ "\u{2713}" }</span> }
                            { accept_all(&app, "group", &format!("mentions of {}", g.name), acceptable_entities(entities_of(g))) }
                        </li>
                    }
                }) }</ul>
            </>
        }
    });
    html! {
        <>
            <div class="tab-head">
                <h2>{ "Names" }</h2>
                { accept_all(&app, "names", "names", acceptable_entities(all)) }
            </div>
            if groups.is_empty() { <p class="hint">{ "No names to show." }</p> }
            { for sections }
        </>
    }
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
    // Only the first MAX characters are looked at, however long the quote.
    match s.char_indices().nth(MAX) {
        None => format!("“{s}”"),
        Some((cut, _)) => format!("“{}…”", &s[..cut]),
    }
}

/// A reviewed item's mark: a symbol and, for screen readers, words.
fn status_mark(status: Status) -> Html {
    if !status.reviewed() {
        return html! {};
    }
    html! { <span class="reviewed-mark" title={crate::components::article_view::status_words(status)}>{ "\u{2713}" }<span class="sr-only">{ crate::components::article_view::status_words(status) }</span></span> }
}

/// The unsure mark: an icon and words, so it never rests on colour alone.
fn unsure_badge(percent: u8) -> Html {
    html! {
        <span class="unsure-badge" data-testid="unsure-badge" title={format!("The analysis is {percent}% sure of this speaker")}>
            { unsure_icon() }{ format!(" unsure ({percent}%)") }
        </span>
    }
}

fn unsure_icon() -> Html {
    html! { <span class="unsure-icon" aria-hidden="true">{ "\u{26A0}\u{FE0E}" }</span> }
}

/// The user's own highlights, including those whose text is no longer in the article.
#[function_component(NotesTab)]
fn notes_tab() -> Html {
    let app = use_app();
    let doc = app.doc();
    let index = CharIndex::new(&doc.text);
    let query = &app.ui.search;
    let notes: Vec<_> = doc
        .notes
        .iter()
        .filter(|n| {
            query.trim().is_empty()
                || mentions(&n.anchor.exact, query)
                || mentions(&n.note, query)
                || n.tags.iter().any(|t| mentions(t, query))
        })
        .collect();
    // Highlights whose words are not in the text (an import from another text): listed with
    // their words, to be put on a passage the user selects.
    let passage = matches!(app.ui.selected, Some(crate::state::Selected::Passage(_)));
    let orphans: Vec<_> = doc
        .notes
        .iter()
        .filter(|n| doc.note_span(&index, n).is_none())
        .collect();
    html! {
        <>
            if !orphans.is_empty() {
                <section class="orphans" data-testid="orphans" aria-label="Not placed">
                    <h2>{ format!("Not placed ({})", orphans.len()) }</h2>
                    <p class="hint">{ "Their words are not in this text. Select a passage, then Place." }</p>
                    <ul class="revisit">{ for orphans.iter().map(|n| html! {
                        <li data-testid="orphan">
                            <span>{ short(&n.anchor.exact) }{ if n.note.is_empty() { String::new() } else { format!(" \u{2014} {}", n.note) } }</span>
                            <button class="link" data-testid="place-orphan" disabled={!passage}
                                onclick={send(&app, Action::PlaceNote(n.id))}
                                title="Put this highlight on the selected passage">{ "Place" }</button>
                        </li>
                    }) }</ul>
                </section>
            }
            <h2>{ format!("My notes ({})", doc.notes.len()) }</h2>
            if notes.is_empty() { <p class="hint">{ "Select a passage in the article to highlight it." }</p> }
            <ul class="notes">{ for notes.iter().map(|n| {
                let anchored = doc.note_span(&index, n).is_some();
                let label = n.label.as_ref().map(|l| l.title());
                html! {
                    <li key={n.id.key()} class={classes!((!anchored).then_some("unanchored"))} data-testid="note-item">
                        <button class="link" onclick={send(&app, Action::OpenNote(n.id))}>{ short(&n.anchor.exact) }</button>
                        if let Some(l) = label { <span class="note-label">{ l }</span> }
                        if !n.note.is_empty() { <span class="note-body">{ &n.note }</span> }
                        if !n.tags.is_empty() {
                            <ul class="tags">{ for n.tags.iter().map(|t| html! { <li class="tag">{ t }</li> }) }</ul>
                        }
                        if !anchored { <span class="warning">{ "No longer found in the text" }</span> }
                    </li>
                }
            }) }</ul>
        </>
    }
}

/// Rejected detections (restorable) and corrections that no longer match anything.
#[function_component(Revisit)]
fn revisit() -> Html {
    let app = use_app();
    let text = app.text();
    let review = &app.review;
    let doc = app.doc();
    let unmatched: Vec<_> = doc
        .decisions
        .iter()
        .filter(|d| review.unmatched.contains(&d.id))
        .collect();
    html! {
        <>
            if !review.rejected.is_empty() {
                <h2>{ format!("Rejected ({})", review.rejected.len()) }</h2>
                <ul class="revisit">{ for review.rejected.iter().map(|r| html! {
                    <li data-testid="rejected-item">
                        <span>{ format!("{} {}", r.target.as_str(), short(r.span.slice(&text))) }</span>
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

/// What each colour and mark means.
#[function_component(Legend)]
fn legend() -> Html {
    let app = use_app();
    let row = |class: Classes, sample: &str, what: &str| {
        html! { <li><mark class={class}>{ sample.to_string() }</mark>{ format!(" {what}") }</li> }
    };
    html! {
        <details class="legend" data-testid="legend">
            <summary>{ "Legend" }</summary>
            <ul>
                { row(classes!("hl", "hl-quote", "q-direct"), "Quote", "direct quote (solid underline), its speaker after it") }
                { row(classes!("hl", "hl-quote", "q-indirect"), "Reported", "indirect or mixed quote (dashed underline)") }
                { for [Label::Per, Label::Org, Label::Loc, Label::Misc, Label::Date].iter().map(|l| {
                    row(classes!("hl", "hl-entity", format!("ent-{}", l.as_str())), l.title(), &format!("{} name ({})", l.title().to_lowercase(), match l {
                        Label::Per => "solid border", Label::Org => "dashed border", Label::Loc => "dotted border",
                        Label::Misc => "double border", _ => "wavy underline, also numbers and times",
                    }))
                }) }
                { for app.prefs.colours.iter().map(|c| row(classes!("hl", "hl-note", colour_class(&c.color)), &c.name, "your highlight (striped edge)")) }
                { row(classes!("hl", "hl-note", "note-quote"), "Quote", &format!("your highlight labelled {}", NoteLabel::Quote.title().to_lowercase())) }
                { row(classes!("ev", "ev-cue"), "said", "cue of the selected quote (dotted underline, \u{201C}cue\u{201D})") }
                { row(classes!("ev", "ev-speaker-mention"), "she", "words naming its speaker (double underline, \u{201C}speaker\u{201D})") }
                { row(classes!("match"), "match", "search match (outlined)") }
                <li><span class="reviewed-mark">{ "\u{2713}" }</span>{ " reviewed (accepted, corrected or added by you)" }</li>
                <li>{ unsure_icon() }{ format!(" unsure: the analysis is less than {:.0}% sure of the speaker", crate::review::UNSURE_BELOW * 100.0) }</li>
            </ul>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn long_quotes_are_cut_at_ninety_characters_and_short_ones_kept() {
        assert_eq!(short("We will rebuild."), "“We will rebuild.”");
        let exactly: String = "é".repeat(90);
        assert_eq!(short(&exactly), format!("“{exactly}”"));
        let longer = format!("{exactly}and more");
        assert_eq!(short(&longer), format!("“{exactly}…”"));
    }
}
