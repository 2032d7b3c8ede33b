//! Merging two versions of one article changed apart (in two tabs), from the version both
//! started from. Pure, tested natively.
//!
//! Highlights and decisions are merged by id: what one side changed and the other did not
//! takes the change, what one side deleted and the other did not touch goes, what both added
//! stays (an id both sides used for different things is given anew on ours), and where both
//! changed the same annotation differently both versions are kept. No edit is lost. Texts
//! that both sides changed cannot be merged: both versions are kept, as two articles.

use crate::document::{Decision, DecisionId, Document, Note, NoteId};

/// What merging gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Merged {
    /// One document holding both sides' changes.
    One(Document),
    /// The texts differ: the article takes theirs, ours is kept beside it.
    Both { theirs: Document, ours: Document },
}

/// An annotation with an id.
trait Item: Clone + PartialEq {
    fn id(&self) -> u64;
    fn with_id(self, id: u64) -> Self;
}

impl Item for Note {
    fn id(&self) -> u64 {
        self.id.0
    }
    fn with_id(mut self, id: u64) -> Note {
        self.id = NoteId(id);
        self
    }
}

impl Item for Decision {
    fn id(&self) -> u64 {
        self.id.0
    }
    fn with_id(mut self, id: u64) -> Decision {
        self.id = DecisionId(id);
        self
    }
}

/// `ours` and `theirs`, both changed from `base`, in one.
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Merged {
    if ours == base || ours == theirs {
        return Merged::One(theirs.clone());
    }
    if theirs == base {
        return Merged::One(ours.clone());
    }
    if ours.text != theirs.text {
        return Merged::Both {
            theirs: theirs.clone(),
            ours: ours.clone(),
        };
    }
    let mut next_id = ours.next_id.max(theirs.next_id).max(1);
    let mut fresh = || {
        let id = next_id;
        next_id += 1;
        id
    };
    let mut notes = merge_items(&base.notes, &ours.notes, &theirs.notes, &mut fresh);
    let mut decisions = merge_items(
        &base.decisions,
        &ours.decisions,
        &theirs.decisions,
        &mut fresh,
    );
    // Notes and decisions share one space of ids, and each side handed out the same next
    // ones: an id met a second time is given anew.
    let mut seen = std::collections::HashSet::new();
    for n in &mut notes {
        if !seen.insert(n.id.0) {
            n.id = NoteId(fresh());
        }
    }
    for d in &mut decisions {
        if !seen.insert(d.id.0) {
            d.id = DecisionId(fresh());
        }
    }
    let pick = |b, o, t| if o == b { t } else { o };
    Merged::One(Document {
        text: theirs.text.clone(),
        title: pick(&base.title, &ours.title, &theirs.title).clone(),
        created: base.created.min(ours.created).min(theirs.created),
        modified: ours.modified.max(theirs.modified),
        notes,
        decisions,
        next_id,
    })
}

