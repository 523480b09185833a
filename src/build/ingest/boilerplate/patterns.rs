//! What calls to action, advertising labels and page chrome look like: short lines and
//! sentences recognised by their vocabulary and shape (an imperative to click, read,
//! subscribe; an arrow; a sponsor label; a byline), never by one site's exact strings.

use crate::build::RemovalKind;

/// Lines longer than this are content even when they start like a call to action.
const MAX_LINE_WORDS: usize = 10;
/// Sentences longer than this inside a paragraph are content, whatever they start with.
const MAX_CTA_SENTENCE_WORDS: usize = 25;
/// Blocks longer than this are content: an advert's text is short.
const MAX_PROMOTION_WORDS: usize = 60;

/// Phrases that open a call to action, in lower case, matched on whole words.
const CTA_OPENINGS: &[&str] = &[
    "learn more",
    "read more",
    "read on",
    "read the full",
    "continue reading",
    "keep reading",
    "click",
    "tap here",
    "see more",
    "view more",
    "show more",
    "find out more",
    "discover more",
    "subscribe",
    "sign up",
    "join now",
    "join our",
    "register now",
    "get started",
    "get in touch",
    "contact us",
    "call us",
    "email us",
    "book now",
    "book an appointment",
    "book a",
    "book your",
    "schedule a",
    "schedule your",
    "request a",
    "request an",
    "make an appointment",
    "shop now",
    "buy now",
    "order now",
    "download our",
    "download the",
    "download your",
    "watch the video",
    "watch this video",
    "watch our",
    "see the video",
    "check out our",
    "check out the video",
    "check out this video",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "no thanks",
    "take me back",
    "back to top",
    "back to the article",
    "share this",
    "follow us",
    "visit our",
    "try it free",
    "apply now",
    "claim your",
    "get your free",
    "get a free",
];

/// Phrases that make a sentence a call to action wherever they stand in it.
const CTA_ANYWHERE: &[&str] = &[
    "video below",
    "video above",
    "the link below",
    "link in bio",
    "in the comments",
    "comment below",
    "click here",
    "subscribe to our",
    "sign up for our",
    "take me back to",
    "tap a question",
    "click a question",
    "click on a question",
    "select a question",
    "qr code",
    "send me the",
];

/// How a writer leads into an imperative without changing it ("I recommend you watch…").
const POLITE_OPENINGS: &[&str] = &[
    "i recommend that you",
    "i recommend you",
    "we recommend that you",
    "we recommend you",
    "i suggest you",
    "we suggest you",
    "i encourage you to",
    "we encourage you to",
    "please",
    "be sure to",
    "make sure to",
    "make sure you",
    "don't forget to",
    "feel free to",
    "you can also",
    "you can",
    "why not",
    "so",
];

/// What a call-out box is labelled, before what it asks the reader to do.
const CALLOUT_LABELS: &[&str] = &["tip", "top tip", "pro tip", "note", "reminder", "remember", "important", "did you know"];

/// Lines that are a page's furniture, not its content.
const CHROME_OPENINGS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may also be interested",
    "you might be interested",
    "related posts",
    "related articles",
    "related stories",
    "related reading",
    "related content",
    "recommended for you",
    "recommended reading",
    "more from",
    "more articles",
    "share on",
    "share via",
    "posted on",
    "posted by",
    "posted in",
    "published on",
    "published by",
    "written by",
    "last updated",
    "updated on",
    "last reviewed",
    "page last reviewed",
    "page last updated",
    "last modified",
    "printed from",
    "printed on",
    "reviewed by",
    "medically reviewed",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "our website uses cookies",
    "our site uses cookies",
    "copyright",
    "all rights reserved",
    "skip to content",
    "skip to main content",
    "previous post",
    "next post",
    "previous article",
    "next article",
    "print this page",
    "cancel reply",
    "follow us",
    "find us on",
    "yes please send me",
    "retrieved from",
    "page restrictions apply",
    "be the first to like",
    "like be the first",
    "last edited",
    "exported from",
    "write a comment",
    "information for patients",
    "patient information leaflet",
    "patient information group",
    "for office use only",
    "use this space",
    "tell us what you think",
    "review due",
    "lines open",
    "lines are open",
    "leaflet ref",
    "leaflet reference",
    "leaflet number",
    "next review",
    // An old page's hit counter: "You are visitor number 004187 since January 1, 2001".
    "you are visitor",
    "was this article helpful",
    "was this page helpful",
    "was this helpful",
    "search this site",
    // Google Sites' footer: "Page updated Report abuse".
    "page updated",
];

/// What "Back to" leads to when it is a link back, not "Back to Work After Surgery".
const BACK_TO_PLACES: &[&str] = &[
    "top", "home", "homepage", "index", "list", "overview", "topics", "topic", "articles", "posts", "blog", "news",
    "menu", "search", "results", "contents", "main", "all", "previous", "category", "categories", "section",
];

