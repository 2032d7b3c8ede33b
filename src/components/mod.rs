//! One component per file.

mod article_view;
mod error_banner;
mod input_panel;
mod note_panel;
mod toolbar;

pub use article_view::ArticleView;
pub use error_banner::ErrorBanner;
pub use input_panel::InputPanel;
pub use note_panel::NotePanel;
pub use toolbar::Toolbar;
