//! `cargo xtask post-build`: the Trunk `post_build` hook (see `Trunk.toml`).
//!
//! Trunk runs hooks with these environment variables (trunk 0.21 `src/hooks.rs`):
//! `TRUNK_PROFILE` (`release`/`debug`), `TRUNK_HTML_FILE`, `TRUNK_SOURCE_DIR`,
//! `TRUNK_STAGING_DIR`, `TRUNK_DIST_DIR` and `TRUNK_PUBLIC_URL`. At the
//! `post_build` stage the finished `index.html` and all assets are in
//! `TRUNK_STAGING_DIR` (`dist/.stage`); Trunk moves them to `dist/` afterwards.
//!
//! The hook
//! - splits the wasm by page (see `split.rs`) when the build has split points,
//! - adds a `'sha256-…'` source for every inline `<script>` to the `script-src`
//!   of the Content-Security-Policy `<meta>` tag,
//! - sets `<meta name="groundwork-base" content="…">` to the public URL,
//! - prefixes relative `href`/`src` attributes with the public URL, so deep links
//!   such as `/journal/3` still find `manifest.webmanifest` and the icons,
//! - rewrites `start_url`, `scope` and icon `src` in `manifest.webmanifest`
//!   and `manifest-neutral.webmanifest`,
//! - renders the service worker from the `static/sw.js` template
//!   (`__GW_VERSION__`, `__GW_PRECACHE__`),
//! - writes `404.html`, a copy of the final `index.html`, for static hosts.

use crate::err;
use crate::hash::{csp_sha256, hex, Sha256};
use crate::util::{fmt_duration, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The web app manifests whose URLs live under the public URL: the usual one
/// and the neutral one the page switches to when the plain name is chosen.
pub const MANIFESTS: [&str; 2] = ["manifest.webmanifest", "manifest-neutral.webmanifest"];
/// Placeholder in `static/sw.js` replaced by a short hash of all precached files.
pub const VERSION_PLACEHOLDER: &str = "__GW_VERSION__";
/// Placeholder in `static/sw.js` replaced by the JSON array of precached URLs.
pub const PRECACHE_PLACEHOLDER: &str = "__GW_PRECACHE__";

/// Entry point of `cargo xtask post-build`: reads Trunk's hook environment.
pub fn run() -> Result<()> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from).ok_or_else(|| {
        err!("post-build: TRUNK_STAGING_DIR is not set; this command is run by Trunk as a post_build hook (see Trunk.toml)")
    })?;
    let source = std::env::var_os("TRUNK_SOURCE_DIR")
        .map(PathBuf::from)
        .unwrap_or(std::env::current_dir()?);
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_string());
    process(&staging, &source, &public_url)
}

/// Applies every post-build edit to the staged files in `staging`.
pub fn process(staging: &Path, source: &Path, public_url: &str) -> Result<()> {
    let start = Instant::now();
    let base = normalize_base(public_url);
    let split = crate::split::run(staging, source)?;

    // The service-worker template is checked first so that a missing file fails fast.
    let sw_template_path = source.join("static").join("sw.js");
    let sw_template = std::fs::read_to_string(&sw_template_path).map_err(|e| {
        err!(
            "post-build: cannot read the service-worker template {}: {e}\n  \
             It must exist and contain the placeholders {VERSION_PLACEHOLDER} and {PRECACHE_PLACEHOLDER}.",
            sw_template_path.display()
        )
    })?;

    let index_path = staging.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| err!("post-build: cannot read {}: {e}", index_path.display()))?;
    let html = prefix_relative_urls(&html, &base);
    let html = match set_base_meta(&html, &base) {
        Some(h) => h,
        None => {
            eprintln!("post-build: warning: index.html has no <meta name=\"groundwork-base\">");
            html
        }
    };
    let hashes: Vec<String> = inline_scripts(&html)
        .iter()
        .map(|body| csp_sha256(body.as_bytes()))
        .collect();
    let html = add_script_hashes(&html, &hashes)?;
    std::fs::write(&index_path, &html)?;
    std::fs::write(staging.join("404.html"), &html)?;

    // The usual manifest and the neutral one (plain name and icon).
    let mut manifests = Vec::new();
    for name in MANIFESTS {
        let manifest_path = staging.join(name);
        if manifest_path.is_file() {
            let json = std::fs::read_to_string(&manifest_path)?;
            std::fs::write(&manifest_path, rewrite_manifest(&json, &base))?;
            manifests.push(name);
        } else {
            eprintln!("post-build: warning: no {name} in the build output");
        }
    }
    let manifest_note = if manifests.is_empty() {
        "no manifest".to_string()
    } else {
        manifests.join(" + ")
    };

    let files = precache_files(staging)?;
    let version = content_version(staging, &files)?;
    let sw = render_sw(&sw_template, &version, &precache_urls(&files))?;
    std::fs::write(staging.join("sw.js"), sw)?;

    let split_note = match split {
        Some(s) => format!(
            "wasm split: main {} KB + {} split-off module(s); ",
            s.main_bytes / 1024,
            s.modules
        ),
        None => String::new(),
    };
    println!(
        "post-build: {split_note}base {base}; index.html + 404.html ({} inline script hash{}), {manifest_note}, sw.js ({} precached files, version {version}) in {}",
        hashes.len(),
        if hashes.len() == 1 { "" } else { "es" },
        files.len() + 1,
        fmt_duration(start.elapsed()),
    );
    Ok(())
}

