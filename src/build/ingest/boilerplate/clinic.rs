//! What a clinic's site says about the clinic rather than about health: its prices and
//! offers, its opening hours and address, how to pay, and call-out boxes in its own voice
//! that give a number to ring. A patient's question about a condition should never be
//! answered with these, and they are recognised by their shape (an amount of money, a
//! weekday with a clock time, "our nurses" with a phone number), never by one site's text.

use super::patterns::{contains_phrase as contains, phrase_words, starts_with_phrase as starts_with, JOB_TITLE_WORDS};
use crate::build::RemovalKind;

/// A price list, an offer or an announcement is a line or two.
const MAX_NOTICE_WORDS: usize = 30;
/// Opening hours, an address: one short line.
const MAX_HOURS_WORDS: usize = 16;
/// A call-out box with a number to ring is a few sentences.
const MAX_CALLOUT_WORDS: usize = 45;

const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "weekdays", "weekends",
];
/// The clinic speaking of itself.
const CLINIC_VOICE: &[&str] = &["our", "we", "us", "we'll", "we're"];
/// Booking words that make "free" an offer: "a free hearing screen with every assessment booked".
const BOOKING_WORDS: &[&str] =
    &["book", "booked", "booking", "bookings", "appointment", "appointments", "consultation", "consultations", "session", "sessions", "visit", "visits"];
/// How a site says it takes money.
const PAYMENT_PHRASES: &[&str] = &["pay securely", "self pay", "apple pay", "google pay", "payment plans", "we accept"];

/// A heading that only a clinic's template makes one: its postal address ("Harbourside
/// Mind & Wellbeing, 14 Quayside Mews, London SE99 7QX") or a form's fields ("Name: ____").
pub(crate) fn is_template_heading(text: &str) -> bool {
    let short = text.split_whitespace().nth(MAX_HOURS_WORDS).is_none();
    text.contains("___") || (short && (is_postal_address(text) || is_contact_line(&phrase_words(text), text)))
}

/// The kind of clinic notice `text` is, if it is one.
pub(crate) fn notice_kind(text: &str) -> Option<RemovalKind> {
    if text.split_whitespace().nth(MAX_CALLOUT_WORDS).is_some() {
        return None;
    }
    let words = phrase_words(text);
    if words.len() <= MAX_NOTICE_WORDS && (has_money(text) || is_free_offer(&words)) {
        return Some(RemovalKind::Advertising);
    }
    if words.len() <= MAX_HOURS_WORDS && (is_opening_hours(&words) || is_postal_address(text)) {
        return Some(RemovalKind::PageChrome);
    }
    if words.len() <= MAX_NOTICE_WORDS && PAYMENT_PHRASES.iter().any(|p| contains(&words, p)) {
        return Some(RemovalKind::PageChrome);
    }
    if words.iter().any(|w| CLINIC_VOICE.contains(&w.as_str())) && has_phone_number(text) {
        return Some(RemovalKind::CallToAction);
    }
    // "Book your consultation today — call 020 7946 0321": the booking line, whoever speaks;
    // "Please ask at reception or call …".
    let booking_or_desk = words.iter().any(|w| BOOK_WORDS.contains(&w.as_str()) || w == "reception");
    if words.len() <= MAX_NOTICE_WORDS && booking_or_desk && has_phone_number(text) {
        return Some(RemovalKind::CallToAction);
    }
    // "Sponsored: Try the … app free for 30 days": a paid line, however long.
    if words.len() <= MAX_NOTICE_WORDS && matches!(text.split_once(':'), Some((label, _)) if super::patterns::is_sponsor_word(&label.trim().to_lowercase())) {
        return Some(RemovalKind::Advertising);
    }
    if words.len() <= MAX_NOTICE_WORDS && is_properties_block(text) {
        return Some(RemovalKind::PageChrome);
    }
    if EMAIL_FURNITURE.iter().any(|p| contains(&words, p)) || (words.len() <= MAX_NOTICE_WORDS && PRINT_FURNITURE.iter().any(|p| contains(&words, p))) {
        return Some(RemovalKind::PageChrome);
    }
    if words.len() <= MAX_HOURS_WORDS && (is_contact_line(&words, text) || is_social_link(&words, text) || is_media_placeholder(text)) {
        return Some(RemovalKind::PageChrome);
    }
    None
}

