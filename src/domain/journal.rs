//! The journal: free writing and guided prompts.
//!
//! One record per entry (`journal/<id>`). An entry holds an optional title,
//! the text, a few small tags and, when it was started from a prompt, the
//! prompt's id (so the prompt's words can be shown in any language). Reading
//! an entry checks every limit, so a damaged or oversized value is set aside
//! by the store instead of reaching the screen.

use serde::{Deserialize, Serialize};

use super::profile::Setback;
use super::time::Timestamp;
use super::Record;
use crate::content::Text;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest body, in characters (a long letter, not a book).
pub const MAX_BODY: usize = 20_000;
/// Longest tag, in characters.
pub const MAX_TAG: usize = 24;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 8;
/// Longest prompt id.
const MAX_PROMPT_ID: usize = 40;

/// One journal entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawEntry")]
pub struct JournalEntry {
    /// Optional; blank when the person did not give one.
    pub title: String,
    pub body: String,
    /// Normalised tags (see [`normalise_tag`]), in the order they were added.
    pub tags: Vec<String>,
    /// The id of the prompt the entry was started from (see [`prompt_text`]).
    pub prompt: Option<String>,
    /// When the entry was started.
    pub created: Timestamp,
    /// When it was last changed.
    pub updated: Timestamp,
}

/// The stored shape, before the limits are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    prompt: Option<String>,
    created: Timestamp,
    updated: Timestamp,
}

impl TryFrom<RawEntry> for JournalEntry {
    type Error = String;

    fn try_from(raw: RawEntry) -> Result<Self, String> {
        let entry = JournalEntry {
            title: raw.title,
            body: raw.body,
            tags: raw.tags,
            prompt: raw.prompt,
            created: raw.created,
            updated: raw.updated,
        };
        entry.check()?;
        Ok(entry)
    }
}

impl Record for JournalEntry {
    const KIND: &'static str = "journal";
}

/// Why a tag was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagError {
    /// Nothing left after tidying (only spaces or symbols).
    Empty,
    /// Longer than [`MAX_TAG`].
    TooLong,
    /// The entry already has [`MAX_TAGS`] tags.
    TooMany,
    /// The entry already has this tag.
    Duplicate,
}

impl JournalEntry {
    /// A new, empty entry started at `now`, optionally from a prompt.
    pub fn new(now: Timestamp, prompt: Option<&str>) -> Self {
        JournalEntry {
            title: String::new(),
            body: String::new(),
            tags: Vec::new(),
            prompt: prompt.filter(|p| valid_prompt_id(p)).map(str::to_string),
            created: now,
            updated: now,
        }
    }

    /// Checks every limit; the error says which one failed.
    pub fn check(&self) -> Result<(), String> {
        if self.title.chars().count() > MAX_TITLE {
            return Err(format!("the title is longer than {MAX_TITLE} characters"));
        }
        if self.title.contains(['\n', '\r']) {
            return Err("the title has a line break".into());
        }
        if self.body.chars().count() > MAX_BODY {
            return Err(format!("the text is longer than {MAX_BODY} characters"));
        }
        if self.tags.len() > MAX_TAGS {
            return Err(format!("more than {MAX_TAGS} tags"));
        }
        for (i, tag) in self.tags.iter().enumerate() {
            if normalise_tag(tag).as_deref() != Ok(tag.as_str()) {
                return Err(format!("the tag {tag:?} is not a tidy tag"));
            }
            if self.tags[..i].contains(tag) {
                return Err(format!("the tag {tag:?} appears twice"));
            }
        }
        if let Some(p) = &self.prompt {
            if !valid_prompt_id(p) {
                return Err("the prompt id is not valid".into());
            }
        }
        Ok(())
    }

