//! Parsing HTML with its nesting bounded, so that no page costs more than linear time.
//!
//! html5ever's tree builder answers "is there a `<p>` in button scope?" and the like by
//! walking its stack of open elements, so every tag costs time in proportion to how deep
//! it is: 100,000 nested `<ul><li>` took minutes. This filter sits between the tokenizer
//! and the tree builder, keeps its own estimate of the elements left open and, past
//! `MAX_NESTING`, drops start tags and the end tags that match them. The text stays, in
//! the deepest element allowed, as Chromium's parser keeps it past 512 levels.
//!
//! The estimate follows the parser's rules where they decide depth, and otherwise errs on
//! the deep side (never the shallow one, which would let the cost back in): elements
//! that the parser closes by themselves or that never hold others (`<p>`, table cells
//! and rows, void and raw-text elements) are not counted; `<li>`, `<dd>`, `<dt>`,
//! `<option>`, `<a>`, `<button>` and headings close their open predecessor as the parser
//! does; an end tag closes what is open above its match, unless an element that bounds
//! its scope comes first. Real pages nest a few dozen levels, far below the limit.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{create_element, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{ns, LocalName, QualName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

/// Deepest nesting of counted elements that is parsed as written.
pub const MAX_NESTING: usize = 128;

/// Elements the estimate leaves out: closed by the parser when the next one starts (or
/// held by a table, which is counted), void, or holding only raw text.
const NOT_COUNTED: &[&str] = &[
    "p", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "html", "head", "body", "frameset",
    // void
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
    // raw text: never dropped, or the tokenizer would read their content as markup
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
];

/// The parser's "special" elements that are counted here: an end tag of an inline element
/// never closes anything past one of them.
const SPECIAL: &[&str] = &[
    "address", "applet", "article", "aside", "blockquote", "button", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "li", "listing", "main", "marquee", "menu", "nav", "object", "ol", "pre", "search", "section", "select",
    "summary", "table", "template", "ul", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc",
];

/// End tags that close their element when it is "in scope": past any element but these.
const CLOSED_IN_SCOPE: &[&str] = &[
    "address", "applet", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "listing", "main", "marquee", "menu",
    "nav", "object", "ol", "pre", "search", "section", "select", "summary", "table", "template", "ul",
];

/// What bounds a scope (the cells and captions that also do are always inside a table).
const SCOPE_BOUNDARIES: &[&str] = &[
    "applet", "marquee", "object", "table", "template", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject",
    "desc",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

pub(crate) struct Parsed {
    pub html: Html,
    /// How many start tags past `MAX_NESTING` were dropped.
    pub flattened: usize,
}

pub(crate) fn parse_document(source: &str) -> Parsed {
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), TreeBuilderOpts::default());
    run(builder, source)
}

/// As `Html::parse_fragment` reads it: in the context of a `<body>`.
pub(crate) fn parse_fragment(source: &str) -> Parsed {
    let sink = HtmlTreeSink::new(Html::new_fragment());
    let body = create_element(&sink, QualName::new(None, ns!(html), LocalName::from("body")), Vec::new());
    let builder = TreeBuilder::new_for_fragment(sink, body, None, TreeBuilderOpts::default());
    run(builder, source)
}