/// A wiki page's or document's properties: "Status: DRAFT Owner: Jane Doe Tags: urology".
const PROPERTY_LABELS: &[&str] =
    &["status", "owner", "tags", "reviewed by", "last edited time", "created by", "last modified", "version", "review date", "author", "approved by"];

fn is_properties_block(text: &str) -> bool {
    let lower = text.to_lowercase();
    PROPERTY_LABELS.iter().filter(|label| lower.contains(&format!("{label}:"))).count() >= 2
}

/// What a printed leaflet carries besides its text.
const PRINT_FURNITURE: &[&str] = &[
    "if you need this leaflet",
    "print this leaflet",
    "copies are uncontrolled",
    "uncontrolled when printed",
    "stock photo",
    "stock image",
    "posed by models",
    "use this space",
    "this leaflet in another language",
    "at the till",
    "offer ends",
    "any other discount",
    "any other offer",
    "show this leaflet",
    "discount code",
    "promo code",
    "voucher code",
    "patients welcome",
    "referrals welcome",
    "please take one",
    "display copy",
    "tear here",
    "cut here",
    "cut along",
    "this slip",
    "printed by",
    "recycled paper",
    "available in large print",
    "leaflet ref",
    "leaflet reference",
    "leaflet number",
];

const BOOK_WORDS: &[&str] = &["book", "booked", "booking", "bookings"];

/// What a newsletter sent by email carries around its articles.
const EMAIL_FURNITURE: &[&str] = &[
    "unsubscribe",
    "view this email",
    "view in browser",
    "view in your browser",
    "view it in your browser",
    "forward to a friend",
    "forward this email",
    "reply to this email",
    "manage preferences",
    "manage your preferences",
    "update your preferences",
    "update your details",
    "receiving this email",
    "received this email",
    "opted in",
    "mailing list",
    // Mailchimp's own footer, kept by most clinics' newsletters as it comes.
    "our mailing address is",
    "how you receive these emails",
];

/// "Tel: 020 7946 0321 | hello@…", "Email: reception@…": the clinic's own contact line. A
/// helpline in a health text ("Call the Poison Help line at 1-800-222-1222") opens with
/// what it is, not with a label.
fn is_contact_line(words: &[String], text: &str) -> bool {
    let labelled = matches!(words.first().map(String::as_str), Some("tel" | "telephone" | "phone" | "email" | "fax" | "reception" | "whatsapp"))
        || matches!((words.first().map(String::as_str), words.get(1).map(String::as_str)), (Some("e"), Some("mail")) | (Some("call" | "text" | "email"), Some("us")));
    labelled && (has_phone_number(text) || text.contains('@'))
}

const SOCIAL_NETWORKS: &[&str] =
    &["facebook", "instagram", "twitter", "x", "linkedin", "youtube", "tiktok", "pinterest", "threads", "bluesky", "mastodon"];

/// "Instagram: instagram.example/clinic": a social network's name and an address.
fn is_social_link(words: &[String], text: &str) -> bool {
    words.len() <= 8
        && words.first().is_some_and(|w| SOCIAL_NETWORKS.contains(&w.as_str()))
        && (text.contains('/') || text.contains('@'))
}

/// "[Image: Smiling woman at reception]", "[Photo caption: …]": where a picture was, in a
/// page saved as text.
fn is_media_placeholder(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    ["[image", "[photo", "[picture", "[img", "[caption", "[graphic", "[logo"].iter().any(|p| lower.starts_with(p))
}

/// Where a page speaks of itself when it disclaims.
const PAGE_SUBJECTS: &[&str] =
    &["this page", "these pages", "the pages", "each page", "this site", "this website", "this information", "this article", "this leaflet"];
const DISCLAIMERS: &[&str] = &["not a substitute", "does not replace", "do not replace", "is not intended", "are not intended"];
/// What a clinic calls itself and its site when it introduces them.
const CLINIC_NOUNS: &[&str] = &[
    "team", "clinic", "centre", "center", "practice", "surgery", "hospital", "site", "website", "pages", "library", "staff",
    "specialists", "nurses", "doctors",
];

