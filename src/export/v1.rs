//! Format version 1 of the export (`schema/annotations-v1.schema.json`), read so that files
//! written by earlier versions of the app keep working, and migrated to the current version.
//!
//! Version 2 added to each quote the words its attribution rests on (`cue`,
//! `speaker_mention`) and the engine's `confidence`; version 1 files have none of them, so the
//! migration sets them to null: nothing in a version 1 file is dropped.

use super::{Annotation, Base, EntityOut, Export as Current, GroupOut, NoteOut, QuoteOut};
use crate::document::Decision;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Export {
    pub format: String,
    pub title: String,
    pub offsets: String,
    pub text: String,
    pub annotations: Vec<AnnotationV1>,
    pub groups: Vec<GroupOut>,
    pub decisions: Vec<Decision>,
}

/// A version 1 annotation: one flat record whose `kind` says which fields it has.
#[derive(Debug, Deserialize)]
pub struct AnnotationV1 {
    pub kind: KindV1,
    #[serde(flatten)]
    pub base: Base,
    pub label: Option<String>,
    pub group: Option<String>,
    /// Quotes: the speaker or null (`Some(None)`); other kinds have no such field (`None`).
    #[serde(default, deserialize_with = "present")]
    pub speaker: Option<Option<String>>,
    pub speaker_group: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindV1 {
    Quote,
    Entity,
    Note,
}

/// Tells a field that is present but null (`Some(None)`) from one that is missing (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The same document in the current version.
pub fn migrate(v1: Export) -> Current {
    let annotations = v1
        .annotations
        .into_iter()
        .map(|a| match a.kind {
            KindV1::Quote => Annotation::Quote(QuoteOut {
                base: a.base,
                label: a.label.unwrap_or_default(),
                speaker: a.speaker.flatten(),
                speaker_group: a.speaker_group,
                cue: None,
                speaker_mention: None,
                confidence: None,
            }),
            KindV1::Entity => Annotation::Entity(EntityOut {
                base: a.base,
                label: a.label.unwrap_or_default(),
                group: a.group,
            }),
            KindV1::Note => Annotation::Note(NoteOut {
                base: a.base,
                note: a.note.unwrap_or_default(),
            }),
        })
        .collect();
    Current {
        format: v1.format,
        version: super::VERSION,
        title: v1.title,
        offsets: v1.offsets,
        text: v1.text,
        annotations,
        groups: v1.groups,
        decisions: v1.decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/annotations-v1.json");
    const MIGRATED: &str = include_str!("../../tests/fixtures/annotations-v1-migrated.json");

    #[test]
    fn the_version_1_fixture_is_read_and_migrated_whole() {
        let migrated = read(FIXTURE).expect("version 1 is read");
        let original: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
        assert_eq!(migrated.version, 2);
        assert_eq!(migrated.text, original["text"].as_str().unwrap());
        assert_eq!(
            migrated.annotations.len(),
            original["annotations"].as_array().unwrap().len()
        );
        // Every field of every version 1 annotation survives with its value.
        let after = serde_json::to_value(&migrated).unwrap();
        for (old, new) in original["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .zip(after["annotations"].as_array().unwrap())
        {
            for (field, value) in old.as_object().unwrap() {
                assert_eq!(&new[field], value, "{field} of {}", old["id"]);
            }
            if old["kind"] == "quote" {
                for field in ["cue", "speaker_mention", "confidence"] {
                    assert_eq!(new[field], serde_json::Value::Null, "{field}");
                }
            }
        }
        assert_eq!(after["decisions"], original["decisions"]);
        assert_eq!(after["groups"], original["groups"]);
    }

    #[test]
    fn the_migration_gives_the_committed_version_2_file() {
        // tests/fixtures/annotations-v1-migrated.json is validated against the version 2 schema
        // by the end-to-end tests, so this also shows that migrated files are valid version 2.
        let migrated = serde_json::to_value(read(FIXTURE).unwrap()).unwrap();
        let expected: serde_json::Value = serde_json::from_str(MIGRATED).unwrap();
        assert_eq!(migrated, expected);
    }

    #[test]
    fn a_null_speaker_stays_null() {
        let json = FIXTURE.replacen("\"speaker\": \"Clara Osei\"", "\"speaker\": null", 1);
        let migrated = read(&json).unwrap();
        let first = migrated
            .annotations
            .iter()
            .find_map(|a| match a {
                Annotation::Quote(q) => Some(q),
                _ => None,
            })
            .unwrap();
        assert_eq!(first.speaker, None);
    }
}
