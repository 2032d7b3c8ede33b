//! Noun phrases around speech cues: the subject before a cue, the name or description inside it.
//!
//! The speaker's noun phrase is found from the words themselves (capitalisation, determiners,
//! titles, appositions), so it works whether or not the entity recogniser labelled the name;
//! entity labels, when present, decide between person and organisation.

use super::cues;
use super::indirect::IRREGULAR_PAST;
use crate::analysis::{Entity, Label};
use crate::span::Span;
use crate::text::{Document, TokenKind};

/// Words that end a noun phrase when walking back from a cue (verbs, prepositions other than
/// "of" and "for", conjunctions, relatives, adverbs).
const NP_BREAKERS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "in",
    "on",
    "at",
    "to",
    "with",
    "by",
    "from",
    "into",
    "during",
    "about",
    "over",
    "after",
    "before",
    "since",
    "until",
    "against",
    "under",
    "through",
    "as",
    "than",
    "like",
    "but",
    "or",
    "because",
    "while",
    "when",
    "if",
    "although",
    "though",
    "whereas",
    "so",
    "yet",
    "where",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "also",
    "not",
    "now",
    "then",
    "still",
    "just",
    "only",
    "even",
    "already",
    "amid",
    "there",
    "here",
    "how",
    "why",
    "including",
    "despite",
    "without",
    "via",
    "per",
    "upon",
    "among",
    "between",
    "toward",
    "towards",
    "once",
    "again",
];

/// Subordinators, conjunctions and prepositions, which end a phrase in any case.
const CLAUSE_OPENERS: &[&str] = &[
    "when", "if", "after", "before", "while", "because", "although", "though", "as", "since",
    "once", "unless", "until", "whether", "but", "or", "so", "yet", "in", "on", "at", "with", "by",
    "into", "during", "about", "over", "under", "through", "despite", "without", "among",
    "between", "against", "that", "which", "who", "where", "whereas",
];

/// Words allowed between a subject and its cue ("Kadhimi also said", "she has warned").
const CUE_MODIFIERS: &[&str] = &[
    "also",
    // Auxiliary chains: "had been insisting", "has been saying".
    "been",
    "has",
    "have",
    "had",
    "later",
    "then",
    "again",
    "previously",
    "repeatedly",
    "recently",
    "further",
    "is",
    "was",
    "were",
    "are",
    "would",
    "will",
    "already",
    "once",
    "reportedly",
    "publicly",
    "openly",
    "separately",
    "today",
    "yesterday",
    "subsequently",
    "earlier",
    "even",
    "last",
    "night",
    "week",
    "year",
    "month",
    "tonight",
    "himself",
    "herself",
    "themselves",
    "itself",
    "privately",
    "immediately",
    "simply",
    "clearly",
    "firmly",
    "flatly",
    "angrily",
    "quickly",
    "strongly",
    "emphatically",
    "frequently",
    "often",
    "never",
    "not",
    "didn't",
    "did",
    "does",
    "do",
    "n't",
    "might",
    "could",
    "can",
    "may",
    "should",
    "must",
];

/// Sentence adverbs and connectives trimmed from the front of a subject phrase.
const LEADERS: &[&str] = &[
    "and",
    "but",
    "however",
    "meanwhile",
    "yesterday",
    "today",
    "also",
    "now",
    "currently",
    "then",
    "so",
    "still",
    "earlier",
    "later",
    "separately",
    "instead",
    "moreover",
    "indeed",
    "last",
    "this",
    "on",
    "in",
    "yet",
    "or",
];

/// Personal pronouns that can be speakers.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "i", "we", "you"];
const PLURAL_PRONOUNS: &[&str] = &["they", "it"];

