//! One component per file.

pub mod article_view;
mod credits;
mod editor_panel;
mod error_banner;
mod help_dialog;
mod import_panel;
mod input_panel;
mod library_panel;
mod side_panel;
pub mod toolbar;

pub use article_view::ArticleView;
pub use credits::Credits;
pub use editor_panel::EditorPanel;
pub use error_banner::ErrorBanner;
pub use help_dialog::HelpDialog;
pub use import_panel::ImportPanel;
pub use input_panel::InputPanel;
pub use library_panel::LibraryPanel;
pub use side_panel::SidePanel;
pub use toolbar::Toolbar;
