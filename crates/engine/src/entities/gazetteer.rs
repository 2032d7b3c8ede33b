//! Name lists compiled into the engine (see `data/README.md` for sources and licences).

use crate::hash::{FastMap, FastSet};
use std::sync::OnceLock;

/// What a gazetteer knows about a name.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Countries, capitals and cities (single and multi-word, as written).
    pub places: FastSet<&'static str>,
    /// Nationality adjectives ("Iraqi").
    pub nationalities: FastSet<&'static str>,
    /// Common first names.
    pub first_names: FastSet<&'static str>,
    /// Company legal-form terms, lower case ("inc", "plc", "gmbh").
    pub org_suffixes: FastSet<&'static str>,
    /// For the first word of each place name of two words or more, the most words such a
    /// name has: a phrase is only looked up when its first word starts one.
    pub place_words: FastMap<&'static str, u8>,
}

const DATA: &str = include_str!("../../data/gazetteer.tsv");

impl Gazetteer {
    /// The compiled-in gazetteer, parsed once.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(DATA))
    }

    fn parse(data: &'static str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let Some((kind, name)) = line.split_once('\t') else {
                continue;
            };
            match kind {
                "LOC" => {
                    let mut words = name.split(' ');
                    let first = words.next().unwrap_or(name);
                    let n = 1 + words.count();
                    if n >= 2 {
                        let most = g.place_words.entry(first).or_default();
                        *most = (*most).max(u8::try_from(n).unwrap_or(u8::MAX));
                    }
                    g.places.insert(name);
                }
                "NAT" => {
                    g.nationalities.insert(name);
                }
                "FIRST" => {
                    g.first_names.insert(name);
                }
                "ORGSUF" => {
                    g.org_suffixes.insert(name.trim_end_matches('.'));
                }
                _ => {}
            }
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_filtered_and_names_kept() {
        let g = Gazetteer::get();
        for noise in ["Of", "March", "Police", "Most", "May", "Monday"] {
            assert!(!g.places.contains(noise), "{noise} is not a place");
            assert!(
                !g.first_names.contains(noise),
                "{noise} is not a first name"
            );
        }
        for place in ["Baghdad", "Washington", "Iraq", "New York City"] {
            assert!(g.places.contains(place), "{place}");
        }
        assert!(g.nationalities.contains("Iraqi"));
        // The name features look a lower-case word up among the legal forms only.
        for name in g
            .places
            .iter()
            .chain(&g.nationalities)
            .chain(&g.first_names)
        {
            assert!(name.chars().any(char::is_uppercase), "{name} has a capital");
        }
        assert!(g.first_names.contains("Joe"));
        assert!(g.place_words["New"] >= 3, "New York City");
        assert!(
            !g.place_words.contains_key("Baghdad"),
            "no longer name starts with it"
        );
        for place in &g.places {
            let words = place.split(' ').count();
            if words >= 2 {
                let first = place.split(' ').next().unwrap_or_default();
                assert!(usize::from(g.place_words[first]) >= words, "{place}");
            }
        }
        assert!(g.org_suffixes.contains("inc"));
    }
}
