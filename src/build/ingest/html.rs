//! HTML to blocks, with a real HTML5 parser (html5ever, through scraper) so that broken
//! markup, entities and implied tags come out as a browser would show them.
//!
//! Headings start sections, `p`/`div` and the like are paragraphs, `li` are list items,
//! `<br>` a line break. Page furniture that is never the page's content is left out:
//! scripts, styles, images, forms, navigation, asides, site headers and footers, hidden
//! elements, and elements whose class or id names them (`sidebar`, `cookie-banner`,
//! `share-buttons`, `cta`, `site-footer`…). An FAQ (inside an element whose class names
//! "faq", a `dl`, or `details`/`summary`) gives question headings marked as FAQ. Each
//! block notes how much of its text is link text, for the cleaning: a link on its own
//! line is a button or a menu entry.
//!
//! A page can say what to index, as Pagefind's conventions do: only the elements marked
//! `data-qa-body` when there are any; never an element marked `data-qa-ignore`; the title
//! in `<meta name="qa-title" content="…">` or a `data-qa-title` element.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use super::blocks::{has_words, tidy, Block, BlockKind, Links, Page};
use super::nesting;
use super::removals::RemovalLog;

/// Never content, wherever they are.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "img", "picture", "video", "audio", "canvas",
    "object", "embed", "map", "button", "input", "select", "textarea", "form", "nav", "aside", "head", "dialog",
    // A caption describes an image the answer cannot show ("the rash in the photo above").
    "figcaption",
    // A scrolling notice ("NEW! Flu shots are here"): the page's news, never its article.
    "marquee",
];

/// Parts of a class or id that name page furniture rather than content.
const CHROME_CLASS_PARTS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "consent",
    "share",
    "sharing",
    "social",
    "comments",
    "comment",
    "respond",
    "related",
    "newsletter",
    "subscribe",
    "signup",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "sponsor",
    "sponsored",
    "promo",
    "testimonial",
    "testimonials",
    "popup",
    "modal",
    "skip",
    "cta",
    "btn",
    "button",
    "banner",
    "header",
    "footer",
    "topbar",
    "masthead",
    "branding",
    "widget",
    "toolbar",
    "pagination",
    "pager",
    // MediaWiki's furniture: "Retrieved from …", categories, [edit] links, navigation boxes.
    "printfooter",
    "catlinks",
    "editsection",
    "navbox",
    "jump",
    // Chat boxes: "Hi there! How can we help you today?"
    "chat",
    "livechat",
    "joinchat",
    "chatbot",
    "whatsapp",
    // MediaWiki marks what is not for print ("From HealthWiki, the Infirmary's library");
    // reference lists and citation marks cite, they do not answer.
    "noprint",
    "reflist",
    "references",
    "reference",
    // An author's box ("Hannah leads our Saturday clinic…"), a blog's tags ("Featured"),
    // a wiki's page tree.
    "author",
    "tag",
    "tags",
    "pagetree",
    // A home page's slogan under the clinic's name.
    "tagline",
    "strapline",
    "strap",
    "slogan",
    // A site-wide bar over every page ("Spring offer: …", "We are closed on Monday").
    "announcement",
    // An image's caption as a builder writes it ("image-caption"), for figcaption's reason.
    "caption",
    // An old page's menu entries ("navlink"), where "nav" is not a part of its own.
    "navlink",
    "navlinks",
    // A notification that pops up over the page ("We have updated our privacy policy"), and
    // a help centre's "Was this article helpful?" with its tally.
    "toast",
    "votes",
];

/// Page builders (Elementor, Divi, Gutenberg, WPBakery, Beaver Builder, Avada, Spectra,
/// Kadence) and MediaWiki ("mw-content-text") put every element of a page, article included, in classes of their own
/// namespace, followed by a word for the kind of box: "elementor-widget-text-editor",
/// "et_pb_module", "wp-block-group". Those two say nothing of what the box is for; the
/// words after them do ("elementor-widget-nav-menu", "elementor-share-btn").
const PAGE_BUILDER_NAMESPACES: &[&str] = &["elementor", "et", "wp", "vc", "wpb", "fl", "fusion", "uagb", "kb", "wpforms", "mw"];
const PAGE_BUILDER_BOXES: &[&str] =
    &["pb", "widget", "element", "module", "block", "section", "column", "col", "row", "container", "inner", "wrap", "wrapper", "content"];