/// Greetings carry no information: "Welcome to the Riverside Clinic."
const GREETINGS: &[&str] = &["welcome to", "thank you for visiting", "thanks for visiting", "hello and welcome"];
/// Longer sentences that open with a greeting say something.
const MAX_GREETING_WORDS: usize = 14;

/// Labels that are chrome when followed by a colon ("Tags: stem cells").
const CHROME_LABELS: &[&str] =
    &["webmaster", "published", "tags", "tagged", "categories", "category", "author", "filed under", "share", "reading time", "read time", "review date", "reading progress", "photo", "image", "picture", "caption", "owner", "leaflet owner", "page owner", "document owner", "reviewed by", "created by", "last edited time", "labels", "this month", "in this issue", "this week"];

/// Capitalised words that follow "By" in a clinic's lines without making them a byline.
const NOT_NAMES: &[&str] =
    &["appointment", "only", "phone", "email", "referral", "request", "invitation", "prescription"];

/// Words that label a block as paid placement.
const SPONSOR_WORDS: &[&str] =
    &["sponsored", "sponsor", "advertisement", "advertising", "advert", "ad", "ads", "promoted"];
pub(crate) fn is_sponsor_word(word: &str) -> bool {
    SPONSOR_WORDS.contains(&word) || word == "paid partnership"
}

/// "offer" and "deal" are advertising only when qualified the way sellers qualify them.
const OFFER_WORDS: &[&str] = &["offer", "offers", "deal", "deals"];
const OFFER_QUALIFIERS: &[&str] =
    &["special", "partner", "limited", "exclusive", "free", "introductory", "promotional", "today's", "time"];

/// Verbs a promotion opens with when it speaks to the reader ("Secure your family's future").
const PROMO_VERBS: &[&str] = &[
    "secure",
    "protect",
    "discover",
    "find",
    "get",
    "claim",
    "save",
    "join",
    "sign",
    "book",
    "schedule",
    "order",
    "buy",
    "shop",
    "try",
    "start",
    "take",
    "request",
    "apply",
    "register",
    "enroll",
    "download",
    "learn",
    "explore",
    "unlock",
    "grab",
    "invest",
    "reserve",
    "subscribe",
    "visit",
    "contact",
    "choose",
    "preserve",
    "give",
];
/// Selling vocabulary.
const PROMO_WORDS: &[&str] = &[
    "offer",
    "offers",
    "discount",
    "free",
    "save",
    "savings",
    "exclusive",
    "limited",
    "sponsor",
    "sponsored",
    "partner",
    "deal",
    "promo",
    "coupon",
    "banking",
    "guarantee",
    "guaranteed",
    "advanced",
];

/// Lower case words with apostrophes kept ("americord's"), for phrase matching.
pub(crate) fn phrase_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '‘'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

// Both run for every sentence against every listed phrase: they compare in place, since a
// vector of the phrase's words per call was most of the cleaning's allocations.
pub(crate) fn starts_with_phrase(words: &[String], phrase: &str) -> bool {
    let length = phrase.split(' ').count();
    words.len() >= length && words.iter().zip(phrase.split(' ')).all(|(w, p)| w == p)
}

pub(crate) fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let length = phrase.split(' ').count();
    let first = phrase.split(' ').next().unwrap_or("");
    words.windows(length).any(|window| window[0] == first && window.iter().zip(phrase.split(' ')).all(|(w, p)| w == p))
}

/// What a whole short block is, when it is one of the kinds cleaning removes. A heading
/// ("Book an Appointment", "Contact Us") is a call to action only when it is a bare button
/// label or points away: as a heading it introduces the text under it.
pub(crate) fn short_block_kind(text: &str, is_heading: bool) -> Option<RemovalKind> {
    if is_menu_line(text) {
        return Some(RemovalKind::PageChrome);
    }
    // Counting first spares splitting every paragraph into words.
    if text.split_whitespace().nth(MAX_LINE_WORDS + 6).is_some() {
        return None;
    }
    let words = phrase_words(text);
    if words.is_empty() || words.len() > MAX_LINE_WORDS + 2 {
        return None;
    }
    if is_chrome_line(text, &words) {
        return Some(RemovalKind::PageChrome);
    }
    if words.len() > MAX_LINE_WORDS {
        return None;
    }
    // A call to action that gives a phone number or an address is information.
    let one_sentence = crate::text::sentence_spans(text).len() == 1;
    let cta = if is_heading { is_button_label(&words) || points_away(text, &words) } else { is_cta_line(text, &words) };
    if one_sentence && !has_contact_details(text) && cta {
        return Some(RemovalKind::CallToAction);
    }
    if is_sponsor_label(text, &words) {
        return Some(RemovalKind::Advertising);
    }
    None
}

