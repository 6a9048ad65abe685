//! Splits the app's WebAssembly after Trunk has built it: the first step of
//! `cargo xtask post-build`.
//!
//! The pages in `src/app/lazy.rs` are split points (`wasm_split`, with the
//! `split` feature the app's build turns on): the home screen needs none of
//! their code, so it should not wait for it. Trunk cannot split a module, so
//! this step redoes the end of Trunk's Rust pipeline on cargo's raw output
//! (linked with `--emit-relocs`, see `.cargo/config.toml`):
//!
//! 1. `wasm-split-cli` cuts it into the main module and the split-off
//!    module(s) (all pages share one, `pages`: several small ones meant a
//!    first visit made dozens of fetches inside the tap), and writes the
//!    JavaScript that fetches and links them (`__wasm_split.js`);
//! 2. `wasm-bindgen` and `wasm-opt`, with Trunk's settings, turn the main
//!    module into what Trunk would have made of the whole, under Trunk's file
//!    names;
//! 3. each split-off module is optimised with the same settings (in one
//!    process, `xtask/js/wasm-opt-batch.mjs`: the npm `wasm-opt` takes a
//!    second to start) and named after a hash of its content in `pages/`;
//!    the loader is named after its own (`split-loader-<hash>.js`), and the
//!    preloads in `index.html` get the new files' integrity hashes and one
//!    for the loader.
//!
//! Trunk itself does not run wasm-opt (`data-wasm-opt="0"` in `index.html`):
//! its whole-module pass would be thrown away. A build without split points
//! (nothing imports from the placeholder module) is optimised here as Trunk
//! would have.

