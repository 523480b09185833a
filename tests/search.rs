//! The answering behaviour on a small fixture: excerpt choice, highlights, abstention, typos,
//! synonyms, question words and proximity, each on content small enough to reason about.

use std::path::PathBuf;

use qa_widget::build::{build_index, IndexOptions, SourceDocument, SourceSection};
use qa_widget::index::encode;
use qa_widget::search::{Answer, AskOptions, Engine};

fn section(heading: &str, text: &str) -> SourceSection {
    SourceSection { id: None, heading: Some(heading.into()), text: text.into(), is_faq: false }
}

fn document(id: &str, title: &str, sections: Vec<SourceSection>) -> SourceDocument {
    SourceDocument { id: id.into(), title: title.into(), url: None, sections, origin: PathBuf::from(id) }
}

fn engine() -> Engine {
    let documents = vec![
        document(
            "procedure",
            "The procedure",
            vec![
                section(
                    "Where the cells come from",
                    "Our team explains every step beforehand. The cells are harvested from adipose tissue \
                     in your abdomen under local anaesthetic. The sample is processed the same day.",
                ),
                section(
                    "Delivery",
                    "Cells are delivered by injection into the disc, guided by fluoroscopy. Some clinics also \
                     use intravenous infusion.",
                ),
            ],
        ),
        document(
            "money",
            "Costs",
            vec![section(
                "Paying for treatment",
                "Prices depend on the plan. The treatment is not covered by most insurance plans. \
                 Ask us about payment in instalments.",
            )],
        ),
        document(
            "recovery",
            "Recovery",
            vec![
                section(
                    "How long does recovery take?",
                    "Most patients walk the same day. Pain usually eases within six weeks, and full results \
                     can take several months.",
                ),
                section(
                    "Work and sport",
                    "Desk work can resume after two days. Sport such as running should wait until the pain \
                     has eased; lifting heavy weights, about a month.",
                ),
            ],
        ),
        document(
            "risks",
            "Risks",
            vec![section(
                "Side effects",
                "The most common side effects are soreness and bruising at the injection site. Infection \
                 is rare. Cancer has been discussed in laboratory studies, but no tumour has been reported \
                 in patients treated for back pain.",
            )],
        ),
    ];
    let built = build_index(&documents, &IndexOptions::default());
    Engine::from_bytes(&encode(&built.data)).expect("the fixture index decodes")
}

fn ask(question: &str) -> Answer {
    engine().ask(question, &AskOptions { top: 3 })
}

fn highlighted(answer: &Answer) -> Vec<String> {
    let top = &answer.results[0];
    let units: Vec<u16> = top.excerpt.encode_utf16().collect();
    top.highlights.iter().map(|&[s, e]| String::from_utf16_lossy(&units[s as usize..e as usize])).collect()
}

#[test]
fn the_excerpt_is_the_sentence_that_answers_not_the_first_one() {
    let answer = ask("Is the treatment covered by insurance?");
    assert!(answer.answered);
    // The answering sentence opens the excerpt; a short one brings its neighbour along.
    assert!(answer.results[0].excerpt.starts_with("The treatment is not covered by most insurance plans."));
    assert_eq!(answer.results[0].source.section.as_deref(), Some("Paying for treatment"));
}

#[test]
fn highlights_cover_stemmed_forms_in_utf16_units() {
    let answer = ask("Which injections are guided?");
    let words = highlighted(&answer);
    assert!(words.contains(&"injection".to_owned()) && words.contains(&"guided".to_owned()), "{words:?}");
}

#[test]
fn under_a_heading_that_asks_the_question_the_first_sentence_answers() {
    let answer = ask("How long does recovery take?");
    assert!(answer.answered);
    assert!(answer.results[0].excerpt.starts_with("Most patients walk the same day."), "{:?}", answer.results[0]);
}

#[test]
fn questions_the_content_does_not_cover_are_not_answered() {
    // Off the site's topic, even where a word is shared ("insurance", "plan"): the fitted
    // decision abstains.
    for question in [
        "What are your opening hours?",
        "Can stem cells treat Alzheimer's disease?",
        "Where do I park?",
        "Do you sell car insurance?",
        "Which phone plan is cheapest?",
    ] {
        let answer = ask(question);
        assert!(!answer.answered, "{question}: {:?}", answer.results.first());
        assert_eq!(answer.results.len(), 3, "the closest passages are still listed");
    }
}

