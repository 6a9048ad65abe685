//! A line being typed into a small "add" field (a person's name, a new
//! goal): kept as it is typed, one record per field, until it is added.

use serde::{Deserialize, Serialize};

use super::Record;

/// The longest text kept, in characters (the fields hold far less).
pub const MAX_TEXT: usize = 1000;

/// What has been typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDraft {
    pub text: String,
}

impl Record for FieldDraft {
    const KIND: &'static str = "field_draft";
}

impl FieldDraft {
    /// Refuses text longer than any field takes.
    pub fn check(&self) -> Result<(), String> {
        if self.text.chars().count() > MAX_TEXT {
            return Err(format!("a field draft holds at most {MAX_TEXT} characters"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_refused() {
        assert!(FieldDraft {
            text: "Meera दीदी".into()
        }
        .check()
        .is_ok());
        assert!(FieldDraft {
            text: "a".repeat(MAX_TEXT + 1)
        }
        .check()
        .is_err());
        assert!(crate::domain::validate("field_draft", &serde_json::json!({"text": 3})).is_err());
    }
}
