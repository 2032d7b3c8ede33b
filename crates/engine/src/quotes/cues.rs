//! Speech cues: verbs and nouns that report what someone said or wrote.
//!
//! Words are matched case-insensitively by lemma, so every inflection of a listed verb counts
//! ("warn", "warns", "warned", "warning"). Belief and cognition verbs ("think", "hope",
//! "feared") are deliberately absent: they report thoughts, not speech.

use crate::text::with_lowercase;
use std::sync::OnceLock;

/// Verbs of saying and writing (lemmas).
const SPEECH_LEMMAS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "boast",
    "caution",
    "claim",
    "comment",
    "complain",
    "concede",
    "confirm",
    "contend",
    "continue",
    "counter",
    "declare",
    "demand",
    "deny",
    "disclose",
    "emphasise",
    "emphasize",
    "estimate",
    "exclaim",
    "explain",
    "forecast",
    "hint",
    "indicate",
    "insist",
    "intimate",
    "joke",
    "lament",
    "laugh",
    "maintain",
    "mention",
    "mutter",
    "note",
    "object",
    "observe",
    "plead",
    "pledge",
    "point",
    "predict",
    "proclaim",
    "promise",
    "protest",
    "quip",
    "recall",
    "reiterate",
    "remark",
    "repeat",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "scoff",
    "shout",
    "state",
    "stress",
    "suggest",
    "tell",
    "testify",
    "threaten",
    "tweet",
    "underline",
    "urge",
    "vow",
    "warn",
    "whisper",
    "write",
    "yell",
];

/// Irregular forms of speech verbs and their lemmas.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
];

/// Verbs whose subject is a document or study ("the report found that ..."). They are cues only
/// when their subject is a document noun (see [`is_document_noun`]).
const FINDING_LEMMAS: &[&str] = &["conclude", "find", "show", "suggest", "indicate", "reveal"];

const FINDING_IRREGULAR: &[(&str, &str)] = &[("found", "find"), ("shown", "show")];

/// Belief and cognition verbs: never speech cues.
const BELIEF_LEMMAS: &[&str] = &[
    "assume", "believe", "doubt", "expect", "fear", "feel", "guess", "hope", "imagine", "know",
    "reckon", "suppose", "suspect", "think", "wish", "wonder", "worry",
];

/// Nouns that report speech when followed by a `that` clause ("claims that", "a plea that").
const SPEECH_NOUNS: &[&str] = &[
    "admission",
    "allegation",
    "announcement",
    "argument",
    "assertion",
    "assurance",
    "claim",
    "complaint",
    "confirmation",
    "insistence",
    "plea",
    "pledge",
    "prediction",
    "promise",
    "statement",
    "suggestion",
    "warning",
];

/// Nouns for documents and studies that can "say" things.
const DOCUMENT_NOUNS: &[&str] = &[
    "analysis",
    "data",
    "figures",
    "findings",
    "investigation",
    "paper",
    "poll",
    "report",
    "research",
    "review",
    "ruling",
    "statement",
    "study",
    "survey",
];

/// Particles of phrasal speech verbs ("pointed out", "went on").
pub const PHRASAL: &[(&str, &str)] = &[("point", "out"), ("go", "on"), ("spell", "out")];

/// Every inflected form of each lemma: base, third person, past, participles.
fn forms(lemma: &'static str) -> Vec<String> {
    let l = lemma;
    let mut out = vec![l.to_string()];
    let consonant_y =
        l.ends_with('y') && !l.ends_with("ay") && !l.ends_with("ey") && !l.ends_with("oy");
    let stem_y = &l[..l.len() - 1];
    if consonant_y {
        out.push(format!("{stem_y}ies"));
        out.push(format!("{stem_y}ied"));
    } else if l.ends_with(['s', 'x', 'z']) || l.ends_with("sh") || l.ends_with("ch") {
        out.push(format!("{l}es"));
    } else {
        out.push(format!("{l}s"));
    }
    if l.ends_with('e') {
        out.push(format!("{l}d"));
        out.push(format!("{}ing", l.strip_suffix('e').unwrap_or(l)));
    } else if !consonant_y {
        out.push(format!("{l}ed"));
        out.push(format!("{l}ing"));
        // Doubled final consonant: "admit" -> "admitted", "admitting".
        let last = l.chars().last().unwrap_or('a');
        if !"aeiouwxy".contains(last) {
            out.push(format!("{l}{last}ed"));
            out.push(format!("{l}{last}ing"));
        }
    } else {
        out.push(format!("{l}ing"));
    }
    out
}

type FormMap = crate::hash::FastMap<String, &'static str>;

fn build(lemmas: &[&'static str], irregular: &[(&'static str, &'static str)]) -> FormMap {
    let mut map = FormMap::default();
    for &l in lemmas {
        for f in forms(l) {
            map.insert(f, l);
        }
    }
    for &(f, l) in irregular {
        map.insert(f.to_string(), l);
    }
    map
}

fn lookup(map: &FormMap, word: &str) -> Option<&'static str> {
    with_lowercase(word, |w| map.get(w).copied())
}