use crate::err;
use crate::hash::{base64, hex, sha256};
use crate::postbuild::{apply_edits, parse_attrs, scan_tags};
use crate::util::{display_cmd, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The import module `wasm_split` gives the loader functions until the split.
const SPLIT_MARK: &[u8] = b"__wasm_split_placeholder__";
/// The loader's name as `wasm-split-cli` writes it and the main module imports it.
const LOADER: &str = "__wasm_split.js";
/// What the loader is called in the build, before its hash: nothing in the
/// build starts with `_`, which some static hosts (GitHub Pages' Jekyll) drop.
const LOADER_NAME: &str = "split-loader";
/// Where page modules and chunks go, relative to the app's root.
pub const PAGES_DIR: &str = "pages";
/// Code the first screen must not carry: reading the whole store, the
/// readers of every kind of record and serde_json's reader belong in the
/// `history` module (see `src/app/history.rs`; the first screen reads its
/// few records with `src/store/peek.rs`). A call from main code to any of
/// these pulls them all back into the main module without a compile error;
/// this check makes it a build error instead. Matched against the function
/// names wasm-bindgen keeps in its output.
const MAIN_MUST_NOT_HOLD: &[&str] = &[
    "groundwork::store::opening::Opening<B>::finish",
    "groundwork::store::opening::Opening<B>::step",
    "groundwork::store::Store<B>::put",
    "groundwork::store::Store<B>::get",
    "groundwork::domain::read_typed",
    "groundwork::store::backup::",
    "groundwork::store::vault::Meta::parse",
    "groundwork::app::state::AppState::read_the_rest",
    "serde_json::de::",
    "chrono::format::parse::",
];

/// What the split made, for the post-build summary line.
pub struct Split {
    pub modules: usize,
    pub main_bytes: u64,
}

/// Splits the staged build in `staging` (see the module docs). `source` is
/// the repository (for `index.html`'s wasm-opt settings and `target/`).
pub fn run(staging: &Path, source: &Path) -> Result<Option<Split>> {
    let Some(stem) = trunk_stem(staging)? else {
        return Ok(None);
    };
    let name = stem.rsplit_once('-').map_or(stem.as_str(), |(n, _)| n);
    let profile = match std::env::var("TRUNK_PROFILE").as_deref() {
        Ok("debug") | Ok("dev") => "debug",
        _ => "release",
    };
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| source.join("target"));
    let raw_path = target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{name}.wasm"));
    let raw = std::fs::read(&raw_path).map_err(|e| {
        err!(
            "post-build: cannot read cargo's wasm {}: {e}",
            raw_path.display()
        )
    })?;
    crate::tools::setup_path();
    let opt_args = wasm_opt_args(source)?;
    let main_wasm = staging.join(format!("{stem}_bg.wasm"));
    if !contains(&raw, SPLIT_MARK) {
        // Nothing to split: only the optimising Trunk was told to leave here.
        tool(&mut wasm_opt(&opt_args, &main_wasm, &main_wasm))?;
        let main_sri = sri(&std::fs::read(&main_wasm)?);
        update_index(staging, &[(format!("{stem}_bg.wasm"), main_sri)], "")?;
        return Ok(None);
    }
    let work = target.join("split");
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;

    // 1. Split.
    tool(
        Command::new("wasm-split-cli")
            .arg(&raw_path)
            .arg(&work)
            .args(["--out-name", &stem, "--target", "web"]),
    )?;

    // 2. The main module, as Trunk would have made it.
    let bindgen = work.join("bindgen");
    tool(
        Command::new("wasm-bindgen")
            .args(["--target=web", "--no-typescript", "--keep-lld-exports"])
            .arg(format!("--out-dir={}", bindgen.display()))
            .arg(format!("--out-name={stem}"))
            .arg(work.join(format!("{stem}.wasm"))),
    )?;
    let named = bindgen.join(format!("{stem}_bg.wasm"));
    let held = held_back_code(&function_names(&std::fs::read(&named)?)?);
    if !held.is_empty() {
        return Err(err!(
            "post-build: the main module holds code meant for the history module (src/app/history.rs): \
             main code calls it other than through app::history. {} function(s), such as:\n  {}",
            held.len(),
            held.iter().take(8).cloned().collect::<Vec<_>>().join("\n  ")
        ));
    }
    let mut main_opt = wasm_opt(&opt_args, &named, &main_wasm);
    let main_opt_shown = display_cmd(&main_opt);
    let main_opt = main_opt
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| err!("post-build: could not start `{main_opt_shown}`: {e}"))?;

    // 3. Page modules and chunks (optimised meanwhile, in one process), named by content.
    let mut parts: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&work)? {
        let file = entry?.file_name().to_string_lossy().into_owned();
        if file.ends_with(".wasm") && file != format!("{stem}.wasm") {
            parts.push(file);
        }
    }
    parts.sort();
    let optimised = work.join("opt");
    std::fs::create_dir_all(&optimised)?;
    let batch = tool(
        Command::new("node")
            .arg(source.join("xtask").join("js").join("wasm-opt-batch.mjs"))
            .arg(
                crate::tools::tools_dir()
                    .join("node_modules")
                    .join("binaryen")
                    .join("index.js"),
            )
            .arg(&optimised)
            .args(&opt_args)
            .arg("--")
            .args(&parts)
            .current_dir(&work),
    );
    finish(&main_opt_shown, main_opt.wait_with_output())?;
    batch?;
    let pages = staging.join(PAGES_DIR);
    std::fs::create_dir_all(&pages)?;
    let mut loader = std::fs::read_to_string(work.join(LOADER))?;
    for file in &parts {
        let data = std::fs::read(optimised.join(file))?;
        let base = file.trim_end_matches(".wasm");
        let hashed = format!("{base}-{}.wasm", &hex(&sha256(&data))[..16]);
        std::fs::write(pages.join(&hashed), &data)?;
        let quoted = format!("\"./{file}\"");
        if !loader.contains(&quoted) {
            return Err(err!(
                "post-build: the split loader does not name {file}; wasm-split-cli's output changed"
            ));
        }
        loader = loader.replace(&quoted, &format!("\"./{PAGES_DIR}/{hashed}\""));
    }
    let loader_name = format!(
        "{}-{}.js",
        LOADER_NAME,
        &hex(&sha256(loader.as_bytes()))[..16]
    );
    std::fs::write(staging.join(&loader_name), &loader)?;
    let js = std::fs::read_to_string(bindgen.join(format!("{stem}.js")))?;
    // Only the JavaScript imports move; the wasm's import object keeps the name.
    let js = js.replace(
        &format!("from \"./{LOADER}\""),
        &format!("from \"./{loader_name}\""),
    );
    std::fs::write(staging.join(format!("{stem}.js")), &js)?;

    // index.html: fresh integrity for the replaced files, a preload for the loader.
    let preload = format!(
        "<link rel=\"modulepreload\" href=\"{loader_name}\" crossorigin=\"anonymous\" integrity=\"{}\">",
        sri(loader.as_bytes())
    );
    update_index(
        staging,
        &[
            (format!("{stem}.js"), sri(js.as_bytes())),
            (format!("{stem}_bg.wasm"), sri(&std::fs::read(&main_wasm)?)),
        ],
        &preload,
    )?;

    Ok(Some(Split {
        modules: parts.len(),
        main_bytes: std::fs::metadata(&main_wasm)?.len(),
    }))
}

