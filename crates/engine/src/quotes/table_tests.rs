//! The table of cases for the quote rules: for each kind of pattern, sentences written for this
//! table (none taken from the development articles) and the quotes the rules must find in them.
//! The rules run when the engine has names but no syntax or quote model (the page before its
//! model file arrives, or without one); `learned_tests.rs` holds the cases for the full engine.
//!
//! Each row lists every expected quote as (text, kind, speaker); an empty list means the text
//! has no quote. Rows are grouped by the kind of pattern they test.

use crate::analysis::Analysis;
use crate::analysis::QuoteKind::{self, Direct, Indirect, Mixed};

fn analyze(text: &str) -> Analysis {
    crate::rules_engine().analyze(text)
}

pub(super) type Row = (
    &'static str,
    &'static [(&'static str, QuoteKind, Option<&'static str>)],
);

fn check(rows: &[Row]) {
    check_with(rows, analyze);
}

/// Checks every row's quotes against what `analyze` finds.
pub(super) fn check_with(rows: &[Row], analyze: impl Fn(&str) -> Analysis) {
    let mut failures = Vec::new();
    for (text, expected) in rows {
        let a = analyze(text);
        let got: Vec<(&str, QuoteKind, Option<String>)> = a
            .quotes
            .iter()
            .map(|q| {
                (
                    q.span.slice(text),
                    q.kind,
                    q.speaker.as_ref().map(|s| s.name.clone()),
                )
            })
            .collect();
        let want: Vec<(&str, QuoteKind, Option<String>)> = expected
            .iter()
            .map(|(q, k, s)| (*q, *k, s.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Direct quotes in every mark style, split, continued, merged, nested and unbalanced.
#[test]
fn direct_quotes() {
    check(&[
        (
            "\"The bridge will reopen in May,\" said Ann Bell.",
            &[("The bridge will reopen in May,", Direct, Some("Ann Bell"))],
        ),
        (
            "“We have no money left,” the mayor, Tom Reed, said.",
            &[("We have no money left,", Direct, Some("Tom Reed"))],
        ),
        (
            "‘It was a long night for all of us,’ Ms Okafor said.",
            &[("It was a long night for all of us,", Direct, Some("Okafor"))],
        ),
        (
            "'We will appeal against the ruling,' said Judge Rita Moss.",
            &[("We will appeal against the ruling,", Direct, Some("Rita Moss"))],
        ),
        (
            "Pierre Dubois said: «We will win the final.»",
            &[("We will win the final.", Direct, Some("Pierre Dubois"))],
        ),
        (
            "“The farmers' union and the workers' party must talk now,” Ann Bell said.",
            &[("The farmers' union and the workers' party must talk now,", Direct, Some("Ann Bell"))],
        ),
        (
            "“We are ready,” coach Sam Diaz said, “and we will fight for every point.”",
            &[
                ("We are ready,", Direct, Some("Sam Diaz")),
                ("and we will fight for every point.", Direct, Some("Sam Diaz")),
            ],
        ),
        (
            "Ann Bell spoke first.\n\n“This is the first part of my answer.\n\n“And this is the second part of it,” she said.",
            &[
                ("This is the first part of my answer.", Direct, Some("Ann Bell")),
                ("And this is the second part of it,", Direct, Some("Ann Bell")),
            ],
        ),
        (
            "Ann Bell told the radio: \"We lost ten weeks of work. \"We are going to win it back,\" she added.",
            &[
                ("We lost ten weeks of work.", Direct, Some("Ann Bell")),
                ("We are going to win it back,", Direct, Some("Ann Bell")),
            ],
        ),
        (
            "“Ann Bell told me ‘never again’ and I believed her,” said Tom Reed.",
            &[
                ("Ann Bell told me ‘never again’ and I believed her,", Direct, Some("Tom Reed")),
                ("never again", Direct, Some("Ann Bell")),
            ],
        ),
        (
            "“There is a saying, ‘slow and steady wins the race,’ and it is true,” said Tom Reed.",
            &[(
                "There is a saying, ‘slow and steady wins the race,’ and it is true,",
                Direct,
                Some("Tom Reed"),
            )],
        ),
                // Negatives: possessive apostrophes are no marks; a stray mark does not swallow the
        // next paragraph.
        ("The workers' union and the bosses' group met on Monday.", &[]),
        ("The “plan was announced on Monday.\n\nThe next paragraph is narration only.", &[]),
    ]);
}

/// Indirect speech with a finite reported clause, nominal cues, "according to", mixed quotes.
#[test]
fn indirect_and_mixed_quotes() {
    check(&[
        (
            "Ann Bell said the bridge would reopen in May.",
            &[("the bridge would reopen in May", Indirect, Some("Ann Bell"))],
        ),
        (
            "The minister warned that prices could rise again.",
            &[("prices could rise again", Indirect, Some("The minister"))],
        ),
        (
            "Tom Reed denied he had misled parliament.",
            &[("he had misled parliament", Indirect, Some("Tom Reed"))],
        ),
        (
            "Ann Bell said Tuesday that the budget was wrong.",
            &[("the budget was wrong", Indirect, Some("Ann Bell"))],
        ),
        (
            "The council admitted on Monday that the budget was wrong.",
            &[("the budget was wrong", Indirect, Some("The council"))],
        ),
        (
            "According to the Statistics Office, unemployment rose sharply last year.",
            &[(
                "unemployment rose sharply last year",
                Indirect,
                Some("Statistics Office"),
            )],
        ),
        (
            "According to a survey by the Rail Union, most trains were late.",
            &[("most trains were late", Indirect, Some("Rail Union survey"))],
        ),
        (
            "Trains ran late, according to a report by the Office of Rail Statistics.",
            &[("Trains ran late", Indirect, Some("Office of Rail Statistics report"))],
        ),
        (
            "According to figures from Rail Watch, one in five trains ran late.",
            &[("one in five trains ran late", Indirect, Some("Rail Watch figures"))],
        ),
        (
            "Fares will rise, according to police.",
            &[("Fares will rise", Indirect, Some("police"))],
        ),
        (
            "Unemployment rose sharply last year, according to the Statistics Office.",
            &[(
                "Unemployment rose sharply last year",
                Indirect,
                Some("Statistics Office"),
            )],
        ),
                (
            "The bridge fell into the river, said Ann Bell of the Rail Union, which runs it.",
            &[("The bridge fell into the river", Indirect, Some("Ann Bell"))],
        ),
        (
            "Labour leaders attacked the plan, saying it would cost jobs.",
            &[("it would cost jobs", Indirect, Some("Labour leaders"))],
        ),
        (
            "The company had been insisting for weeks that the factory would stay open.",
            &[("the factory would stay open", Indirect, Some("The company"))],
        ),
        (
            "Ann Bell has been saying all year that the budget is too small.",
            &[("the budget is too small", Indirect, Some("Ann Bell"))],
        ),
        (
            "Prices will rise again next year, the mayor told reporters.",
            &[("Prices will rise again next year", Indirect, Some("the mayor"))],
        ),
        (
            "The vote was fair, Ann Bell told the Daily Courier on Monday.",
            &[("The vote was fair", Indirect, Some("Ann Bell"))],
        ),
        (
            "The talks had collapsed, the minister said.",
            &[("The talks had collapsed", Indirect, Some("the minister"))],
        ),
                (
            "A 2014 report by the Audit Office found that the scheme had wasted money.",
            &[("the scheme had wasted money", Indirect, Some("Audit Office report"))],
        ),
        (
            "LONDON — Prime Minister Ann Bell on Monday backed the plan, saying it would create jobs.",
            &[("it would create jobs", Indirect, Some("Ann Bell"))],
        ),
        (
            "The survey found that most trains were late.",
            &[("most trains were late", Indirect, Some("The survey"))],
        ),
        (
            "The union's insistence that wages must rise angered the board.",
            &[(
                "wages must rise angered the board",
                Indirect,
                Some("The union"),
            )],
        ),
        (
            "Ann Bell said the plan was \"reckless\" and would fail.",
            &[(
                "the plan was \"reckless\" and would fail",
                Mixed,
                Some("Ann Bell"),
            )],
        ),
        (
            "Police said the man, 34, was arrested on Friday.",
            &[(
                "the man, 34, was arrested on Friday",
                Indirect,
                Some("Police"),
            )],
        ),
        (
            "Local farmers say prices rose sharply.",
            &[("prices rose sharply", Indirect, Some("Local farmers"))],
        ),
        (
            "The decision was \"deeply disappointing\", said a spokeswoman for the Green Party.",
            &[(
                "The decision was \"deeply disappointing\"",
                Mixed,
                Some("a spokeswoman for the Green Party"),
            )],
        ),
        (
            "The union says British workers face \"a very hard winter\" ahead.",
            &[(
                "British workers face \"a very hard winter\" ahead",
                Mixed,
                Some("The union"),
            )],
        ),
                        (
            "No more delays on the bridge: Mayor Ann Bell\n\nThe bridge opened on Monday.",
            &[("No more delays on the bridge", Indirect, Some("Ann Bell"))],
        ),
        ("Weather: Rain Expected\n\nIt rained.", &[]),
                (
            "This, Ann Bell warns, is \"a recipe for disaster\".",
            &[("This, Ann Bell warns, is \"a recipe for disaster\"", Mixed, Some("Ann Bell"))],
        ),
        (
            "The plan, the minister said, would cost nothing.",
            &[("The plan, the minister said, would cost nothing", Indirect, Some("the minister"))],
        ),
        // Negatives: belief verbs, noun-phrase and infinitive objects (also with relative
        // clauses), and words that only look like cues.
                ("The company announced a new plan that would cut 500 jobs.", &[]),
                ("Tom Reed denied the charge and reached a deal with the club.", &[]),
                (
            "Ann Bell was quoted as saying the bridge would close.",
            &[("the bridge would close", Indirect, Some("Ann Bell"))],
        ),
        (
            "The two men claimed asylum in Britain saying they were persecuted.",
            &[("they were persecuted", Indirect, Some("The two men"))],
        ),
        ("The council urged residents on Friday to avoid any action that might cause harm.", &[]),
        ("Tom Reed noted the rise in crime that has alarmed residents.", &[]),
        ("Ann Bell thinks the bridge will reopen in May.", &[]),
        ("He feared the worst was yet to come.", &[]),
        ("The minister called for talks with the unions.", &[]),
                ("The police warned residents not to travel.", &[]),
        ("Tom Reed asked whether the bridge would reopen.", &[]),
    ]);
}

/// Titles, scare quotes, terms and mentioned words are not quotes; cued fragments are.
#[test]
fn not_quotes_and_fragments() {
    check(&[
        ("The city held its \"Clean Streets Week\" again.", &[]),
        ("So-called \"zombie firms\" are growing in number.", &[]),
        ("The word \"literally\" is overused.", &[]),
        (
            "“I never said the word ‘failed’ about him,” said Tom Reed.",
            &[(
                "I never said the word ‘failed’ about him,",
                Direct,
                Some("Tom Reed"),
            )],
        ),
        ("She starred in “The Long Road Home” last year.", &[]),
        (
            "The mayor dismissed the plan as \"reckless\".",
            &[("reckless", Direct, Some("The mayor"))],
        ),
        (
            "Tom Reed accused the council of \"sitting on its hands for years\".",
            &[("sitting on its hands for years", Direct, Some("Tom Reed"))],
        ),
        (
            "She is known as \"the Iron Lady\". He described the plan as \"a good first step\".",
            &[("a good first step", Direct, None)],
        ),
        (
            "Critics branded the new tower a \"vanity project\".",
            &[("vanity project", Direct, Some("Critics"))],
        ),
        (
            "Ann Bell was asked about it. \"Never,\" she said.",
            &[("Never,", Direct, Some("Ann Bell"))],
        ),
    ]);
}

/// Speakers: both orders, inversion, appositions, titles, pronouns, descriptions, context,
/// organisations, and the fullest name.
#[test]
fn speakers() {
    check(&[
        (
            "Andy Moss beat Tom Reed in the final. \"I felt great,\" the Scot said.",
            &[("I felt great,", Direct, Some("Andy Moss"))],
        ),
                (
            "Ann Bell spoke first. The Greens say the tax has failed.",
            &[("the tax has failed", Indirect, Some("Greens"))],
        ),
        (
            "Ann Bell scored twice. The 25-year-old said she was delighted.",
            &[("she was delighted", Indirect, Some("Ann Bell"))],
        ),
        (
            "Tom Reed was sent off. \"It was harsh,\" the striker said.",
            &[("It was harsh,", Direct, Some("Tom Reed"))],
        ),
        (
            "Tom Reed stood up. \"What is the point?\" he asked.",
            &[("What is the point?", Direct, Some("Tom Reed"))],
        ),
        (
            "\"Get out of my office!\" shouted Ann Bell.",
            &[("Get out of my office!", Direct, Some("Ann Bell"))],
        ),
        (
            "\"We are ready,\" Ann Bell said.",
            &[("We are ready,", Direct, Some("Ann Bell"))],
        ),
        (
            "Ann Bell said: \"We are ready.\"",
            &[("We are ready.", Direct, Some("Ann Bell"))],
        ),
        (
            "Tom Reed, a spokesman for the Rail Union, said: \"The strike will go ahead.\"",
            &[("The strike will go ahead.", Direct, Some("Tom Reed"))],
        ),
        (
            "A spokesman for the Rail Union, Tom Reed, said the strike would go ahead.",
            &[("the strike would go ahead", Indirect, Some("Tom Reed"))],
        ),
                (
            "\"It is a scandal,\" said Labour MP Ann Bell.",
            &[("It is a scandal,", Direct, Some("Ann Bell"))],
        ),
        (
            "Defence Minister Ada Lang said: \"Our troops will stay.\"",
            &[("Our troops will stay.", Direct, Some("Ada Lang"))],
        ),
        (
            "Ada Lang visited the base on Monday. \"Our troops will stay,\" she said.",
            &[("Our troops will stay,", Direct, Some("Ada Lang"))],
        ),
        (
            "Defence Minister Ada Lang visited the base. The minister said the troops would stay.",
            &[("the troops would stay", Indirect, Some("Ada Lang"))],
        ),
                (
            "Ann Bell said the plan was good.\n\nTom Reed disagreed.\n\n\"It will never work.\"",
            &[
                ("the plan was good", Indirect, Some("Ann Bell")),
                ("It will never work.", Direct, Some("Tom Reed")),
            ],
        ),
        (
            "\"Our troops will stay,\" Ada Lang said. \"They have done excellent work.\"",
            &[
                ("Our troops will stay,", Direct, Some("Ada Lang")),
                ("They have done excellent work.", Direct, Some("Ada Lang")),
            ],
        ),
                (
            "Analysts at Harbor Bank said the figures were weak.",
            &[("the figures were weak", Indirect, Some("Analysts at Harbor Bank"))],
        ),
        (
            "The Rail Union said the strike would go ahead.",
            &[("the strike would go ahead", Indirect, Some("Rail Union"))],
        ),
        (
            "Ada Lang arrived late. Lang said the troops would stay.",
            &[("the troops would stay", Indirect, Some("Ada Lang"))],
        ),
        (
            "Tom Reed spoke first. \"We are ready,\" he said. Ann Bell disagreed. \"We are not,\" she said.",
            &[
                ("We are ready,", Direct, Some("Tom Reed")),
                ("We are not,", Direct, Some("Ann Bell")),
            ],
        ),
        (
            "Ann Bell from the Farmers' Union said prices would fall.",
            &[("prices would fall", Indirect, Some("Ann Bell"))],
        ),
        (
            "“When Tom Reed said ‘trust me’ I laughed,” Ann Bell said. “Nobody trusts him now.”",
            &[
                ("When Tom Reed said ‘trust me’ I laughed,", Direct, Some("Ann Bell")),
                ("trust me", Direct, Some("Tom Reed")),
                ("Nobody trusts him now.", Direct, Some("Ann Bell")),
            ],
        ),
        (
            "The charity has a list of demands which it says the government must meet.",
            &[("the government must meet", Indirect, Some("The charity"))],
        ),
                        (
            "Police said the man was arrested.\n\n\"I don't know yet,\" she said, adding that she would decide soon.",
            &[
                ("the man was arrested", Indirect, Some("Police")),
                ("I don't know yet,", Direct, None),
                ("she would decide soon", Indirect, None),
            ],
        ),
        (
            "Tom Reed was told: \"Your contract will not be renewed.\"",
            &[("Your contract will not be renewed.", Direct, None)],
        ),
        (
            "\"We are ready,\" Ann Bell told the Daily Courier.",
            &[("We are ready,", Direct, Some("Ann Bell"))],
        ),
        (
            "Ann Bell told Tom Reed that the plan had failed.",
            &[("the plan had failed", Indirect, Some("Ann Bell"))],
        ),
    ]);
}

/// Mention groups: a speaker's name forms and descriptions form one group.
#[test]
fn speaker_groups() {
    let text = "Foreign Minister Ruth Oduya arrived in Paris. Oduya said the talks had gone well. \
                \"We made progress,\" the minister said.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    let groups: Vec<_> = a
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().unwrap().group)
        .collect();
    assert!(groups[0].is_some() && groups[0] == groups[1], "{groups:?}");
    let g = a.group(groups[0].unwrap()).unwrap();
    assert_eq!(g.name, "Ruth Oduya");
    let mentions: Vec<&str> = g.mentions.iter().map(|m| m.slice(text)).collect();
    assert!(mentions.contains(&"Oduya"), "{mentions:?}");
    assert!(mentions.contains(&"the minister"), "{mentions:?}");
}

/// Mention groups keep different people apart, even with a shared first or last name.
#[test]
fn separate_speaker_groups() {
    let text = "Ann Bell said the plan was late. Ann Cole said it was on time. \
                Tom Bell said nothing had changed.";
    let a = analyze(text);
    let names: Vec<&str> = a
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map_or("", |s| s.name.as_str()))
        .collect();
    assert_eq!(names, ["Ann Bell", "Ann Cole", "Tom Bell"]);
    let groups: Vec<_> = a
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().and_then(|s| s.group))
        .collect();
    assert!(groups.iter().all(Option::is_some), "{groups:?}");
    assert_ne!(groups[0], groups[1]);
    assert_ne!(groups[0], groups[2]);
}