/// A navigation bar or breadcrumb flattened into a line: "Home | Services | Contact",
/// "Home › Conditions › Back pain": three or more short items between separators.
fn is_menu_line(text: &str) -> bool {
    if text.len() > 300 {
        return false;
    }
    // A short label may lead the items: "On this page: What is it? | Causes | Treatment".
    let text = match text.split_once(": ") {
        Some((label, items)) if (1..=4).contains(&label.split_whitespace().count()) => items,
        _ => text,
    };
    [" | ", " · ", " • ", " » ", " › ", " > ", " / "].iter().any(|separator| {
        let items: Vec<&str> = text.split(separator).collect();
        items.len() >= 3 && items.iter().all(|item| (1..=4).contains(&item.split_whitespace().count()))
    })
}

fn is_cta_line(text: &str, words: &[String]) -> bool {
    if sends_reader_to_care(words) {
        return false;
    }
    points_away(text, words) || CTA_OPENINGS.iter().any(|p| starts_with_phrase(words, p)) || is_cta_sentence(text)
}

/// Whom a health page sends its reader to: their own doctor or a service near them. "Learn
/// more about depression by contacting a local mental health clinic" is advice, not the
/// site's call to action, which sends the reader to the site's own booking or pages.
const CARE_PHRASES: &[&str] = &[
    "your doctor",
    "a doctor",
    "your gp",
    "your health care provider",
    "a health care provider",
    "your healthcare provider",
    "your health care team",
    "your pharmacist",
    "a pharmacist",
    "your nurse",
    "a local",
    "your local",
    "emergency room",
];

fn sends_reader_to_care(words: &[String]) -> bool {
    CARE_PHRASES.iter().any(|p| contains_phrase(words, p))
}

/// An arrow at the end ("Learn more →"), or "On Americord's Website", "Visit the Clinic's
/// site": a link to somewhere else.
fn points_away(text: &str, words: &[String]) -> bool {
    let arrow = text.trim_end().ends_with(['→', '»', '›', '➔', '➜', '⟶', '⇒']) || text.trim_end().ends_with(">>");
    let to_website = words.len() <= 6
        && matches!(words.first().map(String::as_str), Some("on" | "at" | "visit" | "via"))
        && matches!(words.last().map(String::as_str), Some("website" | "site" | "page" | "store" | "shop"));
    arrow || to_website
}

/// Labels that are only ever buttons or links, never the heading of a section.
const BUTTON_LABELS: &[&str] = &[
    "learn more",
    "read more",
    "read on",
    "continue reading",
    "keep reading",
    "click here",
    "see more",
    "view more",
    "show more",
    "find out more",
    "discover more",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign up now",
    "join now",
    "register now",
    "get started",
    "shop now",
    "buy now",
    "order now",
    "book now",
    "apply now",
    "download",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "reply",
    "share",
    "share this",
    "back to top",
    "more",
];

fn is_button_label(words: &[String]) -> bool {
    let label = words.join(" ");
    BUTTON_LABELS.contains(&label.as_str())
        || starts_with_phrase(words, "no thanks")
        || starts_with_phrase(words, "take me back")
}

/// "Advertisement", "Sponsored content": a label over an advert, never a heading of text.
pub(crate) fn is_sponsor_heading(text: &str) -> bool {
    let words = phrase_words(text);
    (1..=2).contains(&words.len()) && words.iter().any(|w| SPONSOR_WORDS.contains(&w.as_str()))
}

fn is_sponsor_label(text: &str, words: &[String]) -> bool {
    if words.len() > 6 || text.trim_end().ends_with('?') {
        return false;
    }
    let sponsor = words.iter().any(|w| SPONSOR_WORDS.contains(&w.as_str()));
    let offer = words.iter().enumerate().any(|(i, w)| {
        OFFER_WORDS.contains(&w.as_str()) && words[..i].iter().any(|q| OFFER_QUALIFIERS.contains(&q.as_str()))
    });
    sponsor || offer
}

