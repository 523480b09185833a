//! What cleaning took out of one document, for the build report: a clinic reads it to check
//! that nothing real was dropped, so each entry shows the start of what went and why, and
//! identical removals are counted once.

use crate::build::{Removal, RemovalKind};

/// How much of a removed text the report shows.
const SAMPLE_CHARS: usize = 80;

#[derive(Clone, Debug, Default)]
pub(crate) struct RemovalLog {
    removals: Vec<Removal>,
    /// Every removed text in full, when asked for (`IngestOptions::keep_removed_text`).
    texts: Option<Vec<(RemovalKind, String)>>,
}

impl RemovalLog {
    /// A log that also keeps every removed text whole, not just its start.
    pub(crate) fn new(keep_text: bool) -> RemovalLog {
        RemovalLog { removals: Vec::new(), texts: keep_text.then(Vec::new) }
    }

    /// Records that `text` was removed for `kind`.
    pub(crate) fn record(&mut self, kind: RemovalKind, text: &str) {
        if let Some(texts) = &mut self.texts {
            if !matches!(kind, RemovalKind::Markup | RemovalKind::MojibakeRepaired) {
                texts.push((kind, text.to_owned()));
            }
        }
        self.record_sample(kind, &sample(text), 1);
    }

    /// Records `count` removals shown by one ready-made sample.
    pub(crate) fn record_sample(&mut self, kind: RemovalKind, sample_text: &str, count: usize) {
        if count == 0 {
            return;
        }
        let sample_text = sample(sample_text);
        match self.removals.iter_mut().find(|r| r.kind == kind && r.sample == sample_text) {
            Some(existing) => existing.count += count,
            None => self.removals.push(Removal { kind, sample: sample_text, count }),
        }
    }

    /// Records the tags the parser left out for nesting too deep (`nesting`).
    pub(crate) fn record_flattened(&mut self, tags: usize) {
        // At most a sample's 80 characters, so the advice is not cut off.
        let sample = format!(
            "tags nested over {} deep ignored, text kept: close the page's unclosed tags",
            super::nesting::MAX_NESTING
        );
        self.record_sample(RemovalKind::DeepNesting, &sample, tags);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.removals.is_empty()
    }

    /// "advertising ×3, call to action ×2": how much of each kind, for a one-line reason.
    pub(crate) fn summary(&self) -> String {
        let mut kinds: Vec<(RemovalKind, usize)> = Vec::new();
        for removal in &self.removals {
            match kinds.iter_mut().find(|(kind, _)| *kind == removal.kind) {
                Some((_, count)) => *count += removal.count,
                None => kinds.push((removal.kind, removal.count)),
            }
        }
        kinds.sort();
        kinds.iter().map(|(kind, count)| format!("{} ×{count}", kind.describe())).collect::<Vec<_>>().join(", ")
    }

    /// The removals grouped by kind, each kind in the order they were met.
    pub(crate) fn into_removals(self) -> Vec<Removal> {
        self.into_parts().0
    }

    /// The removals, and the removed texts in full if they were kept.
    pub(crate) fn into_parts(mut self) -> (Vec<Removal>, Vec<(RemovalKind, String)>) {
        self.removals.sort_by_key(|r| r.kind);
        (self.removals, self.texts.unwrap_or_default())
    }
}

/// The start of `text` on one line, cut at a word, with "…" when cut.
pub(crate) fn sample(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SAMPLE_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SAMPLE_CHARS).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > SAMPLE_CHARS / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_removals_are_counted_once() {
        let mut log = RemovalLog::default();
        log.record(RemovalKind::CallToAction, "Learn more");
        log.record(RemovalKind::Placeholder, "Lorem ipsum");
        log.record(RemovalKind::CallToAction, "Learn  more");
        let removals = log.into_removals();
        assert_eq!(removals.len(), 2);
        assert_eq!((removals[0].kind, removals[0].count), (RemovalKind::CallToAction, 2));
    }

    #[test]
    fn long_samples_are_cut_at_a_word() {
        let text = "word ".repeat(40);
        let cut = sample(&text);
        assert!(cut.ends_with("word…") && cut.chars().count() <= SAMPLE_CHARS + 1, "{cut}");
    }
}
