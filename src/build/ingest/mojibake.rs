//! Repairing text that was decoded with the wrong code page. Two kinds are common in
//! scraped pages, and both are repaired from how UTF-8 is built (a lead byte that says how
//! long the sequence is, then continuation bytes 0x80–0xBF), never from a list of strings:
//!
//! - UTF-8 read as Windows-1252 ("â€™" for "’", "Ã©" for "é"): nothing was lost, so mapping
//!   each character back to its Windows-1252 byte gives the UTF-8 bytes again. A run is
//!   replaced only where those bytes are valid UTF-8 of a plausible character.
//! - UTF-8 read as TIS-620 / Windows-874 (Thai) with the undecodable bytes dropped: lead
//!   bytes survive as Thai letters (0xE2 → "โ", 0xF0 → "๐", 0xEF → "๏"), continuation
//!   bytes 0xA1–0xBF as Thai consonants, and 0x80–0x9F are gone. What is left is often not
//!   enough to recover the character, so the repair reasons from the position: debris
//!   between letters was an apostrophe ("bodyโs" → "body’s"), debris between spaces was a
//!   dash, and emoji or symbols (4-byte sequences, variation selectors) are dropped. This
//!   only runs on text that is otherwise Latin and whose Thai letters all parse as such
//!   debris, so a real Thai page, or a Thai phrase quoted in an English one, is untouched.

use std::borrow::Cow;
use std::sync::OnceLock;

use encoding_rs::WINDOWS_1252;

use super::removals::RemovalLog;
use crate::build::RemovalKind;

/// Repairs both kinds in `text` and records what it did in `log`.
pub(crate) fn repair<'a>(text: &'a str, log: &mut RemovalLog) -> Cow<'a, str> {
    let mut text = Cow::Borrowed(text);
    // Twice-garbled text needs two rounds; a third would find nothing more.
    for _ in 0..2 {
        match repair_windows_1252(&text) {
            Some((fixed, count, sample)) => {
                log.record_sample(RemovalKind::MojibakeRepaired, &sample, count);
                text = Cow::Owned(fixed);
            }
            None => break,
        }
    }
    if let Some(fixed) = repair_thai_debris(&text) {
        if fixed.punctuation > 0 {
            let sample = format!("{} (garbled quotes and dashes restored)", fixed.punctuation_sample);
            log.record_sample(RemovalKind::MojibakeRepaired, &sample, fixed.punctuation);
        }
        if fixed.symbols > 0 {
            let sample = format!("{} (garbled emoji and symbols dropped)", fixed.symbols_sample);
            log.record_sample(RemovalKind::MojibakeRepaired, &sample, fixed.symbols);
        }
        text = Cow::Owned(fixed.text);
    }
    text
}

// ---------------------------------------------------------------------------------------
// UTF-8 read as Windows-1252

/// The Windows-1252 byte each character of its upper half decodes from, as encoding_rs
/// decodes it (which maps the five unassigned bytes to the C1 controls, as browsers do).
fn windows_1252_byte(c: char) -> Option<u8> {
    static TABLE: OnceLock<Vec<(char, u8)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<(char, u8)> = (0x80..=0xFFu8)
            .filter_map(|b| WINDOWS_1252.decode_without_bom_handling(&[b]).0.chars().next().map(|c| (c, b)))
            .collect();
        table.sort_unstable();
        table
    });
    if (c as u32) < 0x80 {
        return None;
    }
    table.binary_search_by_key(&c, |&(ch, _)| ch).ok().map(|i| table[i].1)
}

/// Characters that real text in Latin scripts is made of; a "repair" that yields anything
/// else (CJK from three accented letters, say) was not mojibake.
fn plausible_repair(c: char) -> bool {
    matches!(c as u32, 0x80..=0x024F | 0x0370..=0x052F | 0x2000..=0x2BFF | 0xFE00..=0xFE0F | 0xFEFF | 0x1F000..=0x1FAFF)
}

fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

fn is_continuation(byte: u8) -> bool {
    (0x80..=0xBF).contains(&byte)
}