/// The kind of sentence, inside a longer paragraph, that speaks for the clinic: it asks the
/// reader to book ("just ask us at your next appointment"), introduces the clinic ("We are a
/// small, friendly team…", "Our patient information library explains…") or disclaims the
/// page ("These pages are not a substitute for…").
pub(crate) fn sentence_kind(sentence: &str) -> Option<RemovalKind> {
    if sentence.split_whitespace().nth(MAX_CALLOUT_WORDS).is_some() {
        return None;
    }
    let words = phrase_words(sentence);
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    // "Reviewed by Dr Kwame Mensah.", "Last updated 2 May 2024." inside a paragraph.
    // A name follows "by": "Written by hand, …" is a sentence of the page.
    let by_name = || {
        let mut rest = sentence.split_whitespace().skip_while(|t| !t.eq_ignore_ascii_case("by")).skip(1);
        rest.next().is_some_and(|name| name.starts_with(|c: char| c.is_uppercase()))
    };
    let byline = (matches!((w(0), w(1)), ("reviewed" | "written" | "checked", "by") | ("medically", "reviewed")) && by_name())
        || matches!((w(0), w(1)), ("last", "updated" | "reviewed"));
    if byline && words.len() <= 12 {
        return Some(RemovalKind::PageChrome);
    }
    let voice = words.iter().any(|w| CLINIC_VOICE.contains(&w.as_str()));
    if voice && words.iter().any(|w| BOOKING_WORDS.contains(&w.as_str()) || w == "schedule") {
        return Some(RemovalKind::CallToAction);
    }
    // "Tom is our running and sports rehab lead.", "Hannah leads our Saturday clinic."
    let role = |w: &String| JOB_TITLE_WORDS.contains(&w.as_str()) || matches!(w.as_str(), "clinic" | "team" | "service");
    let staff_bio = words.len() <= 14
        && words.windows(2).any(|p| matches!(p[0].as_str(), "is" | "leads" | "runs" | "heads" | "joined") && p[1] == "our")
        && words.iter().any(role);
    // "This leaflet is to help you and your family understand your condition."
    let page_purpose = PAGE_SUBJECTS.iter().any(|p| starts_with(&words, p))
        && words.iter().any(|w| matches!(w.as_str(), "help" | "explains" | "explain" | "tells" | "aims" | "designed" | "written" | "read"));
    // "It does not replace individual advice from your clinician."
    let replaces_advice = DISCLAIMERS.iter().any(|d| contains(&words, d)) && words.iter().any(|w| matches!(w.as_str(), "advice" | "clinician" | "consultation"));
    if staff_bio || page_purpose || replaces_advice {
        return Some(RemovalKind::PageChrome);
    }
    // "Note: this leaflet is under review by the Urology Governance Group."
    if PAGE_SUBJECTS.iter().any(|p| contains(&words, p)) && contains(&words, "under review") {
        return Some(RemovalKind::PageChrome);
    }
    // "Please read it before your first appointment and write any questions on the Notes
    // page at the back of this leaflet."
    if PAGE_SUBJECTS.iter().any(|p| contains(&words, p)) && words.iter().any(|w| BOOKING_WORDS.contains(&w.as_str())) {
        return Some(RemovalKind::CallToAction);
    }
    let introduces = matches!((w(0), w(1), w(2)), ("we", "are", "a" | "an") | ("we're", "a" | "an", _))
        || (w(0) == "our" && (1..=3).any(|i| CLINIC_NOUNS.contains(&w(i))));
    let of_the_pages = PAGE_SUBJECTS.iter().any(|p| contains(&words, p));
    let disclaims = of_the_pages && DISCLAIMERS.iter().any(|d| contains(&words, d));
    // "Each page … is checked regularly by our nursing team", "On these pages you will find
    // … the conditions we see most often".
    (introduces || disclaims || (voice && of_the_pages)).then_some(RemovalKind::PageChrome)
}

/// "£85", "$40", "€20", "15% off".
fn has_money(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let currency = chars.windows(2).any(|w| matches!(w[0], '£' | '$' | '€') && w[1].is_ascii_digit());
    let lower = text.to_lowercase();
    currency || lower.contains("% off")
}

fn is_free_offer(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| w == "free" && !super::patterns::is_toll_free(words, i))
        && words.iter().any(|w| BOOKING_WORDS.contains(&w.as_str()))
}

