//! Property tests: for any records a person could save (any text, in any
//! script, with markup and quotes, up to each field's limit), exporting a
//! backup and importing it into an empty store gives back exactly the same
//! stored documents, in replace and in merge mode.

use chrono::{Duration, FixedOffset};
use groundwork::domain::feelings::{CheckIn, Context, Feeling};
use groundwork::domain::journal::{self, JournalEntry};
use groundwork::domain::movement::{self, MovementEntry, MovementKind};
use groundwork::domain::profile::{Profile, Setback};
use groundwork::domain::thought_record::{self, ThoughtRecord, Trap};
use groundwork::domain::time::{parse, Timestamp};
use groundwork::domain::{self, Record};
use groundwork::store::backup::{self, ImportMode};
use groundwork::store::{MemoryBackend, Store};
use proptest::prelude::*;

fn now() -> Timestamp {
    parse("2026-11-28T21:30:00+05:30").unwrap()
}

/// Pieces text is made of: any character, and the awkward ones on purpose.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(vec![
            "<script>window.__pwned=1</script>",
            "<img src=x onerror=\"window.__pwned=1\">",
            "\"><svg onload=window.__pwned=1>",
            "&amp;&lt;",
            "\"",
            "'",
            "\\",
            "\n",
            "\r\n",
            "\t",
            "\u{0}",
            "\u{200d}",
            "\u{feff}",
            "आज थोड़ा बेहतर",
            "தமிழ்",
            "😀👩🏽‍💻",
            "{\"v\":2}",
            "gw:profile/me",
        ])
        .prop_map(String::from),
    ]
}

/// Text of at most `max` characters; sometimes a long run up to the limit.
fn text(max: usize) -> impl Strategy<Value = String> {
    let short = prop::collection::vec(piece(), 0..12).prop_map(|p| p.concat());
    let long = (piece(), 0..=max).prop_map(|(p, n)| p.repeat(n));
    prop_oneof![4 => short, 1 => long].prop_map(move |s| s.chars().take(max).collect())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        0i64..(5 * 365 * 24 * 3600),
        prop::sample::select(vec![0, 19_800, -28_800, 45_900]),
    )
        .prop_map(|(back, offset)| {
            let at = now() - Duration::seconds(back);
            at.with_timezone(&FixedOffset::east_opt(offset).unwrap())
        })
}

fn id() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain(['-', '_'])
        .collect();
    prop::collection::vec(prop::sample::select(chars), 1..=64).prop_map(String::from_iter)
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        prop::option::of(prop::sample::select(Setback::ALL.to_vec())),
        timestamp(),
        any::<bool>(),
    )
        .prop_map(|(setback, at, welcomed)| {
            let mut p = Profile::default();
            if welcomed {
                p.welcome(setback, at);
            }
            p
        })
}

fn journal() -> impl Strategy<Value = JournalEntry> {
    (
        text(journal::MAX_TITLE + 10),
        text(journal::MAX_BODY),
        prop::collection::vec(text(journal::MAX_TAG + 4), 0..10),
        timestamp(),
        0i64..100_000,
    )
        .prop_map(|(title, body, tags, created, later)| {
            let mut e = JournalEntry::new(created, None);
            e.set_title(&title);
            e.set_body(&body);
            for tag in tags {
                let _ = e.add_tag(&tag);
            }
            e.updated = (created + Duration::seconds(later)).min(now());
            e
        })
}

fn feeling() -> impl Strategy<Value = CheckIn> {
    (
        prop::sample::select(Feeling::ALL.to_vec()),
        1u8..=10,
        text(groundwork::domain::feelings::MAX_NOTE),
        prop::sample::subsequence(Context::ALL.to_vec(), 0..=Context::ALL.len()),
        text(groundwork::domain::feelings::MAX_CONTEXT_TEXT),
        timestamp(),
    )
        .prop_map(
            |(feeling, intensity, note, context, context_text, at)| CheckIn {
                feeling,
                intensity,
                note,
                context,
                context_text,
                at,
            },
        )
}

fn thought_record() -> impl Strategy<Value = ThoughtRecord> {
    let feelings = prop::collection::vec(
        (
            text(thought_record::MAX_FEELING_NAME),
            0u8..=100,
            prop::option::of(0u8..=100),
        ),
        0..=thought_record::MAX_FEELINGS,
    );
    (
        (
            timestamp(),
            prop::option::of(0i64..100_000),
            1u8..=thought_record::STEPS,
        ),
        text(thought_record::MAX_TEXT),
        feelings,
        prop::collection::vec(
            text(thought_record::MAX_THOUGHT),
            0..=thought_record::MAX_THOUGHTS,
        ),
        prop::sample::subsequence(Trap::ALL.to_vec(), 0..=Trap::ALL.len()),
        (
            text(thought_record::MAX_TEXT),
            text(thought_record::MAX_TEXT),
            text(thought_record::MAX_TEXT),
            text(thought_record::MAX_TEXT),
        ),
        (any::<prop::sample::Index>(), prop::option::of(0u8..=100)),
    )
        .prop_map(
            |(
                (started_at, done, step),
                situation,
                feelings,
                thoughts,
                traps,
                words,
                (hot, belief),
            )| {
                let (evidence_for, evidence_against, friend, balanced) = words;
                let feelings = feelings
                    .into_iter()
                    .filter(|(name, _, _)| !name.trim().is_empty())
                    .map(|(name, before, after)| thought_record::Feeling {
                        name,
                        before,
                        after,
                    })
                    .collect();
                let hot = (!thoughts.is_empty()).then(|| hot.index(thoughts.len()));
                ThoughtRecord {
                    started_at,
                    finished_at: done.map(|s| (started_at + Duration::seconds(s)).min(now())),
                    step,
                    situation,
                    feelings,
                    thoughts,
                    hot,
                    traps,
                    evidence_for,
                    evidence_against,
                    friend,
                    balanced,
                    belief,
                }
            },
        )
}