#[test]
fn a_missing_main_part_of_the_question_means_no_answer() {
    // The content speaks of bruising at the injection site, but not after acupuncture: most
    // of the question is covered, its main subject is not.
    let question = "Is bruising at the injection site common after acupuncture?";
    let explanation = engine().explain(question, 1);
    let top = explanation.results[0].2;
    assert!(top.coverage >= 0.6 && top.largest_gap >= 0.25, "{top:?}");
    // The decision holds the missing part against the answer: the same question without
    // it is more surely answered.
    let log_odds = |q: &str| engine().explain(q, 1).evidence.map(|e| e.log_odds()).unwrap_or(f32::NEG_INFINITY);
    assert!(log_odds(question) < log_odds("Is bruising at the injection site common?"));
}

#[test]
fn a_question_asking_for_a_quantity_wants_one_in_the_answer() {
    let question = "How long until the pain eases?";
    let answer = ask(question);
    assert!(answer.results[0].excerpt.contains("six weeks"), "{:?}", answer.results[0]);
    // The decision reads whether the best passage states the quantity asked for.
    let quantity_missing = |q: &str| engine().explain(q, 1).evidence.map(|e| e.0[7]);
    assert_eq!(quantity_missing(question), Some(0.0));
    let documents = vec![document("visits", "Visits", vec![section("Visits", "Visits are on weekdays, and the team calls you beforehand.")])];
    let plain = Engine::from_bytes(&encode(&build_index(&documents, &IndexOptions::default()).data)).expect("decodes");
    assert_eq!(plain.explain("How many visits are needed?", 1).evidence.map(|e| e.0[7]), Some(1.0));
}

#[test]
fn typos_find_the_word_and_rank_below_an_exact_match() {
    let typo = ask("Is it coverd by insurence?");
    assert!(typo.answered, "{typo:?}");
    assert!(typo.results[0].excerpt.contains("not covered by most insurance"));
    let exact = ask("Is it covered by insurance?");
    assert!(typo.results[0].score < exact.results[0].score, "a typo scores below the exact words");
}

#[test]
fn lay_words_find_clinical_ones_through_the_builtin_synonyms() {
    let answer = ask("Do you take the cells from belly fat?");
    assert!(answer.answered, "{answer:?}");
    assert!(answer.results[0].excerpt.contains("harvested from adipose tissue"));
    assert!(highlighted(&answer).contains(&"adipose".to_owned()), "the synonym is highlighted");
    let iv = ask("Can it be given by IV?");
    assert!(iv.results[0].excerpt.contains("intravenous"), "{iv:?}");
    let tumour = ask("Can it cause a tumor?");
    assert!(tumour.results[0].excerpt.contains("no tumour has been reported"), "{tumour:?}");
}

#[test]
fn a_site_synonym_file_adds_its_own_groups() {
    let documents = vec![document("a", "A", vec![section("Payment", "You can pay through instalment plans for every treatment.")])];
    let mut options = IndexOptions::default();
    let without = Engine::from_bytes(&encode(&build_index(&documents, &options).data)).expect("decodes");
    assert!(!without.ask("Can I pay monthly?", &AskOptions::default()).answered);
    options.extra_synonyms = qa_widget::build::lexicon::parse_synonyms("monthly, instalment").expect("parses");
    let with = Engine::from_bytes(&encode(&build_index(&documents, &options).data)).expect("decodes");
    assert!(with.ask("Can I pay monthly?", &AskOptions::default()).answered);
}

#[test]
fn question_words_do_not_drown_the_content_words() {
    // "How", "does", "what", "is" would match everywhere if they counted.
    let answer = ask("What is the most common side effect, and how does it feel?");
    assert_eq!(answer.results[0].source.section.as_deref(), Some("Side effects"));
}

#[test]
fn words_standing_together_rank_above_the_same_words_apart() {
    let documents = vec![
        document("far", "Far", vec![section("One", "Back exercises help some people. Many report less pain after a year of careful training.")]),
        document("near", "Near", vec![section("Two", "Careful training helps. Back pain eased for most people in the trial.")]),
    ];
    let engine = Engine::from_bytes(&encode(&build_index(&documents, &IndexOptions::default()).data)).expect("decodes");
    let answer = engine.ask("back pain", &AskOptions::default());
    assert_eq!(answer.results[0].source.doc, "near", "{answer:?}");
}