/// Title words written before names ("Prime Minister", "Sen.", "Mr").
/// Whether `word` is one of [`TITLE_WORDS`] in any ASCII case, looked up in a set: titles are
/// checked at every token of a text and for every name.
pub fn is_title(word: &str) -> bool {
    static SET: std::sync::OnceLock<crate::hash::FastSet<&'static str>> =
        std::sync::OnceLock::new();
    let set = SET.get_or_init(|| TITLE_WORDS.iter().copied().collect());
    let mut buf = [0u8; 24];
    if word.len() > buf.len() {
        return TITLE_WORDS.iter().any(|t| t.eq_ignore_ascii_case(word));
    }
    for (b, c) in buf.iter_mut().zip(word.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    // Lower-casing ASCII bytes keeps the text valid UTF-8.
    std::str::from_utf8(&buf[..word.len()]).is_ok_and(|lower| set.contains(lower))
}

pub const TITLE_WORDS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "shadow",
    "senator",
    "sen.",
    "state",
    "governor",
    "gov.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "mayor",
    "general",
    "gen.",
    "col.",
    "colonel",
    "capt.",
    "captain",
    "lt.",
    "sgt.",
    "admiral",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ayatollah",
    "sheikh",
    "imam",
    "cardinal",
    "bishop",
    "archbishop",
    "rabbi",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "home",
    "education",
    "deputy",
    "chief",
    "executive",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "commissioner",
    "ambassador",
    "coach",
    "manager",
    "leader",
    "speaker",
    "attorney",
    "inspector",
    "superintendent",
    "commander",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "rev.",
    "reverend",
    "father",
    "sister",
    "brother",
    "detective",
    "sergeant",
    "constable",
    "mp",
    "mep",
    "senior",
    "former",
    "acting",
    "interim",
    "assistant",
    "general-secretary",
    "secretary-general",
    "economist",
    "analyst",
    "house",
    "senate",
    "majority",
    "minority",
    "whip",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "assemblyman",
    "assemblywoman",
    "delegate",
    "lieutenant",
    "major",
    "marshal",
    "sheriff",
    "dean",
    "provost",
];

/// Nouns for people known by their role in a story ("the striker said").
const ROLE_NOUNS: &[&str] = &[
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "winger",
    "forward",
    "captain",
    "champion",
    "player",
    "veteran",
    "star",
    "singer",
    "actor",
    "actress",
    "rapper",
    "author",
    "novelist",
    "writer",
    "chef",
    "entrepreneur",
    "billionaire",
    "tycoon",
    "candidate",
    "nominee",
    "incumbent",
    "defendant",
    "victim",
    "runner",
    "golfer",
    "batsman",
    "bowler",
    "driver",
    "rider",
    "boxer",
    "skipper",
    "newcomer",
    "youngster",
    "teenager",
    "pensioner",
    "mother",
    "father",
    "widow",
];

/// Comma-enclosed asides between a subject and its cue.
const ADVERBIAL_ASIDES: &[&str] = &[
    "for",
    "however",
    "meanwhile",
    "though",
    "too",
    "in",
    "on",
    "at",
    "speaking",
    "moreover",
    "instead",
    "separately",
    "also",
    "like",
    "unlike",
    "as",
];

/// Common nouns for people who speak ("official", "expert").
const PERSON_NOUNS: &[&str] = &[
    "official",
    "officials",
    "expert",
    "experts",
    "source",
    "sources",
    "lawyer",
    "lawyers",
    "member",
    "members",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "critic",
    "critics",
    "activist",
    "activists",
    "campaigner",
    "campaigners",
    "researcher",
    "researchers",
    "scientist",
    "scientists",
    "psychologist",
    "doctor",
    "doctors",
    "teacher",
    "teachers",
    "worker",
    "workers",
    "executive",
    "boss",
    "head",
    "founder",
    "mother",
    "father",
    "woman",
    "man",
    "voter",
    "voters",
    "fan",
    "fans",
    "player",
    "players",
    "author",
    "analysts",
    "economists",
    "spokesperson",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "lawmaker",
    "lawmakers",
    "senator",
    "mps",
    "ministers",
    "leaders",
];

/// Final words of organisation names.
const ORG_HEADS: &[&str] = &[
    "agency",
    "alliance",
    "association",
    "assembly",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "church",
    "coalition",
    "college",
    "commission",
    "committee",
    "company",
    "conference",
    "congress",
    "corp",
    "corp.",
    "corporation",
    "council",
    "court",
    "department",
    "embassy",
    "federation",
    "forum",
    "foundation",
    "front",
    "fund",
    "government",
    "group",
    "inc",
    "inc.",
    "institute",
    "institution",
    "league",
    "ltd",
    "ltd.",
    "ministry",
    "movement",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "plc",
    "press",
    "school",
    "service",
    "society",
    "tribunal",
    "trust",
    "union",
    "university",
    "army",
    "force",
    "forces",
    "news",
    "times",
    "post",
    "guardian",
    "telegraph",
    "securities",
    "studies",
    "think-tank",
    "bloggers",
];

