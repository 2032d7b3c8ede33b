use crate::app::{use_app, AppHandle};
use crate::components::article_view::status_words;
use crate::components::toolbar::send;
use crate::document::{Change, NoteContent, NoteId, NoteLabel, Target};
use crate::dom::{field_value, is_checked};
use crate::library::{normalise_colour, Colour};
use crate::render::{percent, EvidenceKind};
use crate::review::{ReviewedQuote, Status};
use crate::spans::Edge;
use crate::state::{Action, Selected};
use annotator_engine::{Label, Span};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The editor for what is selected: a passage (to highlight, or to mark as a quote or a name
/// the engine missed), one of the user's highlights, or a quote or name (to accept, correct or
/// reject).
#[function_component(EditorPanel)]
pub fn editor_panel() -> Html {
    let app = use_app();
    let body = match app.ui.selected {
        None => {
            html! { <p class="hint">{ "Select a passage to highlight it, or click a quote or a name to review it. Press ? for the keyboard shortcuts." }</p> }
        }
        Some(Selected::Passage(span)) => html! { <PassageEditor {span} /> },
        Some(Selected::Note(id)) => html! { <NoteEditor {id} key={id.key()} /> },
        Some(Selected::Detection(Target::Quote, span)) => {
            html! { <QuoteEditor {span} key={format!("q{span:?}")} /> }
        }
        Some(Selected::Detection(Target::Entity, span)) => {
            html! { <EntityEditor {span} key={format!("e{span:?}")} /> }
        }
    };
    html! {
        <section class="editor-panel" aria-label="Editor" aria-live="polite">
            { body }
            <SpeakerNames analysis={SameAnalysis(app.analysis.clone())} />
        </section>
    }
}

/// The analysis, equal only to itself (comparing two analyses field by field would cost as
/// much as drawing what depends on them).
#[derive(Clone)]
struct SameAnalysis(std::rc::Rc<annotator_engine::Analysis>);

impl PartialEq for SameAnalysis {
    fn eq(&self, other: &SameAnalysis) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct NamesProps {
    analysis: SameAnalysis,
}

/// The people and organisations of the article, offered for a quote's speaker: drawn once
/// per analysis, not each time another quote is opened.
#[function_component(SpeakerNames)]
fn speaker_names(props: &NamesProps) -> Html {
    let mut names: Vec<&str> = props
        .analysis
        .0
        .groups
        .iter()
        .filter(|g| matches!(g.label, Label::Per | Label::Org))
        .map(|g| g.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    html! {
        <datalist id="speaker-names">{ for names.iter().map(|n| html! { <option value={n.to_string()} /> }) }</datalist>
    }
}

fn close_button(app: &AppHandle) -> Html {
    html! { <button data-testid="close-editor" onclick={send(app, Action::CloseEditor)} title="Close (Escape)">{ "Close" }</button> }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 240;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// The selected words, quoted.
fn quoted(app: &AppHandle) -> Html {
    let text = app.text();
    let words = app
        .selected_span()
        .map(|s| excerpt(s.slice(&text)))
        .unwrap_or_default();
    html! { <blockquote class="quoted" data-testid="editor-excerpt">{ words }</blockquote> }
}

/// Buttons that move the selection's ends a word at a time (also Alt+arrows).
fn boundaries(app: &AppHandle) -> Html {
    let b =
        |edge: Edge, forward: bool, id: &'static str, label: &'static str, text: &'static str| {
            html! { <button class="small" data-testid={id} aria-label={label} title={label}
            onclick={send(app, Action::MoveEdge(edge, forward))}>{ text }</button> }
        };
    html! {
        <div class="boundaries" role="group" aria-label="Boundaries">
            <span class="hint">{ "Start" }</span>
            { b(Edge::Start, false, "start-back", "Start a word earlier (Alt+Left)", "\u{25C0}") }
            { b(Edge::Start, true, "start-on", "Start a word later (Alt+Right)", "\u{25B6}") }
            <span class="hint">{ "End" }</span>
            { b(Edge::End, false, "end-back", "End a word earlier (Alt+Shift+Left)", "\u{25C0}") }
            { b(Edge::End, true, "end-on", "End a word later (Alt+Shift+Right)", "\u{25B6}") }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SpanProps {
    span: Span,
}

#[derive(Properties, PartialEq)]
struct NoteProps {
    id: NoteId,
}

/// The name types a user can give, in menu order.
const NAME_LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

#[derive(Properties, PartialEq)]
struct FormProps {
    initial: NoteContent,
    save_text: &'static str,
    /// Offer "every occurrence" (for a new highlight).
    everywhere: bool,
    on_save: Callback<(NoteContent, bool)>,
}

/// The label, note and tags of a highlight.
#[function_component(HighlightForm)]
fn highlight_form(props: &FormProps) -> Html {
    let app = use_app();
    let label = use_node_ref();
    let note = use_node_ref();
    let tag_input = use_node_ref();
    let everywhere = use_node_ref();
    let tags = use_state(|| props.initial.tags.clone());
    // The colours offered: the user's, and any a highlight of this article uses.
    let mut colours: Vec<Colour> = app.prefs.colours.clone();
    for n in &app.doc().notes {
        if let Some(NoteLabel::Colour { name, color }) = &n.label {
            if !colours.iter().any(|c| &c.color == color) {
                colours.push(Colour {
                    name: name.clone(),
                    color: color.clone(),
                });
            }
        }
    }
    let options: Vec<(String, String, Option<NoteLabel>)> = colours
        .iter()
        .map(|c| {
            (
                "Colours".to_string(),
                c.name.clone(),
                Some(NoteLabel::Colour {
                    name: c.name.clone(),
                    color: c.color.clone(),
                }),
            )
        })
        .chain(NAME_LABELS.iter().map(|l| {
            (
                "Types".to_string(),
                l.title().to_string(),
                Some(NoteLabel::Entity {
                    label: l.as_str().to_string(),
                }),
            )
        }))
        .chain([
            (
                "Types".to_string(),
                "Quote".to_string(),
                Some(NoteLabel::Quote),
            ),
            ("Other".to_string(), "Plain highlight".to_string(), None),
        ])
        .collect();
    let current = props.initial.label.clone().or_else(|| options[0].2.clone());
    let chosen = options.iter().position(|o| o.2 == current).unwrap_or(0);
    let all_tags: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for a in app.library.iter() {
            for t in a.doc.tags() {
                if !seen.iter().any(|s| s == t) {
                    seen.push(t.to_string());
                }
            }
        }
        seen
    };
    let add_tag = {
        let tags = tags.clone();
        move |input: &HtmlInputElement| {
            let value = input.value();
            let new: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            if new.is_empty() {
                return;
            }
            let merged = NoteContent::default()
                .with_tags(tags.iter().map(String::as_str).chain(new))
                .tags;
            tags.set(merged);
            input.set_value("");
        }
    };
    let onkeydown = {
        let add_tag = add_tag.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == "," {
                e.prevent_default();
                add_tag(&e.target_unchecked_into());
            }
        })
    };
    let save = {
        let (label, note, tag_input, everywhere, tags, on_save) = (
            label.clone(),
            note.clone(),
            tag_input.clone(),
            everywhere.clone(),
            tags.clone(),
            props.on_save.clone(),
        );
        let options: Vec<Option<NoteLabel>> = options.iter().map(|o| o.2.clone()).collect();
        Callback::from(move |_| {
            let chosen = field_value(&label)
                .parse::<usize>()
                .ok()
                .and_then(|i| options.get(i).cloned())
                .flatten();
            let text = field_value(&note);
            let pending = field_value(&tag_input);
            let content = NoteContent {
                note: text,
                label: chosen,
                tags: Vec::new(),
            }
            .with_tags(tags.iter().map(String::as_str).chain(pending.split(',')));
            let all = is_checked(&everywhere);
            on_save.emit((content, all));
            crate::dom::clear_selection();
        })
    };
    let groups = ["Colours", "Types", "Other"];
    html! {
        <div class="highlight-form">
            <label for="label-picker">{ "Label" }</label>
            <select id="label-picker" data-testid="label-picker" ref={label}>
                { for groups.iter().map(|g| html! {
                    <optgroup label={*g}>
                        { for options.iter().enumerate().filter(|(_, o)| o.0 == *g).map(|(i, o)| html! {
                            <option value={i.to_string()} selected={i == chosen}>{ &o.1 }</option>
                        }) }
                    </optgroup>
                }) }
            </select>
            <NewColour />
            <label for="note-text">{ "Note" }</label>
            <textarea id="note-text" data-testid="note-text" ref={note} defaultvalue={props.initial.note.clone()} placeholder="Add a note (optional)" />
            <label for="tag-input">{ "Tags" }</label>
            if !tags.is_empty() {
                <ul class="tags" aria-label="Tags">
                    { for tags.iter().map(|t| {
                        let remove = {
                            let (tags, t) = (tags.clone(), t.clone());
                            Callback::from(move |_| tags.set(tags.iter().filter(|x| **x != t).cloned().collect()))
                        };
                        html! { <li class="tag" data-testid="tag">{ t }<button class="link" aria-label={format!("Remove the tag {t}")} onclick={remove}>{ "\u{00D7}" }</button></li> }
                    }) }
                </ul>
            }
            <input id="tag-input" data-testid="tag-input" ref={tag_input} list="tag-suggestions" {onkeydown}
                placeholder="Type a tag, then Enter" autocomplete="off" />
            <datalist id="tag-suggestions">{ for all_tags.iter().filter(|t| !tags.contains(t)).map(|t| html! { <option value={t.clone()} /> }) }</datalist>
            if props.everywhere {
                <label class="check"><input type="checkbox" ref={everywhere} data-testid="all-occurrences" />{ "Mark all occurrences of these words" }</label>
            }
            <div class="buttons">
                <button class="primary" data-testid="save-note" onclick={save}>{ props.save_text }</button>
            </div>
        </div>
    }
}

/// A form to name a new highlight colour.
#[function_component(NewColour)]
fn new_colour() -> Html {
    let app = use_app();
    let name = use_node_ref();
    let color = use_node_ref();
    let add = {
        let (app, name, color) = (app.clone(), name.clone(), color.clone());
        Callback::from(move |_| {
            let (n, c) = (field_value(&name), field_value(&color));
            if let (false, Some(c)) = (n.trim().is_empty(), normalise_colour(&c)) {
                app.dispatch(Action::AddColour(Colour {
                    name: n.trim().to_string(),
                    color: c,
                }));
            }
        })
    };
    html! {
        <details class="new-colour">
            <summary>{ "New colour…" }</summary>
            <div class="buttons">
                <input ref={name} data-testid="colour-name" aria-label="Colour name" placeholder="Name" />
                <input ref={color} type="color" data-testid="colour-value" aria-label="Colour" value="#b2f0e8" />
                <button data-testid="add-colour" onclick={add}>{ "Add colour" }</button>
            </div>
        </details>
    }
}

#[function_component(PassageEditor)]
fn passage_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let label = use_node_ref();
    let everywhere = use_node_ref();
    let span = props.span;
    let on_save = {
        let app = app.clone();
        Callback::from(move |(content, everywhere)| {
            app.dispatch(Action::SaveNote {
                content,
                everywhere,
            })
        })
    };
    let add_entity = {
        let (app, label, everywhere) = (app.clone(), label.clone(), everywhere.clone());
        Callback::from(move |_| {
            let label = Some(field_value(&label))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| "PER".into());
            let everywhere = is_checked(&everywhere);
            app.dispatch(Action::Decide(
                Target::Entity,
                span,
                Change::AddEntity { label, everywhere },
            ));
            crate::dom::clear_selection();
        })
    };
    let add_quote = {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::Decide(
                Target::Quote,
                span,
                Change::AddQuote { speaker: None },
            ));
            crate::dom::clear_selection();
        })
    };
    html! {
        <div class="editor" data-testid="passage-editor">
            <h2>{ "Selected passage" }</h2>
            { quoted(&app) }
            { boundaries(&app) }
            <HighlightForm initial={NoteContent::default()} save_text="Add highlight" everywhere=true {on_save} />
            <h3>{ "Or correct the analysis" }</h3>
            <div class="buttons">
                <button data-testid="add-quote" onclick={add_quote} title="A quotation the analysis missed">{ "Mark as quote" }</button>
            </div>
            <div class="buttons">
                <select ref={label} data-testid="add-entity-label" aria-label="Name type">
                    { for NAME_LABELS.iter().map(|l| html! { <option value={l.as_str()}>{ l.title() }</option> }) }
                </select>
                <label class="check"><input type="checkbox" ref={everywhere} data-testid="add-entity-everywhere" checked=true />{ "every occurrence" }</label>
                <button data-testid="add-entity" onclick={add_entity}>{ "Mark as name" }</button>
            </div>
            <div class="buttons">{ close_button(&app) }</div>
        </div>
    }
}

