//! Earlier versions of the export, migrated step by step to the current one, so that every file
//! the app ever wrote can be read. Each step works on the JSON as written and drops nothing.
//!
//! - Version 1 → 2: each quote gained the words its attribution rests on (`cue`,
//!   `speaker_mention`) and the engine's `confidence`; version 1 has none, so they become null.
//! - Version 2 → 3: decisions `set_speaker` and `set_label` became one `correct` (which can
//!   also move boundaries), `accept` and the status `accepted` appeared, highlights gained an
//!   optional `label` and `tags`, the document its dates.

use super::VERSION;
use crate::error::AppError;
use serde_json::{Map, Value};

/// `value`, written as version `version`, in the current version.
pub fn to_current(mut value: Value, version: u64) -> Result<Value, AppError> {
    if version == 0 || version > u64::from(VERSION) {
        return Err(AppError::ExportUnknownVersion(version));
    }
    let root = value
        .as_object_mut()
        .ok_or_else(|| AppError::ExportUnreadable("the file is not a JSON object".into()))?;
    if version < 2 {
        v1_to_v2(root)?;
    }
    if version < 3 {
        v2_to_v3(root)?;
    }
    root.insert("version".into(), Value::from(VERSION));
    Ok(value)
}

fn array<'a>(
    root: &'a mut Map<String, Value>,
    field: &str,
) -> Result<&'a mut Vec<Value>, AppError> {
    root.get_mut(field)
        .and_then(Value::as_array_mut)
        .ok_or_else(|| AppError::ExportUnreadable(format!("the field \"{field}\" is not a list")))
}

fn v1_to_v2(root: &mut Map<String, Value>) -> Result<(), AppError> {
    for a in array(root, "annotations")? {
        if let Some(a) = a.as_object_mut().filter(|a| a["kind"] == "quote") {
            for field in ["cue", "speaker_mention", "confidence"] {
                a.entry(field).or_insert(Value::Null);
            }
        }
    }
    Ok(())
}

fn v2_to_v3(root: &mut Map<String, Value>) -> Result<(), AppError> {
    for d in array(root, "decisions")? {
        migrate_decision_v1(d);
    }
    Ok(())
}

/// A decision as versions 1 and 2 wrote it (the export's and storage's alike), in today's form:
/// `set_speaker` and `set_label` are corrections.
pub fn migrate_decision_v1(d: &mut Value) {
    if let Some(d) = d.as_object_mut() {
        if matches!(
            d.get("action").and_then(Value::as_str),
            Some("set_speaker" | "set_label")
        ) {
            d.insert("action".into(), "correct".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read, Annotation};
    use super::*;

    const V1: &str = include_str!("../../tests/fixtures/annotations-v1.json");
    const V1_AS_V2: &str = include_str!("../../tests/fixtures/annotations-v1-migrated.json");
    const V2: &str = include_str!("../../tests/fixtures/annotations-v2.json");
    const V2_AS_V3: &str = include_str!("../../tests/fixtures/annotations-v2-migrated.json");

    fn json(s: &str) -> Value {
        serde_json::from_str(s).unwrap()
    }

    /// Every field of every annotation of `old` has the same value in `new`, except `renamed`.
    fn keeps_every_field(old: &Value, new: &Value) {
        assert_eq!(old["text"], new["text"]);
        let (old, new) = (
            old["annotations"].as_array().unwrap(),
            new["annotations"].as_array().unwrap(),
        );
        assert_eq!(old.len(), new.len());
        for (o, n) in old.iter().zip(new) {
            for (field, value) in o.as_object().unwrap() {
                assert_eq!(&n[field], value, "{field} of {}", o["id"]);
            }
        }
    }

    #[test]
    fn version_1_migrates_to_the_committed_version_2_file() {
        // The committed migrations are validated against their schemas by the end-to-end
        // tests (schema.test.mjs), so this also shows that migrated files are valid.
        let mut v = json(V1);
        v1_to_v2(v.as_object_mut().unwrap()).unwrap();
        v["version"] = 2.into();
        assert_eq!(v, json(V1_AS_V2));
        keeps_every_field(&json(V1), &v);
    }

    #[test]
    fn version_2_migrates_to_the_committed_version_3_file() {
        let v = to_current(json(V2), 2).unwrap();
        assert_eq!(v, json(V2_AS_V3));
        keeps_every_field(&json(V2), &v);
    }

    #[test]
    fn every_version_reads_with_its_notes_decisions_and_evidence() {
        for (file, version) in [(V1, 1), (V2, 2)] {
            let old = json(file);
            let read = read(file).unwrap_or_else(|e| panic!("version {version}: {e}"));
            assert_eq!(read.version, VERSION);
            assert_eq!(read.text, old["text"].as_str().unwrap());
            assert_eq!(
                read.decisions.len(),
                old["decisions"].as_array().unwrap().len()
            );
            let notes: Vec<&str> = read
                .annotations
                .iter()
                .filter_map(|a| match a {
                    Annotation::Note(n) => Some(n.note.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(notes, ["invented town"], "version {version}");
        }
        // Version 2 files carry evidence, and it survives.
        let read = read(V2).unwrap();
        let evidence = read.annotations.iter().any(
            |a| matches!(a, Annotation::Quote(q) if q.cue.is_some() && q.confidence.is_some()),
        );
        assert!(evidence);
    }

    #[test]
    fn a_null_speaker_stays_null() {
        let file = V1.replacen("\"speaker\": \"Clara Osei\"", "\"speaker\": null", 1);
        let read = read(&file).unwrap();
        let first = read
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