fn movement() -> impl Strategy<Value = MovementEntry> {
    (
        prop::sample::select(MovementKind::ALL.to_vec()),
        1u16..=movement::MAX_MINUTES,
        0u8..=movement::MAX_FEELING,
        0u8..=movement::MAX_FEELING,
        text(movement::MAX_NOTE),
        timestamp(),
    )
        .prop_map(|(kind, minutes, before, after, note, at)| MovementEntry {
            kind,
            minutes,
            before,
            after,
            note,
            at,
        })
}

/// Everything a person might have saved, with the save time of each.
#[derive(Debug, Clone)]
struct Data {
    profile: Option<(Profile, Timestamp)>,
    journal: Vec<(String, JournalEntry, Timestamp)>,
    feelings: Vec<(String, CheckIn, Timestamp)>,
    thoughts: Vec<(String, ThoughtRecord, Timestamp)>,
    movement: Vec<(String, MovementEntry, Timestamp)>,
}

fn data() -> impl Strategy<Value = Data> {
    (
        prop::option::of((profile(), timestamp())),
        prop::collection::vec((id(), journal(), timestamp()), 0..4),
        prop::collection::vec((id(), feeling(), timestamp()), 0..4),
        prop::collection::vec((id(), thought_record(), timestamp()), 0..3),
        prop::collection::vec((id(), movement(), timestamp()), 0..4),
    )
        .prop_map(|(profile, journal, feelings, thoughts, movement)| Data {
            profile,
            journal,
            feelings,
            thoughts,
            movement,
        })
}

fn put_all<T: Record>(store: &mut Store<MemoryBackend>, items: &[(String, T, Timestamp)]) {
    for (id, record, saved) in items {
        let body = serde_json::to_value(record).unwrap();
        assert_eq!(domain::validate(T::KIND, &body), Ok(()), "generated {body}");
        store.put(id, record, *saved).unwrap();
    }
}

fn store_with(data: &Data) -> Store<MemoryBackend> {
    let mut store = Store::open(MemoryBackend::new());
    if let Some((p, saved)) = &data.profile {
        put_all(&mut store, &[(Profile::ID.to_string(), p.clone(), *saved)]);
    }
    put_all(&mut store, &data.journal);
    put_all(&mut store, &data.feelings);
    put_all(&mut store, &data.thoughts);
    put_all(&mut store, &data.movement);
    store
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn export_then_import_is_the_identity(data in data()) {
        let original = store_with(&data);
        let file = original.export(now()).to_json();

        for mode in [ImportMode::Replace, ImportMode::Merge] {
            let valid = backup::parse(&file, now()).expect("our own export is accepted");
            let mut fresh = Store::open(MemoryBackend::new());
            fresh.import(valid, mode).unwrap();
            prop_assert_eq!(fresh.documents(), original.documents());
            // The typed records read back the same, from memory and storage.
            let reopened = Store::open(fresh.backend().clone());
            prop_assert_eq!(reopened.documents(), original.documents());
            prop_assert_eq!(reopened.all::<JournalEntry>(), original.all::<JournalEntry>());
            prop_assert_eq!(reopened.all::<CheckIn>(), original.all::<CheckIn>());
            prop_assert_eq!(reopened.all::<ThoughtRecord>(), original.all::<ThoughtRecord>());
            prop_assert_eq!(reopened.all::<MovementEntry>(), original.all::<MovementEntry>());
            prop_assert_eq!(reopened.get::<Profile>(Profile::ID), original.get::<Profile>(Profile::ID));
            // Exporting again gives the same file, apart from its date.
            prop_assert_eq!(reopened.export(now()).to_json(), file.clone());
        }

        // Importing a backup into the store it came from changes nothing.
        let mut same = Store::open(original.backend().clone());
        let summary = same
            .import(backup::parse(&file, now()).unwrap(), ImportMode::Merge)
            .unwrap();
        prop_assert_eq!(summary.added + summary.updated + summary.removed, 0);
        prop_assert_eq!(same.documents(), original.documents());
    }
}