#[function_component(NoteEditor)]
fn note_editor(props: &NoteProps) -> Html {
    let app = use_app();
    let doc = app.doc();
    let Some(note) = doc.note(props.id) else {
        return html! {};
    };
    let initial = NoteContent {
        note: note.note.clone(),
        label: note.label.clone(),
        tags: note.tags.clone(),
    };
    let on_save = {
        let app = app.clone();
        Callback::from(move |(content, _)| {
            app.dispatch(Action::SaveNote {
                content,
                everywhere: false,
            })
        })
    };
    html! {
        <div class="editor" data-testid="note-editor">
            <h2>{ "Your highlight" }</h2>
            { quoted(&app) }
            { boundaries(&app) }
            <HighlightForm {initial} save_text="Save" everywhere=false {on_save} />
            <div class="buttons">
                <button class="danger" data-testid="delete-note" onclick={send(&app, Action::DeleteNote(props.id))}>{ "Delete highlight" }</button>
                { close_button(&app) }
            </div>
        </div>
    }
}

fn status_line(status: Status) -> Html {
    let words = match status {
        Status::Suggested => "Suggested by the analysis, not reviewed yet",
        Status::Accepted => "\u{2713} Accepted by you",
        Status::Edited => "\u{2713} Found by the analysis, corrected by you",
        Status::Own => "\u{2713} Added by you",
    };
    html! { <p class="status" data-testid="review-status" data-status={status.as_str()}>{ words }</p> }
}

