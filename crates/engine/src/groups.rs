//! Mention groups: all mentions of one referent ("Mustafa al-Kadhimi", "Kadhimi", "Iraq's
//! prime minister").
//!
//! Name entities are grouped first: a shorter name joins the group of a longer name of the same
//! type whose last word it shares. Then each quote's speaker joins the group of its name (or
//! starts one), its mention (a name, or a description such as "the minister") is added to the
//! group, and the speaker takes the group's fullest name.

use crate::analysis::{Entity, Group, GroupId, Label, Quote};
use crate::hash::FastMap;
use crate::quotes::phrases::is_title;
use crate::span::Span;

/// Groups name entities and quote speakers, sets each entity's and each speaker's `group`, and
/// returns the groups in order of first mention.
pub fn group(text: &str, entities: &mut [Entity], quotes: &mut [Quote]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // The key of each group's label and last word (see `last_key`), kept with its name.
    let mut lasts: Vec<u64> = Vec::new();
    let mut entity_group: Vec<Option<usize>> = vec![None; entities.len()];
    // Longer names first, so that short forms find the full name they abbreviate.
    let mut order: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].label.is_name())
        .collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(word_count(entities[i].span.slice(text))),
            entities[i].span.start(),
        )
    });
    // Names already placed: repeated mentions of the same words skip the search.
    let mut placed: FastMap<(Label, &str), usize> = FastMap::default();
    for i in order {
        let e = &entities[i];
        let name = e.span.slice(text);
        let g = match placed.get(&(e.label, name)) {
            Some(&g) => {
                groups[g].mentions.push(e.span);
                g
            }
            None => {
                let g = join(&mut groups, &mut lasts, e.label, name, e.span);
                placed.insert((e.label, name), g);
                g
            }
        };
        entity_group[i] = Some(g);
    }
    let entity_at: FastMap<Span, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.span, i))
        .collect();
    let mut speaker_group: Vec<Option<usize>> = vec![None; quotes.len()];
    for (qi, q) in quotes.iter().enumerate() {
        let Some(s) = q.speaker.as_ref() else {
            continue;
        };
        let by_mention = s.mention.and_then(|m| {
            entity_at
                .get(&m)
                .and_then(|&i| entity_group[i])
                .filter(|&g| matches!(groups[g].label, Label::Per | Label::Org))
        });
        // Descriptions ("analysts at Harbor Bank") join only a group of the same words.
        let g = by_mention.or_else(|| {
            if is_name_like(&s.name) {
                find(&groups, s.label, &s.name)
            } else {
                groups.iter().position(|g| g.name == s.name)
            }
        });
        let g = match (g, s.label) {
            (Some(g), _) => Some(g),
            (None, Some(label @ (Label::Per | Label::Org))) => Some(join(
                &mut groups,
                &mut lasts,
                label,
                &s.name,
                s.mention.unwrap_or_default(),
            )),
            _ => None,
        };
        if let (Some(g), Some(m)) = (g, s.mention) {
            let pronoun = word_count(m.slice(text)) == 1
                && m.slice(text).chars().next().is_some_and(char::is_lowercase);
            // Repeated mentions are removed below, after sorting.
            if !pronoun && !m.is_empty() {
                groups[g].mentions.push(m);
            }
            // A longer form of the name seen only as a speaker becomes the group's name.
            let name = strip_titles(&s.name);
            if same_referent(name, &groups[g].name)
                && word_count(name) > word_count(&groups[g].name)
            {
                groups[g].name = name.to_string();
                lasts[g] = last_key(groups[g].label, name);
            }
        }
        speaker_group[qi] = g;
    }
    groups.retain(|g| !g.mentions.is_empty() || !g.name.is_empty());
    // Renumber in order of first mention so ids read naturally.
    for g in &mut groups {
        g.mentions.retain(|m| !m.is_empty());
        g.mentions.sort();
        g.mentions.dedup();
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| {
        groups[g]
            .mentions
            .first()
            .copied()
            .unwrap_or_default()
            .start()
    });
    let mut new_id = vec![GroupId(0); groups.len()];
    for (k, &g) in order.iter().enumerate() {
        new_id[g] = GroupId(k as u32);
        groups[g].id = GroupId(k as u32);
    }
    for (i, e) in entities.iter_mut().enumerate() {
        e.group = entity_group[i].map(|g| new_id[g]);
    }
    for (qi, q) in quotes.iter_mut().enumerate() {
        if let (Some(s), Some(g)) = (q.speaker.as_mut(), speaker_group[qi]) {
            s.group = Some(new_id[g]);
            s.name = groups[g].name.clone();
            s.label = Some(groups[g].label);
        }
    }
    groups.sort_by_key(|g| g.id);
    groups
}