/// The words of a class or id that may say what its element is for: all of them, but for a
/// page builder's namespace and kind of box; "side-bar" (Confluence's "acs-side-bar") is
/// "sidebar".
fn role_parts(name: &str) -> impl Iterator<Item = &str> {
    let mut parts = name.split(['-', '_']).filter(|p| !p.is_empty()).peekable();
    let namespaced = parts.peek().is_some_and(|first| PAGE_BUILDER_NAMESPACES.iter().any(|n| n.eq_ignore_ascii_case(first)));
    if namespaced {
        parts.next();
        while parts.peek().is_some_and(|p| PAGE_BUILDER_BOXES.iter().any(|b| b.eq_ignore_ascii_case(p))) {
            parts.next();
        }
    }
    std::iter::from_fn(move || {
        let part = parts.next()?;
        if part.eq_ignore_ascii_case("side") && parts.peek().is_some_and(|p| p.eq_ignore_ascii_case("bar")) {
            parts.next();
            return Some("sidebar");
        }
        Some(part)
    })
}

/// Parts of a class or id that name content, even beside a furniture name.
const CONTENT_CLASS_PARTS: &[&str] = &["faq", "faqs", "accordion", "question", "answer"];

/// Parts of a class name that name a page's header or footer: furniture only when it
/// holds no heading (a `section-header` holding an `<h2>` is content).
const HEADER_CLASS_PARTS: &[&str] = &["header", "footer", "masthead", "topbar", "banner"];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "ul",
    "ol",
    "dl",
    "dd",
    "figure",
    "figcaption",
    "address",
    "fieldset",
    "details",
    "center",
    "hgroup",
    "hr",
    "header",
    "footer",
];

/// An element left out, for the report.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Dropped {
    pub name: String,
    /// The opening tag, shortened: `<nav>`, `<div class="sidebar">`.
    pub tag: String,
    /// Its visible text, which may be empty (an image, a script).
    pub text: String,
}

pub(crate) struct HtmlText {
    pub page: Page,
    pub dropped: Vec<Dropped>,
    /// Start tags nested past `nesting::MAX_NESTING`, left out (their text is kept).
    pub flattened: usize,
}

/// A whole HTML page: blocks, its title and its canonical URL.
pub(crate) fn read_document(source: &str) -> HtmlText {
    let parsed = nesting::parse_document(source);
    let mut text = walk(&parsed.html);
    text.page.title = marked_title(&parsed.html).or_else(|| page_title(&parsed.html));
    text.page.url = canonical_url(&parsed.html);
    text.flattened = parsed.flattened;
    text
}

/// A piece of HTML found inside another format (a plain-text page, a JSONL answer).
pub(crate) fn read_fragment(source: &str) -> HtmlText {
    let parsed = nesting::parse_fragment(source);
    let mut text = walk(&parsed.html);
    text.flattened = parsed.flattened;
    text
}

/// The visible text of a line holding inline tags or entities, on one line.
pub(crate) fn inline_text(source: &str, log: &mut RemovalLog) -> String {
    let read = read_fragment(source);
    log.record_flattened(read.flattened);
    let blocks = read.page.blocks;
    tidy(&blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" "), false)
}

fn walk(html: &Html) -> HtmlText {
    let subtrees = measure_subtrees(html);
    let bodies: Vec<ElementRef<'_>> = html
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().attr(BODY_MARK).is_some())
        .filter(|e| !e.ancestors().any(|a| matches!(a.value(), Node::Element(p) if p.attr(BODY_MARK).is_some())))
        .collect();
    let total_text = if bodies.is_empty() {
        subtrees.get(&html.tree.root().id()).map_or(0, |s| s.text_bytes)
    } else {
        bodies.iter().filter_map(|b| subtrees.get(&b.id())).map(|s| s.text_bytes).sum()
    };
    let mut walker = Walker { total_text, subtrees, body_marked: !bodies.is_empty(), ..Walker::default() };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => walker.open(node),
            Edge::Close(node) => walker.close(node),
        }
    }
    walker.flush();
    HtmlText { page: Page { title: None, url: None, blocks: walker.blocks }, dropped: walker.dropped, flattened: 0 }
}

