//! Cases for the full engine (names, syntax and quote models), one table per capability of the
//! attribution issue, on sentences written for this table. Each row lists every expected quote
//! as (text, kind, speaker); an empty list means the text has no quote.

use super::table_tests::{check_with, Row};
use crate::analysis::QuoteKind::{Direct, Indirect, Mixed};
use crate::analyze;

fn check(rows: &[Row]) {
    check_with(rows, analyze);
}

/// Reported-clause syntax: cues after the clause, listeners, participles, interruptions.
#[test]
fn reported_clauses() {
    check(&[
        (
            "Prices will rise again next year, the mayor told reporters.",
            &[("Prices will rise again next year", Indirect, Some("mayor"))],
        ),
        (
            "Ann Bell said the plan would cost more than expected.",
            &[(
                "the plan would cost more than expected",
                Indirect,
                Some("Ann Bell"),
            )],
        ),
        (
            "Tom Reed told the committee that the bridge was safe.",
            &[("the bridge was safe", Indirect, Some("Tom Reed"))],
        ),
        (
            "The company had been insisting for weeks that the factory would stay open.",
            &[("the factory would stay open", Indirect, Some("company"))],
        ),
        (
            "Ruth Oduya left the meeting early, saying the offer was an insult to the workers.",
            &[(
                "the offer was an insult to the workers",
                Indirect,
                Some("Ruth Oduya"),
            )],
        ),
    ]);
}

/// Direct quotes with their cue before, after or around them.
#[test]
fn direct_quotes_and_their_speakers() {
    check(&[
        (
            "\"The bridge will reopen in May,\" said Ann Bell.",
            &[("The bridge will reopen in May,", Direct, Some("Ann Bell"))],
        ),
        (
            "\"We are ready,\" Ann Bell said.",
            &[("We are ready,", Direct, Some("Ann Bell"))],
        ),
        (
            "Tom Reed, the head of the rail union, said: \"Nobody will work on Monday.\"",
            &[("Nobody will work on Monday.", Direct, Some("Tom Reed"))],
        ),
        (
            "“We are ready,” coach Sam Diaz said, “and we will fight for every point.”",
            &[
                ("We are ready,", Direct, Some("Sam Diaz")),
                (
                    "and we will fight for every point.",
                    Direct,
                    Some("Sam Diaz"),
                ),
            ],
        ),
    ]);
}

/// Quoted words under verbs of labelling belong to the labeller.
#[test]
fn labelled_fragments() {
    check(&[
        (
            "The mayor dismissed the plan as \"reckless\".",
            &[("reckless", Direct, Some("mayor"))],
        ),
        (
            "Critics branded the new tower a \"vanity project\".",
            &[("vanity project", Direct, Some("Critics"))],
        ),
        (
            "Tom Reed accused the council of \"sitting on its hands for years\".",
            &[("sitting on its hands for years", Direct, Some("Tom Reed"))],
        ),
        ("The city held its \"Clean Streets Week\" again.", &[]),
    ]);
}

/// The second part of a quote split by its attribution has the speaker of the first part, even
/// when another person is named after it.
#[test]
fn split_quotes_keep_their_speaker() {
    check(&[
        (
            "Paul Moreno met Dana Whitfield on Monday.\n\n\"This budget is a disgrace,\" he said. \
             \"Nobody asked the workers.\" Whitfield disagreed.",
            &[
                ("This budget is a disgrace,", Direct, Some("Paul Moreno")),
                ("Nobody asked the workers.", Direct, Some("Paul Moreno")),
            ],
        ),
        (
            "Paul Moreno met Dana Whitfield on Monday. Moreno was angry.\n\n\"This budget is a \
             disgrace,\" Whitfield told reporters. \"Nobody asked the workers.\"",
            &[
                ("This budget is a disgrace,", Direct, Some("Dana Whitfield")),
                ("Nobody asked the workers.", Direct, Some("Dana Whitfield")),
            ],
        ),
    ]);
}