fn is_chrome_line(text: &str, words: &[String]) -> bool {
    // "©" anywhere in a line: "Map data ©2026", "Photo © Jane Doe".
    if CHROME_OPENINGS.iter().any(|p| starts_with_phrase(words, p)) || text.contains('©') {
        return true;
    }
    if is_page_marker(words)
        || is_bare_address(text)
        || is_reading_time(words)
        || is_issue_line(words)
        || is_contents_line(text)
        || is_document_code_line(text, words)
        || is_department_line(text)
        || is_sign_off(text, words)
    {
        return true;
    }
    // An FAQ's label over its questions: each question heads its own answer.
    if matches!(
        words.join(" ").as_str(),
        "frequently asked questions" | "faq" | "faqs" | "common questions" | "patient information leaflet" | "patient information"
            | "patient leaflet" | "information for patients" | "fact sheet" | "factsheet"
    ) {
        return true;
    }
    let back_link = starts_with_phrase(words, "back to")
        && words.len() <= 6
        && words[2..].iter().any(|w| BACK_TO_PLACES.contains(&w.as_str()));
    if back_link {
        return true;
    }
    if contains_phrase(words, "write a comment") {
        return true;
    }
    // "⚠️ Leaflet owner: …": a label after an emoji is still a label.
    let lower = text.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if CHROME_LABELS
        .iter()
        .any(|label| lower.strip_prefix(label).is_some_and(|rest| rest.trim_start().starts_with(':')))
    {
        return true;
    }
    // A byline: "By Jane Doe", "By Dr. Jane Doe | March 3, 2024" (not "By Appointment Only").
    let mut parts = text.split_whitespace();
    let not_a_name = words.iter().any(|w| NOT_NAMES.contains(&w.as_str()));
    parts.next().is_some_and(|w| w.eq_ignore_ascii_case("by"))
        && !not_a_name
        && (2..=8).contains(&words.len())
        && parts
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "|·•-–,".contains(c)))
}

/// A table of contents' line: "Causes ........ 2".
pub(crate) fn is_contents_line(text: &str) -> bool {
    let trimmed = text.trim_end();
    trimmed.contains(".....") && trimmed.ends_with(|c: char| c.is_ascii_digit())
}

/// Words that end the name of a part of a hospital or practice.
const DEPARTMENT_WORDS: &[&str] = &["department", "service", "services", "unit", "team", "trust", "directorate", "division", "information"];

/// A leaflet's subtitle naming who issues it: "Bone Health Service – Physiotherapy
/// Department", "Diabetes Unit | Medicines Information". Names only (every word capitalized
/// but "and", "of", "for", "&"), joined by dashes or bars, the last a department's: a
/// heading such as "Eye Clinic – Glaucoma" names a subject, and stays.
fn is_department_line(text: &str) -> bool {
    let names: Vec<&str> = text.split(['–', '—', '|']).flat_map(|p| p.split(" - ")).map(str::trim).collect();
    let is_name = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words.iter().all(|w| matches!(*w, "and" | "of" | "for" | "&") || w.starts_with(|c: char| c.is_uppercase()))
            && !part.ends_with(['.', '?', '!', ':'])
    };
    let last_word = names.last().and_then(|p| p.split_whitespace().last()).unwrap_or("").to_lowercase();
    names.len() >= 2 && names.iter().all(|p| is_name(p)) && DEPARTMENT_WORDS.contains(&last_word.as_str())
}

const MONTHS: &[&str] =
    &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Words of a job title, for sign-offs here and staff lines in `clinic`.
pub(crate) const JOB_TITLE_WORDS: &[&str] = &[
    "lead", "manager", "director", "nurse", "consultant", "physiotherapist", "pharmacist", "specialist", "therapist", "editor",
    "coordinator", "officer", "practitioner", "psychologist", "head",
];

/// A leaflet's sign-off: who wrote it and when. "Bone Health Clinical Lead, 9 January
/// 2024", "Senior Physiotherapist, March 2024".
fn is_sign_off(text: &str, words: &[String]) -> bool {
    let Some((who, when)) = text.rsplit_once(',') else { return false };
    let who_words: Vec<&str> = who.split_whitespace().collect();
    let when_words = phrase_words(when);
    let is_date = (2..=3).contains(&when_words.len())
        && when_words.iter().any(|w| MONTHS.contains(&w.as_str()))
        && when_words.last().is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()))
        && when_words.iter().all(|w| MONTHS.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()));
    is_date
        && (1..=6).contains(&who_words.len())
        && who_words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "and" | "of" | "&"))
        && words.iter().any(|w| JOB_TITLE_WORDS.contains(&w.as_str()))
}

/// A leaflet's code or version line: "PHY-PIL-031 – Fibromyalgia", "BH-022 | Paget's
/// disease of bone | Version 2", "Version 3 | Review due April 2026".
fn is_document_code_line(text: &str, words: &[String]) -> bool {
    let mut tokens = text.split_whitespace();
    let (first, second) = (tokens.next(), tokens.next());
    // "COVID-19 can cause…" opens a sentence; a code is followed by a separator, or has
    // three parts ("PHY-PIL-031").
    let separated = second.is_none_or(|t| matches!(t, "|" | "–" | "—" | "-" | "·" | ":"));
    let code = first.is_some_and(|first| {
        let parts: Vec<&str> = first.split('-').collect();
        (parts.len() >= 3 || (parts.len() == 2 && separated))
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
            && parts.last().is_some_and(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_digit()))
            && parts[0].chars().all(|c| c.is_ascii_uppercase())
    });
    let version = matches!(words, [v, n, ..] if v == "version" && n.bytes().all(|b| b.is_ascii_digit()));
    (code || version) && words.len() <= 12
}

