//! Mining one site's relations: from the index terms of words a visitor may type, which
//! the site does not have, to terms (or phrases of terms) that the site does have.

use super::tables::WordNetKind;
use super::Knowledge;

/// Which resource a relation comes from. The code is what an index stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationSource {
    WordNet = 1,
    Vectors = 2,
    /// Both resources give it: the surest kind.
    Both = 3,
}

impl RelationSource {
    pub fn code(self) -> u8 {
        self as u8
    }

    fn from_bits(wordnet: bool, vectors: bool) -> RelationSource {
        match (wordnet, vectors) {
            (true, true) => RelationSource::Both,
            (true, false) => RelationSource::WordNet,
            _ => RelationSource::Vectors,
        }
    }
}

/// One thing a visitor's word can stand for on this site.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationTarget {
    /// Site terms: one, or a phrase whose terms must all be in a passage.
    pub terms: Vec<String>,
    /// How sure the relation is, in (0, 1]: the model's cosine for a vector relation, a
    /// prior by kind for a WordNet one (`wordnet_weight`), a little more when both agree.
    pub weight: f32,
    pub source: RelationSource,
}

/// A visitor's word and what it can stand for on this site, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct MinedRelation {
    /// The analyzer term of the visitor's word ("kidney"); never a term of the site.
    pub word: String,
    pub targets: Vec<RelationTarget>,
}

#[derive(Clone, Debug)]
pub struct RelationOptions {
    /// A vector relation needs at least this cosine.
    pub vector_min_cosine: f32,
    /// A vector relation also needs the visitor's word among the target's own nearest
    /// entries: words that are near many others only through a shared word piece
    /// ("adm" and "added") are rarely near each other both ways.
    pub mutual_neighbours: bool,
    /// The WordNet relations used.
    pub wordnet_kinds: Vec<WordNetKind>,
    /// The sense filter: a WordNet synonym, derived form, pertainym or similar adjective
    /// is kept only where the vectors give the pair at least this cosine.
    pub sense_min_cosine: f32,
    /// The same for a step up or down the hierarchy, which says less than a synonym.
    pub hierarchy_min_cosine: f32,
    /// Only relations of the visitor word's most frequent senses (1 = its first).
    pub max_sense: u8,
    /// ... and of the other word's.
    pub max_other_sense: u8,
    /// Leave out everyday verbs and adjectives ("help", "look") as words and as targets:
    /// they carry little of a question's meaning, and their synonyms are loose.
    pub skip_light: bool,
    /// Leave out visitor words more common than this Zipf frequency.
    pub max_word_zipf: f32,
    /// Let a word stand for a site phrase ("nephrolithiasis" → "kidney stone").
    pub phrases: bool,
    pub max_targets_per_word: usize,
    /// The most relations (targets) in all: past it the weakest go. Without it the bound is
    /// `max_targets_per_word` times the vocabulary's 52k words.
    pub max_relations: usize,
}

impl Default for RelationOptions {
    /// Chosen on the question bank's tune part: ARCHITECTURE.md, "Relations".
    fn default() -> RelationOptions {
        RelationOptions {
            vector_min_cosine: 0.7,
            mutual_neighbours: true,
            wordnet_kinds: vec![
                WordNetKind::Synonym,
                WordNetKind::Derived,
                WordNetKind::Pertainym,
                WordNetKind::Participle,
                WordNetKind::Similar,
            ],
            sense_min_cosine: 0.4,
            hierarchy_min_cosine: 0.55,
            max_sense: 3,
            max_other_sense: 3,
            skip_light: true,
            max_word_zipf: 9.0,
            phrases: true,
            max_targets_per_word: 4,
            max_relations: 20_000,
        }
    }
}

/// How sure a WordNet relation that passed the sense filter is, by kind.
pub fn wordnet_weight(kind: WordNetKind) -> f32 {
    match kind {
        WordNetKind::Synonym => 0.9,
        WordNetKind::Derived | WordNetKind::Pertainym | WordNetKind::Participle => 0.85,
        WordNetKind::Similar => 0.75,
        WordNetKind::Hypernym | WordNetKind::Hyponym => 0.6,
    }
}

/// What agreeing resources add to the stronger one's weight.
const AGREEMENT_BONUS: f32 = 0.1;

/// A target being gathered: its terms, and the best weight each resource gave it.
struct Candidate {
    terms: Vec<u32>,
    wordnet: f32,
    vectors: f32,
}

