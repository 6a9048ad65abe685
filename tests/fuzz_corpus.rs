//! Replays every file of the fuzzing seed corpus (`fuzz/corpus/backup/`)
//! through the same checks the fuzz target runs (`fuzz/src/check.rs`), so
//! `cargo test` on stable exercises them without nightly or cargo-fuzz.
//! Any crash the fuzzer finds is added to that folder once fixed.

#[path = "../fuzz/src/check.rs"]
mod check;

#[test]
fn every_seed_file_passes_the_fuzz_checks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/backup");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the seed corpus is missing: {dir:?}");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let name = file.display().to_string();
        let result = std::panic::catch_unwind(|| check::backup_file(&data));
        assert!(result.is_ok(), "{name} failed the fuzz checks");
    }
}

#[test]
fn every_fixture_as_a_backup_passes_the_fuzz_checks() {
    // Fixtures added later are covered without regenerating the corpus.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut records = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/fixtures/v1")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let kind = stem.split('-').next().unwrap().to_string();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let record = serde_json::json!({
            "key": format!("{kind}/{}", stem.replace('-', "_")),
            "v": doc["v"], "saved": doc["saved"], "body": doc["body"],
        });
        records.push(record.clone());
        let one = backup_of(vec![record]);
        let result = std::panic::catch_unwind(|| check::backup_file(one.as_bytes()));
        assert!(
            result.is_ok(),
            "{path:?} as a backup failed the fuzz checks"
        );
    }
    check::backup_file(backup_of(records).as_bytes());
}

fn backup_of(records: Vec<serde_json::Value>) -> String {
    serde_json::json!({
        "groundwork_backup": 1,
        "exported_at": "2026-11-28T10:00:00Z",
        "schema": 1,
        "records": records,
    })
    .to_string()
}