/// The group a name belongs to: same label when known, the longest matching name first.
fn find(groups: &[Group], label: Option<Label>, name: &str) -> Option<usize> {
    let by_label = find_with(groups, |g| label.is_none_or(|l| g.label == l), name);
    // The recogniser may label a short form differently ("Baldawi" as an organisation).
    by_label.or_else(|| find_with(groups, |g| matches!(g.label, Label::Per | Label::Org), name))
}

fn find_with(groups: &[Group], fits: impl Fn(&Group) -> bool, name: &str) -> Option<usize> {
    (0..groups.len())
        .filter(|&g| fits(&groups[g]) && refers(groups[g].label, &groups[g].name, name))
        .max_by_key(|&g| word_count(&groups[g].name))
        .or_else(|| {
            (0..groups.len())
                .filter(|&g| fits(&groups[g]) && refers(groups[g].label, name, &groups[g].name))
                .max_by_key(|&g| word_count(&groups[g].name))
        })
}

/// A name without the titles written before it ("Defence Minister Ada Lang" -> "Ada Lang").
pub fn strip_titles(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some((first, tail)) = rest.split_once(char::is_whitespace) {
        let next = tail.split_whitespace().next().unwrap_or("");
        // A demonym or country acronym before a title: "Iraqi Prime Minister", "US Senator".
        let modifier = is_title(next) && (is_demonym(first) || is_acronym(first));
        if !is_title(first) && !modifier {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

/// A name without its titles and a possessive ("Sen. Okafor's" → "Okafor").
pub fn bare_name(name: &str) -> &str {
    let name = strip_titles(name);
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .unwrap_or(name)
}

fn is_demonym(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && ["i", "an", "ese", "ish", "ch"]
            .iter()
            .any(|s| w.ends_with(s))
}

fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Adds a mention to the group of its name (or a new group); returns the group's index.
/// `lasts[g]` is `last_key` of group `g`'s label and name.
fn join(
    groups: &mut Vec<Group>,
    lasts: &mut Vec<u64>,
    label: Label,
    name: &str,
    mention: Span,
) -> usize {
    let name = if label == Label::Per {
        strip_titles(name)
    } else {
        name
    };
    // People and other names refer to a group only through a shared last word: compare that
    // first, by key (long texts hold hundreds of groups).
    let key = last_key(label, name);
    let by_last_word = !matches!(label, Label::Org | Label::Loc);
    // Places and organisations also refer through initials and (organisations) the words
    // before "of": `might_refer` lets only those through besides a shared last word.
    let initials = looks_like_initials(name);
    let might_refer = |g: usize| {
        if by_last_word {
            lasts[g] == key && last_word(&groups[g].name) == last_word(name)
        } else {
            lasts[g] == key || initials || label == Label::Org && groups[g].name.starts_with(name)
        }
    };
    let found = (0..groups.len()).find(|&g| {
        groups[g].label == label && might_refer(g) && refers(label, &groups[g].name, name)
    });
    let g = match found {
        Some(g) => g,
        None => {
            groups.push(Group {
                id: GroupId(groups.len() as u32),
                label,
                name: name.to_string(),
                mentions: Vec::new(),
            });
            lasts.push(key);
            groups.len() - 1
        }
    };
    groups[g].mentions.push(mention);
    g
}

/// Whether every word of `s` is capitalised, apart from particles ("House of Lords",
/// "Mustafa al-Kadhimi").
fn is_name_like(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| !c.is_lowercase())
            || matches!(
                w,
                "of" | "for" | "and" | "the" | "de" | "van" | "von" | "bin" | "da"
            )
            || w.contains('-')
    })
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A hash of a label and a name's last word: equal for names that share both.
fn last_key(label: Label, name: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<crate::hash::FastHasher>::default().hash_one((label, last_word(name)))
}

fn last_word(s: &str) -> &str {
    let w = s.split_whitespace().next_back().unwrap_or(s);
    // "al-Kadhimi" and "Kadhimi" share their last part.
    w.rsplit('-').next().unwrap_or(w)
}

/// Whether `short` names the same referent as `full`, by the rules of the label.
fn refers(label: Label, full: &str, short: &str) -> bool {
    match label {
        Label::Org => same_organisation(full, short),
        // Places are also written by their initials ("US", "U.S." for "United States").
        Label::Loc => same_referent(full, short) || is_initials_of(full, short),
        _ => same_referent(full, short),
    }
}

/// Whether `s` is written like initials: capitals and full stops only.
fn looks_like_initials(s: &str) -> bool {
    s.chars().all(|c| c == '.' || c.is_ascii_uppercase())
}

/// Whether `short` is the initials of the words of `full` ("UAE", "U.S."), at least two.
pub fn is_initials_of(full: &str, short: &str) -> bool {
    // Compared letter by letter without building strings: names are compared with every
    // group of their type.
    if !looks_like_initials(short) {
        return false;
    }
    let mut letters = short.chars().filter(|&c| c != '.');
    let mut initials = full
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()));
    let mut matched = 0;
    loop {
        match (letters.next(), initials.next()) {
            (Some(a), Some(b)) if a == b => matched += 1,
            (None, None) => return matched >= 2,
            _ => return false,
        }
    }
}