/// What the chrome test needs to know of an element's subtree.
#[derive(Clone, Copy, Debug, Default)]
struct Subtree {
    text_bytes: usize,
    /// It holds an `<h1>`, `<main>` or `<article>`: the page's content, not furniture.
    holds_content: bool,
    /// It holds a heading of any level.
    holds_heading: bool,
}

/// Every element's subtree measured in one pass, so that testing each element costs no
/// walk of its own (nested furniture would make that quadratic).
fn measure_subtrees(html: &Html) -> HashMap<NodeId, Subtree> {
    let mut measured = HashMap::new();
    let mut open: Vec<Subtree> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(_) => open.push(Subtree::default()),
            Edge::Close(node) => {
                let mut subtree = open.pop().unwrap_or_default();
                if let Node::Text(text) = node.value() {
                    subtree.text_bytes += text.len();
                }
                let name = node.value().as_element().map_or("", |e| e.name());
                let is_content = matches!(name, "h1" | "main" | "article");
                let is_heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                if let Some(parent) = open.last_mut() {
                    parent.text_bytes += subtree.text_bytes;
                    parent.holds_content |= subtree.holds_content || is_content;
                    parent.holds_heading |= subtree.holds_heading || is_heading;
                }
                if node.value().is_element() || open.is_empty() {
                    measured.insert(node.id(), subtree);
                }
            }
        }
    }
    measured
}

const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary"];

/// The attribute that marks the region to index.
const BODY_MARK: &str = "data-qa-body";

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    /// Inline text of the block being read.
    buffer: String,
    /// Letters and digits in `buffer`, and how many of them are link text; whether its
    /// first one is.
    buffer_letters: usize,
    link_letters: usize,
    starts_in_link: Option<bool>,
    /// Open `<a href>` elements.
    links: Vec<NodeId>,
    /// The page marks regions to index (`data-qa-body`), and the ones now open.
    body_marked: bool,
    bodies: Vec<NodeId>,
    /// The open elements that start a block, and the kind of block their text makes.
    kinds: Vec<(NodeId, BlockKind)>,
    /// Open elements that mark an FAQ.
    faq: Vec<NodeId>,
    /// Open `pre` elements, whose line breaks are kept.
    pre: Vec<NodeId>,
    /// The element being left out, until it closes.
    skipping: Option<NodeId>,
    dropped: Vec<Dropped>,
    total_text: usize,
    subtrees: HashMap<NodeId, Subtree>,
}