impl Knowledge {
    /// The relations a site needs. `site_terms` are its index terms. A relation's word is
    /// the index term of a vocabulary word that the site does not have; its targets are
    /// site terms (all of a phrase's terms), never the word itself. Sorted by word, targets
    /// best first; the same inputs always give the same output.
    pub fn mine<S: AsRef<str>>(&self, site_terms: &[S], options: &RelationOptions) -> Vec<MinedRelation> {
        let mut in_site = vec![false; self.terms.len()];
        for term in site_terms {
            if let Some(id) = self.term_id(term.as_ref()) {
                in_site[id as usize] = true;
            }
        }
        let mut keys: Vec<u32> = (0..self.terms.len() as u32)
            .filter(|&key| !in_site[key as usize] && !self.words_of_term[key as usize].is_empty())
            .filter(|&key| !(options.skip_light && self.light[key as usize]))
            .filter(|&key| self.commonness_of(key).is_some_and(|zipf| zipf <= options.max_word_zipf))
            .collect();
        keys.sort_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));

        let mut relations = Vec::new();
        for key in keys {
            let candidates = self.candidates(key, &in_site, options);
            let mut targets: Vec<RelationTarget> = candidates
                .into_iter()
                .map(|c| RelationTarget {
                    terms: c.terms.iter().map(|&t| self.terms[t as usize].clone()).collect(),
                    weight: combined_weight(c.wordnet, c.vectors),
                    source: RelationSource::from_bits(c.wordnet > 0.0, c.vectors > 0.0),
                })
                .collect();
            targets.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.terms.cmp(&b.terms)));
            targets.truncate(options.max_targets_per_word);
            if !targets.is_empty() {
                relations.push(MinedRelation { word: self.terms[key as usize].clone(), targets });
            }
        }
        keep_strongest(&mut relations, options.max_relations);
        relations
    }

    /// Every target that the words with index term `key` have on this site.
    fn candidates(&self, key: u32, in_site: &[bool], options: &RelationOptions) -> Vec<Candidate> {
        let mut found: Vec<Candidate> = Vec::new();
        let mut consider = |entry: u32, wordnet: f32, vectors: f32| {
            let terms = &self.entry_terms[entry as usize];
            let usable = !terms.is_empty()
                && (terms.len() == 1 || options.phrases)
                && !terms.contains(&key)
                && terms.iter().all(|&t| in_site[t as usize] && !(options.skip_light && self.light[t as usize]));
            if !usable {
                return;
            }
            match found.iter_mut().find(|c| c.terms == *terms) {
                Some(c) => {
                    c.wordnet = c.wordnet.max(wordnet);
                    c.vectors = c.vectors.max(vectors);
                }
                None => found.push(Candidate { terms: terms.clone(), wordnet, vectors }),
            }
        };
        for &word in &self.words_of_term[key as usize] {
            // Neighbours are stored best first.
            for neighbour in self.tables.neighbours(word).iter().take_while(|n| n.cosine >= options.vector_min_cosine) {
                if !options.mutual_neighbours || self.is_neighbour_of(key, neighbour.entry) {
                    consider(neighbour.entry, 0.0, neighbour.cosine);
                }
            }
            for relation in self.tables.relations(word) {
                let hierarchy = matches!(relation.kind, WordNetKind::Hypernym | WordNetKind::Hyponym);
                let min_cosine = if hierarchy { options.hierarchy_min_cosine } else { options.sense_min_cosine };
                if options.wordnet_kinds.contains(&relation.kind) && relation.sense <= options.max_sense && relation.other_sense <= options.max_other_sense && relation.cosine >= min_cosine {
                    consider(relation.entry, wordnet_weight(relation.kind), 0.0);
                }
            }
        }
        found
    }
}

impl Knowledge {
    /// Whether some word with index term `key` is among the nearest entries of `entry`.
    fn is_neighbour_of(&self, key: u32, entry: u32) -> bool {
        self.tables.neighbours(entry).iter().any(|n| self.entry_terms[n.entry as usize] == [key])
    }
}

fn combined_weight(wordnet: f32, vectors: f32) -> f32 {
    let strongest = wordnet.max(vectors);
    if wordnet > 0.0 && vectors > 0.0 {
        (strongest + AGREEMENT_BONUS).min(1.0)
    } else {
        strongest
    }
}

/// Drops the weakest targets past `max` in all (ties: the later word, then target, goes).
fn keep_strongest(relations: &mut Vec<MinedRelation>, max: usize) {
    let total: usize = relations.iter().map(|r| r.targets.len()).sum();
    if total <= max {
        return;
    }
    let mut all: Vec<(f32, usize, usize)> = relations
        .iter()
        .enumerate()
        .flat_map(|(r, relation)| relation.targets.iter().enumerate().map(move |(t, target)| (target.weight, r, t)))
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut kept: Vec<Vec<bool>> = relations.iter().map(|r| vec![false; r.targets.len()]).collect();
    for &(_, r, t) in all.iter().take(max) {
        kept[r][t] = true;
    }
    for (relation, keep) in relations.iter_mut().zip(kept) {
        let mut flags = keep.into_iter();
        relation.targets.retain(|_| flags.next().unwrap_or(false));
    }
    relations.retain(|r| !r.targets.is_empty());
}