/// "7 minute read", "5 min read".
fn is_reading_time(words: &[String]) -> bool {
    matches!(words, [n, unit, read] if n.bytes().all(|b| b.is_ascii_digit()) && matches!(unit.as_str(), "minute" | "minutes" | "min" | "mins") && read == "read")
}

/// A newsletter's masthead line: "Issue 17 | May 2024".
fn is_issue_line(words: &[String]) -> bool {
    matches!(words, [issue, n, rest @ ..] if issue == "issue" && n.bytes().all(|b| b.is_ascii_digit()) && rest.len() <= 3)
}

/// A printout's page break: "--- page 2 of 2 ---", "Page 3".
fn is_page_marker(words: &[String]) -> bool {
    let numbers = |rest: &[String]| rest.iter().all(|w| w == "of" || w.bytes().all(|b| b.is_ascii_digit()));
    let marker = matches!(words, [page, rest @ ..] if page == "page" && !rest.is_empty() && rest.len() <= 3 && numbers(rest));
    // After a leaflet's code: "HMW-PIL-012 | Page 1 of 2".
    let numbered = |w: &[String]| matches!(w, [page, n, of, m] if page == "page" && of == "of" && numbers(std::slice::from_ref(n)) && numbers(std::slice::from_ref(m)));
    marker || (words.len() <= 8 && words.windows(4).any(numbered))
}