/// Pronouns take a person of the right sex; "told" passives without an agent have no speaker.
#[test]
fn pronouns_and_passives() {
    check(&[
        (
            "Ann Bell met Tom Reed on Monday. \"It went well,\" she said.",
            &[("It went well,", Direct, Some("Ann Bell"))],
        ),
        (
            "Ann Bell met Tom Reed on Monday. \"It went well,\" he said.",
            &[("It went well,", Direct, Some("Tom Reed"))],
        ),
        (
            "Tom Reed was told: \"Your contract will not be renewed.\"",
            &[("Your contract will not be renewed.", Direct, None)],
        ),
    ]);
}

/// A description names its speaker with its modifiers, without a relative clause or an aside
/// between commas, and without its article.
#[test]
fn descriptions_name_their_speaker() {
    check(&[
        (
            "A former aide to the governor said the deal was dead.",
            &[(
                "the deal was dead",
                Indirect,
                Some("former aide to the governor"),
            )],
        ),
        (
            "Two officials who have seen the letter said it was genuine.",
            &[("it was genuine", Indirect, Some("Two officials"))],
        ),
        (
            "The union, which represents nurses, said the strike would go ahead.",
            &[("the strike would go ahead", Indirect, Some("union"))],
        ),
        (
            "Even the organisers of the march, who had hoped for more, said the turnout was \
             disappointing.",
            &[(
                "the turnout was disappointing",
                Indirect,
                Some("organisers of the march"),
            )],
        ),
        (
            "A statement on Friday said the plant would close.",
            &[(
                "the plant would close",
                Indirect,
                Some("statement on Friday"),
            )],
        ),
    ]);
}

/// A speaker is a phrase that can speak: not a day, and not the cue's own participle.
#[test]
fn speakers_are_no_times_or_cues() {
    let text = "Tom Reed met voters in Ohio on Monday.\n\nThe Reed campaign sent an email to \
                supporters stating, \"The council has failed this city for a decade.\"\n\nA \
                report on Tuesday said the bridge was unsafe.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    for q in &a.quotes {
        let who = q.speaker.as_ref().map(|s| s.name.as_str()).unwrap_or("");
        assert!(
            !who.contains("stating") && who != "Tuesday",
            "speaker {who:?} of {:?}",
            q.span.slice(text)
        );
    }
}

/// Thoughts and beliefs are no quotes.
#[test]
fn belief_is_not_speech() {
    check(&[
        ("Ann Bell thinks the plan will fail.", &[]),
        ("Tom Reed hoped the strike would end soon.", &[]),
    ]);
}

/// Every quote carries a cue, a speaker mention and a calibrated confidence.
#[test]
fn evidence_and_confidence() {
    let text = "\"We will build it,\" Ann Bell said on Monday.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    let q = &a.quotes[0];
    assert_eq!(q.cue.map(|c| c.slice(text)), Some("said"));
    let mention = q.speaker.as_ref().and_then(|s| s.mention);
    assert_eq!(mention.map(|m| m.slice(text)), Some("Ann Bell"));
    let c = q.confidence.expect("the model gives a confidence");
    assert!((0.0..=1.0).contains(&c.span()) && (0.0..=1.0).contains(&c.speaker()));
    assert!(c.speaker() > 0.8, "a plain name right after the cue: {c:?}");
    let _ = Mixed;
}

/// The speaker mention holds the words of the subject only, never the closing quotation mark or
/// punctuation next to it.
#[test]
fn speaker_mentions_hold_words_only() {
    for (text, expected) in [
        (
            "\u{201c}Nobody is happy,\u{201d} one of them added.",
            "one of them",
        ),
        (
            "\"We lost,\" the coach of the team said.",
            "the coach of the team",
        ),
    ] {
        let a = analyze(text);
        let mention = a.quotes.first().and_then(|q| q.speaker.as_ref()?.mention);
        assert_eq!(
            mention.map(|m| m.slice(text)),
            Some(expected),
            "{text}: {:?}",
            a.quotes
        );
    }
}
