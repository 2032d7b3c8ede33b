//! The library: the articles kept in this browser, and the user's preferences.
//!
//! Pure data, tested natively; `storage.rs` keeps it in localStorage.

use crate::document::Document;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// Identifies an article in the library for its whole life (also across tabs: it is made of
/// the time and a random number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// An id from a time in milliseconds and a random number.
    pub fn make(now: u64, random: u64) -> ArticleId {
        ArticleId(format!("a{now:x}-{:06x}", random & 0xff_ffff))
    }
}

/// One article of the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    pub doc: Rc<Document>,
}

/// The colour scheme the user chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the system setting.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// The theme after this one when the user presses the toggle.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// A named highlight colour.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Colour {
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
}

/// The colours every library starts with.
pub fn default_colours() -> Vec<Colour> {
    [
        ("Yellow", "#fff3a3"),
        ("Green", "#c8f2c2"),
        ("Blue", "#cfe3ff"),
        ("Pink", "#ffd2e4"),
        ("Orange", "#ffdcc0"),
        ("Purple", "#e6d8ff"),
    ]
    .into_iter()
    .map(|(name, color)| Colour {
        name: name.into(),
        color: color.into(),
    })
    .collect()
}

/// The user's preferences: kept beside the articles, never in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: Theme,
    /// The highlight colours offered, in menu order.
    pub colours: Vec<Colour>,
    /// The article open when the tab was last used.
    pub open: Option<ArticleId>,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            theme: Theme::System,
            colours: default_colours(),
            open: None,
        }
    }
}

/// `#rrggbb` in lower case, or `None` when `s` is not such a colour.
pub fn normalise_colour(s: &str) -> Option<String> {
    let hex = s.trim().strip_prefix('#')?;
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// The ink that reads on a background of colour `#rrggbb` at WCAG AA (4.5:1): near-black on
/// light colours, white on dark ones.
pub fn ink_on(color: &str) -> &'static str {
    let channel = |i: usize| {
        let v = u8::from_str_radix(color.get(i..i + 2).unwrap_or("ff"), 16).unwrap_or(255);
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    let contrast = |a: f64, b: f64| (a.max(b) + 0.05) / (a.min(b) + 0.05);
    // #1f2328 has a relative luminance of about 0.016.
    if contrast(l, 0.016) >= contrast(l, 1.0) {
        "#1f2328"
    } else {
        "#ffffff"
    }
}

/// The CSS class of a highlight colour (`#fff3a3` → `c-fff3a3`).
pub fn colour_class(color: &str) -> String {
    format!("c-{}", color.trim_start_matches('#'))
}

/// Counts shown in the library list, from what is stored (the analysis is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub highlights: usize,
    pub reviewed: usize,
}

pub fn counts(doc: &Document) -> Counts {
    Counts {
        words: doc.text.split_whitespace().count(),
        highlights: doc.notes.len(),
        reviewed: doc.decisions.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_normalised_or_refused() {
        assert_eq!(normalise_colour(" #FFAA00 ").as_deref(), Some("#ffaa00"));
        for bad in ["ffaa00", "#ffa", "#ggaa00", "#ffaa00; x", ""] {
            assert_eq!(normalise_colour(bad), None, "{bad}");
        }
        assert_eq!(colour_class("#ffaa00"), "c-ffaa00");
    }

    #[test]
    fn ink_reads_on_light_and_dark_colours() {
        assert_eq!(ink_on("#fff3a3"), "#1f2328");
        assert_eq!(ink_on("#1a237e"), "#ffffff");
        assert_eq!(ink_on("#767676"), "#ffffff");
    }

    #[test]
    fn the_theme_toggle_cycles_through_system_light_and_dark() {
        let seen: Vec<Theme> = std::iter::successors(Some(Theme::System), |t| Some(t.next()))
            .take(4)
            .collect();
        assert_eq!(
            seen,
            [Theme::System, Theme::Light, Theme::Dark, Theme::System]
        );
    }

    #[test]
    fn ids_are_made_of_time_and_chance() {
        assert_eq!(ArticleId::make(255, 0x1234567).0, "aff-234567");
    }
}