fn speech_forms() -> &'static FormMap {
    static MAP: OnceLock<FormMap> = OnceLock::new();
    MAP.get_or_init(|| build(SPEECH_LEMMAS, IRREGULAR))
}

fn finding_forms() -> &'static FormMap {
    static MAP: OnceLock<FormMap> = OnceLock::new();
    MAP.get_or_init(|| build(FINDING_LEMMAS, FINDING_IRREGULAR))
}

fn belief_forms() -> &'static FormMap {
    static MAP: OnceLock<FormMap> = OnceLock::new();
    MAP.get_or_init(|| {
        build(
            BELIEF_LEMMAS,
            &[
                ("thought", "think"),
                ("felt", "feel"),
                ("knew", "know"),
                ("known", "know"),
            ],
        )
    })
}

/// The lemma of a speech verb form ("warned" -> "warn"), if `word` is one.
pub fn speech_verb(word: &str) -> Option<&'static str> {
    lookup(speech_forms(), word)
}

/// Whether `word` is a form of a verb that reports findings ("found", "shows").
pub fn finding_verb(word: &str) -> bool {
    lookup(finding_forms(), word).is_some()
}

/// Whether `word` is a form of a belief or cognition verb ("thinks", "feared").
pub fn belief_verb(word: &str) -> bool {
    lookup(belief_forms(), word).is_some()
}

/// Whether `word` (singular or plural) is a speech noun ("claims", "warning").
pub fn speech_noun(word: &str) -> bool {
    static SET: OnceLock<crate::hash::FastSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| SPEECH_NOUNS.iter().copied().collect());
    with_lowercase(word, |w| {
        set.contains(w)
            || w.strip_suffix('s')
                .is_some_and(|singular| set.contains(singular))
    })
}

/// `speech_verb(word).is_some() || finding_verb(word) || speech_noun(word)`, or "according":
/// the words that make a sentence worth parsing, in one look-up.
pub fn may_cue(word: &str) -> bool {
    static SET: OnceLock<crate::hash::FastSet<String>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let nouns = SPEECH_NOUNS
            .iter()
            .flat_map(|&n| [n.to_string(), format!("{n}s")]);
        speech_forms()
            .keys()
            .chain(finding_forms().keys())
            .cloned()
            .chain(nouns)
            .chain(["according".to_string()])
            .collect()
    });
    with_lowercase(word, |w| set.contains(w))
}

/// Whether `word` names a document or study ("report", "surveys").
pub fn is_document_noun(word: &str) -> bool {
    with_lowercase(word, |w| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        DOCUMENT_NOUNS.contains(&w) || DOCUMENT_NOUNS.contains(&singular)
    })
}

/// Whether the speech verb form is a participle of the kind that continues a clause
/// ("..., adding that", "..., saying").
pub fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.to_lowercase().ends_with("ing")
}

/// Verbs whose object is the addressee ("told reporters that ...").
pub fn takes_addressee(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell" | "warn" | "advise" | "urge" | "caution" | "promise" | "assure"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_look_up_finds_every_cue_word() {
        let words = [
            "said",
            "Says",
            "TOLD",
            "found",
            "shows",
            "claims",
            "warning",
            "According",
            "the",
            "Minister",
            "thinks",
            "reports",
            "saids",
            "accord",
        ];
        for w in words {
            let any = speech_verb(w).is_some()
                || finding_verb(w)
                || speech_noun(w)
                || w.eq_ignore_ascii_case("according");
            assert_eq!(may_cue(w), any, "{w}");
        }
        assert!(may_cue("said") && !may_cue("the"));
    }

    #[test]
    fn speech_verbs_in_every_form() {
        for w in [
            "said",
            "says",
            "say",
            "saying",
            "told",
            "warned",
            "warns",
            "argued",
            "argues",
            "denied",
            "denies",
            "admitted",
            "insisted",
            "stressed",
            "noted",
            "explained",
            "announced",
            "conceded",
            "intimated",
            "Claimed",
            "tweeted",
        ] {
            assert!(speech_verb(w).is_some(), "{w}");
        }
        assert_eq!(speech_verb("admitted"), Some("admit"));
        assert_eq!(speech_verb("denies"), Some("deny"));
        assert_eq!(speech_verb("arguing"), Some("argue"));
    }

    #[test]
    fn belief_and_other_verbs_are_not_speech() {
        for w in [
            "thinks", "hoped", "feared", "believes", "worried", "walked", "sadly", "Saturn",
        ] {
            assert!(speech_verb(w).is_none(), "{w}");
        }
        for w in ["thinks", "hoped", "feared", "believes", "thought"] {
            assert!(belief_verb(w), "{w}");
        }
    }

    #[test]
    fn nouns_and_findings() {
        assert!(speech_noun("claims"));
        assert!(speech_noun("insistence"));
        assert!(!speech_noun("claimant"));
        assert!(finding_verb("found"));
        assert!(finding_verb("shows"));
        assert!(is_document_noun("surveys"));
        assert!(!is_document_noun("minister"));
    }
}