/// A weekday and a clock time: "Monday – Friday 8am – 6.30pm", "clinics every Wednesday
/// until 7pm".
fn is_opening_hours(words: &[String]) -> bool {
    let clock = |w: &str| {
        let digits = w.trim_end_matches("am").trim_end_matches("pm");
        digits.len() < w.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ':')
    };
    // phrase_words splits "6.30pm" into "6" and "30pm".
    words.iter().any(|w| WEEKDAYS.contains(&w.as_str())) && words.iter().any(|w| clock(w))
}

/// A line ending in a UK postcode ("Stockport SK1 9ZZ") or a US ZIP code after a state
/// ("Springfield, IL 62704").
fn is_postal_address(text: &str) -> bool {
    let tokens: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    let [.., outward, inward] = tokens.as_slice() else { return false };
    let uk = (2..=4).contains(&outward.len())
        && outward.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && outward.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && outward.chars().any(|c| c.is_ascii_digit())
        && inward.len() == 3
        && inward.starts_with(|c: char| c.is_ascii_digit())
        && inward[1..].chars().all(|c| c.is_ascii_uppercase());
    let us = outward.len() == 2 && outward.chars().all(|c| c.is_ascii_uppercase()) && inward.len() == 5 && inward.chars().all(|c| c.is_ascii_digit());
    (uk || us) && tokens.len() >= 4
}