/// Common nouns that refer back to an organisation ("the group", "the bank").
const ORG_NOUNS: &[&str] = &[
    "agency",
    "alliance",
    "association",
    "bank",
    "board",
    "body",
    "charity",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "firm",
    "forum",
    "foundation",
    "government",
    "group",
    "institute",
    "league",
    "ministry",
    "movement",
    "organisation",
    "organization",
    "party",
    "union",
    "university",
    "watchdog",
    "club",
    "regulator",
    "campaign",
    "coalition",
];

/// Read-only view of a document and its entities with token helpers.
pub struct Ctx<'d, 't> {
    pub doc: &'d Document<'t>,
    pub entities: &'d [Entity],
}

/// How a noun phrase refers to its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    /// A proper name ("Mustafa al-Kadhimi"); the label is a hint (person or organisation).
    Name { span: Span, label: Label },
    /// A personal pronoun ("he", "she").
    Person,
    /// A plural or neuter pronoun ("they", "it").
    Plural,
    /// A description ("the minister", "opposition parties", "a US Embassy spokesman"),
    /// `head` being its last word.
    Description { span: Span, head: Span },
}

impl<'d, 't> Ctx<'d, 't> {
    pub fn new(doc: &'d Document<'t>, entities: &'d [Entity]) -> Self {
        Ctx { doc, entities }
    }

