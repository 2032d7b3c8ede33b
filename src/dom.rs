//! The DOM boundary: the one place where UTF-16 offsets (the browser's) meet byte offsets (the
//! engine's), and where the user's selection is read.

use annotator_engine::Span;

/// The byte offset of UTF-16 offset `units` in `text` (clamped to the text, rounded down to a
/// character boundary).
pub fn utf16_to_byte(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
        if seen > units {
            return i; // inside a surrogate pair
        }
    }
    text.len()
}

/// A selection's byte span from its UTF-16 ends (in any order), trimmed of white space, or
/// `None` when nothing but white space is selected.
pub fn selection_span(text: &str, a: usize, b: usize) -> Option<Span> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let span = Span::new(utf16_to_byte(text, lo), utf16_to_byte(text, hi)).trim(text);
    (!span.is_empty()).then_some(span)
}

mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Node};

    /// The current selection inside `root`, as UTF-16 offsets into `root`'s text content.
    pub fn selection_in(root: &Element) -> Option<(usize, usize)> {
        let sel = web_sys::window()?.get_selection().ok()??;
        if sel.is_collapsed() || sel.range_count() == 0 {
            return None;
        }
        let anchor = sel.anchor_node()?;
        let focus = sel.focus_node()?;
        let root_node: &Node = root.unchecked_ref();
        if !root_node.contains(Some(&anchor)) || !root_node.contains(Some(&focus)) {
            return None;
        }
        let a = offset_in(root_node, &anchor, sel.anchor_offset())?;
        let b = offset_in(root_node, &focus, sel.focus_offset())?;
        Some((a, b))
    }

    /// UTF-16 length of the text from the start of `root` to (`node`, `offset`).
    fn offset_in(root: &Node, node: &Node, offset: u32) -> Option<usize> {
        let doc = web_sys::window()?.document()?;
        let range = doc.create_range().ok()?;
        range.select_node_contents(root).ok()?;
        range.set_end(node, offset).ok()?;
        Some(range.to_string().length() as usize)
    }

    /// Whether the user has text selected (a click that ends a selection is not a click).
    pub fn has_selection() -> bool {
        web_sys::window()
            .and_then(|w| w.get_selection().ok().flatten())
            .is_some_and(|s| !s.is_collapsed())
    }

    /// Scrolls the first element matching `selector` into view (as little as needed).
    pub fn scroll_to(selector: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(Some(el)) = doc.query_selector(selector) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }

    /// Moves the focus to the first element matching `selector`.
    pub fn focus(selector: &str) {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    }

    /// The UTF-16 offset into `root`'s text of the point (`x`, `y`) of the view, if the point
    /// is on `root`'s text.
    pub fn offset_at_point(root: &Element, x: f32, y: f32) -> Option<usize> {
        let doc = web_sys::window()?.document()?;
        let caret = doc.caret_position_from_point(x, y)?;
        let node = caret.offset_node()?;
        let root_node: &Node = root.unchecked_ref();
        if !root_node.contains(Some(&node)) {
            return None;
        }
        offset_in(root_node, &node, caret.offset())
    }

    /// The value of the form field (input, textarea or select) behind `field`; empty when it
    /// is not in the page.
    pub fn field_value(field: &yew::NodeRef) -> String {
        if let Some(i) = field.cast::<web_sys::HtmlInputElement>() {
            return i.value();
        }
        if let Some(a) = field.cast::<web_sys::HtmlTextAreaElement>() {
            return a.value();
        }
        field
            .cast::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default()
    }

    /// Whether the checkbox behind `field` is checked.
    pub fn is_checked(field: &yew::NodeRef) -> bool {
        field
            .cast::<web_sys::HtmlInputElement>()
            .is_some_and(|c| c.checked())
    }

    /// Reads `file` as text and gives `done` the text or why it could not be read. Dropping
    /// the returned reader cancels the read.
    pub fn read_file(
        file: web_sys::File,
        done: impl FnOnce(Result<String, String>) + 'static,
    ) -> gloo::file::callbacks::FileReader {
        gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |read| {
            done(read.map_err(|e| e.to_string()))
        })
    }

    /// Clears the page's selection (after it became a highlight).
    /// Runs `f` in a task after the page has next been painted (at once in a task of its own
    /// when the page is hidden: a hidden page paints no frames).
    pub fn after_next_paint(f: impl FnOnce() + 'static) {
        use wasm_bindgen::closure::Closure;
        let later = move || {
            gloo::timers::callback::Timeout::new(0, f).forget();
        };
        let hidden = gloo::utils::document().hidden();
        match web_sys::window() {
            Some(w) if !hidden => {
                let frame = Closure::once_into_js(later);
                if w.request_animation_frame(frame.unchecked_ref()).is_err() {
                    // The callback was not taken: nothing else will run it. Not expected.
                    gloo::console::warn!("requestAnimationFrame refused a callback");
                }
            }
            _ => {
                later();
            }
        }
    }

    /// Milliseconds since the page started (0 where there is no `performance`).
    pub fn now_ms() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    pub fn clear_selection() {
        if let Some(Ok(Some(sel))) = web_sys::window().map(|w| w.get_selection()) {
            let _ = sel.remove_all_ranges();
        }
    }
}

pub use browser::{
    after_next_paint, clear_selection, field_value, focus, has_selection, is_checked, now_ms,
    offset_at_point, read_file, scroll_to, selection_in,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_map_to_bytes() {
        let t = "a😀é“b”";
        // UTF-16: a=1, 😀=2, é=1, “=1, b=1, ”=1
        assert_eq!(utf16_to_byte(t, 0), 0);
        assert_eq!(utf16_to_byte(t, 1), 1);
        assert_eq!(utf16_to_byte(t, 2), 1, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(t, 3), 5);
        assert_eq!(utf16_to_byte(t, 4), 7);
        assert_eq!(utf16_to_byte(t, 99), t.len());
    }

    #[test]
    fn selections_are_ordered_and_trimmed() {
        let t = "say  hello  there";
        assert_eq!(selection_span(t, 12, 3).map(|s| s.slice(t)), Some("hello"));
        assert_eq!(selection_span(t, 3, 5), None);
    }
}
