//! Compiles the words in `content/<lang>/*.toml` into Rust statics.
//!
//! English (`content/en`) is the reference: every other language folder must
//! define exactly the same keys, with the same `{placeholders}`, or the build
//! fails. Nothing is parsed at start-up: the app reads `&'static str`s.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// One language: flattened `file_section_key` -> text, the same grouped by
/// file (`file` -> `section_key` -> text), plus the helplines.
struct Lang {
    code: String,
    strings: BTreeMap<String, String>,
    files: BTreeMap<String, BTreeMap<String, String>>,
    helplines: Vec<BTreeMap<String, String>>,
}

const HELPLINE_FIELDS: [&str; 6] = ["name", "number", "tel", "when", "note", "emergency"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("content");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut langs = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", root.display())))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        println!("cargo:rerun-if-changed={}", dir.display());
        langs.push(read_lang(&dir));
    }
    let en_index = langs
        .iter()
        .position(|l| l.code == "en")
        .unwrap_or_else(|| fail("content/en is missing: English is the reference language"));
    langs.swap(0, en_index);
    check_against_reference(&langs);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("content.rs");
    fs::write(&out, generate(&langs)).unwrap();
}

fn fail(msg: &str) -> ! {
    panic!("\n\ncontent error: {msg}\n\n")
}

fn read_lang(dir: &Path) -> Lang {
    let code = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut strings = BTreeMap::new();
    let mut by_file = BTreeMap::new();
    let mut helplines = Vec::new();
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&file).unwrap();
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| fail(&format!("{} is not valid TOML: {e}", file.display())));
        let where_ = file.display().to_string();
        let mut own = BTreeMap::new();
        for (key, value) in table {
            if stem == "helplines" && key == "line" {
                helplines = read_helplines(&where_, value);
                continue;
            }
            flatten(&where_, &key, value, &mut own);
        }
        for (key, text) in &own {
            strings.insert(format!("{stem}_{key}"), text.clone());
        }
        by_file.insert(stem, own);
    }
    Lang {
        code,
        strings,
        files: by_file,
        helplines,
    }
}

fn flatten(file: &str, name: &str, value: toml::Value, out: &mut BTreeMap<String, String>) {
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        fail(&format!(
            "{file}: key `{name}` must be lower_snake_case ascii"
        ));
    }
    match value {
        toml::Value::String(s) => {
            if s.trim().is_empty() {
                fail(&format!("{file}: `{name}` is empty"));
            }
            out.insert(name.to_string(), s);
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                flatten(file, &format!("{name}_{k}"), v, out);
            }
        }
        other => fail(&format!(
            "{file}: `{name}` must be a string or a table, found {}",
            other.type_str()
        )),
    }
}

fn read_helplines(file: &str, value: toml::Value) -> Vec<BTreeMap<String, String>> {
    let toml::Value::Array(items) = value else {
        fail(&format!(
            "{file}: `line` must be an array of tables [[line]]"
        ));
    };
    items
        .into_iter()
        .map(|item| {
            let toml::Value::Table(t) = item else {
                fail(&format!("{file}: each [[line]] must be a table"));
            };
            let mut fields = BTreeMap::new();
            for (k, v) in t {
                if k == "emergency" {
                    let Some(b) = v.as_bool() else {
                        fail(&format!("{file}: `emergency` must be true or false"));
                    };
                    fields.insert(k, b.to_string());
                    continue;
                }
                let Some(s) = v.as_str() else {
                    fail(&format!("{file}: helpline field `{k}` must be a string"));
                };
                if !HELPLINE_FIELDS.contains(&k.as_str()) {
                    fail(&format!("{file}: unknown helpline field `{k}`"));
                }
                fields.insert(k, s.to_string());
            }
            for f in ["name", "when", "note"] {
                if !fields.contains_key(f) {
                    fail(&format!("{file}: a helpline is missing `{f}`"));
                }
            }
            if let Some(tel) = fields.get("tel") {
                if !tel.chars().all(|c| c.is_ascii_digit() || c == '+') {
                    fail(&format!("{file}: tel `{tel}` must be digits (and +) only"));
                }
                if !fields.contains_key("number") {
                    fail(&format!("{file}: a helpline with `tel` needs `number`"));
                }
            }
            fields
        })
        .collect()
}

fn placeholders(s: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        found.push(rest[start + 1..start + end].to_string());
        rest = &rest[start + end + 1..];
    }
    found.sort();
    found
}