#[test]
fn a_huge_synonym_group_gives_a_concept_a_bounded_number_of_stand_ins() {
    let documents = vec![document("a", "A", vec![section("Care", "Physiotherapy and rest help most people with back pain.")])];
    let mut data = build_index(&documents, &IndexOptions::default()).data;
    // A crafted table: the decoder refuses a group past 64 members (the format's limit), so
    // the largest it reads is 64, here "physiotherapi", "rest", "back" and 61 words the index lacks.
    let group = |filler: usize| {
        let mut members: Vec<Vec<String>> = (0..filler).map(|i| vec![format!("word{i}")]).collect();
        members.extend([vec!["physiotherapi".into()], vec!["rest".into()], vec!["back".into()]]);
        vec![qa_widget::index::SynonymGroup { members }]
    };
    data.synonyms = group(20_000);
    assert!(Engine::from_bytes(&encode(&data)).is_err(), "a group of 20,003 members is refused");
    data.synonyms = group(61);
    let engine = Engine::from_bytes(&encode(&data)).expect("decodes");
    let explanation = engine.explain("is rest good for my back", 3);
    for concept in &explanation.concepts {
        let synonyms = concept.stand_ins.iter().filter(|(_, _, kind)| *kind == qa_widget::search::MatchKind::Synonym).count();
        assert!(synonyms <= 8, "{}: {synonyms} synonyms", concept.word);
    }
    assert!(explanation.concepts.iter().any(|c| c.stand_ins.iter().any(|(t, _, _)| t == "physiotherapi")));
}

#[test]
fn a_pasted_wall_of_text_is_read_only_up_to_its_bound() {
    let long = "back pain ".repeat(100_000);
    let explanation = engine().explain(&long, 3);
    assert!(explanation.concepts.len() <= 32);
    assert!(!engine().ask(&long, &AskOptions::default()).results.is_empty());
}

fn engine_with(documents: &[SourceDocument], relations: bool) -> Engine {
    // The built-in synonyms are left out, to see what the relations do alone.
    let options = IndexOptions { relations, builtin_synonyms: false, ..IndexOptions::default() };
    Engine::from_bytes(&encode(&build_index(documents, &options).data)).expect("decodes")
}

fn top_doc(engine: &Engine, question: &str) -> String {
    engine.ask(question, &AskOptions { top: 2 }).results[0].source.doc.clone()
}

/// The index of `documents` with neither relations nor the built-in synonyms, to add crafted ones.
fn without_knowledge(documents: &[SourceDocument]) -> qa_widget::index::IndexData {
    build_index(documents, &IndexOptions { relations: false, builtin_synonyms: false, ..IndexOptions::default() }).data
}

/// A crafted relation from a visitor's word to one site term (both as index terms).
fn relation(word: &str, target: &str, weight: f32) -> qa_widget::index::Relation {
    qa_widget::index::Relation {
        word: word.into(),
        targets: vec![qa_widget::index::RelationTarget { terms: vec![target.into()], weight, source: 3 }],
    }
}

fn stand_in_kinds(engine: &Engine, question: &str, word: &str) -> Vec<(String, qa_widget::search::MatchKind)> {
    let explanation = engine.explain(question, 1);
    let concept = explanation.concepts.iter().find(|c| c.word == word).expect("the word is a concept");
    concept.stand_ins.iter().map(|(t, _, k)| (t.clone(), *k)).collect()
}

#[test]
fn a_wordnet_relation_finds_what_the_pages_call_it() {
    // WordNet relates "fat" to "adipose" (the vectors do not agree enough to add theirs).
    let documents = vec![
        document("rest", "Rest", vec![section("Rest", "Cells rest in a dish.")]),
        document("harvest", "Harvest", vec![section("Harvest", "The cells are harvested from adipose tissue in the abdomen under local anaesthetic.")]),
    ];
    let question = "are the cells from my fat";
    assert_eq!(top_doc(&engine_with(&documents, false), question), "rest");
    let with = engine_with(&documents, true);
    assert_eq!(top_doc(&with, question), "harvest");
    assert!(stand_in_kinds(&with, question, "fat").contains(&("adipos".into(), qa_widget::search::MatchKind::Relation)));
}