    /// True when nothing has been written: no title, no text, no tags.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty() && self.tags.is_empty()
    }

    /// Sets the title, cut to the limit and kept on one line.
    pub fn set_title(&mut self, title: &str) {
        let one_line: String = title
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        self.title = cut(&one_line, MAX_TITLE);
    }

    /// Sets the text, cut to the limit.
    pub fn set_body(&mut self, body: &str) {
        self.body = cut(body, MAX_BODY);
    }

    /// Adds a tag after tidying it; returns the tag as stored.
    pub fn add_tag(&mut self, raw: &str) -> Result<String, TagError> {
        let tag = normalise_tag(raw)?;
        if self.tags.contains(&tag) {
            return Err(TagError::Duplicate);
        }
        if self.tags.len() >= MAX_TAGS {
            return Err(TagError::TooMany);
        }
        self.tags.push(tag.clone());
        Ok(tag)
    }

    /// Removes a tag if present.
    pub fn remove_tag(&mut self, tag: &str) {
        self.tags.retain(|t| t != tag);
    }

    /// The number of words in the title-less text.
    pub fn words(&self) -> usize {
        word_count(&self.body)
    }

    /// What the list shows as the entry's name: the title, or else the first
    /// line of text, shortened to about `max` characters. `None` when both
    /// are blank.
    pub fn headline(&self, max: usize) -> Option<String> {
        let title = self.title.trim();
        let source = if title.is_empty() {
            self.body.lines().map(str::trim).find(|l| !l.is_empty())?
        } else {
            title
        };
        if source.chars().count() <= max {
            return Some(source.to_string());
        }
        let mut short = cut(source, max.saturating_sub(1));
        // Prefer to end on a whole word.
        if let Some(space) = short.rfind(char::is_whitespace) {
            if space > short.len() / 2 {
                short.truncate(space);
            }
        }
        Some(format!("{}…", short.trim_end()))
    }
}

/// The first `max` characters of `text` (never splits a character).
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_string(),
        None => text.to_string(),
    }
}

/// Words in `text`: runs between Unicode whitespace that hold at least one
/// letter or digit, so Hindi (Devanagari), Tamil and other scripts count the
/// same way as English, and a lone dash or danda (।) does not count.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Tidies a tag: trimmed, a leading `#` dropped, lower case, inner spaces
/// turned into `-`, and only letters, digits, `-` and `_` kept (any script).
pub fn normalise_tag(raw: &str) -> Result<String, TagError> {
    let lower = raw.trim().trim_start_matches('#').to_lowercase();
    let mut tag = String::new();
    for word in lower.split_whitespace() {
        let word: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || is_mark(*c))
            .filter(|c| !matches!(c, '\u{0964}' | '\u{0965}'))
            .collect();
        if word.is_empty() {
            continue;
        }
        if !tag.is_empty() {
            tag.push('-');
        }
        tag.push_str(&word);
    }
    let tag = tag.trim_matches(['-', '_']).to_string();
    if !tag.chars().any(char::is_alphanumeric) {
        return Err(TagError::Empty);
    }
    if tag.chars().count() > MAX_TAG {
        return Err(TagError::TooLong);
    }
    Ok(tag)
}

/// Combining marks that some scripts need inside words (Devanagari virama
/// and nukta, Tamil pulli...), which are not "alphanumeric" on their own.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F   // Latin combining accents
        | 0x0900..=0x0DFF // Indic scripts (Devanagari to Sinhala), incl. signs
        | 0x200C..=0x200D // zero-width (non-)joiner, used in Indic text
    )
}

/// Every tag used across `entries`, most used first, then alphabetically.
pub fn all_tags<'a>(entries: impl IntoIterator<Item = &'a JournalEntry>) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in entries {
        for t in &e.tags {
            *counts.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut tags: Vec<(&str, usize)> = counts.into_iter().collect();
    crate::domain::order::sort_by(&mut tags, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tags.into_iter().map(|(t, _)| t.to_string()).collect()
}

/// The words of a search, lower case, without duplicates.
fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in query.split_whitespace() {
        let w = w.trim_start_matches('#').to_lowercase();
        if !w.is_empty() && !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// How well `entry` matches `query`: `None` when some word of the query is
/// found nowhere (title, text or tags; any order, any case), otherwise a
/// score where title and tag matches weigh more than matches in the text.
/// An empty query matches everything with score 0.
pub fn match_score(entry: &JournalEntry, query: &str) -> Option<u32> {
    let title = entry.title.to_lowercase();
    let body = entry.body.to_lowercase();
    let mut score = 0;
    for word in query_words(query) {
        let mut found = 0;
        if title.contains(&word) {
            found += 3;
        }
        if entry.tags.iter().any(|t| t == &word) {
            found += 4;
        } else if entry.tags.iter().any(|t| t.contains(&word)) {
            found += 2;
        }
        if body.contains(&word) {
            found += 1 + (body.matches(&word).count().min(5) as u32 - 1);
        }
        if found == 0 {
            return None;
        }
        score += found;
    }
    Some(score)
}

/// Entries (with their ids) that match `query` and carry `tag` (if given):
/// best match first, newest first among equals. With an empty query this
/// is simply every entry, newest first.
pub fn search<'a>(
    entries: &'a [(String, JournalEntry)],
    query: &str,
    tag: Option<&str>,
) -> Vec<&'a (String, JournalEntry)> {
    let mut found: Vec<(u32, &(String, JournalEntry))> = entries
        .iter()
        .filter(|(_, e)| tag.is_none_or(|t| e.tags.iter().any(|x| x == t)))
        .filter_map(|item| match_score(&item.1, query).map(|s| (s, item)))
        .collect();
    crate::domain::order::sort_by(&mut found, |(sa, a), (sb, b)| {
        sb.cmp(sa)
            .then(b.1.created.cmp(&a.1.created))
            .then(b.0.cmp(&a.0))
    });
    found.into_iter().map(|(_, item)| item).collect()
}

// ---------- prompts ----------

/// Prompts that suit any day.
pub const GENERAL_PROMPTS: [&str; 6] = [
    "general_1",
    "general_2",
    "general_3",
    "general_4",
    "general_5",
    "general_6",
];

/// Prompts for one kind of setback.
pub fn tailored_prompts(setback: Setback) -> [&'static str; 4] {
    match setback {
        Setback::Exam => ["exam_1", "exam_2", "exam_3", "exam_4"],
        Setback::Job => ["job_1", "job_2", "job_3", "job_4"],
        Setback::Relationship => [
            "relationship_1",
            "relationship_2",
            "relationship_3",
            "relationship_4",
        ],
        Setback::Other => ["other_1", "other_2", "other_3", "other_4"],
    }
}

/// The prompts to offer, tailored ones (if the person said what happened)
/// first, then the general ones.
pub fn prompts_for(setback: Option<Setback>) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = setback
        .map(|s| tailored_prompts(s).to_vec())
        .unwrap_or_default();
    ids.extend(GENERAL_PROMPTS);
    ids
}