/// Accept and reject, the two review buttons.
fn review_buttons(
    app: &AppHandle,
    target: Target,
    key: Span,
    status: Status,
    reject_text: &str,
) -> Html {
    html! {
        <div class="buttons">
            <button class="primary" data-testid="accept" disabled={status != Status::Suggested}
                title="Accept (a)" aria-keyshortcuts="a"
                onclick={send(app, Action::Decide(target, key, Change::Accept))}>{ "\u{2713} Accept" }</button>
            <button class="danger" data-testid="reject" title="Reject (r)" aria-keyshortcuts="r"
                onclick={send(app, Action::Decide(target, key, Change::Reject))}>{ reject_text.to_string() }</button>
            { close_button(app) }
        </div>
    }
}

/// How sure the analysis was of what the user sees: of the quote and, while the user has not
/// reviewed it, of its speaker.
fn confidence_line(q: &ReviewedQuote) -> Option<String> {
    let c = q.evidence.confidence?;
    let quote = percent(c.span());
    match (q.status, q.speaker_confidence()) {
        (Status::Own, _) => None,
        (_, Some(speaker)) => Some(format!(
            "Confidence: quote {quote}%, speaker {}%",
            percent(speaker)
        )),
        _ => Some(format!("Confidence: quote {quote}%")),
    }
}