/// The three-way merge of one list of annotations, in theirs' order, then ours' additions.
fn merge_items<T: Item>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    fresh: &mut impl FnMut() -> u64,
) -> Vec<T> {
    let find = |list: &[T], id: u64| list.iter().find(|x| x.id() == id).cloned();
    let mut out: Vec<T> = Vec::new();
    for t in theirs {
        let b = find(base, t.id());
        let o = find(ours, t.id());
        match (b, o) {
            // Both have it: whoever changed it wins; both changed it: keep both.
            (Some(b), Some(o)) => {
                if o == b || o == *t {
                    out.push(t.clone());
                } else if *t == b {
                    out.push(o);
                } else {
                    out.push(t.clone());
                    out.push(o.with_id(fresh()));
                }
            }
            // We deleted it: it goes, unless they changed it meanwhile.
            (Some(b), None) => {
                if *t != b {
                    out.push(t.clone());
                }
            }
            // They added it; we may have added something else under the same id.
            (None, Some(o)) => {
                out.push(t.clone());
                if o != *t {
                    out.push(o.with_id(fresh()));
                }
            }
            (None, None) => out.push(t.clone()),
        }
    }
    for o in ours {
        if theirs.iter().any(|t| t.id() == o.id()) {
            continue; // handled above
        }
        match find(base, o.id()) {
            // They deleted it: it goes, unless we changed it meanwhile.
            Some(b) => {
                if *o != b {
                    out.push(o.clone());
                }
            }
            // We added it.
            None => out.push(o.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Change, NoteContent, Target};
    use annotator_engine::Span;

    const TEXT: &str = "Zorbex rose. Ana Ruiz spoke. Bo Chan left.";

    fn span_of(needle: &str) -> Span {
        let b = TEXT.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    fn note(text: &str) -> NoteContent {
        NoteContent {
            note: text.into(),
            ..NoteContent::default()
        }
    }

    fn one(m: Merged) -> Document {
        match m {
            Merged::One(d) => d,
            Merged::Both { .. } => panic!("kept both"),
        }
    }

    /// The notes of `doc` as (words, note), in order.
    fn notes(doc: &Document) -> Vec<(&str, &str)> {
        doc.notes
            .iter()
            .map(|n| (n.anchor.exact.as_str(), n.note.as_str()))
            .collect()
    }

    fn base() -> Document {
        let mut d = Document::new(TEXT);
        d.add_note(span_of("Zorbex"), note("company"));
        d.add_note(span_of("Bo Chan"), note("who?"));
        d
    }

    #[test]
    fn what_one_side_changed_wins_and_both_sides_additions_stay() {
        let base = base();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let zorbex = ours.notes[0].id;
        let bo = ours.notes[1].id;
        ours.update_note(zorbex, note("a company"));
        ours.add_note(span_of("rose"), note("ours"));
        theirs.delete_note(bo);
        theirs.add_note(span_of("spoke"), note("theirs"));
        theirs.decide(Target::Entity, span_of("Ana Ruiz"), Change::Accept);
        let m = one(merge(&base, &ours, &theirs));
        assert_eq!(
            notes(&m),
            [
                ("Zorbex", "a company"),
                ("spoke", "theirs"),
                ("rose", "ours")
            ]
        );
        assert_eq!(m.decisions.len(), 1);
        m.check().expect("ids unique and in range");
    }

    #[test]
    fn a_note_on_one_side_and_a_decision_on_the_other_get_distinct_ids() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        ours.decide(Target::Entity, span_of("Ana Ruiz"), Change::Reject);
        theirs.add_note(span_of("spoke"), note("theirs"));
        let added = theirs
            .notes
            .iter()
            .find(|n| n.anchor.exact == "spoke")
            .unwrap();
        assert_eq!(ours.decisions[0].id.0, added.id.0, "the same next id");
        let m = one(merge(&base, &ours, &theirs));
        assert_eq!((m.notes.len(), m.decisions.len()), (3, 1));
        m.check().expect("ids unique and in range");
    }

    #[test]
    fn an_annotation_both_changed_is_kept_in_both_versions() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let id = base.notes[0].id;
        ours.update_note(id, note("ours"));
        theirs.update_note(id, note("theirs"));
        // And a deletion on one side of what the other changed keeps the change.
        let bo = base.notes[1].id;
        ours.delete_note(bo);
        theirs.update_note(bo, note("edited there"));
        let m = one(merge(&base, &ours, &theirs));
        assert_eq!(
            notes(&m),
            [
                ("Zorbex", "theirs"),
                ("Zorbex", "ours"),
                ("Bo Chan", "edited there")
            ]
        );
        m.check().expect("ids unique and in range");
    }

    #[test]
    fn untouched_sides_take_the_other_and_differing_texts_are_kept_apart() {
        let base = base();
        let mut changed = base.clone();
        changed.add_note(span_of("left"), note("new"));
        assert_eq!(one(merge(&base, &base, &changed)), changed);
        assert_eq!(one(merge(&base, &changed, &base)), changed);
        let mut ours = base.clone();
        ours.replace_text("Zorbex fell.");
        let mut theirs = base.clone();
        theirs.replace_text("Zorbex rose again.");
        assert!(matches!(merge(&base, &ours, &theirs), Merged::Both { .. }));
    }
}