#[test]
fn a_vector_relation_finds_a_word_wordnet_does_not_link() {
    // The distilled vectors relate "surgeon" to "surgery"; no spelling rule does.
    let documents = vec![
        document("team", "Team", vec![section("Team", "Our team meets you.")]),
        document("surgery", "Surgery", vec![section("Surgery", "Spinal surgery is done by our team in the main hospital, under general anaesthetic.")]),
    ];
    let question = "who is on the surgeon team";
    assert_eq!(top_doc(&engine_with(&documents, false), question), "team");
    let with = engine_with(&documents, true);
    assert_eq!(top_doc(&with, question), "surgery");
    assert!(stand_in_kinds(&with, question, "surgeon").contains(&("surgeri".into(), qa_widget::search::MatchKind::Relation)));
}

#[test]
fn a_word_the_builder_knows_is_no_misspelling() {
    // "needle" is one edit from "need" as stems ("needl"); read as a typo it would find the
    // page on needing things. A word with relations is a real word: only its relations stand in.
    let documents = vec![
        document("need", "Need", vec![section("What you need", "You need a letter from your doctor.")]),
        document("injection", "Injection", vec![section("The injection", "The injection is given into the lower back.")]),
    ];
    let mut data = without_knowledge(&documents);
    let unknown = Engine::from_bytes(&encode(&data)).expect("decodes");
    assert!(stand_in_kinds(&unknown, "how big is the needle", "needle").contains(&("need".into(), qa_widget::search::MatchKind::Typo)));
    data.relations = vec![relation("needl", "inject", 0.7)];
    let known = Engine::from_bytes(&encode(&data)).expect("decodes");
    let kinds = stand_in_kinds(&known, "how big is the needle", "needle");
    assert_eq!(kinds, vec![("inject".into(), qa_widget::search::MatchKind::Relation)]);
    assert_eq!(top_doc(&known, "how big is the needle"), "injection");
}

#[test]
fn a_relation_never_outranks_the_word_itself() {
    // Crafted: a relation for a word the pages also use. Two passages alike but for the
    // word: the one with the word asked about comes first.
    let documents = vec![
        document("b-related", "B", vec![section("One", "Renal checks happen every spring at the clinic.")]),
        document("a-exact", "A", vec![section("Two", "Kidney checks happen every spring at the clinic.")]),
    ];
    let mut data = without_knowledge(&documents);
    data.relations = vec![relation("kidney", "renal", 1.0)];
    let engine = Engine::from_bytes(&encode(&data)).expect("decodes");
    let answer = engine.ask("When are kidney checks?", &AskOptions { top: 2 });
    assert_eq!(answer.results.len(), 2);
    assert_eq!(answer.results[0].source.doc, "a-exact", "{answer:?}");
    assert!(answer.results[1].score < answer.results[0].score);
}

#[test]
fn a_british_spelling_is_the_american_word_and_back() {
    // An American page and a British one: each is found, as an exact word, by the other
    // country's spelling; the index carries only the spellings its pages need.
    let documents = vec![
        document("us", "Tumors", vec![section("What is a tumor?", "A tumor is a lump of abnormal cells. Anemia is a lack of red blood cells.")]),
        document("uk", "Clinic", vec![section("Finding us", "The centre is open every weekday for blood tests.")]),
    ];
    let options = IndexOptions { relations: false, builtin_synonyms: false, ..IndexOptions::default() };
    let data = build_index(&documents, &options).data;
    let spelled = |form: &str| data.word_lists.irregular.iter().any(|(f, _)| f == form);
    assert!(spelled("tumour") && spelled("anaemia") && spelled("centre"), "the site's spellings are kept");
    assert!(!spelled("oesophagus"), "a spelling no page needs is left out");
    let engine = Engine::from_bytes(&encode(&data)).expect("decodes");
    for (question, doc, word, term) in
        [("what is a tumour", "us", "tumour", "tumor"), ("anaemia", "us", "anaemia", "anemia"), ("when is the center open", "uk", "center", "center")]
    {
        let answer = engine.ask(question, &AskOptions { top: 1 });
        assert_eq!(answer.results[0].source.doc, doc, "{question}: {answer:?}");
        assert!(stand_in_kinds(&engine, question, word).contains(&(term.into(), qa_widget::search::MatchKind::Exact)), "{question}");
    }
}