/// A web address on its own: a printout's footer, a page's own URL.
fn is_bare_address(text: &str) -> bool {
    let text = text.trim();
    !text.contains(char::is_whitespace) && (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
}

/// A sentence inside a paragraph that only asks the reader to do something on the page
/// ("I recommend you watch the video below.", "Read on for more information…"). One that
/// carries contact details stays: a visitor may ask for them.
pub(crate) fn is_cta_sentence(sentence: &str) -> bool {
    if sentence.split_whitespace().nth(MAX_CTA_SENTENCE_WORDS + 5).is_some() {
        return false;
    }
    let mut words = phrase_words(sentence);
    if words.is_empty() || words.len() > MAX_CTA_SENTENCE_WORDS || has_contact_details(sentence) {
        return false;
    }
    if CTA_ANYWHERE.iter().any(|p| contains_phrase(&words, p)) || is_media_instruction(&words) {
        return true;
    }
    if sends_reader_to_care(&words) {
        return false;
    }
    // A call-out's label: "Tip: Book a same-week test."
    if let Some((label, _)) = sentence.split_once(':') {
        if CALLOUT_LABELS.contains(&label.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str()) {
            let label_words = phrase_words(label).len().min(words.len());
            words.drain(..label_words);
        }
    }
    while let Some(polite) = POLITE_OPENINGS.iter().find(|p| starts_with_phrase(&words, p)) {
        words.drain(..polite.split(' ').count());
    }
    !words.is_empty() && CTA_OPENINGS.iter().any(|p| starts_with_phrase(&words, p))
}

/// Media a page shows and a text answer cannot.
const MEDIA_WORDS: &[&str] = &["video", "videos", "animation", "graphic", "infographic", "slideshow", "podcast"];
/// What a caption points at, right before "above" or "below": "the photo above". Alone,
/// these words are content: a scan "creates pictures of your lungs".
const PICTURE_WORDS: &[&str] =
    &["photo", "photograph", "image", "picture", "diagram", "illustration", "figure", "pictured", "shown", "scan"];
/// What a reader is told to do with them.
const MEDIA_ACTIONS: &[&str] = &["watch", "view", "see", "click", "press", "play", "enlarge", "reduce", "pause", "tap"];

/// An instruction about the page's media or its caption: "(Watch the animated video to
/// learn more.)", "See this graphic for an overview", "Figure 1: the rash in the photo
/// above", "Our reception, pictured above".
fn is_media_instruction(words: &[String]) -> bool {
    let figure = matches!(words, [first, number, ..] if matches!(first.as_str(), "figure" | "fig") && number.bytes().all(|b| b.is_ascii_digit()));
    let points_at_picture = words
        .windows(2)
        .any(|pair| PICTURE_WORDS.contains(&pair[0].as_str()) && matches!(pair[1].as_str(), "above" | "below"));
    figure
        || points_at_picture
        || (words.iter().any(|w| MEDIA_WORDS.contains(&w.as_str())) && words.iter().any(|w| MEDIA_ACTIONS.contains(&w.as_str())))
}

/// A sentence that only greets the reader.
pub(crate) fn is_greeting(sentence: &str) -> bool {
    if sentence.split_whitespace().nth(MAX_GREETING_WORDS).is_some() {
        return false;
    }
    let words = phrase_words(sentence);
    GREETINGS.iter().any(|g| starts_with_phrase(&words, g))
}

/// At most an advert's length.
pub(crate) fn is_short_block(text: &str) -> bool {
    text.split_whitespace().nth(MAX_PROMOTION_WORDS).is_none()
}

/// One line of at most a button's or a menu entry's length.
pub(crate) fn is_short_line(text: &str) -> bool {
    !text.contains('\n') && text.split_whitespace().nth(MAX_LINE_WORDS).is_none()
}

fn has_contact_details(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits >= 7 || text.contains('@')
}

/// Headings of what a blog or CMS puts under an article: related posts, the author's box,
/// comments. What follows one at a page's end is the template's, not the article's.
const TAIL_HEADINGS: &[&str] = &[
    "related articles", "related posts", "related stories", "related pages", "related reading", "related content",
    "you may also like", "you might also like", "more posts", "more from", "about the author", "leave a reply",
    "leave a comment", "reader comments", "join the discussion",
];

/// Headings of a clinic's own notices.
const NEWS_HEADINGS: &[&str] = &[
    "practice news", "clinic news", "surgery news", "centre news", "center news", "team news", "latest news", "news and events",
    "news and updates", "notices", "noticeboard", "notice board", "announcements",
];

pub(crate) fn is_news_heading(text: &str) -> bool {
    let words = phrase_words(text);
    words.len() <= 4 && NEWS_HEADINGS.iter().any(|h| words.join(" ") == *h)
}

pub(crate) fn is_tail_heading(text: &str) -> bool {
    let words = phrase_words(text);
    let number = |w: &String| w.bytes().all(|b| b.is_ascii_digit());
    // Not "Discussion": a study's write-up has one of its own.
    let comments = |w: &str| matches!(w, "comments" | "comment" | "responses" | "replies");
    let counted = match words.as_slice() {
        [only] => comments(only),
        [first, rest @ ..] if comments(first) => rest.iter().all(number),
        [count, word] => number(count) && comments(word),
        _ => false,
    };
    counted || (words.len() <= 5 && TAIL_HEADINGS.iter().any(|h| starts_with_phrase(&words, h)))
}

/// A paragraph that is an author box: it opens with who wrote the post.
pub(crate) fn is_author_box(paragraph: &str) -> bool {
    let words = phrase_words(paragraph);
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    let opens_with_byline = w(0) == "this"
        && matches!(w(1), "post" | "article" | "blog" | "content" | "piece" | "page" | "guest")
        && (2..6).any(|i| {
            matches!(w(i), "written" | "authored" | "contributed" | "provided" | "prepared" | "submitted")
                && w(i + 1) == "by"
        });
    opens_with_byline || starts_with_phrase(&words, "about the author") || starts_with_phrase(&words, "guest post by")
}

/// Whether a block sells something to the reader: short, and half its sentences or more
/// address the reader and open with a selling verb or use selling words, or are a
/// sponsor's label. One "early treatment may save your sight" in a long paragraph does
/// not make it an advert.
pub(crate) fn is_promotional(text: &str) -> bool {
    if !is_short_block(text) {
        return false;
    }
    let spans = crate::text::sentence_spans(text);
    let selling = spans
        .iter()
        .filter(|span| {
            let sentence = &text[(*span).clone()];
            let words = phrase_words(sentence);
            let to_reader =
                words.iter().any(|w| matches!(w.as_str(), "you" | "your" | "you're" | "yours" | "yourself"));
            let selling_verb = words.first().is_some_and(|w| PROMO_VERBS.contains(&w.as_str()));
            let selling_words = words.iter().enumerate().any(|(i, w)| PROMO_WORDS.contains(&w.as_str()) && !is_toll_free(&words, i));
            (to_reader && (selling_verb || selling_words)) || is_sponsor_label(sentence, &words)
        })
        .count();
    selling > 0 && selling * 2 >= spans.len()
}

/// "toll-free" is a helpline's, not an offer's.
pub(crate) fn is_toll_free(words: &[String], i: usize) -> bool {
    words[i] == "free" && i > 0 && words[i - 1] == "toll"
}

/// Labels that reference lists append to each entry for the link that was there.
const CITATION_LINK_LABELS: &[&str] = &[
    "Link",
    "PubMed",
    "Google Scholar",
    "CrossRef",
    "Crossref",
    "Full Text",
    "PMC free article",
    "View Article",
    "Abstract",
];

/// A citation with its trailing link labels ("… Cells. Link") taken off, and how many.
pub(crate) fn strip_citation_links(text: &str) -> Option<(String, usize)> {
    let looks_cited = text.contains(" et al") || text.to_lowercase().contains("doi") || has_year(text);
    if !looks_cited {
        return None;
    }
    let mut rest = text.trim_end();
    let mut count = 0;
    'strip: loop {
        for label in CITATION_LINK_LABELS {
            for wrapped in [format!("[{label}]"), format!("({label})"), (*label).to_owned()] {
                if let Some(before) = rest.strip_suffix(wrapped.as_str()) {
                    if before.ends_with([' ', '.', ';', ',']) {
                        rest = before.trim_end_matches([' ', ';', ',']);
                        count += 1;
                        continue 'strip;
                    }
                }
            }
        }
        break;
    }
    (count > 0 && !rest.is_empty()).then(|| (rest.to_owned(), count))
}

