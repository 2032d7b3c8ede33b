//! The engine's output: an [`Analysis`] of one text.
//!
//! All spans are byte spans into the analysed text. An analysis is derived from the text alone;
//! it is never stored, only recomputed.

use crate::span::{CharIndex, Span};
use std::fmt;
use std::str::FromStr;

/// Entity types: the CoNLL-2003 four plus the numeric and time types of OntoNotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
    Ordinal,
}

impl Label {
    pub const ALL: [Label; 11] = [
        Label::Per,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Cardinal,
        Label::Ordinal,
    ];

    /// The label as the CLI and exports write it ("PER", "DATE", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
        }
    }

    /// People, organisations, places and other names (as opposed to numbers and times).
    pub fn is_name(self) -> bool {
        matches!(self, Label::Per | Label::Org | Label::Loc | Label::Misc)
    }

    /// A reader-facing name ("Person", "Date").
    pub fn title(self) -> &'static str {
        match self {
            Label::Per => "Person",
            Label::Org => "Organisation",
            Label::Loc => "Place",
            Label::Misc => "Other name",
            Label::Date => "Date",
            Label::Time => "Time",
            Label::Money => "Money",
            Label::Percent => "Percent",
            Label::Quantity => "Quantity",
            Label::Cardinal => "Number",
            Label::Ordinal => "Ordinal",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown entity label {:?}", self.0)
    }
}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Label, UnknownLabel> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// Identifies a group of mentions of one person, organisation, place or thing in one analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    pub group: Option<GroupId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// A reported clause that contains quoted words.
    Mixed,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

impl FromStr for QuoteKind {
    type Err = String;
    fn from_str(s: &str) -> Result<QuoteKind, String> {
        match s {
            "direct" => Ok(QuoteKind::Direct),
            "indirect" => Ok(QuoteKind::Indirect),
            "mixed" => Ok(QuoteKind::Mixed),
            _ => Err(format!("unknown quote kind {s:?}")),
        }
    }
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The fullest form of the speaker's name the article uses ("Mustafa al-Kadhimi").
    pub name: String,
    /// The mention the quote's cue attaches to ("he", "Kadhimi"), if any.
    pub mention: Option<Span>,
    /// The group of all mentions of this speaker.
    pub group: Option<GroupId>,
    /// Person or organisation, when known (descriptions such as "the report" have none).
    pub label: Option<Label>,
}

impl Speaker {
    /// How the article names the speaker where the quote is attributed: the words of the
    /// mention the cue attaches to, without titles or a possessive, when they are a shorter
    /// form of the speaker's name ("Carson said", for Ben Carson); else the fullest name.
    /// PolNeAR's speakers follow this convention.
    pub fn as_written<'a>(&'a self, text: &'a str) -> &'a str {
        let Some(m) = self.mention.filter(|m| m.end() <= text.len()) else {
            return &self.name;
        };
        let words = crate::groups::bare_name(m.slice(text));
        let last = |s: &str| {
            s.split_whitespace()
                .next_back()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
        };
        let capitalised = words.chars().next().is_some_and(char::is_uppercase);
        let determiner = crate::text::without_article(words.trim_start()).is_some();
        let shorter = words.split_whitespace().count() < self.name.split_whitespace().count();
        let surname = last(words);
        if capitalised && !determiner && shorter && surname.is_some() && surname == last(&self.name)
        {
            words
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Direct quotes: the text between the marks. Indirect: the reported clause.
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The cue word or phrase ("said", "according to"), if the quote has one of its own.
    pub cue: Option<Span>,
    /// How sure the quote model is (absent when the rules alone found the quote).
    pub confidence: Option<Confidence>,
}

/// How sure the engine is that a span is a quote and that its speaker is right: two
/// probabilities, kept in thousandths so that analyses compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Confidence {
    span: u16,
    speaker: u16,
}

impl Confidence {
    /// Probabilities outside [0, 1] are clamped; one that is not a number counts as 0.
    pub fn new(span: f32, speaker: f32) -> Confidence {
        let q = |p: f32| {
            if p.is_nan() {
                0
            } else {
                (p.clamp(0.0, 1.0) * 1000.0).round() as u16
            }
        };
        Confidence {
            span: q(span),
            speaker: q(speaker),
        }
    }

    pub fn span(self) -> f32 {
        f32::from(self.span) / 1000.0
    }

    pub fn speaker(self) -> f32 {
        f32::from(self.speaker) / 1000.0
    }

    /// The two probabilities in thousandths, as stored.
    pub(crate) fn raw(self) -> (u16, u16) {
        (self.span, self.speaker)
    }

    /// The confidence stored as `raw` gave it; `None` for values above 1,000.
    pub(crate) fn from_raw(span: u16, speaker: u16) -> Option<Confidence> {
        (span <= 1000 && speaker <= 1000).then_some(Confidence { span, speaker })
    }
}

/// All mentions of one referent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: GroupId,
    pub label: Label,
    /// The canonical (fullest) name.
    pub name: String,
    /// Mentions in text order.
    pub mentions: Vec<Span>,
}

/// Everything the engine found in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Paragraph spans (a paragraph ends at two or more line breaks).
    pub paragraphs: Vec<Span>,
    /// Entities in text order, not overlapping one another.
    pub entities: Vec<Entity>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    pub groups: Vec<Group>,
}

impl Analysis {
    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// An entity or quote with code-point offsets, for output at a boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

impl CharSpan {
    pub fn of(index: &CharIndex, span: Span) -> CharSpan {
        let r = index.char_range(span);
        CharSpan {
            start: r.start,
            end: r.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(text: &str, name: &str, mention: &str) -> Speaker {
        let start = text.find(mention).expect("the mention is in the text");
        Speaker {
            name: name.to_string(),
            mention: Some(Span::new(start, start + mention.len())),
            group: None,
            label: Some(Label::Per),
        }
    }

    #[test]
    fn a_speaker_is_written_as_the_attribution_names_them() {
        let text = "Rita Okafor opened the session. Later Okafor said the vote would wait.";
        let s = speaker(text, "Rita Okafor", "Rita Okafor");
        assert_eq!(s.as_written(text), "Rita Okafor");
        let later = text.rfind("Okafor").expect("a second mention");
        let s = Speaker {
            mention: Some(Span::new(later, later + "Okafor".len())),
            ..s
        };
        assert_eq!(s.as_written(text), "Okafor");
        assert_eq!(s.name, "Rita Okafor", "the fullest name is kept beside it");
    }

    /// How Rita Okafor is written when the cue attaches to each of `mentions` in `text`.
    fn written(text: &str, mentions: &[&str]) -> Vec<String> {
        mentions
            .iter()
            .map(|m| speaker(text, "Rita Okafor", m).as_written(text).to_string())
            .collect()
    }

    #[test]
    fn titles_and_possessives_leave_the_written_name() {
        let text = "Sen. Okafor's office said nothing; Dr. Okafor said more.";
        assert_eq!(
            written(text, &["Dr. Okafor", "Sen. Okafor's"]),
            ["Okafor", "Okafor"]
        );
    }

    #[test]
    fn pronouns_descriptions_and_other_names_give_the_full_name() {
        let text = "He said so. The Okafor campaign said so. Bello said so.";
        assert_eq!(
            written(text, &["He", "The Okafor campaign", "Bello"]),
            ["Rita Okafor"; 3]
        );
        let none = Speaker {
            mention: None,
            ..speaker(text, "Rita Okafor", "Bello")
        };
        assert_eq!(none.as_written(text), "Rita Okafor");
    }
}