/// The public URL as a base path that always ends in `/` (empty means `/`).
pub fn normalize_base(public_url: &str) -> String {
    let trimmed = public_url.trim();
    if trimmed.is_empty() {
        "/".to_string()
    } else if trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

/// Whether an `href`/`src` value is relative to the document (and so must be
/// prefixed with the public URL): not root-relative, not a URL with a scheme
/// (`http:`, `data:`, …) and not a fragment.
pub fn is_relative_url(value: &str) -> bool {
    if value.is_empty() || value.starts_with('/') || value.starts_with('#') {
        return false;
    }
    // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':'.
    if let Some(colon) = value.find(':') {
        let scheme = &value[..colon];
        let mut chars = scheme.chars();
        if chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return false;
        }
    }
    true
}

/// Joins a relative URL onto `base` (which ends in `/`), dropping leading `./`.
pub fn join_base(base: &str, relative: &str) -> String {
    let mut rest = relative;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    if rest == "." {
        rest = "";
    }
    format!("{base}{rest}")
}

/// One HTML tag found by [`scan_tags`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Byte offset of `<`.
    pub start: usize,
    /// Byte offset just past `>`.
    pub end: usize,
    /// Lower-case tag name.
    pub name: String,
    /// `</name>` rather than `<name …>`.
    pub closing: bool,
}

/// An attribute of a tag, with the byte range of its value in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Lower-case attribute name.
    pub name: String,
    /// Byte range of the value (without quotes); empty range if there is no value.
    pub value: std::ops::Range<usize>,
    /// The quote character around the value, if any.
    pub quote: Option<char>,
}

/// Finds the tags of an HTML document, skipping comments and the raw contents
/// of `<script>` and `<style>` elements.
pub fn scan_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 {
            // `<!doctype …>`, `<?…>` or a stray `<`: skip to the next `>`.
            i = html[start + 1..]
                .find('>')
                .map_or(html.len(), |e| start + 1 + e + 1);
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(html, name_start + name_len);
        tags.push(Tag {
            start,
            end,
            name: name.clone(),
            closing,
        });
        i = end;
        if !closing && (name == "script" || name == "style") {
            // Raw text: jump to the matching end tag.
            let close = format!("</{name}");
            let lower = html[end..].to_ascii_lowercase();
            i = lower.find(&close).map_or(html.len(), |e| end + e);
        }
    }
    tags
}