fn has_year(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(4).enumerate().any(|(i, w)| {
        let bounded =
            (i == 0 || !bytes[i - 1].is_ascii_digit()) && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        bounded && (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_to_action_are_recognised_by_shape() {
        for line in [
            "Learn more",
            "Learn more →",
            "Read more about our clinic",
            "Leave a Reply",
            "No thanks, take me back to the article.",
            "On Americord's Website",
            "Visit the Spine Center website",
            "Subscribe to our newsletter",
            "Book your free consultation today",
            "See all treatments »",
        ] {
            assert_eq!(short_block_kind(line, false), Some(RemovalKind::CallToAction), "{line}");
        }
    }

    #[test]
    fn real_short_lines_are_not_calls_to_action() {
        for line in [
            "Watch for signs of infection after the injection.",
            "Call your doctor if you have a fever.",
            "Back to Work After Surgery",
            "What We Offer",
            "What does the clinic offer?",
            "Conclusion",
            "Categories of Back Pain",
            "By contrast, surgery carries more risk.",
            "Call us on 01632 960 123 to book.",
        ] {
            assert_eq!(short_block_kind(line, false), None, "{line}");
        }
    }

    #[test]
    fn headings_are_calls_to_action_only_as_bare_buttons() {
        for heading in ["Learn more", "Read More", "Leave a Reply", "See our offers →", "No thanks, take me back"] {
            assert_eq!(short_block_kind(heading, true), Some(RemovalKind::CallToAction), "{heading}");
        }
        for heading in ["Book an Appointment", "Contact Us", "Learn More About Our Team", "By Appointment Only"] {
            assert_eq!(short_block_kind(heading, true), None, "{heading}");
        }
    }

    #[test]
    fn sponsor_labels_are_advertising() {
        for line in ["Limited Partner Offer.", "Sponsored", "Advertisement", "Special offer for new patients"] {
            assert_eq!(short_block_kind(line, false), Some(RemovalKind::Advertising), "{line}");
        }
    }

    #[test]
    fn chrome_lines_are_page_chrome() {
        for line in [
            "Riverside Clinic | Home | Services | Contact",
            "Home › Conditions › Back pain",
            "You may also like",
            "Related Posts",
            "Tags: stem cells, pain",
            "© 2024 Clinic",
            "By Jane Doe | March 3, 2024",
            "THIS MONTH: HELPING YOUR TEEN WITH DEPRESSION",
            "On this page: What is it? | Who is at risk? | Causes | Symptoms",
            "You are visitor number 004187 since January 1, 2001",
            "Webmaster: webmaster@example.org",
        ] {
            assert_eq!(short_block_kind(line, false), Some(RemovalKind::PageChrome), "{line}");
        }
        // A label before the items is only a label when it is short.
        assert_eq!(short_block_kind("The main types of anemia we treat at this clinic: iron | B12 | folate", false), None);
    }

    #[test]
    fn who_issues_a_leaflet_and_when_is_chrome_but_a_subject_is_not() {
        for line in [
            "Bone Health Service – Physiotherapy Department",
            "Diabetes Unit | Medicines Information",
            "Bone Health Clinical Lead, 9 January 2024",
            "Senior Physiotherapist, March 2024",
        ] {
            assert_eq!(short_block_kind(line, true), Some(RemovalKind::PageChrome), "{line}");
        }
        for line in [
            "Eye Clinic – Glaucoma",
            "Type 2 Diabetes – Treatment",
            "Support from the diabetes team – what to expect",
            "Insulin pumps, March 2024",
            "The nurse will call you in March 2024",
        ] {
            assert_eq!(short_block_kind(line, true), None, "{line}");
        }
    }

    #[test]
    fn cta_sentences_inside_paragraphs() {
        assert!(is_cta_sentence("I recommend you watch the video below."));
        assert!(is_cta_sentence(
            "Read on for more information about stem cell therapy for back pain and its potential benefits."
        ));
        assert!(is_cta_sentence("Learn more and take a step towards safeguarding your family's health."));
        assert!(!is_cta_sentence("Participants reported improved satisfaction with their overall health."));
        assert!(!is_cta_sentence("Call us at 555-123-4567 to book an appointment."));
        assert!(is_cta_sentence("(Watch the animated video to learn more about the causes of glaucoma."));
        assert!(is_cta_sentence("To enlarge the video, click the brackets in the lower right-hand corner."));
        assert!(is_cta_sentence("See this graphic for a quick overview of glaucoma, including who is at risk."));
        assert!(!is_cta_sentence("Your doctor may show you a video of the operation before you decide."));
        // Advice that sends the reader to care near them is content, not the site's call.
        let advice = "Learn more about depression by contacting a local mental health clinic.";
        assert!(!is_cta_sentence(advice) && short_block_kind(advice, false).is_none());
        assert_eq!(short_block_kind("Learn more about our therapy packages", false), Some(RemovalKind::CallToAction));
        assert_eq!(short_block_kind("7 minute read", false), Some(RemovalKind::PageChrome));
        assert_eq!(short_block_kind("Issue 17 | May 2024", false), Some(RemovalKind::PageChrome));
        assert_eq!(short_block_kind("HMW-PIL-012 | Page 1 of 2", false), Some(RemovalKind::PageChrome));
        assert!(is_news_heading("Practice news") && !is_news_heading("News about a new treatment"));
        for chrome in ["PHY-PIL-031 – Fibromyalgia", "Version 3 | Review due April 2026", "Reading progress: 0% read", "Photo: a physiotherapist helping a patient stretch"] {
            assert_eq!(short_block_kind(chrome, false), Some(RemovalKind::PageChrome), "{chrome}");
        }
        for content in ["COVID-19 can cause a loss of smell.", "HbA1c is measured in mmol/mol.", "Version two of the test is more accurate."] {
            assert_eq!(short_block_kind(content, false), None, "{content}");
        }
        assert!(is_contents_line("About Paget's disease ........ 2 Questions and answers ........ 3"));
        assert_eq!(short_block_kind("⚠️ Leaflet owner: update this section after the review.", false), Some(RemovalKind::PageChrome));
        assert_eq!(short_block_kind("Comments (1) · Write a comment…", false), Some(RemovalKind::PageChrome));
        assert!(!is_contents_line("Take 2.5 mg daily... or as directed."));
        assert!(!is_cta_sentence("NEI is supporting studies to learn more about who is likely to get glaucoma."));
    }

    #[test]
    fn author_boxes() {
        assert!(is_author_box("This post was written by Becky Palmer, a medical professional at Stemedix."));
        assert!(is_author_box("This article was contributed by Dr. Lee."));
        assert!(!is_author_box("This post explains how stem cells are harvested."));
    }

    #[test]
    fn promotions_speak_to_the_reader_to_sell() {
        assert!(is_promotional(
            "Secure a healthier future for your family with Americord's advanced stem cell banking."
        ));
        assert!(is_promotional("Find out if you are a candidate for the patient-funded study."));
        assert!(!is_promotional("Stem cells are harvested from bone marrow."));
        assert!(!is_promotional("If your pain persists, stem cells may help."));
    }

    #[test]
    fn citation_link_labels_are_stripped() {
        let (text, count) =
            strip_citation_links("Kangari, P. (2022). Mesenchymal stem cells. Stem Cell Research & Therapy. Link")
                .unwrap_or_default();
        assert_eq!(
            (text.as_str(), count),
            ("Kangari, P. (2022). Mesenchymal stem cells. Stem Cell Research & Therapy.", 1)
        );
        assert_eq!(strip_citation_links("Click the Link"), None);
        assert_eq!(strip_citation_links("Smith J (2020) Discs. [PubMed] [Google Scholar]").map(|r| r.1), Some(2));
    }

    #[test]
    fn printouts_addresses_captions_and_call_outs() {
        for line in ["--- page 2 of 2 ---", "Page 3", "https://www.example.org/conditions/gout/", "PRINTED FROM www.example.org", "We use cookies to improve your experience."] {
            assert_eq!(short_block_kind(line, false), Some(RemovalKind::PageChrome), "{line}");
        }
        for sentence in [
            "Figure 1: The rash in the photo above, two weeks later.",
            "Our reception, pictured above.",
            "Tip: Book a same-week allergy test at any of our clinics.",
        ] {
            assert!(is_cta_sentence(sentence), "{sentence}");
        }
        // A label of punctuation only, or longer than what follows it, is no call to action.
        for odd in ["Tip -- :", "Did you know ?!:", "Note:"] {
            assert!(!is_cta_sentence(odd), "{odd}");
        }
        for content in [
            "This test creates pictures of your lungs, heart and the muscle below your lungs.",
            "A computer turns the echoes into a picture, so the doctor can see blood flow.",
            "Page 3 of the form asks about your medicines and your allergies.",
            "Note: the test is not painful.",
        ] {
            assert!(!is_cta_sentence(content) && short_block_kind(content, false).is_none(), "{content}");
        }
        assert!(is_sponsor_heading("Advertisement") && !is_sponsor_heading("Advertising and your child's diet"));
    }
}