fn check_against_reference(langs: &[Lang]) {
    let en = &langs[0];
    if en.helplines.is_empty() {
        fail("content/en/helplines.toml must list at least one [[line]]");
    }
    for lang in &langs[1..] {
        for key in en.strings.keys() {
            if !lang.strings.contains_key(key) {
                fail(&format!("content/{} is missing `{key}`", lang.code));
            }
        }
        for (key, text) in &lang.strings {
            let Some(reference) = en.strings.get(key) else {
                fail(&format!(
                    "content/{} has `{key}`, which English does not",
                    lang.code
                ));
            };
            if placeholders(reference) != placeholders(text) {
                fail(&format!(
                    "content/{}: `{key}` must use the placeholders {:?}",
                    lang.code,
                    placeholders(reference)
                ));
            }
        }
        if lang.helplines.is_empty() {
            fail(&format!("content/{} lists no helplines", lang.code));
        }
    }
}

/// `file_name` -> `FileName`.
fn camel(stem: &str) -> String {
    stem.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A field name, raw if it is a Rust keyword.
fn field(key: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&key) {
        format!("r#{key}")
    } else if key.starts_with(|c: char| c.is_ascii_digit()) {
        fail(&format!("key `{key}` must not start with a digit"))
    } else {
        key.to_string()
    }
}

/// One struct per content file (`JournalText` for `journal.toml`), one
/// static array of them per file (an entry per language), and a method on
/// `Text` per file (`t.journal().entry_title`). Each file's words are
/// reached only through its method, so the WebAssembly split (see
/// `src/app/history.rs`) leaves a page's words with the page's code,
/// instead of every word in the main module.
fn generate(langs: &[Lang]) -> String {
    let mut s = String::new();
    s.push_str("/// Every sentence the app shows, for one language: one method per file of\n");
    s.push_str("/// `content/<lang>/`. Generated from `content/` by build.rs.\n");
    s.push_str("#[derive(Debug)]\npub struct Text {\n");
    s.push_str("    /// BCP 47 language tag of this text.\n    pub lang: &'static str,\n");
    s.push_str("    /// Where this language is in each file's array.\n    index: usize,\n");
    s.push_str("}\n\n");
    let n = langs.len();
    let mut methods = String::new();
    for (stem, keys) in &langs[0].files {
        let ty = format!("{}Text", camel(stem));
        let array = stem.to_uppercase();
        let _ = writeln!(s, "/// The words of `content/<lang>/{stem}.toml`.");
        let _ = writeln!(s, "pub struct {ty} {{");
        if stem == "helplines" {
            s.push_str("    /// Crisis lines, first the ones for India.\n    pub lines: &'static [Helpline],\n");
        }
        for key in keys.keys() {
            let _ = writeln!(s, "    pub {}: &'static str,", field(key));
        }
        s.push_str("}\n\n");
        let _ = writeln!(s, "static {array}: [{ty}; {n}] = [");
        for lang in langs {
            let _ = writeln!(s, "    {ty} {{");
            if stem == "helplines" {
                s.push_str("        lines: &[\n");
                for h in &lang.helplines {
                    let opt = |k: &str| match h.get(k) {
                        Some(v) => format!("Some({v:?})"),
                        None => "None".into(),
                    };
                    let _ = writeln!(
                        s,
                        "            Helpline {{ name: {:?}, number: {}, tel: {}, when: {:?}, note: {:?}, emergency: {} }},",
                        h["name"],
                        opt("number"),
                        opt("tel"),
                        h["when"],
                        h["note"],
                        h.get("emergency").map_or("false", |e| e.as_str())
                    );
                }
                s.push_str("        ],\n");
            }
            for (key, text) in lang.files.get(stem).into_iter().flatten() {
                let _ = writeln!(s, "        {}: {text:?},", field(key));
            }
            s.push_str("    },\n");
        }
        s.push_str("];\n\n");
        let _ = writeln!(
            methods,
            "    /// The words of `content/<lang>/{stem}.toml`.\n    pub fn {}(&self) -> &'static {ty} {{\n        &{array}[self.index]\n    }}\n",
            field(stem)
        );
    }
    let _ = write!(s, "impl Text {{\n{methods}}}\n\n");
    for (index, lang) in langs.iter().enumerate() {
        let ident = lang.code.to_uppercase().replace('-', "_");
        let _ = writeln!(s, "/// Text for `{}`.", lang.code);
        let _ = writeln!(
            s,
            "pub static {ident}: Text = Text {{ lang: {:?}, index: {index} }};\n",
            lang.code
        );
    }
    s.push_str(
        "/// Every language the app ships, English first.\npub static LANGUAGES: &[&Text] = &[",
    );
    for lang in langs {
        let _ = write!(s, "&{}, ", lang.code.to_uppercase().replace('-', "_"));
    }
    s.push_str("];\n");
    s
}
