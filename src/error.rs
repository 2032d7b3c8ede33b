//! Errors the user sees, with messages a reader can act on.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// The browser refuses access to its storage (private mode, a blocked site setting).
    StorageBlocked,
    /// The browser's storage for this site is full.
    StorageFull,
    /// Another storage failure, with the browser's own words.
    StorageFailed(String),
    /// The saved entry is not valid data. It is left as it is.
    SavedDataCorrupt(String),
    /// The saved entry was written by a newer version of the app. It is left as it is.
    SavedDataUnknownVersion(u64),
    /// An export could not be made.
    ExportFailed(String),
    /// A file is not an export this app can read (not JSON, another format, missing fields).
    ExportUnreadable(String),
    /// An export written by a newer version of the app.
    ExportUnknownVersion(u64),
    /// The model file could not be loaded; names and quotes come from simpler rules.
    ModelFailed(String),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::StorageBlocked => f.write_str(
                "This browser does not let the page use its storage, so nothing will be kept after you close the tab. Your work stays here until then; use Export to keep a copy.",
            ),
            AppError::StorageFull => f.write_str(
                "The browser's storage for this page is full, so the latest changes were not saved. They are still here in this tab; use Export to keep a copy.",
            ),
            AppError::StorageFailed(why) => write!(
                f,
                "Saving failed ({why}). Your work is still here in this tab; use Export to keep a copy."
            ),
            AppError::SavedDataCorrupt(why) => write!(
                f,
                "The saved article could not be read ({why}). It has been left untouched, and nothing in this tab will be saved over it."
            ),
            AppError::SavedDataUnknownVersion(v) => write!(
                f,
                "The saved article was written by a newer version of Article Annotator (format {v}). It has been left untouched, and nothing in this tab will be saved over it."
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
            AppError::ModelFailed(why) => write!(
                f,
                "The language models could not be loaded ({why}). Names and quotes are found by simpler, less accurate rules until the page is reloaded."
            ),
        }
    }
}