impl Walker {
    fn open(&mut self, node: NodeRef<'_, Node>) {
        if self.skipping.is_some() {
            return;
        }
        match node.value() {
            Node::Text(_) if self.body_marked && self.bodies.is_empty() => {}
            Node::Text(text) => {
                let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
                if letters > 0 {
                    self.starts_in_link.get_or_insert(!self.links.is_empty());
                    self.buffer_letters += letters;
                    if !self.links.is_empty() {
                        self.link_letters += letters;
                    }
                }
                if self.pre.is_empty() {
                    self.buffer.push_str(&text.replace(['\n', '\r'], " "));
                } else {
                    self.buffer.push_str(text);
                }
            }
            Node::Element(element) => {
                let Some(element_ref) = ElementRef::wrap(node) else { return };
                let name = element.name();
                if self.is_left_out(element_ref) {
                    self.skipping = Some(node.id());
                    let text = tidy(&element_ref.text().collect::<Vec<_>>().join(" "), false);
                    self.dropped.push(Dropped { name: name.to_owned(), tag: short_tag(element_ref), text });
                    return;
                }
                if element.attr(BODY_MARK).is_some() {
                    self.bodies.push(node.id());
                }
                if name == "a" && element.attr("href").is_some() {
                    self.links.push(node.id());
                }
                if marks_faq(element_ref) {
                    self.faq.push(node.id());
                }
                match name {
                    "br" => self.buffer.push('\n'),
                    "td" | "th" => self.buffer.push(' '),
                    "pre" => {
                        self.start_block(node.id(), BlockKind::Paragraph);
                        self.pre.push(node.id());
                    }
                    "li" => self.start_block(node.id(), BlockKind::ListItem),
                    _ if is_heading(element_ref) => {
                        let faq = !self.faq.is_empty() || matches!(name, "dt" | "summary");
                        self.start_block(node.id(), BlockKind::Heading { faq });
                    }
                    _ if BLOCK_TAGS.contains(&name) => {
                        let kind = match self.kinds.last() {
                            Some(&(_, kind @ (BlockKind::ListItem | BlockKind::Heading { .. }))) => kind,
                            _ => BlockKind::Paragraph,
                        };
                        self.start_block(node.id(), kind);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        if let Some(skipped) = self.skipping {
            if skipped == node.id() {
                self.skipping = None;
            }
            return;
        }
        if matches!(node.value(), Node::Element(e) if matches!(e.name(), "td" | "th")) {
            self.buffer.push(' ');
        }
        if self.kinds.last().is_some_and(|&(id, _)| id == node.id()) {
            self.flush();
            self.kinds.pop();
        }
        if self.faq.last() == Some(&node.id()) {
            self.faq.pop();
        }
        if self.pre.last() == Some(&node.id()) {
            self.pre.pop();
        }
        if self.links.last() == Some(&node.id()) {
            self.links.pop();
        }
        if self.bodies.last() == Some(&node.id()) {
            self.flush();
            self.bodies.pop();
        }
    }

    fn start_block(&mut self, id: NodeId, kind: BlockKind) {
        self.flush();
        self.kinds.push((id, kind));
    }

    /// Ends the block being read: its text becomes a block of the innermost kind.
    fn flush(&mut self) {
        let kind = self.kinds.last().map_or(BlockKind::Paragraph, |&(_, kind)| kind);
        let raw = std::mem::take(&mut self.buffer);
        let letters = std::mem::take(&mut self.buffer_letters);
        let link_letters = std::mem::take(&mut self.link_letters);
        let starts_in_link = self.starts_in_link.take().unwrap_or(false);
        let keep_breaks = kind == BlockKind::Paragraph;
        let mut text = tidy(&raw, keep_breaks);
        if matches!(kind, BlockKind::Heading { .. }) {
            text = without_edit_link(text);
        }
        if !has_words(&text) {
            return;
        }
        let kind = match kind {
            BlockKind::Heading { faq } => BlockKind::Heading { faq: faq && text.ends_with('?') },
            other => other,
        };
        let links = if link_letters == letters {
            Links::Whole
        } else if starts_in_link {
            Links::Leading
        } else {
            Links::None
        };
        self.blocks.push(Block { kind, text, links });
    }

    fn is_left_out(&self, element: ElementRef<'_>) -> bool {
        let e = element.value();
        let name = e.name();
        // An accordion's question is a button inside its heading (`<h3><button>Is it safe?`)
        // or a button that opens its answer (`aria-expanded`).
        let question_button = name == "button" && (has_ancestor(element, HEADING_TAGS) || is_accordion_toggle(element));
        if SKIPPED_TAGS.contains(&name) && !question_button {
            return true;
        }
        if matches!(name, "header" | "footer") && !has_ancestor(element, &["article", "main"]) {
            return true;
        }
        if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") || e.attr("data-qa-ignore").is_some() {
            return true;
        }
        let style = e.attr("style").unwrap_or("").to_ascii_lowercase().replace(' ', "");
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
        if matches!(e.attr("role"), Some("navigation" | "banner" | "contentinfo" | "complementary" | "search")) {
            return true;
        }
        self.is_chrome_by_name(element)
    }

    /// A class or id naming furniture, on an element that is not most of the page and
    /// does not hold the page's main content.
    fn is_chrome_by_name(&self, element: ElementRef<'_>) -> bool {
        let e = element.value();
        // A heading is what it says, whatever its class ("accordion-header"), and so is
        // what is in it ("accordion-button").
        if matches!(e.name(), "html" | "body" | "main" | "article") || HEADING_TAGS.contains(&e.name()) {
            return false;
        }
        let parts = || e.classes().chain(e.id()).flat_map(role_parts);
        let names = |list: &[&str]| parts().any(|part| list.iter().any(|c| c.eq_ignore_ascii_case(part)));
        // An FAQ is content, whatever widget holds it ("faq-widget", "accordion-item").
        if !names(CHROME_CLASS_PARTS) || names(CONTENT_CLASS_PARTS) || has_ancestor(element, HEADING_TAGS) {
            return false;
        }
        let subtree = self.subtrees.get(&element.id()).copied().unwrap_or_default();
        let other_furniture = parts().any(|part| {
            CHROME_CLASS_PARTS.iter().any(|c| c.eq_ignore_ascii_case(part))
                && !HEADER_CLASS_PARTS.iter().any(|c| c.eq_ignore_ascii_case(part))
        });
        // "section-header" around an <h2> is the section's own heading.
        if !other_furniture && subtree.holds_heading {
            return false;
        }
        !subtree.holds_content && subtree.text_bytes * 2 < self.total_text.max(1)
    }
}

/// A wiki's heading ends in its edit link: "Causes[edit]", "Causes [ edit source ]".
fn without_edit_link(text: String) -> String {
    let trimmed = text.trim_end();
    let Some(open) = trimmed.strip_suffix(']').and_then(|t| t.rfind('[')) else { return text };
    let inside = trimmed[open + 1..trimmed.len() - 1].trim().to_ascii_lowercase();
    if matches!(inside.as_str(), "edit" | "edit source" | "edit | edit source") {
        trimmed[..open].trim_end().to_owned()
    } else {
        text
    }
}

fn is_accordion_toggle(element: ElementRef<'_>) -> bool {
    let e = element.value();
    e.name() == "button" && (e.attr("aria-expanded").is_some() || e.attr("aria-controls").is_some())
}

fn is_heading(element: ElementRef<'_>) -> bool {
    let name = element.value().name();
    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "summary") || is_accordion_toggle(element) {
        return true;
    }
    // `<div class="faq-question">Question?</div>`, when no real heading is inside.
    let names_question = element.value().classes().any(|c| c.to_ascii_lowercase().contains("question"));
    names_question
        && !element.descendent_elements().any(|d| matches!(d.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

fn marks_faq(element: ElementRef<'_>) -> bool {
    let e = element.value();
    let named = e.classes().chain(e.id()).any(|n| n.to_ascii_lowercase().contains("faq"));
    named || e.attr("itemtype").is_some_and(|t| t.contains("FAQPage"))
}

fn has_ancestor(element: ElementRef<'_>, names: &[&str]) -> bool {
    element.ancestors().any(|a| matches!(a.value(), Node::Element(e) if names.contains(&e.name())))
}

fn short_tag(element: ElementRef<'_>) -> String {
    let e = element.value();
    let mut tag = format!("<{}", e.name());
    if let Some(id) = e.id() {
        tag.push_str(&format!(" id=\"{id}\""));
    } else if let Some(class) = e.attr("class") {
        tag.push_str(&format!(" class=\"{}\"", class.split_whitespace().next().unwrap_or("")));
    }
    tag.push('>');
    tag
}

/// The title the page gives for the index: `<meta name="qa-title" content="…">`, or an
/// element marked `data-qa-title` (its value, or else its text).
fn marked_title(html: &Html) -> Option<String> {
    for element in html.root_element().descendent_elements() {
        let e = element.value();
        let given = if e.name() == "meta" && e.attr("name").is_some_and(|n| n.eq_ignore_ascii_case("qa-title")) {
            e.attr("content").map(str::to_owned)
        } else if let Some(value) = e.attr("data-qa-title") {
            Some(if value.trim().is_empty() { element.text().collect::<Vec<_>>().join(" ") } else { value.to_owned() })
        } else {
            None
        };
        if let Some(title) = given.map(|t| tidy(&t, false)).filter(|t| has_words(t)) {
            return Some(title);
        }
    }
    None
}

/// The page's own title: its `<h1>` inside the article; else the `<h1>` when the
/// `<title>` names it too (the rest is the site's name); else `og:title`; else the
/// `<title>`'s first part before a separator ("Sciatica | Lakeside Physio"); else any `<h1>`.
fn page_title(html: &Html) -> Option<String> {
    let mut article_h1 = None;
    let mut first_h1 = None;
    let mut og_title = None;
    let mut title = None;
    for element in html.root_element().descendent_elements() {
        let e = element.value();
        let text = || Some(tidy(&element.text().collect::<Vec<_>>().join(" "), false)).filter(|t| has_words(t));
        match e.name() {
            "h1" if article_h1.is_none() && has_ancestor(element, &["article", "main"]) => article_h1 = text(),
            "h1" if first_h1.is_none() => first_h1 = text(),
            "title" if title.is_none() => title = text(),
            "meta" if og_title.is_none() && e.attr("property") == Some("og:title") => {
                og_title = e.attr("content").map(|c| tidy(c, false)).filter(|t| has_words(t));
            }
            _ => {}
        }
    }
    let h1_named_in_title = first_h1
        .as_ref()
        .zip(title.as_ref())
        .is_some_and(|(h1, title)| title.to_lowercase().contains(&h1.to_lowercase()));
    if article_h1.is_some() {
        return article_h1;
    }
    if h1_named_in_title {
        return first_h1;
    }
    og_title.or(title.map(|t| without_site_name(&t))).or(first_h1)
}

/// "Sciatica | Lakeside Physio" → "Sciatica": sites put their name after the page's.
fn without_site_name(title: &str) -> String {
    let first = [" | ", " · ", " • ", " :: "].iter().filter_map(|separator| title.find(separator)).min();
    first.map_or(title, |end| &title[..end]).trim().to_owned()
}

fn canonical_url(html: &Html) -> Option<String> {
    let mut og_url = None;
    for element in html.root_element().descendent_elements() {
        let e = element.value();
        match e.name() {
            "link" if e.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(href) = e.attr("href").filter(|h| !h.trim().is_empty()) {
                    return Some(href.trim().to_owned());
                }
            }
            "meta" if og_url.is_none() && e.attr("property") == Some("og:url") => {
                og_url = e.attr("content").map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
            }
            _ => {}
        }
    }
    og_url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        read_document(html).page.blocks
    }

    #[test]
    fn keeps_structure_and_decodes_entities() {
        let got = blocks("<h2>Risks &amp; benefits</h2><p>Some&nbsp;risk\n  of <b>infection</b>.<br>Rarely bleeding.</p><ul><li>Pain</li><li>Swelling</li></ul>");
        assert_eq!(
            got,
            [
                Block::heading("Risks & benefits"),
                Block::paragraph("Some risk of infection.\nRarely bleeding."),
                Block::list_item("Pain"),
                Block::list_item("Swelling"),
            ]
        );
    }

    #[test]
    fn leaves_out_page_furniture() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <header><a href="/">Home</a></header><nav><ul><li>About</li></ul></nav>
            <div class="cookie-banner">We use cookies</div>
            <main><p>Real text.</p><img src="x.png" alt="x"><script>var a = 1;</script>
            <p hidden>Hidden</p><p style="display: none">Gone</p></main>
            <aside>Related</aside><footer>© Clinic</footer></body></html>"#;
        let text = read_document(html);
        assert_eq!(text.page.blocks, [Block::paragraph("Real text.")]);
        assert!(text.dropped.iter().any(|d| d.tag == "<nav>" && d.text == "About"), "{:?}", text.dropped);
        assert!(text.dropped.iter().any(|d| d.tag == "<div class=\"cookie-banner\">"));
    }

    #[test]
    fn a_page_builders_boxes_are_content_and_its_menus_and_chat_are_not() {
        let html = r#"<html><body><main><div class="elementor-element elementor-widget-wrap">
            <div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">
            <p>Depression is a mental health condition.</p></div></div>
            <div class="et_pb_module et_pb_text"><div class="et_pb_text_inner"><p>It can be treated.</p></div></div>
            <div class="wp-block-group"><p>Talk therapy helps.</p></div>
            <div class="elementor-widget elementor-widget-nav-menu"><a href="/">Home</a> <a href="/about">About us</a></div>
            <div class="elementor-share-btn">Share on Facebook</div>
            <div class="joinchat__box"><div class="joinchat__message">Hi there! How can we help you today?</div></div>
            </div></main></body></html>"#;
        let text = read_document(html);
        assert_eq!(
            text.page.blocks,
            [
                Block::paragraph("Depression is a mental health condition."),
                Block::paragraph("It can be treated."),
                Block::paragraph("Talk therapy helps."),
            ]
        );
        assert_eq!(role_parts("elementor-widget-nav-menu").collect::<Vec<_>>(), ["nav", "menu"]);
        assert_eq!(role_parts("et_pb_module_header").collect::<Vec<_>>(), ["header"]);
        assert_eq!(role_parts("sidebar-widget").collect::<Vec<_>>(), ["sidebar", "widget"]);
        assert_eq!(role_parts("acs-side-bar").collect::<Vec<_>>(), ["acs", "sidebar"]);
        let wiki = read_document(r#"<html><body><div class="mw-parser-output"><h2>Causes<span class="mw-editsection">[edit]</span></h2>
            <p>Stones form when urine holds too much of some minerals.</p></div>
            <div class="printfooter">Retrieved from "https://wiki.example/w/index.php?title=Stones"</div>
            <div id="catlinks" class="catlinks">Categories: Urology</div></body></html>"#);
        assert_eq!(wiki.page.blocks, [Block::heading("Causes"), Block::paragraph("Stones form when urine holds too much of some minerals.")]);
    }

    #[test]
    fn an_faq_in_divs_gives_faq_questions() {
        let html = r#"<div class="faq-item"><div class="faq-question"><h3>Is it safe?</h3><span class="faq-toggle">+</span></div>
            <div class="faq-answer"><p>Mostly.</p></div></div>"#;
        let got = read_fragment(html).page.blocks;
        assert_eq!(
            got,
            [Block::faq_question("Is it safe?"), Block::paragraph("Mostly.")]
        );
    }

    #[test]
    fn an_accordion_faq_keeps_its_questions() {
        let html = r#"<div class="accordion faq"><div class="accordion-item">
            <h2 class="accordion-header"><button class="accordion-button" type="button">Is it covered?</button></h2>
            <div class="accordion-collapse"><div class="accordion-body">Rarely.</div></div></div></div>"#;
        assert_eq!(blocks(html), [Block::faq_question("Is it covered?"), Block::paragraph("Rarely.")]);
        let card = r#"<div class="card"><div class="card-header"><h5><button>Does it hurt?</button></h5></div>
            <div class="card-body">A little.</div></div>"#;
        assert_eq!(blocks(card)[0], Block::heading("Does it hurt?"));
        assert!(blocks("<form><p>Name</p><button>Send</button></form><p>Text.</p>").iter().all(|b| b.text == "Text."));
    }

    #[test]
    fn definition_lists_and_details_give_faq_questions() {
        let got = blocks("<dl><dt>Does it hurt?</dt><dd>A little.</dd></dl><details><summary>How long?</summary><p>Weeks.</p></details>");
        let faq = Block::faq_question;
        assert_eq!(
            got,
            [faq("Does it hurt?"), Block::paragraph("A little."), faq("How long?"), Block::paragraph("Weeks.")]
        );
    }

    #[test]
    fn a_question_in_a_div_is_a_heading_in_an_faq() {
        let got = blocks(
            r#"<section id="faq"><div class="question">Is it covered?</div><div class="answer">Rarely.</div></section>"#,
        );
        assert_eq!(got[0], Block::faq_question("Is it covered?"));
    }

    #[test]
    fn the_title_prefers_the_article_heading_then_the_title_without_site_name() {
        let page =
            read_document("<title>Back pain | Clinic</title><article><h1>Stem cells &amp; back pain</h1></article>")
                .page;
        assert_eq!(page.title.as_deref(), Some("Stem cells & back pain"));
        let page = read_document("<title>Sciatica | Lakeside Physio</title><p>x</p>").page;
        assert_eq!(page.title.as_deref(), Some("Sciatica"));
        let page = read_document("<title>Lakeside Physio | Sciatica</title><h1>Sciatica</h1>").page;
        assert_eq!(page.title.as_deref(), Some("Sciatica"));
    }

    #[test]
    fn the_url_is_the_canonical_link() {
        let page = read_document(r#"<link rel="canonical" href="https://clinic.example/a"><p>x</p>"#).page;
        assert_eq!(page.url.as_deref(), Some("https://clinic.example/a"));
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        assert_eq!(blocks(&html), [Block::paragraph("deep")]);
    }

    #[test]
    fn inline_text_strips_tags_and_entities() {
        assert_eq!(inline_text("Use <b>ice</b> &amp; rest&nbsp;often", &mut RemovalLog::default()), "Use ice & rest often");
    }
}