/// Trunk's output name, such as `groundwork-d1098c69e703897`: the staged
/// `<stem>_bg.wasm` with its `<stem>.js`.
fn trunk_stem(staging: &Path) -> Result<Option<String>> {
    let mut found = None;
    for entry in std::fs::read_dir(staging)? {
        let file = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix("_bg.wasm") {
            if staging.join(format!("{stem}.js")).is_file() {
                if found.is_some() {
                    return Err(err!(
                        "post-build: more than one wasm-bindgen output in {}",
                        staging.display()
                    ));
                }
                found = Some(stem.to_string());
            }
        }
    }
    Ok(found)
}

/// The names of the functions in `wasm`'s name section. No names at all is
/// an error too: the check below would then pass without looking.
fn function_names(wasm: &[u8]) -> Result<Vec<String>> {
    let bad = || err!("post-build: the main module's name section is malformed");
    let mut at = 8;
    let mut names = Vec::new();
    let leb = |at: &mut usize| -> Option<usize> {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = *wasm.get(*at)?;
            *at += 1;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
            if shift >= usize::BITS {
                return None;
            }
        }
    };
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(&mut at).ok_or_else(bad)?;
        let end = at + size;
        if id == 0 {
            let mut p = at;
            let len = leb(&mut p).ok_or_else(bad)?;
            if wasm.get(p..p + len) == Some(b"name") {
                p += len;
                while p < end {
                    let sub = *wasm.get(p).ok_or_else(bad)?;
                    p += 1;
                    let sub_size = leb(&mut p).ok_or_else(bad)?;
                    let sub_end = p + sub_size;
                    if sub == 1 {
                        let count = leb(&mut p).ok_or_else(bad)?;
                        for _ in 0..count {
                            leb(&mut p).ok_or_else(bad)?;
                            let len = leb(&mut p).ok_or_else(bad)?;
                            let name = wasm.get(p..p + len).ok_or_else(bad)?;
                            names.push(String::from_utf8_lossy(name).into_owned());
                            p += len;
                        }
                    }
                    p = sub_end;
                }
            }
        }
        at = end;
    }
    if names.is_empty() {
        return Err(err!(
            "post-build: the main module names no functions, so what it holds cannot be checked"
        ));
    }
    Ok(names)
}

/// The names among `names` that [`MAIN_MUST_NOT_HOLD`] lists.
fn held_back_code(names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|name| MAIN_MUST_NOT_HOLD.iter().any(|bad| name.contains(bad)))
        .cloned()
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `-O<level>` and the feature flags, from `index.html`: the level is
/// `data-groundwork-wasm-opt` (Trunk's own `data-wasm-opt` is `0`, so Trunk
/// does not optimise a module this step replaces), the flags
/// `data-wasm-opt-params`.
fn wasm_opt_args(source: &Path) -> Result<Vec<String>> {
    let html = std::fs::read_to_string(source.join("index.html"))?;
    for tag in scan_tags(&html) {
        let attrs = parse_attrs(&html, &tag);
        let value = |name: &str| {
            attrs
                .iter()
                .find(|a| a.name == name)
                .map(|a| html[a.value.clone()].to_string())
        };
        if tag.name == "link"
            && value("data-trunk").is_some()
            && value("rel").as_deref() == Some("rust")
        {
            let level = value("data-groundwork-wasm-opt").unwrap_or_else(|| "z".into());
            let mut args = vec![format!("-O{level}")];
            args.extend(
                value("data-wasm-opt-params")
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(String::from),
            );
            return Ok(args);
        }
    }
    Err(err!(
        "post-build: index.html has no <link data-trunk rel=\"rust\">"
    ))
}

/// `wasm-opt` with `args` from `input` to `output` (they may be the same file).
fn wasm_opt(args: &[String], input: &Path, output: &Path) -> Command {
    let mut cmd = Command::new("wasm-opt");
    cmd.args(args).arg(input).arg("-o").arg(output);
    cmd
}

/// Sets the integrity of the preloads in the staged `index.html` for each
/// `(file, value)` and adds `head` (more tags) at the end of its `<head>`.
fn update_index(staging: &Path, integrity: &[(String, String)], head: &str) -> Result<()> {
    let index = staging.join("index.html");
    let html = set_integrity(&std::fs::read_to_string(&index)?, integrity)?;
    let html = html.replacen("</head>", &format!("{head}</head>"), 1);
    std::fs::write(&index, html)?;
    Ok(())
}

