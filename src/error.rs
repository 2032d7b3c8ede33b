//! Errors the user sees, with messages a reader can act on.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// The browser refuses access to its storage (private mode, a blocked site setting).
    StorageBlocked,
    /// The browser's storage for this site is full: `what` was not saved.
    StorageFull { what: String },
    /// Another storage failure, with the browser's own words.
    StorageFailed { what: String, why: String },
    /// A saved entry is not valid data.
    SavedDataCorrupt(String),
    /// A saved entry was written by a newer version of the app.
    SavedDataUnknownVersion(u64),
    /// A saved article could not be read (`why`); it is kept aside, untouched.
    ArticleUnreadable { name: String, why: String },
    /// An export could not be made.
    ExportFailed(String),
    /// A file is not an export this app can read (not JSON, another format, missing fields).
    ExportUnreadable(String),
    /// An export written by a newer version of the app.
    ExportUnknownVersion(u64),
    /// A file the user opened could not be read.
    FileUnreadable { name: String, why: String },
    /// The model file could not be loaded; names and quotes come from simpler rules.
    ModelFailed(String),
    /// The analysis worker's answer could not be read.
    AnalysisUnreadable(String),
    /// An import placed `placed` annotations; `orphans` are not in the text and wait to be
    /// placed by hand.
    Unplaced { placed: usize, orphans: usize },
    /// Another tab changed the text of an article this tab changed too: both are kept.
    KeptBothVersions { title: String },
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::StorageBlocked => f.write_str(
                "This browser does not let the page use its storage, so nothing will be kept after you close the tab. Your work stays here until then; use Export to keep a copy.",
            ),
            AppError::StorageFull { what } => write!(
                f,
                "The browser's storage for this page is full, so the latest changes to {what} were not saved. They are still here in this tab: export the article to keep a copy, or free space by deleting articles in the Library (it lists the space each one takes)."
            ),
            AppError::StorageFailed { what, why } => write!(
                f,
                "Saving {what} failed ({why}). Your work is still here in this tab; use Export to keep a copy."
            ),
            AppError::SavedDataCorrupt(why) => write!(f, "the saved data is damaged: {why}"),
            AppError::SavedDataUnknownVersion(v) => write!(
                f,
                "it was written by a newer version of Article Annotator (format {v})"
            ),
            AppError::ArticleUnreadable { name, why } => write!(
                f,
                "The saved article {name} could not be read ({why}). It has been left untouched and set aside; the other articles are here."
            ),
            AppError::ExportFailed(why) => write!(f, "The export could not be made ({why})."),
            AppError::ExportUnreadable(why) => write!(
                f,
                "This file is not an Article Annotator export that can be read ({why}). Nothing was changed."
            ),
            AppError::ExportUnknownVersion(v) => write!(
                f,
                "This export was written by a newer version of Article Annotator (format {v}). Nothing was changed."
            ),
            AppError::FileUnreadable { name, why } => {
                write!(f, "The file {name} could not be read ({why}).")
            }
            AppError::Unplaced { placed, orphans } => write!(
                f,
                "Imported {placed} annotations where their words are. {orphans} could not be placed: their words are not in this text. They are kept under My notes, “Not placed”, with their words, to be placed by hand."
            ),
            AppError::KeptBothVersions { title } => write!(
                f,
                "The article “{title}” was changed in another tab while you changed its text here. Both versions are kept: the other tab's under its title, yours as “{title} (this tab's version)”."
            ),
            AppError::AnalysisUnreadable(why) => write!(
                f,
                "The analysis of this text came back damaged ({why}), so it is not shown. Your article and notes are untouched; edit the text or reload the page to analyse it again."
            ),
            AppError::ModelFailed(why) => write!(
                f,
                "The language models could not be loaded ({why}). Names and quotes are found by simpler, less accurate rules until the page is reloaded."
            ),
        }
    }
}

impl AppError {
    /// Messages about saving, which a later successful save makes obsolete.
    pub fn is_about_saving(&self) -> bool {
        matches!(
            self,
            AppError::StorageFull { .. } | AppError::StorageFailed { .. }
        )
    }
}