    pub fn n(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The text of token `i`, or "" past the last token.
    pub fn word(&self, i: usize) -> &'t str {
        if i < self.n() {
            self.doc.token_text(i)
        } else {
            ""
        }
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        i < self.n() && self.word(i).eq_ignore_ascii_case(w)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` is a title word ("minister", "Mr.").
    pub fn is_title_word(&self, i: usize) -> bool {
        is_title(self.word(i))
    }

    pub fn lower_in(&self, i: usize, list: &[&str]) -> bool {
        let w = self.word(i);
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }

    /// Whether token `i` is a quotation mark that quotes something (not the apostrophe of a
    /// plural possessive).
    pub fn is_mark(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Quote)
            && !self.is_possessive(i)
    }

    /// The apostrophe of a plural possessive ("the Farmers' Union").
    pub fn is_possessive(&self, i: usize) -> bool {
        let Some(t) = self.doc.tokens.get(i) else {
            return false;
        };
        t.kind == TokenKind::Quote
            && !t.space_before
            && i > 0
            && self.word(i - 1).ends_with('s')
            && matches!(self.word(i), "'" | "\u{2019}")
            && self.doc.tokens.get(i + 1).is_none_or(|n| n.space_before)
    }

    /// Whether token `i` is a sentence-final mark ("." "!" "?").
    pub fn is_stop(&self, i: usize) -> bool {
        matches!(self.word(i), "." | "!" | "?" | "..." | "\u{2026}")
    }

    pub fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(
            self.doc.tokens[from].span.start(),
            self.doc.tokens[to - 1].span.end(),
        )
    }

    /// The name entity (PER, ORG, LOC, MISC) covering token `i`, if any.
    pub fn entity_at(&self, i: usize) -> Option<&'d Entity> {
        let s = self.doc.tokens[i].span;
        let k = self.entities.partition_point(|e| e.span.end() <= s.start());
        self.entities
            .get(k)
            .filter(|e| e.span.contains(s) && e.label.is_name())
    }

    fn label_at(&self, i: usize) -> Option<Label> {
        self.entity_at(i).map(|e| e.label)
    }

    /// Whether token `i` could be inside a subject noun phrase.
    fn np_token(&self, i: usize) -> bool {
        let t = self.doc.tokens[i];
        match t.kind {
            TokenKind::Word => {
                let w = self.word(i);
                let lower = w.chars().next().is_some_and(char::is_lowercase);
                let verb_like = w.len() > 4 && w.ends_with("ed");
                // "Ann Bell from the union": "from" after a name joins a phrase.
                let from_name = self.is(i, "from") && i > 0 && self.is_cap(i - 1);
                // "a report by the Audit Office": the author belongs to the document.
                let by_author =
                    self.is(i, "by") && i > 0 && cues::is_document_noun(self.word(i - 1));
                // "analysts at Merrill Lynch", "a professor at Leeds University".
                let at_work = self.is(i, "at") && i > 0 && self.is_person_noun(self.word(i - 1));
                let from_name = from_name || by_author || at_work;
                // Subordinators and prepositions end a phrase even when capitalised ("When").
                let opener = self.lower_in(i, CLAUSE_OPENERS);
                from_name
                    || !(opener
                        || lower
                            && (self.lower_in(i, NP_BREAKERS) || w.ends_with("ly") || verb_like))
            }
            TokenKind::Number => true,
            // "%", "&", and a hyphen inside a word ("25-year-old").
            TokenKind::Punct => {
                let joined =
                    !t.space_before && self.doc.tokens.get(i + 1).is_some_and(|n| !n.space_before);
                matches!(self.word(i), "%" | "&") || self.word(i) == "-" && joined
            }
            // The apostrophe of a plural possessive ("the Musicians' Union").
            TokenKind::Quote => self.is_possessive(i),
        }
    }

    /// The noun phrase that ends right before token `end`, not reaching before `floor`.
    pub fn np_ending_at(&self, end: usize, floor: usize) -> Option<Span> {
        let mut start = end;
        while start > floor && end - start < 12 && self.np_token(start - 1) {
            let i = start - 1;
            // "and" joins two names only ("Richards and Yelling").
            if self.is(i, "and") && !(i > floor && self.is_cap(i - 1) && self.is_cap(i + 1)) {
                break;
            }
            // A pronoun is a whole phrase on its own.
            let pronoun = self.lower_in(i, PERSON_PRONOUNS) || self.lower_in(i, PLURAL_PRONOUNS);
            if pronoun && start < end {
                break;
            }
            if pronoun {
                start -= 1;
                break;
            }
            start -= 1;
        }
        while start < end && (self.lower_in(start, LEADERS) || self.is_stop(start)) {
            start += 1;
        }
        // A phrase cannot open with "of", "for" or a possessive clitic.
        while start < end && (self.is(start, "of") || self.is(start, "for") || self.is(start, "'s"))
        {
            start += 1;
        }
        // A determiner alone is no phrase.
        let bare = end - start == 1 && self.lower_in(start, &["a", "an", "the", "this", "that"]);
        (start < end && !bare).then(|| self.span_of(start, end))
    }

    /// Token range of a span.
    pub fn tokens_of(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.doc.token_at_or_after(span.start());
        let b = self
            .doc
            .tokens
            .partition_point(|t| t.span.end() <= span.end());
        a..b.max(a)
    }

    /// The subject of the cue at token `cue`: the noun phrase before it, past modifiers ("also",
    /// "has") and an apposition ("Baldawi, a member of parliament, said").
    pub fn subject_before(&self, cue: usize, floor: usize) -> Option<Span> {
        let mut j = cue;
        while j > floor && self.lower_in(j - 1, CUE_MODIFIERS) {
            j -= 1;
        }
        if j == floor {
            return None;
        }
        // "X, which said ...", "X, who say ...": the subject is X.
        if j >= floor + 2 && self.lower_in(j - 1, &["who", "which"]) && self.word(j - 2) == "," {
            return self.subject_before(j - 2, floor);
        }
        // "X tracks blogs and says ...": the subject of the sentence.
        if self.is(j - 1, "and") {
            return self.sentence_subject(floor);
        }
        if self.word(j - 1) == ")" {
            let open = (floor..j - 1).rev().find(|&i| self.word(i) == "(")?;
            return self.subject_before(open, floor);
        }
        if self.word(j - 1) == "," {
            return self.apposed_subject(j - 1, floor);
        }
        self.np_ending_at(j, floor)
    }

    /// The subject at the start of a sentence (or clause) that opens at token `first`,
    /// skipping an apposition ("Technorati, a search engine, tracks ...").
    pub fn sentence_subject(&self, first: usize) -> Option<Span> {
        let mut a = first;
        while a < self.n()
            && (self.lower_in(a, LEADERS) || self.doc.tokens[a].kind == TokenKind::Quote)
        {
            a += 1;
        }
        // A dateline ("WASHINGTON —") is not the subject.
        let dateline = (a..self.n().min(a + 4))
            .find(|&k| matches!(self.word(k), "\u{2014}" | "\u{2013}" | "--" | "-"));
        if let Some(d) = dateline {
            if (a..d).all(|k| !self.is_word(k) || self.word(k).chars().all(|c| !c.is_lowercase())) {
                a = d + 1;
            }
        }
        if a >= self.n() || !(self.is_cap(a) || self.lower_in(a, PERSON_PRONOUNS)) {
            return None;
        }
        self.np_starting_at(a)
    }

    /// A definite description that stands for a person the text is about: "the Scot", "the
    /// 25-year-old", "the striker".
    pub fn is_role_description(&self, np: Span) -> bool {
        let r = self.tokens_of(np);
        if r.len() < 2 || !self.is(r.start, "the") {
            return false;
        }
        let head = r.end - 1;
        let w = self.word(head);
        let age = w.ends_with("year-old");
        let role = self.lower_in(head, ROLE_NOUNS);
        // A singular nationality ("the Scot"); plurals are parties and peoples ("the Tories").
        let demonym = r.len() == 2
            && self.is_cap(head)
            && !w.ends_with('s')
            && !self.is_org_noun(w)
            && !self.is_title_word(head)
                        // "the" is never written before a person's own name, so a person label here is the
            // recogniser's mistake; organisations and places stay names ("the Kremlin").
            && self
                .entity_at(head)
                .is_none_or(|e| matches!(e.label, Label::Misc | Label::Per));
        age || role || demonym
    }

    /// Whether a name ends with an organisation word ("Napier University").
    pub fn ends_like_org(&self, name: Span) -> bool {
        let r = self.tokens_of(name);
        !r.is_empty() && self.lower_in(r.end - 1, ORG_HEADS)
    }

    /// A cue in the passive ("was told", "were warned") or a bare participle ("written on
    /// it"): its subject is no speaker.
    pub fn passive_cue(&self, i: usize) -> bool {
        let w = self.word(i);
        let participle = w.ends_with("ed") || matches!(w, "told" | "written" | "said" | "shown");
        let be = i > 0
            && self.lower_in(
                i - 1,
                &[
                    "was", "were", "been", "being", "is", "are", "be", "get", "got",
                ],
            );
        let perfect = i > 0 && self.lower_in(i - 1, &["has", "have", "had", "having"]);
        participle && be || w == "written" && !perfect
    }

    /// Whether a description's head names a person ("spokesman", "official").
    pub fn is_person_noun(&self, word: &str) -> bool {
        is_title(word) || PERSON_NOUNS.iter().any(|x| x.eq_ignore_ascii_case(word))
    }

    /// `NP , APPOSITION , cue`: the part that names someone (the first, unless only the
    /// apposition holds a name, as in "a spokesman for X, Nasr al-Shammari, said").
    fn apposed_subject(&self, comma: usize, floor: usize) -> Option<Span> {
        let lo = floor.max(comma.saturating_sub(20));
        let first = (lo..comma).rev().find(|&i| self.word(i) == ",")?;
        // Comma adverbials ("for example", "however") are skipped.
        if comma - first <= 3 && self.lower_in(first + 1, ADVERBIAL_ASIDES) {
            return self.subject_before(first, floor);
        }
        let head = self.np_ending_at(first, floor);
        // An age between commas is a second apposition: "Patel, 54, a former teacher, said".
        let age = head.is_some_and(|h| {
            let r = self.tokens_of(h);
            r.len() == 1 && self.word(r.start).chars().all(|c| c.is_ascii_digit())
        });
        if age && first >= floor + 2 && self.word(first - 2) == "," {
            return self.apposed_subject(first, floor);
        }
        // "X, who represents ..., said"; "X, of the Institute, said".
        if self.lower_in(
            first + 1,
            &["who", "which", "of", "from", "for", "at", "with"],
        ) {
            return head;
        }
        let appos = self.np_ending_at(comma, first + 1);
        // The apposition must be the whole stretch between the commas.
        let Some(appos) = appos.filter(|a| self.doc.token_at_or_after(a.start()) == first + 1)
        else {
            return head;
        };
        match head {
            Some(h) if self.has_name(h) || !self.has_name(appos) => Some(h),
            _ => Some(appos),
        }
    }

    /// Whether a phrase contains a capitalised word that is not its first word or a title.
    pub fn has_name(&self, np: Span) -> bool {
        self.name_in(np).is_some()
    }

    /// The noun phrase that starts at token `start` (inverted cues: `said Kadhimi`).
    pub fn np_starting_at(&self, start: usize) -> Option<Span> {
        let mut end = start;
        while end < self.n() && end - start < 10 && self.np_token(end) {
            // "Many believe ...", "Ann Bell arrived ...": a verb ends the phrase.
            let w = self.word(end);
            if end > start && (cues::speech_verb(w).is_some() || cues::belief_verb(w)) {
                break;
            }
            let lower = w.chars().next().is_some_and(char::is_lowercase);
            let past = w.len() > 3 && w.ends_with("ed") || self.lower_in(end, IRREGULAR_PAST);
            // After a person's whole name a lower-case word is the verb ("Ann Bell beat ...").
            let after_person = end > start
                && self.entity_at(end - 1).is_some_and(|e| {
                    e.label == Label::Per && e.span.end() == self.doc.tokens[end - 1].span.end()
                });
            if end > start
                && lower
                && (past
                    || after_person
                        && !self.lower_in(end, &["of", "for", "from", "and", "de", "al"]))
            {
                break;
            }
            if end > start && self.lower_in(end, PERSON_PRONOUNS) {
                break;
            }
            if self.is(end, "and") && !(self.is_cap(end + 1) && end > start && self.is_cap(end - 1))
            {
                break;
            }
            end += 1;
            if self.lower_in(end - 1, PERSON_PRONOUNS) || self.lower_in(end - 1, PLURAL_PRONOUNS) {
                break;
            }
        }
        // "said Hussein during ..." stops at the preposition; "said Kadhimi, who ..." at the comma.
        (end > start).then(|| self.span_of(start, end))
    }

    /// The proper name a phrase contains, with titles, demonyms and possessors removed:
    /// the capitalised run at the end of its head ("Iraqi Prime Minister Mustafa al-Kadhimi" ->
    /// "Mustafa al-Kadhimi"; "David Page of X" -> "David Page").
    pub fn name_in(&self, np: Span) -> Option<(Span, Label)> {
        let r = self.tokens_of(np);
        if r.is_empty() {
            return None;
        }
        // The head ends before "of"/"for" that is followed by a lower-case or "the" phrase.
        let mut end = r.end;
        for i in r.clone() {
            // "of" and "for" may join a name ("House of Lords"); "from" and "at" never do,
            // nor does "of" after a person's name ("Sen. Ann Bell of Ohio").
            let after_person = i > r.start
                && self.entity_at(i - 1).is_some_and(|e| {
                    e.label == Label::Per && e.span.end() == self.doc.tokens[i - 1].span.end()
                });
            let joins = i > r.start
                && (self.is(i, "of") || self.is(i, "for"))
                && self.is_cap(i - 1)
                && self.is_cap(i + 1)
                && !self.is(i + 1, "the")
                && !after_person;
            let splits = self.lower_in(i, &["of", "for", "from", "at"]);
            if splits && i > r.start && !joins {
                end = i;
                break;
            }
        }
        // The head starts after the last possessive "'s" ("The MMF's general secretary X").
        let mut start = r.start;
        for i in r.start..end {
            if self.is(i, "'s") || self.doc.tokens[i].kind == TokenKind::Quote {
                start = i + 1;
            }
        }
        // The name is the capitalised run at the end of the head.
        if end <= start || !self.is_cap(end - 1) {
            return None;
        }
        let mut a = end - 1;
        while a > start && (self.is_cap(a - 1) || self.is_name_joiner(a - 1)) {
            a -= 1;
        }
        // Drop titles and demonyms at the front ("Iraqi Prime Minister", "State Sen.").
        while a < end - 1
            && self.is_cap(a + 1)
            && (self.lower_in(a, TITLE_WORDS) || self.is_modifier_entity(a))
        {
            a += 1;
        }
        while a < end - 1 && self.lower_in(a, &["the", "a", "an"]) {
            a += 1;
        }
        // A party or team before a title ("Labour MP John Smith"): the person's name follows
        // the last title word.
        let last_title = (a..end - 1).rev().find(|&t| {
            self.lower_in(t, TITLE_WORDS) && self.is_cap(t + 1) && !self.is_name_joiner(t + 1)
        });
        if let Some(t) = last_title {
            if self.name_label(t + 1, end) == Label::Per && !(t + 1..end).any(|k| self.is(k, "of"))
            {
                a = t + 1;
            }
        }
        // A common noun capitalised at the start of a sentence ("Analysts") is no name.
        if end - a == 1 && self.is_person_noun(self.word(a)) {
            return None;
        }
        // A day or a month alone ("his win on Tuesday") names a time, not a speaker, unless
        // the name model found a person or a group there ("May").
        if end - a == 1
            && crate::entities::rules::is_month_or_day(self.word(a))
            && self.entity_at(a).is_none()
        {
            return None;
        }
        // Titles alone ("the Prime Minister") are descriptions, not names.
        if (a..end).all(|k| self.lower_in(k, TITLE_WORDS)) || self.lower_in(a, &["the", "a", "an"])
        {
            return None;
        }
        let span = self.span_of(a, end);
        Some((span, self.name_label(a, end)))
    }

    fn is_name_joiner(&self, i: usize) -> bool {
        self.lower_in(
            i,
            &[
                "de", "van", "von", "bin", "al", "der", "da", "la", "le", "of", "and", "for",
            ],
        ) && i > 0
            && self.is_cap(i - 1)
    }

    /// Demonyms and place adjectives before a title ("Iraqi", "US").
    fn is_modifier_entity(&self, i: usize) -> bool {
        matches!(self.label_at(i), Some(Label::Misc | Label::Loc))
            && self.label_at(i + 1) != self.label_at(i)
    }

    /// Person or organisation: the entity label when the recogniser found the name, else the
    /// shape of the name (organisation head words, acronyms).
    pub fn name_label(&self, a: usize, end: usize) -> Label {
        for i in (a..end).rev() {
            if let Some(l) = self.label_at(i) {
                if matches!(l, Label::Per | Label::Org) {
                    return l;
                }
            }
        }
        let last = self.word(end - 1);
        let acronym = last.len() >= 2 && last.chars().all(|c| c.is_ascii_uppercase());
        if acronym || self.lower_in(end - 1, ORG_HEADS) {
            Label::Org
        } else {
            Label::Per
        }
    }

    /// Classifies a subject phrase.
    pub fn referent(&self, np: Span) -> Referent {
        let r = self.tokens_of(np);
        if r.len() == 1 && self.lower_in(r.start, PERSON_PRONOUNS) {
            return Referent::Person;
        }
        if r.len() == 1 && self.lower_in(r.start, PLURAL_PRONOUNS) {
            return Referent::Plural;
        }
        if self.is_role_description(np) {
            return Referent::Description {
                span: np,
                head: self.doc.tokens[r.end - 1].span,
            };
        }
        // "The Bank", "the Committee": a common noun capitalised, referring back.
        let the_org =
            r.len() == 2 && self.is(r.start, "the") && self.is_org_noun(self.word(r.start + 1));
        let names = the_org || self.names_joined_by_and(r.clone());
        if !names {
            if let Some((span, label)) = self.name_in(np) {
                return Referent::Name { span, label };
            }
        }
        let mut head = r.end - 1;
        for i in r.clone() {
            if i > r.start
                && (self.is(i, "of") || self.is(i, "for") || self.is(i, "from") || self.is(i, "at"))
            {
                head = i - 1;
                break;
            }
        }
        Referent::Description {
            span: np,
            head: self.doc.tokens[head].span,
        }
    }

    fn names_joined_by_and(&self, r: std::ops::Range<usize>) -> bool {
        r.clone()
            .any(|i| self.is(i, "and") && i > r.start && self.is_cap(i - 1))
    }

    /// Whether a description's head refers back to an organisation ("the group").
    pub fn is_org_noun(&self, word: &str) -> bool {
        ORG_NOUNS.iter().any(|x| x.eq_ignore_ascii_case(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_found_in_any_case() {
        // The set holds the list as written: every entry must be in lower case.
        assert!(TITLE_WORDS.iter().all(|t| *t == t.to_ascii_lowercase()));
        for w in ["Minister", "MR.", "mr", "Senator"] {
            assert!(is_title(w), "{w}");
        }
        for w in ["Minnie", "Mr-", "", "ministerministerministerminister"] {
            assert!(!is_title(w), "{w}");
        }
    }

    fn with<R>(text: &str, f: impl FnOnce(&Ctx) -> R) -> R {
        let doc = Document::new(text);
        let ents = crate::entities::detect(&doc);
        let ctx = Ctx::new(&doc, &ents);
        f(&ctx)
    }

    fn subject(text: &str, cue: &str) -> Option<String> {
        with(text, |c| {
            let k = (0..c.n()).find(|&i| c.word(i) == cue).unwrap();
            c.subject_before(k, 0).map(|s| s.slice(text).to_string())
        })
    }

    fn name(text: &str) -> Option<String> {
        with(text, |c| {
            let all = Span::new(0, text.len());
            c.name_in(all).map(|(s, _)| s.slice(text).to_string())
        })
    }

    #[test]
    fn subjects_before_cues() {
        assert_eq!(
            subject("Jane Doe said it rained.", "said").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            subject("But the minister also said so.", "said").as_deref(),
            Some("the minister")
        );
        assert_eq!(
            subject("Tom Reed, a member of parliament, said no.", "said").as_deref(),
            Some("Tom Reed")
        );
        assert_eq!(
            subject("A spokesman for the Rail Union, Ann Bell, said no.", "said").as_deref(),
            Some("Ann Bell")
        );
        assert_eq!(
            subject("Yesterday she has warned.", "warned").as_deref(),
            Some("she")
        );
        assert_eq!(
            subject("Ann Bell, 54, a retired nurse, said no.", "said").as_deref(),
            Some("Ann Bell")
        );
        assert_eq!(
            subject("Tom Reed, 61, called it unfair.", "called").as_deref(),
            Some("Tom Reed")
        );
        assert_eq!(
            subject("Of the 54, a handful said no.", "said").as_deref(),
            Some("a handful")
        );
        assert_eq!(
            subject("It rained in Paris when she said so.", "said").as_deref(),
            Some("she")
        );
    }

    #[test]
    fn names_inside_phrases() {
        assert_eq!(
            name("Defence Minister Ada Lang").as_deref(),
            Some("Ada Lang")
        );
        assert_eq!(name("Mr Okafor").as_deref(), Some("Okafor"));
        assert_eq!(
            name("Harbor Bank's chief economist Lee Moss").as_deref(),
            Some("Lee Moss")
        );
        assert_eq!(
            name("Ravi Shah of the Farmers Guild").as_deref(),
            Some("Ravi Shah")
        );
        assert_eq!(
            name("the House of Lords Finance Committee").as_deref(),
            Some("House of Lords Finance Committee")
        );
        assert_eq!(name("the minister"), None);
        assert_eq!(name("a spokesman for the council"), None);
    }

    /// "of" after a person's name (as the name model marks it) says where they are from; it
    /// is no part of the name, as it is in an organisation's.
    #[test]
    fn of_after_a_person_ends_the_name() {
        let name_with = |text: &str, marked: &[(&str, Label)]| {
            let doc = Document::new(text);
            let ents: Vec<Entity> = marked
                .iter()
                .map(|&(w, label)| {
                    let at = text.find(w).expect("marked words are in the text");
                    Entity {
                        span: Span::new(at, at + w.len()),
                        label,
                        group: None,
                    }
                })
                .collect();
            let ctx = Ctx::new(&doc, &ents);
            let all = Span::new(0, text.len());
            ctx.name_in(all).map(|(s, _)| s.slice(text).to_string())
        };
        assert_eq!(
            name_with(
                "Senator Ann Bell of Ohio",
                &[("Ann Bell", Label::Per), ("Ohio", Label::Loc)]
            )
            .as_deref(),
            Some("Ann Bell")
        );
        assert_eq!(
            name_with("Mayor Tom Reed of Springfield", &[("Tom Reed", Label::Per)]).as_deref(),
            Some("Tom Reed")
        );
        assert_eq!(
            name_with("the Bank of England", &[("Bank of England", Label::Org)]).as_deref(),
            Some("Bank of England")
        );
    }
}