/// Organisations are also named by the words before "of" ("the Bank" for "Bank of England")
/// and by their initials ("MMF" for "Music Managers' Forum").
pub fn same_organisation(full: &str, short: &str) -> bool {
    let head = full.split(" of ").next().unwrap_or(full);
    // "England" is not "Bank of England": after "of" comes what the body is of.
    if head == full && same_referent(full, short) || full == short {
        return true;
    }
    let short_words = word_count(short);
    if head != full && head == short && short_words >= 1 {
        return true;
    }
    is_initials_of(full, short)
}

/// Whether `short` can refer to the same referent as the full name `full`.
pub fn same_referent(full: &str, short: &str) -> bool {
    if full == short {
        return true;
    }
    let (fw, sw) = (word_count(full), word_count(short));
    sw < fw && last_word(full) == last_word(short)
        || sw == 1 && fw == 1 && last_word(full) == last_word(short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    #[test]
    fn short_forms_join_the_full_name() {
        assert!(same_referent("Mustafa al-Kadhimi", "Kadhimi"));
        assert!(same_referent("Mustafa al-Kadhimi", "al-Kadhimi"));
        assert!(!same_referent("Mustafa al-Kadhimi", "Mustafa"));
        assert!(!same_referent("Joe Biden", "Hunter Biden"));
    }

    #[test]
    fn a_mention_joins_through_last_word_head_or_initials() {
        let (mut groups, mut lasts) = (Vec::new(), Vec::new());
        let mut put = |label, name| join(&mut groups, &mut lasts, label, name, Span::new(0, 1));
        let bank = put(Label::Org, "Bank of England");
        let union = put(Label::Org, "Rail Workers Union");
        let states = put(Label::Loc, "United States");
        assert_eq!(put(Label::Org, "Bank"), bank, "the words before \"of\"");
        assert_eq!(put(Label::Org, "Union"), union, "the last word");
        assert_eq!(put(Label::Org, "RWU"), union, "initials");
        assert_eq!(put(Label::Loc, "U.S."), states, "a place's initials");
        assert_eq!(put(Label::Loc, "States"), states, "a place's last word");
        let england = put(Label::Org, "England");
        assert!(
            ![bank, union, states].contains(&england),
            "what a body is of"
        );
        assert_ne!(put(Label::Loc, "Bank"), bank, "another type");
    }

    #[test]
    fn organisations_by_head_and_initials() {
        assert!(same_organisation("Bank of England", "Bank"));
        assert!(same_organisation("Music Managers' Forum", "MMF"));
        assert!(same_organisation("Rail Workers Union", "Union"));
        assert!(!same_organisation("Bank of England", "England"));
        assert!(!same_organisation("Music Managers' Forum", "BBC"));
    }

    #[test]
    fn names_and_descriptions() {
        assert!(is_name_like("Mustafa al-Kadhimi"));
        assert!(is_name_like("House of Lords Economic Affairs Committee"));
        assert!(!is_name_like("analysts at Harbor Bank"));
        assert!(!is_name_like("A US Embassy spokesman"));
    }

    #[test]
    fn titles_are_not_part_of_the_name() {
        assert_eq!(strip_titles("Defence Minister Ada Lang"), "Ada Lang");
        assert_eq!(strip_titles("State Sen. Ann Cole"), "Ann Cole");
        assert_eq!(strip_titles("Ann Cole"), "Ann Cole");
        assert_eq!(
            strip_titles("Kenyan Foreign Minister Ruth Oduya"),
            "Ruth Oduya"
        );
        assert_eq!(strip_titles("US Senator Bo Hale"), "Bo Hale");
        assert_eq!(strip_titles("Italian Open"), "Italian Open");
    }

    /// A description the rules resolve to a name joins that name's group (the learned model
    /// keeps such descriptions as speakers of their own, as its training data does).
    #[cfg(feature = "embedded-model")]
    #[test]
    fn speaker_descriptions_join_the_named_group() {
        let t = "Defence Minister Ada Lang visited the base.\n\n\
                 The minister said the troops would stay.\n\n\
                 \"We are ready,\" Lang said.";
        let a = crate::rules_engine().analyze(t);
        assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
        let g0 = a.quotes[0].speaker.as_ref().unwrap();
        let g1 = a.quotes[1].speaker.as_ref().unwrap();
        assert_eq!(g0.name, "Ada Lang");
        assert_eq!(g1.name, "Ada Lang");
        assert_eq!(g0.group, g1.group);
        let group = a.group(g0.group.unwrap()).unwrap();
        let mentions: Vec<&str> = group.mentions.iter().map(|m| m.slice(t)).collect();
        assert!(mentions.contains(&"The minister"), "{mentions:?}");
    }

    /// (text, a mention, another mention, whether they are one group) on sentences written for
    /// this test, one or more per type, with negatives.
    #[test]
    fn groups_for_every_type() {
        let cases: &[(&str, &str, &str, bool)] = &[
            ("Prime Minister Mustafa al-Kadhimi spoke. Later, al-Kadhimi left, and Kadhimi flew home.", "Mustafa al-Kadhimi", "Kadhimi", true),
            ("Prime Minister Mustafa al-Kadhimi spoke. Later, al-Kadhimi left, and Kadhimi flew home.", "Mustafa al-Kadhimi", "al-Kadhimi", true),
            ("Joe Biden met Hunter Biden in Delaware on Friday.", "Joe Biden", "Hunter Biden", false),
            ("The Popular Mobilization United fighters gathered. The PMU said it would stay.", "Popular Mobilization United", "PMU", true),
            ("The Bank of England raised rates. Shoppers in England were worried.", "Bank of England", "England", false),
            ("Troops from the United States arrived. The US embassy said the U.S. would help.", "United States", "US", true),
            ("Troops from the United States arrived. The US embassy said the U.S. would help.", "United States", "U.S.", true),
            ("Officials in Washington said the United States would not pay.", "Washington", "United States", false),
            ("Iraqi forces and Iranian advisers met. Iraqi officials agreed.", "Iraqi", "Iraqi", true),
            ("Iraqi forces and Iranian advisers met. Iraqi officials agreed.", "Iraqi", "Iranian", false),
        ];
        for &(text, a, b, same) in cases {
            let analysis = analyze(text);
            let group_of = |name: &str, nth: usize| {
                analysis
                    .entities
                    .iter()
                    .filter(|e| e.span.slice(text) == name)
                    .nth(nth)
                    .unwrap_or_else(|| {
                        panic!("{name:?} is an entity in {text:?}: {:?}", analysis.entities)
                    })
                    .group
            };
            let nth_b = usize::from(a == b);
            let (ga, gb) = (group_of(a, 0), group_of(b, nth_b));
            assert!(ga.is_some(), "{a} has a group");
            assert_eq!(ga == gb, same, "{a:?} and {b:?} in {text:?}");
        }
        assert!(is_initials_of("United Arab Emirates", "UAE"));
        assert!(!is_initials_of("United States", "USA"));
        assert!(is_initials_of("United States", "U.S."));
        assert!(!is_initials_of("United States", "U"));
        assert!(!is_initials_of("Bank of England", "BoE"));
        assert!(!is_initials_of("Ünited Staates", "US"));
    }
}