/// Offset just past the `>` closing a start tag, honouring quoted attribute values.
fn tag_end(html: &str, mut i: usize) -> usize {
    let bytes = html.as_bytes();
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The attributes of a start tag.
pub fn parse_attrs(html: &str, tag: &Tag) -> Vec<Attr> {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = tag.start + 1 + tag.name.len();
    let end = tag.end.saturating_sub(1); // the '>'
    while i < end {
        while i < end && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < end && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        if i == name_start {
            break;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < end && bytes[i] == b'=' {
            i += 1;
            while i < end && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < end && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vstart = i + 1;
                let vend = html[vstart..end]
                    .find(q as char)
                    .map_or(end, |e| vstart + e);
                attrs.push(Attr {
                    name,
                    value: vstart..vend,
                    quote: Some(q as char),
                });
                i = vend + 1;
            } else {
                let vstart = i;
                while i < end && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                attrs.push(Attr {
                    name,
                    value: vstart..i,
                    quote: None,
                });
            }
        } else {
            attrs.push(Attr {
                name,
                value: i..i,
                quote: None,
            });
        }
    }
    attrs
}

/// The exact bodies of all inline `<script>` elements (those without `src`),
/// i.e. the bytes the browser hashes for CSP.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let tags = scan_tags(html);
    let mut bodies = Vec::new();
    for (n, tag) in tags.iter().enumerate() {
        if tag.closing || tag.name != "script" {
            continue;
        }
        if parse_attrs(html, tag).iter().any(|a| a.name == "src") {
            continue;
        }
        let body_end = tags[n + 1..]
            .iter()
            .find(|t| t.closing && t.name == "script")
            .map_or(html.len(), |t| t.start);
        bodies.push(&html[tag.end..body_end]);
    }
    bodies
}

pub fn apply_edits(html: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = html.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    out
}

fn escape_attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Prefixes every relative `href`/`src` attribute value with `base`.
/// Values inside `<script>`/`<style>` bodies and comments are not touched.
pub fn prefix_relative_urls(html: &str, base: &str) -> String {
    let mut edits = Vec::new();
    for tag in scan_tags(html).iter().filter(|t| !t.closing) {
        for attr in parse_attrs(html, tag) {
            if (attr.name == "href" || attr.name == "src")
                && is_relative_url(&html[attr.value.clone()])
            {
                let new = join_base(base, &html[attr.value.clone()]);
                let new = match attr.quote {
                    Some(_) => escape_attr(&new),
                    None => format!("\"{}\"", escape_attr(&new)),
                };
                edits.push((attr.value, new));
            }
        }
    }
    apply_edits(html, edits)
}

/// Finds a `<meta>` tag whose attribute `key` equals `key_value`
/// (case-insensitive) and returns its `content` attribute.
fn find_meta_content(html: &str, key: &str, key_value: &str) -> Option<Attr> {
    scan_tags(html)
        .into_iter()
        .filter(|t| !t.closing && t.name == "meta")
        .find_map(|tag| {
            let attrs = parse_attrs(html, &tag);
            let matches = attrs
                .iter()
                .any(|a| a.name == key && html[a.value.clone()].eq_ignore_ascii_case(key_value));
            if matches {
                attrs.into_iter().find(|a| a.name == "content")
            } else {
                None
            }
        })
}

/// Sets the `content` of `<meta name="groundwork-base">` to `base`.
/// `None` if the document has no such tag.
pub fn set_base_meta(html: &str, base: &str) -> Option<String> {
    let attr = find_meta_content(html, "name", "groundwork-base")?;
    let value = match attr.quote {
        Some(_) => escape_attr(base),
        None => format!("\"{}\"", escape_attr(base)),
    };
    Some(apply_edits(html, vec![(attr.value, value)]))
}

/// Adds `hashes` (CSP hash sources such as `'sha256-…'`) to the `script-src`
/// directive of a policy, keeping everything else. Adds a
/// `script-src 'self' …` directive if the policy has none.
pub fn add_hashes_to_policy(policy: &str, hashes: &[String]) -> String {
    let mut directives: Vec<String> = policy
        .split(';')
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    let position = directives.iter().position(|d| {
        d.split_ascii_whitespace()
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case("script-src"))
    });
    let index = position.unwrap_or_else(|| {
        directives.push("script-src 'self'".to_string());
        directives.len() - 1
    });
    let directive = &mut directives[index];
    for hash in hashes {
        if !directive.split_ascii_whitespace().any(|s| s == hash) {
            directive.push(' ');
            directive.push_str(hash);
        }
    }
    directives.join("; ")
}

/// Adds the script hashes to the `<meta http-equiv="Content-Security-Policy">` tag.
pub fn add_script_hashes(html: &str, hashes: &[String]) -> Result<String> {
    let attr = find_meta_content(html, "http-equiv", "content-security-policy")
        .ok_or_else(|| err!("post-build: index.html has no <meta http-equiv=\"Content-Security-Policy\" content=\"…\">"))?;
    if attr.quote != Some('"') {
        return Err(err!(
            "post-build: the Content-Security-Policy meta tag's content must be in double quotes"
        ));
    }
    let policy = add_hashes_to_policy(&html[attr.value.clone()], hashes);
    Ok(apply_edits(html, vec![(attr.value, policy)]))
}

