//! The backup file: everything Groundwork holds, as one JSON file the person
//! downloads, and the strict checks a file must pass before it is imported.
//!
//! A file is checked whole before anything is written: one bad record refuses
//! the whole file, and the person's data stays exactly as it was.

use std::collections::BTreeMap;

use chrono::Duration;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::schema::{self, DocProblem, Document};
use super::{valid_key, SetAside};
use crate::domain::{self, time::Timestamp};

/// The backup format this build writes and reads.
pub const FORMAT: u32 = 1;

/// Files larger than this are refused before they are parsed.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The whole backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Marks the file as a Groundwork backup and gives its format version.
    pub groundwork_backup: u32,
    pub exported_at: Timestamp,
    /// The record schema version of `records`.
    pub schema: u32,
    pub records: Vec<BackupRecord>,
    /// Values that could not be read, kept so nothing is ever lost.
    #[serde(default)]
    pub set_aside: Vec<SetAside>,
}

/// One record in a backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupRecord {
    /// `kind/id`, as in storage without the prefix.
    pub key: String,
    pub v: u32,
    pub saved: Timestamp,
    pub body: Value,
}

impl Backup {
    /// Pretty JSON, ready to download.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("backups serialise")
    }

    /// A file name such as `groundwork-backup-2026-11-28.json`.
    pub fn file_name(&self) -> String {
        format!(
            "groundwork-backup-{}.json",
            self.exported_at.format("%Y-%m-%d")
        )
    }
}

/// Why a file cannot be imported. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Bigger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON at all (or nested too deeply to be one of ours).
    NotJson(String),
    /// JSON, but not a Groundwork backup.
    NotABackup,
    /// Made by a newer Groundwork.
    NewerFormat { format: u32 },
    /// A Groundwork backup whose layout is wrong.
    WrongShape(String),
    /// One record cannot be used.
    BadRecord { key: String, problem: String },
    /// The same record appears twice.
    Duplicate(String),
}

/// What a valid file holds, ready to show and then import.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBackup {
    pub exported_at: Timestamp,
    /// Records keyed `kind/id`, upgraded to the current schema.
    pub docs: BTreeMap<String, Document>,
    pub set_aside: Vec<SetAside>,
}

impl ValidBackup {
    /// How many records of each kind the file holds.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for key in self.docs.keys() {
            let kind = key.split('/').next().unwrap_or_default();
            *counts.entry(kind.to_string()).or_insert(0) += 1;
        }
        counts
    }
}

/// Merge keeps the newer copy of each record; replace makes storage equal to
/// the backup (set-aside values are always kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Merge,
    Replace,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub kept: usize,
    pub removed: usize,
    pub set_aside: usize,
}

/// Checks a file's text completely.
///
/// A phone whose clock was wrong writes dates in the future. Such a file is
/// still the person's data, so it is not refused: a record saved more than a
/// day after `now` is treated as saved `now` (otherwise it would win every
/// later merge for ever); its body, dates included, is kept word for word.
pub fn parse(text: &str, now: Timestamp) -> Result<ValidBackup, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let Some(format) = value.get("groundwork_backup") else {
        return Err(ImportError::NotABackup);
    };
    match format.as_u64() {
        Some(f) if f > u64::from(FORMAT) => {
            return Err(ImportError::NewerFormat {
                format: f.min(u64::from(u32::MAX)) as u32,
            })
        }
        Some(f) if f >= 1 => {}
        _ => {
            return Err(ImportError::WrongShape(
                "groundwork_backup must be 1".into(),
            ))
        }
    }
    let backup: Backup =
        serde_json::from_value(value).map_err(|e| ImportError::WrongShape(e.to_string()))?;
    let latest = now + Duration::days(1);
    let mut docs = BTreeMap::new();
    for record in backup.records {
        let bad = |problem: String| ImportError::BadRecord {
            key: record.key.clone(),
            problem,
        };
        if !valid_key(&record.key) {
            return Err(bad("this is not a Groundwork record name".into()));
        }
        let kind = record.key.split('/').next().unwrap_or_default().to_string();
        let doc = Document {
            v: record.v,
            saved: if record.saved > latest {
                now
            } else {
                record.saved
            },
            body: record.body,
        };
        let doc =
            schema::upgrade(&kind, doc, schema::MIGRATIONS).map_err(|p| bad(p.to_string()))?;
        domain::validate(&kind, &doc.body).map_err(|e| bad(DocProblem::Invalid(e).to_string()))?;
        if docs.insert(record.key.clone(), doc).is_some() {
            return Err(ImportError::Duplicate(record.key));
        }
    }
    Ok(ValidBackup {
        exported_at: backup.exported_at,
        docs,
        set_aside: backup.set_aside,
    })
}
