//! End-to-end smoke test on the Press TV sample: its nine direct quotes and their speakers.

use annotator_engine::{analyze, QuoteKind};
use std::path::{Path, PathBuf};

fn sample() -> String {
    let dir = std::env::var("SHARED_DIR").unwrap_or_else(|_| {
        panic!("SHARED_DIR is not set: run with SHARED_DIR=../shared (the Makefile sets it)")
    });
    // A relative SHARED_DIR is relative to the workspace root (where the Makefile runs).
    let mut base = PathBuf::from(&dir);
    if base.is_relative() && !base.exists() {
        base = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(&dir);
    }
    let path = base.join("samples/press-tv-iraq-foreign-forces.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the sample {}: {e}", path.display()))
}

#[test]
fn nine_direct_quotes_with_their_speakers() {
    let text = sample();
    let analysis = analyze(&text);
    let direct: Vec<(&str, String)> = analysis
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .map(|q| {
            let speaker = q
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            (q.span.slice(&text), speaker)
        })
        .collect();
    let expected = [
        (
            "There is no need for any foreign combat forces",
            "Mustafa al-Kadhimi",
        ),
        ("The war against [Daesh]", "Mustafa al-Kadhimi"),
        ("What we want from the US presence", "Mustafa al-Kadhimi"),
        ("We will ask the American side", "Mustafa al-Kadhimi"),
        ("The parliament has underscored", "Muhammad al-Baldawi"),
        ("Iraq is facing many problems", "Muhammad al-Baldawi"),
        (
            "Americans' training and advisory [role]",
            "Nasr al-Shammari",
        ),
        (
            "We need to work with the International Coalition",
            "Fuad Hussein",
        ),
        (
            "We need cooperation in the field of intelligence",
            "Fuad Hussein",
        ),
    ];
    assert_eq!(direct.len(), expected.len(), "direct quotes: {direct:#?}");
    for ((quote, speaker), (start, who)) in direct.iter().zip(expected) {
        assert!(
            quote.starts_with(start),
            "expected a quote starting {start:?}, got {quote:?}"
        );
        assert_eq!(speaker, who, "speaker of {quote:?}");
    }
    // The possessive in "Americans' training" is not a closing mark.
    assert!(
        direct[6].0.contains("We do not tolerate"),
        "{:?}",
        direct[6].0
    );
}

#[test]
fn each_speaker_is_one_group() {
    let text = sample();
    let analysis = analyze(&text);
    let group_of = |name: &str| {
        let groups: Vec<_> = analysis
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .filter(|s| s.name == name)
            .map(|s| s.group)
            .collect();
        assert!(!groups.is_empty(), "no quote by {name}");
        assert!(
            groups.iter().all(|g| g.is_some() && *g == groups[0]),
            "{name}: {groups:?}"
        );
        groups[0].unwrap()
    };
    let kadhimi = analysis.group(group_of("Mustafa al-Kadhimi")).unwrap();
    let mentions: Vec<&str> = kadhimi.mentions.iter().map(|m| m.slice(&text)).collect();
    assert!(mentions.contains(&"Kadhimi"), "{mentions:?}");
    assert!(mentions.contains(&"Mustafa al-Kadhimi"), "{mentions:?}");
    assert_ne!(group_of("Muhammad al-Baldawi"), group_of("Fuad Hussein"));
}