/// Runs a tool with its output captured, shown only when it fails.
fn tool(cmd: &mut Command) -> Result<()> {
    let shown = display_cmd(cmd);
    finish(&shown, cmd.output())
}

/// The result of a finished tool: its output is shown only when it failed.
fn finish(shown: &str, out: std::io::Result<std::process::Output>) -> Result<()> {
    let out = out.map_err(|e| {
        err!("post-build: could not run `{shown}`: {e} (`cargo xtask serve` and `cargo xtask test` install it)")
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(err!(
            "post-build: `{shown}` failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// A subresource-integrity value: `sha256-BASE64`.
fn sri(data: &[u8]) -> String {
    format!("sha256-{}", base64(&sha256(data)))
}

/// Sets the `integrity` of every tag whose `href` ends in `/<file>` (or is
/// `<file>`), for each `(file, value)`; each file must have one.
pub fn set_integrity(html: &str, files: &[(String, String)]) -> Result<String> {
    let mut edits = Vec::new();
    for (file, value) in files {
        let mut found = false;
        for tag in scan_tags(html) {
            let attrs = parse_attrs(html, &tag);
            let href = attrs.iter().find(|a| a.name == "href");
            let names_file = href.is_some_and(|a| {
                let h = &html[a.value.clone()];
                h == file || h.ends_with(&format!("/{file}"))
            });
            if let (true, Some(integrity)) =
                (names_file, attrs.iter().find(|a| a.name == "integrity"))
            {
                edits.push((integrity.value.clone(), value.clone()));
                found = true;
            }
        }
        if !found {
            return Err(err!(
                "post-build: index.html has no preload with integrity for {file}"
            ));
        }
    }
    Ok(apply_edits(html, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_replaced_for_the_named_files_only() {
        let html = r#"<link rel="stylesheet" href="/main.css" integrity="sha384-css"/><link rel="modulepreload" href="/app-1.js" integrity="sha384-old"><link rel="preload" href="/app-1_bg.wasm" integrity="sha384-oldwasm">"#;
        let out = set_integrity(
            html,
            &[
                ("app-1.js".into(), "sha256-js".into()),
                ("app-1_bg.wasm".into(), "sha256-wasm".into()),
            ],
        )
        .unwrap();
        assert!(out.contains(r#"href="/main.css" integrity="sha384-css""#));
        assert!(out.contains(r#"href="/app-1.js" integrity="sha256-js""#));
        assert!(out.contains(r#"href="/app-1_bg.wasm" integrity="sha256-wasm""#));
    }

    #[test]
    fn a_missing_preload_is_an_error() {
        let html = r#"<link rel="modulepreload" href="/app-1.js" integrity="sha384-old">"#;
        assert!(set_integrity(html, &[("other.js".into(), "x".into())]).is_err());
    }

    /// A module with no code and a name section naming `names`.
    fn named(names: &[&str]) -> Vec<u8> {
        let mut map = vec![names.len() as u8];
        for (i, n) in names.iter().enumerate() {
            map.push(i as u8);
            map.push(n.len() as u8);
            map.extend_from_slice(n.as_bytes());
        }
        let mut custom = vec![4];
        custom.extend_from_slice(b"name");
        custom.push(1);
        custom.push(map.len() as u8);
        custom.extend(map);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(0);
        wasm.push(custom.len() as u8);
        wasm.extend(custom);
        wasm
    }

    #[test]
    fn function_names_are_read_from_the_name_section() {
        let wasm = named(&["main::h1", "groundwork::domain::read_typed::h2"]);
        let names = function_names(&wasm).unwrap();
        assert_eq!(names, ["main::h1", "groundwork::domain::read_typed::h2"]);
        assert_eq!(
            held_back_code(&names),
            ["groundwork::domain::read_typed::h2"]
        );
        assert!(held_back_code(&function_names(&named(&["main::h1"])).unwrap()).is_empty());
        assert!(function_names(&wasm[..wasm.len() - 3]).is_err());
        assert!(
            function_names(&named(&[])).is_err(),
            "no names: nothing checked"
        );
        assert!(function_names(b"\0asm\x01\0\0\0").is_err());
    }

    #[test]
    fn the_split_mark_is_found_anywhere() {
        assert!(contains(b"abc__wasm_split_placeholder__def", SPLIT_MARK));
        assert!(!contains(b"__wasm_split_placeholder", SPLIT_MARK));
    }
}
