//! Every word the app shows, compiled from `content/<lang>/*.toml` by build.rs.
//!
//! A missing key, an empty string or a placeholder that differs from English
//! fails the build; at run time the text is plain `&'static str`.

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// A crisis line shown on the "Get help now" page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Helpline {
    pub name: &'static str,
    /// The number as people write it, e.g. "1-800-891-4416".
    pub number: Option<&'static str>,
    /// Digits for a `tel:` link.
    pub tel: Option<&'static str>,
    pub when: &'static str,
    pub note: &'static str,
    /// The general emergency number, shown first as "in danger right now".
    pub emergency: bool,
}

/// The text for a language tag such as `en-IN`, falling back to English.
pub fn for_language(tag: &str) -> &'static Text {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .copied()
        .find(|t| t.lang == tag || t.lang == primary)
        .unwrap_or(&EN)
}

/// Fills `{name}` placeholders in a template.
///
/// Unknown placeholders are left as they are, so a mistake shows up on screen
/// rather than silently dropping words.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A size for people: "820 bytes", "14 KB", "2.3 MB".
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(820), "820 bytes");
        assert_eq!(human_size(14 * 1024 + 300), "14 KB");
        assert_eq!(human_size(2_400_000), "2.3 MB");
    }

    #[test]
    fn english_is_the_fallback() {
        assert_eq!(for_language("zz").lang, "en");
        assert_eq!(for_language("en-IN").lang, "en");
    }

    #[test]
    fn fill_replaces_every_named_placeholder() {
        assert_eq!(fill("Call {n} or {n}", &[("n", "112")]), "Call 112 or 112");
        assert_eq!(fill("{a} {b}", &[("a", "x")]), "x {b}");
    }

    #[test]
    fn india_comes_first_with_tap_to_call_numbers() {
        let first = EN.helplines().lines[0];
        assert!(first.name.contains("Tele-MANAS"));
        assert_eq!(first.tel, Some("14416"));
        assert!(EN
            .helplines()
            .lines
            .iter()
            .any(|h| h.tel == Some("18008914416")));
        assert!(EN
            .helplines()
            .lines
            .iter()
            .any(|h| h.tel == Some("112") && h.emergency));
    }

    #[test]
    fn home_holds_the_next_things_place_under_the_same_heading() {
        for t in LANGUAGES {
            assert_eq!(t.home().cards_waiting_heading, t.progress().next_heading);
        }
    }

    #[test]
    fn each_file_has_its_words_in_every_language() {
        assert_eq!(for_language("en").journal().list_title, "Journal");
        assert!(LANGUAGES.iter().all(|t| !t.app().name.is_empty()));
    }

    #[test]
    fn every_setback_has_a_label_and_a_kind_word() {
        for s in crate::domain::profile::Setback::ALL {
            assert!(!s.label(&EN).is_empty());
            assert!(!s.encouragement(&EN).is_empty());
        }
    }
}
