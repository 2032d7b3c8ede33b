//! Keyboard shortcuts: which key does what (pure, tested natively; the help dialog lists
//! [`SHORTCUTS`]).

use crate::spans::Edge;

/// A key press, as the page saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`: "a", "A", "?", "ArrowLeft", "Escape".
    pub key: &'a str,
    /// Ctrl, or Cmd on a Mac.
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// The focus is in a text field, where keys type.
    pub in_field: bool,
}

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    Next,
    Previous,
    Accept,
    Reject,
    /// Focus the speaker of the selected quote (or the type of the selected name).
    ChangeSpeaker,
    /// Move the focus into the editor of what is selected.
    OpenEditor,
    /// Close the editor, a dialog, or leave a field.
    Close,
    Help,
    Search,
    MoveEdge(Edge, bool),
}

/// The shortcuts, as the help dialog lists them: keys and what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "j  or  ↓",
        "Next suggestion (the side panel's filter applies)",
    ),
    ("k  or  ↑", "Previous suggestion"),
    ("a", "Accept the selected suggestion"),
    ("r  or  Delete", "Reject the selected suggestion"),
    ("s", "Change the speaker (or the type of a name)"),
    ("e  or  Enter", "Open the editor of the selected item"),
    ("Alt + ← / →", "Move the start a word back / on"),
    ("Alt + Shift + ← / →", "Move the end a word back / on"),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z  or  Ctrl + Y", "Redo"),
    ("/", "Search the article and the side panel"),
    (
        "Enter  /  Shift + Enter",
        "In the search box: select the next / previous match, to highlight it",
    ),
    ("Escape", "Close the editor or a dialog"),
    ("?", "Show these shortcuts"),
];

/// The command of a key press, if it is a shortcut.
pub fn command(p: Press) -> Option<Command> {
    let key = p.key;
    if p.key == "Escape" {
        return Some(Command::Close);
    }
    if p.ctrl && !p.alt {
        // In a text field, the field's own undo wins.
        if p.in_field {
            return None;
        }
        return match key {
            "z" | "Z" if p.shift => Some(Command::Redo),
            "z" => Some(Command::Undo),
            "y" | "Y" => Some(Command::Redo),
            _ => None,
        };
    }
    if p.in_field || p.ctrl {
        return None;
    }
    if p.alt {
        let edge = if p.shift { Edge::End } else { Edge::Start };
        return match key {
            "ArrowLeft" => Some(Command::MoveEdge(edge, false)),
            "ArrowRight" => Some(Command::MoveEdge(edge, true)),
            _ => None,
        };
    }
    match key {
        "j" | "ArrowDown" => Some(Command::Next),
        "k" | "ArrowUp" => Some(Command::Previous),
        "a" => Some(Command::Accept),
        "r" | "Delete" => Some(Command::Reject),
        "s" => Some(Command::ChangeSpeaker),
        "e" | "Enter" => Some(Command::OpenEditor),
        "?" => Some(Command::Help),
        "/" => Some(Command::Search),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str) -> Press<'_> {
        Press {
            key,
            ctrl: false,
            shift: false,
            alt: false,
            in_field: false,
        }
    }

    #[test]
    fn letters_review_and_modifiers_undo() {
        assert_eq!(command(press("j")), Some(Command::Next));
        assert_eq!(command(press("a")), Some(Command::Accept));
        assert_eq!(command(press("?")), Some(Command::Help));
        let ctrl = |key, shift| Press {
            ctrl: true,
            shift,
            ..press(key)
        };
        assert_eq!(command(ctrl("z", false)), Some(Command::Undo));
        assert_eq!(command(ctrl("Z", true)), Some(Command::Redo));
        assert_eq!(command(ctrl("y", false)), Some(Command::Redo));
        assert_eq!(
            command(ctrl("a", false)),
            None,
            "select all stays the browser's"
        );
        let alt = Press {
            alt: true,
            shift: true,
            ..press("ArrowRight")
        };
        assert_eq!(command(alt), Some(Command::MoveEdge(Edge::End, true)));
    }

    #[test]
    fn in_a_text_field_keys_type_except_escape() {
        let field = |key| Press {
            in_field: true,
            ..press(key)
        };
        assert_eq!(command(field("a")), None);
        assert_eq!(command(field("?")), None);
        assert_eq!(
            command(Press {
                ctrl: true,
                ..field("z")
            }),
            None
        );
        assert_eq!(command(field("Escape")), Some(Command::Close));
    }
}
