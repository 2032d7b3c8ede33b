//! One component per file.

mod article_view;
mod credits;
mod editor_panel;
mod error_banner;
mod input_panel;
mod side_panel;
mod toolbar;

pub use article_view::ArticleView;
pub use credits::Credits;
pub use editor_panel::EditorPanel;
pub use error_banner::ErrorBanner;
pub use input_panel::InputPanel;
pub use side_panel::SidePanel;
pub use toolbar::Toolbar;