/// Rewrites the relative `start_url`, `scope`, `src` (icons, screenshots) and
/// `url` (shortcuts) values of a web app manifest to live under `base`.
/// String-level edit: formatting and all other members are kept as they are.
pub fn rewrite_manifest(json: &str, base: &str) -> String {
    const KEYS: [&str; 4] = ["start_url", "scope", "src", "url"];
    let bytes = json.as_bytes();
    let mut edits = Vec::new();
    let mut key: Option<&str> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            let content_start = i + 1;
            let mut j = content_start;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let content = &json[content_start..j.min(bytes.len())];
            let mut k = j + 1;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            if bytes.get(k) == Some(&b':') {
                key = Some(content);
                i = k + 1;
                continue;
            }
            if key.is_some_and(|k| KEYS.contains(&k)) && is_relative_url(content) {
                let prefix = base.replace('\\', "\\\\").replace('"', "\\\"");
                edits.push((content_start..j, join_base(&prefix, content)));
            }
            key = None;
            i = j + 1;
            continue;
        }
        if !b.is_ascii_whitespace() {
            key = None;
        }
        i += 1;
    }
    apply_edits(json, edits)
}

/// Every file of the staging directory that the service worker precaches, as
/// sorted `/`-separated paths relative to it: all files except `sw.js`,
/// `404.html` and hidden files.
pub fn precache_files(staging: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            if entry.file_type()?.is_dir() {
                walk(&entry.path(), &format!("{rel}/"), out)?;
            } else if rel != "sw.js" && rel != "404.html" {
                out.push(rel);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(staging, "", &mut files)?;
    files.sort();
    Ok(files)
}

/// The precache URLs, relative to the service worker: `./` first, then each file.
pub fn precache_urls(files: &[String]) -> Vec<String> {
    std::iter::once("./".to_string())
        .chain(files.iter().map(|f| format!("./{f}")))
        .collect()
}

/// A short (16 hex digit) hash of the names and contents of `files`.
pub fn content_version(staging: &Path, files: &[String]) -> Result<String> {
    let mut h = Sha256::new();
    for f in files {
        let data = std::fs::read(staging.join(f))?;
        h.update(f.as_bytes());
        h.update(&[0]);
        h.update(&(data.len() as u64).to_be_bytes());
        h.update(&data);
    }
    Ok(hex(&h.finish())[..16].to_string())
}

/// JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fills the service-worker template's placeholders.
pub fn render_sw(template: &str, version: &str, urls: &[String]) -> Result<String> {
    for placeholder in [VERSION_PLACEHOLDER, PRECACHE_PLACEHOLDER] {
        if !template.contains(placeholder) {
            return Err(err!(
                "post-build: static/sw.js does not contain the placeholder {placeholder}"
            ));
        }
    }
    let list = format!(
        "[{}]",
        urls.iter()
            .map(|u| json_string(u))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(template
        .replace(VERSION_PLACEHOLDER, version)
        .replace(PRECACHE_PLACEHOLDER, &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_HTML: &str = r##"<!DOCTYPE html><html lang="en"><head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
  <meta name="groundwork-base" content="/">
  <!-- <link href="commented.css"> -->
  <link rel="stylesheet" href="/main-abc.css" integrity="sha384-x" crossorigin="anonymous">
  <link rel="manifest" href="manifest.webmanifest">
  <link rel="icon" href="./icons/icon-192.png" type="image/png">
  <link rel="preconnect" href="https://example.com">
  <a href="#main">skip</a><img src=data:image/png;base64,AA alt="">
<link rel="modulepreload" href="/groundwork-1.js" crossorigin="anonymous" integrity="sha384-y"></head>
<body><noscript>needs JS</noscript>
<script type="module">
import init, * as bindings from '/groundwork-1.js';
const x = "<a href='rel.html'>";
const wasm = await init({ module_or_path: '/groundwork-1_bg.wasm' });
</script><script src="ext.js"></script></body></html>"##;

    #[test]
    fn base_is_normalized() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("/groundwork"), "/groundwork/");
        assert_eq!(normalize_base("/groundwork/"), "/groundwork/");
        assert_eq!(normalize_base("https://x.org/app"), "https://x.org/app/");
    }

    #[test]
    fn relative_url_detection() {
        for rel in [
            "manifest.webmanifest",
            "icons/icon-192.png",
            "./x",
            "../x",
            "icons/a:b.png",
        ] {
            assert!(is_relative_url(rel), "{rel}");
        }
        for abs in [
            "/x",
            "https://a",
            "http://a",
            "data:image/png",
            "#top",
            "",
            "mailto:a@b",
            "blob:x",
        ] {
            assert!(!is_relative_url(abs), "{abs}");
        }
        assert_eq!(join_base("/g/", "./icons/a.png"), "/g/icons/a.png");
        assert_eq!(join_base("/g/", "./"), "/g/");
        assert_eq!(join_base("/g/", "."), "/g/");
        assert_eq!(
            join_base("/", "manifest.webmanifest"),
            "/manifest.webmanifest"
        );
    }

    #[test]
    fn inline_script_extraction_is_exact() {
        let bodies = inline_scripts(TRUNK_HTML);
        assert_eq!(bodies.len(), 1);
        assert!(bodies[0].starts_with("\nimport init"));
        assert!(bodies[0].ends_with("'/groundwork-1_bg.wasm' });\n"));
        assert_eq!(
            inline_scripts("<SCRIPT>a</SCRIPT ><script></script>"),
            vec!["a", ""]
        );
        assert_eq!(
            inline_scripts("<script type=module>let s = '<script>';</script>"),
            vec!["let s = '<script>';"]
        );
    }

    #[test]
    fn csp_policy_gets_hashes_once() {
        let hashes = vec!["'sha256-AAA='".to_string(), "'sha256-BBB='".to_string()];
        let p = add_hashes_to_policy(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'",
            &hashes,
        );
        assert_eq!(
            p,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AAA=' 'sha256-BBB='; object-src 'none'"
        );
        assert_eq!(add_hashes_to_policy(&p, &hashes), p, "idempotent");
        assert_eq!(
            add_hashes_to_policy("default-src 'self'", &hashes[..1]),
            "default-src 'self'; script-src 'self' 'sha256-AAA='"
        );
    }

    #[test]
    fn full_index_rewrite() {
        let base = "/groundwork/";
        let html = prefix_relative_urls(TRUNK_HTML, base);
        let html = set_base_meta(&html, base).unwrap();
        let hashes: Vec<String> = inline_scripts(&html)
            .iter()
            .map(|b| csp_sha256(b.as_bytes()))
            .collect();
        let html = add_script_hashes(&html, &hashes).unwrap();

        assert!(html.contains(r#"href="/groundwork/manifest.webmanifest""#));
        assert!(html.contains(r#"href="/groundwork/icons/icon-192.png""#));
        assert!(html.contains(r#"<script src="/groundwork/ext.js">"#));
        assert!(
            html.contains(r#"href="/main-abc.css""#),
            "absolute left alone"
        );
        assert!(html.contains(r#"href="https://example.com""#));
        assert!(html.contains(r##"href="#main""##));
        assert!(html.contains("src=data:image/png;base64,AA"));
        assert!(html.contains(r#"<!-- <link href="commented.css"> -->"#));
        assert!(
            html.contains("<a href='rel.html'>"),
            "script body untouched"
        );
        assert!(html.contains(r#"<meta name="groundwork-base" content="/groundwork/">"#));
        let expected = format!(
            "script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'\">",
            hashes[0]
        );
        assert!(html.contains(&expected), "{html}");
        // The hash is of the body as it is in the final document.
        assert_eq!(inline_scripts(&html), inline_scripts(TRUNK_HTML));
    }

    #[test]
    fn unquoted_relative_attribute_gets_quoted() {
        assert_eq!(
            prefix_relative_urls("<img src=a.png alt=x>", "/g/"),
            "<img src=\"/g/a.png\" alt=x>"
        );
    }

    #[test]
    fn missing_csp_is_an_error() {
        assert!(add_script_hashes("<html></html>", &[]).is_err());
        assert!(set_base_meta("<html></html>", "/").is_none());
    }

    #[test]
    fn manifest_rewrite() {
        let json = r#"{
  "name": "Groundwork",
  "id": "./",
  "start_url": "./",
  "scope" : "./",
  "description": "src: ./ is not a key",
  "icons": [
    { "src": "./icons/icon-192.png", "sizes": "192x192", "type": "image/png" },
    {"src":"icons/icon-512.png","sizes":"512x512"},
    { "src": "https://cdn.example/x.png" }
  ],
  "shortcuts": [{ "name": "New", "url": "./journal/new" }]
}"#;
        let out = rewrite_manifest(json, "/groundwork/");
        assert!(out.contains(r#""start_url": "/groundwork/""#));
        assert!(out.contains(r#""scope" : "/groundwork/""#));
        assert!(out.contains(r#""id": "./""#));
        assert!(out.contains(r#""description": "src: ./ is not a key""#));
        assert!(out.contains(r#""src": "/groundwork/icons/icon-192.png""#));
        assert!(out.contains(r#""src":"/groundwork/icons/icon-512.png""#));
        assert!(out.contains(r#""src": "https://cdn.example/x.png""#));
        assert!(out.contains(r#""url": "/groundwork/journal/new""#));
        assert_eq!(rewrite_manifest(&out, "/groundwork/"), out, "idempotent");
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn precache_list_and_sw() {
        let dir = temp_dir("precache");
        for f in [
            "index.html",
            "404.html",
            "sw.js",
            "b.js",
            "icons/icon-192.png",
            ".hidden",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        let files = precache_files(&dir).unwrap();
        assert_eq!(files, ["b.js", "icons/icon-192.png", "index.html"]);
        let urls = precache_urls(&files);
        assert_eq!(
            urls,
            ["./", "./b.js", "./icons/icon-192.png", "./index.html"]
        );
        let v1 = content_version(&dir, &files).unwrap();
        assert_eq!(v1.len(), 16);
        std::fs::write(dir.join("b.js"), "changed").unwrap();
        assert_ne!(content_version(&dir, &files).unwrap(), v1);

        let sw = render_sw(
            "const V = '__GW_VERSION__';\nconst P = __GW_PRECACHE__;",
            "0123",
            &urls,
        )
        .unwrap();
        assert_eq!(
            sw,
            "const V = '0123';\nconst P = [\"./\", \"./b.js\", \"./icons/icon-192.png\", \"./index.html\"];"
        );
        assert!(render_sw("no placeholders", "0", &urls).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn process_fake_staging_dir() {
        let src = temp_dir("src");
        let stage = temp_dir("stage");
        std::fs::create_dir_all(src.join("static")).unwrap();
        assert!(
            process(&stage, &src, "/").is_err(),
            "missing template fails"
        );
        std::fs::write(
            src.join("static/sw.js"),
            "const VERSION = \"__GW_VERSION__\";\nconst PRECACHE = __GW_PRECACHE__;\n",
        )
        .unwrap();
        std::fs::write(stage.join("index.html"), TRUNK_HTML).unwrap();
        std::fs::write(
            stage.join("manifest.webmanifest"),
            r#"{"start_url": "./", "scope": "./", "icons": [{"src": "./icons/i.png"}]}"#,
        )
        .unwrap();
        std::fs::write(
            stage.join("manifest-neutral.webmanifest"),
            r#"{"name": "Notes", "start_url": "./", "scope": "./", "icons": [{"src": "./icons/notes-192.png"}]}"#,
        )
        .unwrap();
        process(&stage, &src, "/groundwork").unwrap();
        let neutral = std::fs::read_to_string(stage.join("manifest-neutral.webmanifest")).unwrap();
        assert!(
            neutral.contains(r#""start_url": "/groundwork/""#),
            "{neutral}"
        );
        assert!(
            neutral.contains(r#""src": "/groundwork/icons/notes-192.png""#),
            "{neutral}"
        );
        let index = std::fs::read_to_string(stage.join("index.html")).unwrap();
        assert_eq!(
            index,
            std::fs::read_to_string(stage.join("404.html")).unwrap()
        );
        assert!(index.contains("'sha256-"));
        let manifest = std::fs::read_to_string(stage.join("manifest.webmanifest")).unwrap();
        assert!(manifest.contains(r#""start_url": "/groundwork/""#));
        let sw = std::fs::read_to_string(stage.join("sw.js")).unwrap();
        assert!(
            sw.contains(
                r#"const PRECACHE = ["./", "./index.html", "./manifest-neutral.webmanifest", "./manifest.webmanifest"];"#
            ),
            "{sw}"
        );
        assert!(!sw.contains("__GW_"));
        std::fs::remove_dir_all(src).unwrap();
        std::fs::remove_dir_all(stage).unwrap();
    }
}