/// Seven digits or more in one stretch of digits, spaces, dashes, dots and brackets, as
/// phone numbers are written: "0161 496 0734", "(555) 014-2290", "1-800-222-1222".
fn has_phone_number(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.')))
        .any(|stretch| stretch.chars().filter(char::is_ascii_digit).count() >= 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_offers_hours_and_addresses_are_the_clinics_not_health() {
        for (text, kind) in [
            ("Initial consultation £85 · Follow-up £60", RemovalKind::Advertising),
            ("Special offer: 15% off your first sinus consultation — quote NOSE15 when you book.", RemovalKind::Advertising),
            ("Limited time: a free hearing screen with every tinnitus assessment booked before 31 March.", RemovalKind::Advertising),
            ("Monday – Friday 8am – 6.30pm", RemovalKind::PageChrome),
            ("New for families: after-school clinics every Wednesday until 7pm — no referral needed.", RemovalKind::PageChrome),
            ("Unit 4, Weaver's Yard, Hillgate, Stockport SK1 9ZZ", RemovalKind::PageChrome),
            ("12 Elm Street, Springfield, IL 62704", RemovalKind::PageChrome),
            ("Pay securely by card or Apple Pay. Self-pay and insured patients welcome.", RemovalKind::PageChrome),
            (
                "Struggling to follow conversations at home? Our audiology team can arrange a hearing check. Ring 0161 496 0734, Monday to Friday.",
                RemovalKind::CallToAction,
            ),
        ] {
            assert_eq!(notice_kind(text), Some(kind), "{text}");
        }
    }

    #[test]
    fn the_clinic_introducing_itself_asking_to_book_or_disclaiming_is_not_content() {
        for (sentence, kind) in [
            ("We are a small, friendly team of diabetes nurses, dietitians and doctors.", RemovalKind::PageChrome),
            ("Our patient information library explains each condition in plain language.", RemovalKind::PageChrome),
            ("The pages below are a starting point, not a substitute for a chat with your own care team.", RemovalKind::PageChrome),
            ("If anything is unclear, just ask us at your next appointment.", RemovalKind::CallToAction),
            ("To see one of our specialists, use the Schedule an appointment button.", RemovalKind::CallToAction),
            ("Each page covers one condition and is checked regularly by our nursing team.", RemovalKind::PageChrome),
            ("Write down any questions and bring them along to your next visit with us.", RemovalKind::CallToAction),
        ] {
            assert_eq!(sentence_kind(sentence), Some(kind), "{sentence}");
        }
        for sentence in [
            "Vitamins are not a substitute for a healthy diet.",
            "We don't know exactly what causes the condition.",
            "Bring a list of your medicines to your appointment.",
            "Our bodies need iodine to make thyroid hormone.",
        ] {
            assert_eq!(sentence_kind(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn health_advice_with_numbers_days_or_free_stays() {
        for text in [
            "Call the Poison Help line at 1-800-222-1222 right away.",
            "Check with your doctor if you notice a problem while taking a medication.",
            "Take the tablets on Monday and Thursday, with food.",
            "Free radicals can damage cells.",
            "Symptoms usually last 7 to 10 days.",
            "About 15% of people with the condition have it in both ears.",
            "Call the toll-free, 24-hour hotline of the National Suicide Prevention Lifeline at 1-800-273-TALK (1-800-273-8255).",
            "To make an appointment with a specialist, ask your doctor for a referral.",
            "Use the text size buttons in your phone's settings to enlarge the print.",
        ] {
            assert_eq!(notice_kind(text), None, "{text}");
        }
    }

    #[test]
    fn a_newsletter_or_leaflet_around_its_articles_is_furniture() {
        for (text, kind) in [
            ("View this email in your browser https://clinic.example/newsletter/17", RemovalKind::PageChrome),
            ("Forward to a friend: https://clinic.example/forward?issue=17", RemovalKind::PageChrome),
            ("You are receiving this email because you opted in at clinic.example.", RemovalKind::PageChrome),
            ("Update your details or manage preferences: https://clinic.example/prefs Unsubscribe: https://clinic.example/u", RemovalKind::PageChrome),
            ("Tel: 020 7946 0321 | hello@clinic.example", RemovalKind::PageChrome),
            ("Email us: reception@clinic.example", RemovalKind::PageChrome),
            ("Instagram: instagram.example/clinic", RemovalKind::PageChrome),
            ("[Image: Smiling woman at reception holding a mug of tea]", RemovalKind::PageChrome),
            ("Please take one - do not remove the display copy from the waiting room.", RemovalKind::PageChrome),
            ("- - - - 8< tear here - - - -", RemovalKind::PageChrome),
            ("Printed by Quickprint Digital Ltd on 100% recycled paper.", RemovalKind::PageChrome),
            ("*** Book your consultation today — call 020 7946 0321 ***", RemovalKind::CallToAction),
            ("Sponsored: Try the Stillwater meditation app free for 30 days", RemovalKind::Advertising),
        ] {
            assert_eq!(notice_kind(text), Some(kind), "{text}");
        }
        for (text, kind) in [
            ("If you need this leaflet in another language, please ask at reception or call 0161 496 0734.", RemovalKind::CallToAction),
            ("Quote IRWELL20 at the till. Offer ends 31 December.", RemovalKind::PageChrome),
            ("Self-referrals welcome. Early morning, evening and Saturday clinics.", RemovalKind::PageChrome),
            ("Use this space to write down any questions you would like to ask.", RemovalKind::PageChrome),
        ] {
            assert_eq!(notice_kind(text), Some(kind), "{text}");
        }
        for (sentence, kind) in [
            ("Tom is our running and sports rehab lead.", RemovalKind::PageChrome),
            ("This leaflet is to help you and your family understand your condition.", RemovalKind::PageChrome),
            ("It does not replace individual advice from your clinician.", RemovalKind::PageChrome),
            ("Please bring this leaflet with you to your next appointment.", RemovalKind::CallToAction),
        ] {
            assert_eq!(sentence_kind(sentence), Some(kind), "{sentence}");
        }
        for sentence in ["Exercise does not replace the need for medicine.", "Insulin is our body's way of using sugar."] {
            assert_eq!(sentence_kind(sentence), None, "{sentence}");
        }
        assert_eq!(sentence_kind("Reviewed by Dr Kwame Mensah."), Some(RemovalKind::PageChrome));
        assert_eq!(notice_kind("Status: DRAFT Owner: Jane Doe Tags: urology, leaflet"), Some(RemovalKind::PageChrome));
        assert_eq!(notice_kind("Printed copies are uncontrolled."), Some(RemovalKind::PageChrome));
        assert_eq!(notice_kind("Nurse talking to a patient (stock photo)"), Some(RemovalKind::PageChrome));
        assert_eq!(sentence_kind("Note: this leaflet is under review by the Urology Governance Group."), Some(RemovalKind::PageChrome));
        assert_eq!(notice_kind("The status of the infection decides the treatment: a doctor reviews it."), None);
        assert_eq!(sentence_kind("Written by hand, a diary helps you track your sleep."), None);
        assert!(is_template_heading("Harbourside Mind & Wellbeing, 14 Quayside Mews, London SE99 7QX"));
        assert!(is_template_heading("Name: ______________ Email: ______________"));
        assert!(!is_template_heading("Who is at risk for depression?"));
    }
}