/// The repaired text, how many sequences were repaired, and a sample; None if none were.
fn repair_windows_1252(text: &str) -> Option<(String, usize, String)> {
    if !text.chars().any(|c| windows_1252_byte(c).is_some_and(|b| utf8_len(b).is_some())) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut sample = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((decoded, len)) = windows_1252_sequence_at(&chars[i..]) {
            if sample.is_empty() {
                sample = format!(
                    "{} → {decoded} (UTF-8 read as Windows-1252)",
                    chars[i..i + len].iter().collect::<String>()
                );
            }
            out.push(decoded);
            count += 1;
            i += len;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (count > 0).then_some((out, count, sample))
}

fn windows_1252_sequence_at(chars: &[char]) -> Option<(char, usize)> {
    let lead = windows_1252_byte(*chars.first()?)?;
    let len = utf8_len(lead)?;
    let mut bytes = vec![lead];
    for &c in chars.get(1..len)? {
        bytes.push(windows_1252_byte(c).filter(|&b| is_continuation(b))?);
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    plausible_repair(decoded).then_some((decoded, len))
}

// ---------------------------------------------------------------------------------------
// UTF-8 read as Thai with the undecodable bytes dropped

struct ThaiRepair {
    text: String,
    punctuation: usize,
    punctuation_sample: String,
    symbols: usize,
    symbols_sample: String,
}

/// The byte TIS-620 / Windows-874 decodes to this Thai character (0xA1–0xFB ↔ U+0E01–U+0E5B).
fn thai_byte(c: char) -> Option<u8> {
    let code = c as u32;
    (0x0E01..=0x0E5B).contains(&code).then(|| (code - 0x0E00 + 0xA0) as u8)
}

/// Windows-874 keeps a few bytes of 0x80–0x9F as punctuation; after a lead they are
/// continuation bytes, not text.
fn windows_874_punctuation_byte(c: char) -> Option<u8> {
    Some(match c {
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        _ => return None,
    })
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0250
}

/// One garbled character: its lead byte and the continuation bytes that survived.
struct Debris {
    start: usize,
    end: usize,
    lead: u8,
    continuations: Vec<u8>,
}

fn repair_thai_debris(text: &str) -> Option<ThaiRepair> {
    let thai = text.chars().filter(|&c| is_thai(c)).count();
    if thai == 0 {
        return None;
    }
    let latin = text.chars().filter(|&c| is_latin_letter(c)).count();
    // Debris is a sprinkling in Latin text; a page where Thai is a real share is Thai.
    if thai * 3 > latin {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let debris = parse_debris(&chars)?;
    // One garbled character leaves at most a lead and three continuations, and garbling
    // rarely touches more than two characters in a row (a symbol and its variation
    // selector); Thai words run longer.
    if longest_run_of_units(&debris) > MAX_DEBRIS_UNITS_IN_A_ROW {
        return None;
    }

    let mut repair = ThaiRepair {
        text: String::with_capacity(text.len()),
        punctuation: 0,
        punctuation_sample: String::new(),
        symbols: 0,
        symbols_sample: String::new(),
    };
    let mut pos = 0;
    let mut k = 0;
    while k < debris.len() {
        let piece = &debris[k];
        repair.text.extend(&chars[pos..piece.start]);
        // A symbol followed by a variation selector (U+FE0F = EF B8 8F, which survives as
        // "๏ธ"), with or without the space that a surviving 0xA0 became, is one emoji.
        let selector = debris.get(k + 1).filter(|next| {
            next.lead == 0xEF
                && next.continuations.first().is_none_or(|&b| b == 0xB8)
                && chars[piece.end..next.start].iter().all(|c| c.is_whitespace())
                && next.start - piece.end <= 1
        });
        let end = selector.map_or(piece.end, |s| s.end);
        let garbled: String = chars[piece.start..end].iter().collect();
        let replacement = if selector.is_some() { None } else { restore(piece, &chars) };
        match replacement {
            Some(c) => {
                repair.text.push(c);
                repair.punctuation += 1;
                if repair.punctuation_sample.is_empty() {
                    repair.punctuation_sample = context_sample(&chars, piece.start, end, c);
                }
            }
            None => {
                repair.symbols += 1;
                if repair.symbols_sample.is_empty() {
                    repair.symbols_sample = garbled;
                }
            }
        }
        pos = end;
        k += if selector.is_some() { 2 } else { 1 };
    }
    repair.text.extend(&chars[pos..]);
    Some(repair)
}

const MAX_DEBRIS_UNITS_IN_A_ROW: usize = 3;

/// The most garbled characters that follow each other with nothing in between.
fn longest_run_of_units(debris: &[Debris]) -> usize {
    let mut longest = 0;
    let mut run = 0;
    let mut previous_end = None;
    for piece in debris {
        run = if previous_end == Some(piece.start) { run + 1 } else { 1 };
        longest = longest.max(run);
        previous_end = Some(piece.end);
    }
    longest
}

/// Every Thai letter as part of a lead-byte-first sequence, or None when one is not (a
/// consonant with no lead before it, a byte UTF-8 never uses): then the Thai is real.
fn parse_debris(chars: &[char]) -> Option<Vec<Debris>> {
    let mut debris = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_thai(chars[i]) {
            i += 1;
            continue;
        }
        let lead = thai_byte(chars[i])?;
        let len = utf8_len(lead)?;
        let mut continuations = Vec::new();
        let mut j = i + 1;
        while continuations.len() < len - 1 && j < chars.len() {
            let byte = thai_byte(chars[j]).or_else(|| windows_874_punctuation_byte(chars[j]));
            match byte.filter(|&b| is_continuation(b)) {
                Some(b) => continuations.push(b),
                None => break,
            }
            j += 1;
        }
        debris.push(Debris { start: i, end: j, lead, continuations });
        i = j;
    }
    Some(debris)
}

/// The punctuation a garbled sequence stood for, or None to drop it (emoji, symbols, and
/// what cannot be told).
fn restore(piece: &Debris, chars: &[char]) -> Option<char> {
    let len = utf8_len(piece.lead)?;
    if piece.continuations.len() == len - 1 {
        let mut bytes = vec![piece.lead];
        bytes.extend(&piece.continuations);
        let c = std::str::from_utf8(&bytes).ok()?.chars().next()?;
        return (c.is_alphanumeric() || ('\u{2010}'..='\u{2027}').contains(&c)).then_some(c);
    }
    if piece.lead != 0xE2 {
        return None;
    }
    // E2 80 xx is General Punctuation; when only the last byte survived, that is the
    // likeliest block, and it names a bullet or an ellipsis exactly.
    if let [last] = piece.continuations[..] {
        return match std::str::from_utf8(&[0xE2, 0x80, last]).ok()?.chars().next()? {
            c @ ('•' | '…') => Some(c),
            _ => None,
        };
    }
    let before = piece.start.checked_sub(1).map(|i| chars[i]);
    let after = chars.get(piece.end).copied();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if letter(before) && letter(after) {
        Some('’')
    } else if space(before) && space(after) {
        Some('—')
    } else {
        None
    }
}

/// The garbled word with its neighbour, before and after: "bodyโs → body’s",
/// "therapy โ a → therapy — a".
fn context_sample(chars: &[char], start: usize, end: usize, replacement: char) -> String {
    let mut left = start;
    while left > 0 && chars[left - 1].is_whitespace() {
        left -= 1;
    }
    while left > 0 && !chars[left - 1].is_whitespace() {
        left -= 1;
    }
    let mut right = end;
    while right < chars.len() && chars[right].is_whitespace() && right - end < 1 {
        right += 1;
    }
    while right < chars.len() && !chars[right].is_whitespace() {
        right += 1;
    }
    let garbled: String = chars[left..right].iter().collect();
    let fixed: String = chars[left..start].iter().chain([replacement].iter()).chain(chars[end..right].iter()).collect();
    format!("{garbled} → {fixed}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> String {
        repair(text, &mut RemovalLog::default()).into_owned()
    }

    #[test]
    fn utf8_read_as_windows_1252_is_reversed() {
        assert_eq!(
            fix("The bodyâ€™s cells, cafÃ© â€œregenerativeâ€\u{9d} therapy"),
            "The body’s cells, café “regenerative” therapy"
        );
    }

    #[test]
    fn twice_garbled_text_is_reversed_too() {
        let twice = WINDOWS_1252.decode_without_bom_handling("â€™".as_bytes()).0;
        assert_eq!(fix(&format!("body{twice}s")), "body’s");
    }

    #[test]
    fn real_accented_text_is_left_alone() {
        for text in ["Zezuliński, Müller and Ødegaard", "São Paulo, naïve café", "½ dose, 37 °C, © 2024"] {
            assert_eq!(fix(text), text);
        }
    }

    #[test]
    fn thai_debris_between_letters_becomes_an_apostrophe() {
        assert_eq!(
            fix("Stem cells are the bodyโs raw materials and it isnโt magic."),
            "Stem cells are the body’s raw materials and it isn’t magic."
        );
    }

    #[test]
    fn thai_debris_between_spaces_becomes_a_dash() {
        assert_eq!(
            fix("Enter stem cell therapy โ a burgeoning field."),
            "Enter stem cell therapy — a burgeoning field."
        );
    }

    #[test]
    fn thai_emoji_and_symbol_debris_is_dropped() {
        assert_eq!(fix("What Are Stem Cells? ๐ฑ"), "What Are Stem Cells? ");
        assert_eq!(fix("Safety and Side Effects โ ๏ธ"), "Safety and Side Effects ");
        assert_eq!(fix("โ๏ธ Note: always ask."), " Note: always ask.");
        assert_eq!(fix("Results ๐ and more"), "Results  and more");
    }

    #[test]
    fn repairs_are_reported_with_counts() {
        let mut log = RemovalLog::default();
        repair("the bodyโs cells and the heartโs ๐ฑ", &mut log);
        let removed = log.into_removals();
        assert_eq!(removed.len(), 2);
        assert_eq!(removed[0].count, 2);
        assert!(removed[0].sample.contains("body’s"), "{:?}", removed[0]);
        assert_eq!(removed[1].count, 1);
    }

    #[test]
    fn a_real_thai_page_is_untouched() {
        let thai = "การรักษาด้วยเซลล์ต้นกำเนิดสำหรับอาการปวดหลังเรื้อรัง โรงพยาบาลของเรามีผู้เชี่ยวชาญ";
        assert_eq!(fix(thai), thai);
    }

    #[test]
    fn a_thai_word_in_english_text_is_untouched() {
        let text =
            "Our Bangkok clinic calls stem cells เซลล์ต้นกำเนิด in its brochures, which are printed in English and Thai.";
        assert_eq!(fix(text), text);
    }

    #[test]
    fn a_thai_phrase_quoted_in_english_is_untouched() {
        let text = "The clinic's Bangkok sign reads ภาษาไทย and the staff speak English and Thai fluently every day of the week.";
        assert_eq!(fix(text), text);
    }
}