fn run(builder: TreeBuilder<NodeId, HtmlTreeSink>, source: &str) -> Parsed {
    let filter =
        Bounded { inner: builder, open: RefCell::default(), dropped: RefCell::default(), flattened: Cell::new(0) };
    let tokenizer = Tokenizer::new(filter, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // The tree builder asks to run each script; there is none to run, so go on.
    while let TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    let filter = tokenizer.sink;
    Parsed { flattened: filter.flattened.get(), html: filter.inner.sink.finish() }
}

/// The token filter: passes every token on, except start tags past the limit and the end
/// tags that belong to them.
struct Bounded<Sink> {
    inner: Sink,
    /// The counted elements estimated open, innermost last.
    open: RefCell<Vec<LocalName>>,
    /// Dropped start tags whose end tag has not come yet, by name.
    dropped: RefCell<HashMap<LocalName, usize>>,
    flattened: Cell<usize>,
}

impl<Sink: TokenSink> TokenSink for Bounded<Sink> {
    type Handle = Sink::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Sink::Handle> {
        if let Token::TagToken(tag) = &token {
            if !self.passes(tag) {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

impl<Sink> Bounded<Sink> {
    fn passes(&self, tag: &Tag) -> bool {
        let name: &str = &tag.name;
        if NOT_COUNTED.contains(&name) {
            return true;
        }
        let mut open = self.open.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                // Self-closing is honoured only in SVG and MathML.
                if tag.self_closing && open.iter().any(|n| matches!(&**n, "svg" | "math")) {
                    return true;
                }
                close_predecessor(&mut open, name);
                if open.len() < MAX_NESTING {
                    open.push(tag.name.clone());
                    true
                } else {
                    *self.dropped.borrow_mut().entry(tag.name.clone()).or_default() += 1;
                    self.flattened.set(self.flattened.get() + 1);
                    false
                }
            }
            TagKind::EndTag => {
                if let Some(pending) = self.dropped.borrow_mut().get_mut(&tag.name).filter(|n| **n > 0) {
                    *pending -= 1;
                    return false;
                }
                if let Some(at) = matching_open(&open, name) {
                    open.truncate(at);
                }
                true
            }
        }
    }
}

/// Where the element that an end tag `name` closes is, if the parser would close one.
fn matching_open(open: &[LocalName], name: &str) -> Option<usize> {
    let heading = HEADINGS.contains(&name);
    let boundaries = if CLOSED_IN_SCOPE.contains(&name) || heading { SCOPE_BOUNDARIES } else { SPECIAL };
    for (at, element) in open.iter().enumerate().rev() {
        let element: &str = element;
        if element == name || (heading && HEADINGS.contains(&element)) {
            return Some(at);
        }
        if boundaries.contains(&element) {
            return None;
        }
    }
    None
}

/// The elements a start tag closes before it opens, as the parser's rules for it say.
fn close_predecessor(open: &mut Vec<LocalName>, name: &str) {
    let top = || open.last().map(|n| -> &str { n });
    match name {
        "li" | "dd" | "dt" => {
            let siblings: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
            for at in (0..open.len()).rev() {
                let element: &str = &open[at];
                if siblings.contains(&element) {
                    open.truncate(at);
                    return;
                }
                if SPECIAL.contains(&element) && !matches!(element, "address" | "div") {
                    return;
                }
            }
        }
        "option" | "optgroup" if top() == Some("option") => {
            open.pop();
        }
        _ if HEADINGS.contains(&name) && top().is_some_and(|t| HEADINGS.contains(&t)) => {
            open.pop();
        }
        // The parser takes an open `<a>` or `<nobr>` out of the stack; what was above it may stay.
        "a" | "nobr" => {
            if let Some(at) = open.iter().rposition(|n| &**n == name) {
                open.remove(at);
            }
        }
        "button" => {
            if let Some(at) = matching_open(open, "button") {
                open.truncate(at);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &Html) -> usize {
        let mut deepest = 0;
        let mut depth = 0usize;
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        deepest
    }

    fn text(html: &Html) -> String {
        html.root_element().text().collect()
    }

    #[test]
    fn ordinary_pages_parse_as_the_browser_parses_them() {
        let source = "<ul><li>one<li>two</ul><p>a<p>b<div><span><b>bold</b></span></div><table><tr><td>x<td>y</table>";
        let bounded = parse_fragment(source);
        assert_eq!(bounded.flattened, 0);
        assert_eq!(bounded.html, Html::parse_fragment(source));
        let page = "<!doctype html><title>T</title><script>if (a < b) {}</script><body><h2>H<h3>I</h3></body>";
        assert_eq!(parse_document(page).html, Html::parse_document(page));
    }

    #[test]
    fn sloppy_markup_is_not_mistaken_for_deep_nesting() {
        // Thousands of elements the parser closes by itself: none of them is dropped.
        let unclosed = "<li>item<dd>d<dt>t<option>o<a href=x>link<h2>h<h3>i<button>b".repeat(2_000);
        let parsed = parse_fragment(&format!("<ul>{unclosed}</ul>"));
        assert_eq!(parsed.flattened, 0);
        let closed_in_scope = "<div><ul><li><span>x</div>".repeat(2_000);
        assert_eq!(parse_fragment(&closed_in_scope).flattened, 0);
    }

    #[test]
    fn deep_nesting_is_flattened_and_the_text_kept() {
        for (open, close) in [("<ul><li>", "</li></ul>"), ("<div><span><b>", ""), ("<blockquote>", "</blockquote>")] {
            let source = format!("{}deep text{}<p>after</p>", open.repeat(5_000), close.repeat(5_000));
            let parsed = parse_fragment(&source);
            assert!(parsed.flattened > 0, "{open}");
            assert!(depth(&parsed.html) <= 2 * MAX_NESTING + 8, "{open}: depth {}", depth(&parsed.html));
            let all = text(&parsed.html);
            assert!(all.contains("deep text") && all.ends_with("after"), "{open}: {all}");
        }
    }

    #[test]
    fn scope_boundaries_stop_an_end_tag() {
        // `</div>` inside a table cell closes nothing: the estimate must not go shallower.
        let source = "<div><table><tr><td></div>".repeat(1_000);
        let parsed = parse_fragment(&source);
        assert!(parsed.flattened > 0);
        assert!(depth(&parsed.html) <= 6 * MAX_NESTING, "depth {}", depth(&parsed.html));
    }
}