#[function_component(QuoteEditor)]
fn quote_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let key = props.span;
    let Some(q) = app.review.quote_at(key).cloned() else {
        return html! {};
    };
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let speaker = input.value().trim().to_string();
            if !speaker.is_empty() {
                app.dispatch(Action::Decide(Target::Quote, key, Change::speaker(speaker)));
            }
        })
    };
    let reject_label = if q.status == Status::Own {
        "Remove this quote"
    } else {
        "\u{2717} Not a quote"
    };
    let text = app.text();
    let evidence_line = |kind: EvidenceKind, label: &str, span: Option<Span>| match span {
        Some(s) => html! {
            <li>{ format!("{label}: ") }<mark class={classes!("ev", format!("ev-{}", kind.name()))}>{ s.slice(&text) }</mark></li>
        },
        None => html! {},
    };
    html! {
        <div class="editor" data-testid="quote-editor">
            <h2>{ format!("Quote ({})", q.kind.as_str()) }</h2>
            { quoted(&app) }
            { status_line(q.status) }
            if let Some(p) = q.is_unsure().then(|| percent(q.speaker_confidence().unwrap_or(0.0))) {
                <p class="unsure" data-testid="unsure">
                    <span class="unsure-icon" aria-hidden="true">{ "\u{26A0}\u{FE0E}" }</span>
                    { format!(" Unsure attribution: the analysis is only {p}% sure of this speaker. Check the marked words in the text.") }
                </p>
            }
            <ul class="evidence" data-testid="evidence-list">
                { evidence_line(EvidenceKind::Cue, "Cue", q.evidence.cue) }
                { evidence_line(EvidenceKind::Mention, "Speaker named as", q.evidence.mention) }
                if let Some(line) = confidence_line(&q) {
                    <li data-testid="confidence">{ line }</li>
                }
            </ul>
            <label for="set-speaker">{ "Speaker" }</label>
            <input id="set-speaker" data-testid="set-speaker" list="speaker-names" value={q.speaker.clone().unwrap_or_default()}
                placeholder="Unknown: pick or type a name" aria-keyshortcuts="s" {onchange} />
            { boundaries(&app) }
            { review_buttons(&app, Target::Quote, key, q.status, reject_label) }
            <p class="hint sr-status">{ format!("This quote is {}.", status_words(q.status)) }</p>
        </div>
    }
}

#[function_component(EntityEditor)]
fn entity_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let key = props.span;
    let Some(e) = app.review.entity_at(key).cloned() else {
        return html! {};
    };
    let onchange = {
        let app = app.clone();
        Callback::from(move |ev: Event| {
            let select: HtmlSelectElement = ev.target_unchecked_into();
            if let Ok(label) = select.value().parse::<Label>() {
                app.dispatch(Action::Decide(Target::Entity, key, Change::label(label)));
            }
        })
    };
    let reject_label = if e.status == Status::Own {
        "Remove this name"
    } else {
        "\u{2717} Not a name"
    };
    html! {
        <div class="editor" data-testid="entity-editor">
            <h2>{ e.label.title() }</h2>
            { quoted(&app) }
            { status_line(e.status) }
            <label for="set-label">{ "Type" }</label>
            <select id="set-label" data-testid="set-label" aria-keyshortcuts="s" {onchange}>
                { for Label::ALL.iter().map(|l| html! { <option value={l.as_str()} selected={*l == e.label}>{ format!("{} ({})", l.title(), l.as_str()) }</option> }) }
            </select>
            { boundaries(&app) }
            { review_buttons(&app, Target::Entity, key, e.status, reject_label) }
        </div>
    }
}
