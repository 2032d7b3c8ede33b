//! Mention groups: all mentions of one referent ("Mustafa al-Kadhimi", "Kadhimi").

use crate::analysis::{Entity, Group, GroupId, Label, Quote};

/// Groups name entities, sets each entity's and each quote speaker's `group`, and returns the
/// groups in order of first mention.
///
/// A shorter mention joins the group of a longer name of the same type whose words it ends
/// with ("Kadhimi" joins "Mustafa al-Kadhimi"; "al-Kadhimi" too, by its last word).
pub fn group(text: &str, entities: &mut [Entity], quotes: &mut [Quote]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
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
    for i in order {
        let e = &entities[i];
        let name = e.span.slice(text);
        let found = groups
            .iter_mut()
            .find(|g| g.label == e.label && same_referent(&g.name, name));
        let id = match found {
            Some(g) => {
                g.mentions.push(e.span);
                g.id
            }
            None => {
                let id = GroupId(groups.len() as u32);
                groups.push(Group {
                    id,
                    label: e.label,
                    name: name.to_string(),
                    mentions: vec![e.span],
                });
                id
            }
        };
        entities[i].group = Some(id);
    }
    for g in &mut groups {
        g.mentions.sort();
    }
    // Renumber in order of first mention so ids read naturally.
    groups.sort_by_key(|g| g.mentions[0]);
    let renumber: Vec<(GroupId, GroupId)> = groups
        .iter()
        .enumerate()
        .map(|(k, g)| (g.id, GroupId(k as u32)))
        .collect();
    let map = |id: GroupId| {
        renumber
            .iter()
            .find(|(old, _)| *old == id)
            .map(|(_, new)| *new)
    };
    for g in &mut groups {
        g.id = map(g.id).expect("every group is renumbered");
    }
    for e in entities.iter_mut() {
        e.group = e.group.and_then(map);
    }
    for q in quotes.iter_mut() {
        if let Some(s) = q.speaker.as_mut() {
            let g = s
                .mention
                .and_then(|m| entities.iter().find(|e| e.span == m).and_then(|e| e.group))
                .or_else(|| {
                    groups
                        .iter()
                        .find(|g| g.label == Label::Per && same_referent(&g.name, &s.name))
                        .map(|g| g.id)
                })
                .or_else(|| {
                    groups
                        .iter()
                        .find(|g| same_referent(&g.name, &s.name))
                        .map(|g| g.id)
                });
            s.group = g;
            if let Some(g) = g.and_then(|id| groups.iter().find(|x| x.id == id)) {
                s.name = g.name.clone();
            }
        }
    }
    groups
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn last_word(s: &str) -> &str {
    let w = s.split_whitespace().next_back().unwrap_or(s);
    // "al-Kadhimi" and "Kadhimi" share their last part.
    w.rsplit('-').next().unwrap_or(w)
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

    #[test]
    fn short_forms_join_the_full_name() {
        assert!(same_referent("Mustafa al-Kadhimi", "Kadhimi"));
        assert!(same_referent("Mustafa al-Kadhimi", "al-Kadhimi"));
        assert!(!same_referent("Mustafa al-Kadhimi", "Mustafa"));
        assert!(!same_referent("Joe Biden", "Hunter Biden"));
    }
}