/// Whether `id` looks like a prompt id (`[a-z0-9_]`, short). Ids from a
/// newer version are accepted; [`prompt_text`] just finds no words for them.
pub fn valid_prompt_id(id: &str) -> bool {
    (1..=MAX_PROMPT_ID).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The words of a prompt in the person's language.
pub fn prompt_text(t: &'static Text, id: &str) -> Option<&'static str> {
    Some(match id {
        "general_1" => t.journal().prompt_general_1,
        "general_2" => t.journal().prompt_general_2,
        "general_3" => t.journal().prompt_general_3,
        "general_4" => t.journal().prompt_general_4,
        "general_5" => t.journal().prompt_general_5,
        "general_6" => t.journal().prompt_general_6,
        "exam_1" => t.journal().prompt_exam_1,
        "exam_2" => t.journal().prompt_exam_2,
        "exam_3" => t.journal().prompt_exam_3,
        "exam_4" => t.journal().prompt_exam_4,
        "job_1" => t.journal().prompt_job_1,
        "job_2" => t.journal().prompt_job_2,
        "job_3" => t.journal().prompt_job_3,
        "job_4" => t.journal().prompt_job_4,
        "relationship_1" => t.journal().prompt_relationship_1,
        "relationship_2" => t.journal().prompt_relationship_2,
        "relationship_3" => t.journal().prompt_relationship_3,
        "relationship_4" => t.journal().prompt_relationship_4,
        "other_1" => t.journal().prompt_other_1,
        "other_2" => t.journal().prompt_other_2,
        "other_3" => t.journal().prompt_other_3,
        "other_4" => t.journal().prompt_other_4,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse;
    use crate::domain::validate;
    use serde_json::json;

    fn at(s: &str) -> Timestamp {
        parse(s).unwrap()
    }

    fn entry(title: &str, body: &str, tags: &[&str], created: &str) -> JournalEntry {
        let mut e = JournalEntry::new(at(created), None);
        e.set_title(title);
        e.set_body(body);
        for t in tags {
            e.add_tag(t).unwrap();
        }
        e
    }

    #[test]
    fn counts_words_in_any_script() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("   \n\t "), 0);
        assert_eq!(word_count("I got through today."), 4);
        assert_eq!(word_count("one\ntwo\u{00A0}three\u{3000}four"), 4);
        // Hindi: "आज मैंने थोड़ा आराम किया।" is five words; a lone danda is not a word.
        assert_eq!(word_count("आज मैंने थोड़ा आराम किया।"), 5);
        assert_eq!(word_count("आज ठीक था ।"), 3);
        // Tamil and dashes.
        assert_eq!(word_count("நான் நலமாக இருக்கிறேன் — really"), 4);
        assert_eq!(word_count("don't stop-gap 2026"), 3);
    }

    #[test]
    fn tags_are_tidied() {
        assert_eq!(normalise_tag("  Work "), Ok("work".into()));
        assert_eq!(normalise_tag("#Exam"), Ok("exam".into()));
        assert_eq!(
            normalise_tag("Late  Night thoughts"),
            Ok("late-night-thoughts".into())
        );
        assert_eq!(normalise_tag("hope!"), Ok("hope".into()));
        assert_eq!(normalise_tag("परिवार"), Ok("परिवार".into()));
        assert_eq!(normalise_tag("आज।"), Ok("आज".into()));
        assert_eq!(normalise_tag("   "), Err(TagError::Empty));
        assert_eq!(normalise_tag("!!! ---"), Err(TagError::Empty));
        assert_eq!(normalise_tag(&"a".repeat(MAX_TAG)), Ok("a".repeat(MAX_TAG)));
        assert_eq!(
            normalise_tag(&"a".repeat(MAX_TAG + 1)),
            Err(TagError::TooLong)
        );
        // A tidy tag stays the same when tidied again.
        for raw in ["Work", "late night", "परिवार दोस्त", "a_b-c"] {
            let once = normalise_tag(raw).unwrap();
            assert_eq!(normalise_tag(&once), Ok(once.clone()));
        }
    }

    #[test]
    fn adding_tags_refuses_duplicates_and_too_many() {
        let mut e = JournalEntry::new(at("2026-11-28T21:00:00+05:30"), None);
        assert_eq!(e.add_tag("Work"), Ok("work".into()));
        assert_eq!(e.add_tag("work "), Err(TagError::Duplicate));
        for i in 1..MAX_TAGS {
            e.add_tag(&format!("t{i}")).unwrap();
        }
        assert_eq!(e.add_tag("one-more"), Err(TagError::TooMany));
        e.remove_tag("work");
        assert_eq!(e.tags.len(), MAX_TAGS - 1);
        assert!(e.add_tag("one-more").is_ok());
        assert!(e.check().is_ok());
    }

    #[test]
    fn setters_keep_the_limits() {
        let mut e = JournalEntry::new(at("2026-11-28T21:00:00+05:30"), None);
        e.set_title(&format!("a\nb{}", "x".repeat(500)));
        assert_eq!(e.title.chars().count(), MAX_TITLE);
        assert!(e.title.starts_with("a b"));
        e.set_body(&"अ".repeat(MAX_BODY + 10));
        assert_eq!(e.body.chars().count(), MAX_BODY);
        assert!(e.check().is_ok());
    }

    #[test]
    fn blank_entries_are_recognised() {
        let mut e = JournalEntry::new(at("2026-11-28T21:00:00+05:30"), Some("general_1"));
        assert!(e.is_blank());
        e.set_body("  \n ");
        assert!(e.is_blank());
        e.set_body("hi");
        assert!(!e.is_blank());
        let mut tagged = JournalEntry::new(at("2026-11-28T21:00:00+05:30"), None);
        tagged.add_tag("exam").unwrap();
        assert!(!tagged.is_blank());
    }

    #[test]
    fn headline_is_the_title_or_the_first_line() {
        let e = entry("  A calmer day ", "body", &[], "2026-11-28T21:00:00+05:30");
        assert_eq!(e.headline(40).as_deref(), Some("A calmer day"));
        let e = entry(
            "",
            "\n\n  First line here\nsecond",
            &[],
            "2026-11-28T21:00:00+05:30",
        );
        assert_eq!(e.headline(40).as_deref(), Some("First line here"));
        let e = entry(
            "",
            "one two three four five six seven",
            &[],
            "2026-11-28T21:00:00+05:30",
        );
        assert_eq!(e.headline(16).as_deref(), Some("one two three…"));
        let e = entry("", "   ", &[], "2026-11-28T21:00:00+05:30");
        assert_eq!(e.headline(16), None);
        let e = entry("", &"आ".repeat(30), &[], "2026-11-28T21:00:00+05:30");
        assert_eq!(e.headline(10).unwrap().chars().count(), 10);
    }

    #[test]
    fn search_matches_words_in_any_order_and_case() {
        let e = entry(
            "Interview nerves",
            "Tomorrow I meet the panel. I keep replaying the last rejection.",
            &["work"],
            "2026-11-28T21:00:00+05:30",
        );
        assert!(match_score(&e, "").is_some());
        assert!(match_score(&e, "PANEL tomorrow").is_some());
        assert!(match_score(&e, "rejection interview").is_some());
        assert!(match_score(&e, "#work nerves").is_some());
        assert!(match_score(&e, "panel holiday").is_none());
        let hindi = entry(
            "",
            "आज परीक्षा का नतीजा आया",
            &["परीक्षा"],
            "2026-11-28T21:00:00+05:30",
        );
        assert!(match_score(&hindi, "नतीजा").is_some());
    }

    #[test]
    fn search_ranks_titles_and_tags_above_text_then_newest_first() {
        let entries = vec![
            (
                "a".to_string(),
                entry("", "a note about sleep", &[], "2026-11-01T09:00:00+05:30"),
            ),
            (
                "b".to_string(),
                entry("Sleep", "finally rested", &[], "2026-10-01T09:00:00+05:30"),
            ),
            (
                "c".to_string(),
                entry(
                    "",
                    "nothing relevant",
                    &["sleep"],
                    "2026-09-01T09:00:00+05:30",
                ),
            ),
            (
                "d".to_string(),
                entry("", "more about sleep", &[], "2026-11-20T09:00:00+05:30"),
            ),
            (
                "e".to_string(),
                entry("", "walked", &["walk"], "2026-11-25T09:00:00+05:30"),
            ),
        ];
        fn ids(found: Vec<&(String, JournalEntry)>) -> Vec<String> {
            found.into_iter().map(|(id, _)| id.clone()).collect()
        }
        assert_eq!(ids(search(&entries, "sleep", None)), ["c", "b", "d", "a"]);
        assert_eq!(ids(search(&entries, "", None)), ["e", "d", "a", "b", "c"]);
        assert_eq!(ids(search(&entries, "", Some("walk"))), ["e"]);
        assert!(search(&entries, "sleep", Some("walk")).is_empty());
        assert_eq!(ids(search(&entries, "SLEEP more", None)), ["d"]);
    }

    #[test]
    fn all_tags_most_used_first() {
        let a = entry("", "x", &["work", "sleep"], "2026-11-01T09:00:00+05:30");
        let b = entry("", "x", &["sleep", "family"], "2026-11-02T09:00:00+05:30");
        assert_eq!(all_tags([&a, &b]), ["sleep", "family", "work"]);
    }

    #[test]
    fn every_prompt_has_words_and_setbacks_get_their_own() {
        let t = crate::content::for_language("en");
        assert!(GENERAL_PROMPTS.len() >= 6);
        for s in Setback::ALL {
            let tailored = tailored_prompts(s);
            assert!(tailored.len() >= 4);
            let offered = prompts_for(Some(s));
            assert_eq!(&offered[..4], &tailored[..]);
            assert_eq!(offered.len(), 4 + GENERAL_PROMPTS.len());
        }
        assert_eq!(prompts_for(None), GENERAL_PROMPTS.to_vec());
        let mut all: Vec<&str> = GENERAL_PROMPTS.to_vec();
        for s in Setback::ALL {
            all.extend(tailored_prompts(s));
        }
        for id in &all {
            assert!(valid_prompt_id(id), "{id}");
            assert!(prompt_text(t, id).is_some_and(|w| !w.is_empty()), "{id}");
        }
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
        assert_eq!(prompt_text(t, "from_a_newer_version"), None);
    }

    #[test]
    fn stored_entries_are_checked() {
        let good = json!({
            "title": "A walk",
            "body": "It helped.",
            "tags": ["walk"],
            "prompt": "general_2",
            "created": "2026-11-28T21:00:00+05:30",
            "updated": "2026-11-28T21:05:00+05:30"
        });
        assert_eq!(validate("journal", &good), Ok(()));
        let minimal = json!({
            "created": "2026-11-28T21:00:00+05:30",
            "updated": "2026-11-28T21:00:00+05:30"
        });
        assert_eq!(validate("journal", &minimal), Ok(()));
        let with = |field: &str, value: serde_json::Value| {
            let mut v = good.clone();
            v[field] = value;
            v
        };
        assert!(validate("journal", &with("title", json!("x".repeat(MAX_TITLE + 1)))).is_err());
        assert!(validate("journal", &with("body", json!("x".repeat(MAX_BODY + 1)))).is_err());
        assert!(validate("journal", &with("tags", json!(["Work"]))).is_err());
        assert!(validate("journal", &with("tags", json!(["a", "a"]))).is_err());
        assert!(validate("journal", &with("tags", json!(["<b>"]))).is_err());
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert!(validate("journal", &with("tags", json!(many))).is_err());
        assert!(validate("journal", &with("prompt", json!("<script>"))).is_err());
        assert!(validate("journal", &with("created", json!("yesterday"))).is_err());
        assert!(validate("journal", &with("mood", json!(3))).is_err());
        assert!(validate("journal", &json!("just text")).is_err());
    }

    #[test]
    fn round_trips_through_json() {
        let mut e = entry("Title", "Body text", &["exam"], "2026-11-28T21:00:00+05:30");
        e.prompt = Some("exam_1".into());
        let json = serde_json::to_value(&e).unwrap();
        let back: JournalEntry = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }
}
