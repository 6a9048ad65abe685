//! `cargo xtask test`: every test layer in order, with a summary at the end.
//!
//! Layers: lint → native → browser → build → e2e. A failing layer does not stop
//! the later ones (so one run shows every failure), except that e2e is skipped
//! when the release build failed.

use crate::err;
use crate::server;
use crate::tools::{self, Needs, Toolchain, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::util::{capture, display_cmd, fmt_duration, repo_root, run, run_status, step, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A test layer, selectable with `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// rustfmt and clippy (native and wasm32).
    Lint,
    /// `cargo test --workspace` on the host.
    Native,
    /// wasm-bindgen tests in headless Chromium.
    Browser,
    /// Release builds with Trunk into `dist/` and `dist-sub/`.
    Build,
    /// Playwright end-to-end tests against both builds.
    E2e,
}

impl Layer {
    /// All layers in the order they run.
    pub const ALL: [Layer; 5] = [
        Layer::Lint,
        Layer::Native,
        Layer::Browser,
        Layer::Build,
        Layer::E2e,
    ];

    /// Parses an `--only` value.
    pub fn parse(s: &str) -> Option<Layer> {
        Some(match s {
            "lint" => Layer::Lint,
            "native" => Layer::Native,
            "browser" => Layer::Browser,
            "build" => Layer::Build,
            "e2e" => Layer::E2e,
            _ => return None,
        })
    }

    /// Short name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Lint => "lint",
            Layer::Native => "native",
            Layer::Browser => "browser",
            Layer::Build => "build",
            Layer::E2e => "e2e",
        }
    }

    fn needs(self) -> Needs {
        match self {
            Layer::Lint => Needs {
                wasm_target: true,
                ..Needs::default()
            },
            Layer::Native => Needs::default(),
            Layer::Browser => Needs {
                wasm_target: true,
                wasm_bindgen: true,
                browser: true,
                ..Needs::default()
            },
            Layer::Build => Needs {
                wasm_target: true,
                trunk: true,
                ..Needs::default()
            },
            Layer::E2e => Needs {
                browser: true,
                node_modules: true,
                ..Needs::default()
            },
        }
    }
}

/// The layers to run for `--only layer` (e2e needs the release build first).
pub fn plan(only: Option<Layer>) -> Vec<Layer> {
    match only {
        None => Layer::ALL.to_vec(),
        Some(Layer::E2e) => vec![Layer::Build, Layer::E2e],
        Some(layer) => vec![layer],
    }
}

#[derive(Debug)]
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// Runs the selected layers; fails if any layer failed.
pub fn run_layers(only: Option<Layer>) -> Result<()> {
    let layers = plan(only);
    let mut needs = Needs::default();
    for layer in &layers {
        let n = layer.needs();
        needs.wasm_target |= n.wasm_target;
        needs.trunk |= n.trunk;
        needs.wasm_bindgen |= n.wasm_bindgen;
        needs.browser |= n.browser;
        needs.node_modules |= n.node_modules;
    }
    let toolchain = tools::bootstrap(needs)?;
    let total = Instant::now();
    let mut results: Vec<(Layer, Outcome, Duration)> = Vec::new();
    for layer in layers {
        let build_failed = results
            .iter()
            .any(|(l, o, _)| *l == Layer::Build && !matches!(o, Outcome::Passed));
        let start = Instant::now();
        step(format!("[{}] starting", layer.name()));
        let outcome = if layer == Layer::E2e && build_failed {
            Outcome::Skipped("the release build failed".into())
        } else {
            match run_layer(layer, &toolchain) {
                Ok(()) => Outcome::Passed,
                Err(e) => Outcome::Failed(e.0),
            }
        };
        let took = start.elapsed();
        match &outcome {
            Outcome::Passed => step(format!(
                "[{}] PASSED in {}",
                layer.name(),
                fmt_duration(took)
            )),
            Outcome::Failed(why) => step(format!(
                "[{}] FAILED in {}: {why}",
                layer.name(),
                fmt_duration(took)
            )),
            Outcome::Skipped(why) => step(format!("[{}] SKIPPED: {why}", layer.name())),
        }
        results.push((layer, outcome, took));
    }
    println!();
    step(format!("summary ({})", fmt_duration(total.elapsed())));
    for (layer, outcome, took) in &results {
        let status = match outcome {
            Outcome::Passed => "passed".to_string(),
            Outcome::Failed(_) => "FAILED".to_string(),
            Outcome::Skipped(why) => format!("skipped ({why})"),
        };
        println!(
            "    {:<8} {status:<10} {}",
            layer.name(),
            fmt_duration(*took)
        );
    }
    let failed: Vec<&str> = results
        .iter()
        .filter(|(_, o, _)| !matches!(o, Outcome::Passed))
        .map(|(l, _, _)| l.name())
        .collect();
    if failed.is_empty() {
        step("all test layers passed");
        Ok(())
    } else {
        Err(err!("test layers not passing: {}", failed.join(", ")))
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args).current_dir(repo_root());
    cmd
}

/// Runs every command, even after a failure; fails if any failed.
fn run_all(cmds: Vec<Command>) -> Result<()> {
    let mut failed = Vec::new();
    for mut cmd in cmds {
        step(format!("$ {}", display_cmd(&cmd)));
        if let Err(e) = run(&mut cmd, None) {
            failed.push(e.0);
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(err!("{}", failed.join("; ")))
    }
}

fn run_layer(layer: Layer, toolchain: &Toolchain) -> Result<()> {
    match layer {
        Layer::Lint => {
            // Both ways the app is built: as shipped (split into pages) and
            // as the browser tests build it.
            let wasm_clippy = |features: &[&str]| {
                let mut args = vec!["clippy", "--target", WASM_TARGET, "--lib"];
                args.extend_from_slice(features);
                args.extend_from_slice(&["--", "-D", "warnings"]);
                let mut cmd = cargo(&args);
                toolchain.wasm_env(&mut cmd);
                cmd
            };
            let small = committed_files_are_small();
            let lints = run_all(vec![
                cargo(&["fmt", "--all", "--", "--check"]),
                cargo(&[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]),
                wasm_clippy(&[]),
                wasm_clippy(&["--features", "split"]),
            ]);
            small.and(lints)
        }
        Layer::Native => run_all(vec![cargo(&["test", "--workspace"])]),
        Layer::Browser => browser_tests(toolchain),
        Layer::Build => release_builds(toolchain),
        Layer::E2e => e2e(),
    }
}

/// The largest file the repository may hold: anything bigger is a download
/// or a build output that slipped in.
const MAX_COMMITTED_BYTES: u64 = 500 * 1024;

/// Fails when git tracks a file over [`MAX_COMMITTED_BYTES`], naming each.
fn committed_files_are_small() -> Result<()> {
    let root = repo_root();
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
        .map_err(|e| err!("could not ask git for the tracked files: {e}"))?;
    if !listed.status.success() {
        return Err(err!("`git ls-files` failed ({})", listed.status));
    }
    let names = String::from_utf8_lossy(&listed.stdout).into_owned();
    let big = too_big(names.split('\0').filter(|n| !n.is_empty()).map(|name| {
        let size = std::fs::metadata(root.join(name)).map_or(0, |m| m.len());
        (name, size)
    }));
    if big.is_empty() {
        step(format!(
            "committed files: none over {} KB",
            MAX_COMMITTED_BYTES / 1024
        ));
        Ok(())
    } else {
        Err(err!(
            "files over {} KB are committed (a download or build output?): {}",
            MAX_COMMITTED_BYTES / 1024,
            big.join(", ")
        ))
    }
}

/// The files of `(name, bytes)` over [`MAX_COMMITTED_BYTES`], with their size.
fn too_big<'a>(files: impl Iterator<Item = (&'a str, u64)>) -> Vec<String> {
    files
        .filter(|(_, size)| *size > MAX_COMMITTED_BYTES)
        .map(|(name, size)| format!("{name} ({} KB)", size / 1024))
        .collect()
}

/// Chromium options for wasm-bindgen-test-runner. It reads WebDriver
/// capabilities from the file named by `WASM_BINDGEN_TEST_WEBDRIVER_JSON`
/// (default: `webdriver.json` in the current directory), so xtask writes it to
/// `target/tools/webdriver.json` instead of the repository root.
pub fn webdriver_json() -> String {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
    let args: Vec<String> = args.iter().map(|a| format!("\"{a}\"")).collect();
    format!(
        "{{\n  \"goog:chromeOptions\": {{\n    \"binary\": \"{CHROMIUM}\",\n    \"args\": [{}]\n  }}\n}}\n",
        args.join(", ")
    )
}

fn browser_tests(toolchain: &Toolchain) -> Result<()> {
    let webdriver = tools::tools_dir().join("webdriver.json");
    std::fs::create_dir_all(tools::tools_dir())?;
    std::fs::write(&webdriver, webdriver_json())?;
    let mut cmd = cargo(&[
        "test",
        "--target",
        WASM_TARGET,
        "--test",
        "web",
        "--test",
        "web_vault",
    ]);
    cmd.env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver);
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        cmd.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    }
    toolchain.wasm_env(&mut cmd);
    run_all(vec![cmd])
}

/// `trunk build --release --public-url URL --dist DIR`, with the wasm toolchain env.
pub fn trunk_build(toolchain: &Toolchain, public_url: &str, dist: &str) -> Result<()> {
    let mut cmd = Command::new("trunk");
    cmd.args([
        "build",
        "--release",
        "--public-url",
        public_url,
        "--dist",
        dist,
    ])
    .current_dir(repo_root());
    toolchain.wasm_env(&mut cmd);
    step(format!("$ {}", display_cmd(&cmd)));
    let start = Instant::now();
    run(&mut cmd, None)?;
    step(format!(
        "built {dist}/ for {public_url} in {}",
        fmt_duration(start.elapsed())
    ));
    Ok(())
}

fn release_builds(toolchain: &Toolchain) -> Result<()> {
    trunk_build(toolchain, "/", "dist")?;
    trunk_build(toolchain, "/groundwork/", "dist-sub")
}

/// The end-to-end test files (`tests/e2e/*.test.mjs`), sorted.
pub fn e2e_test_files(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .map(|n| format!("tests/e2e/{n}"))
        .collect();
    files.sort();
    Ok(files)
}

/// Keeps the files whose name contains one of the comma-separated words in
/// `only` (from `GW_E2E_ONLY`, for running a few journeys while working).
pub fn select_e2e_files(files: Vec<String>, only: &str) -> Vec<String> {
    let words: Vec<&str> = only
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return files;
    }
    files
        .into_iter()
        .filter(|f| words.iter().any(|w| f.contains(w)))
        .collect()
}

fn e2e() -> Result<()> {
    let root = repo_root();
    let mut files = e2e_test_files(&root.join("tests/e2e"))?;
    if let Ok(only) = std::env::var("GW_E2E_ONLY") {
        files = select_e2e_files(files, &only);
    }
    if files.is_empty() {
        return Err(err!("no end-to-end tests found (tests/e2e/*.test.mjs)"));
    }
    for dist in ["dist", "dist-sub"] {
        if !root.join(dist).join("index.html").is_file() {
            return Err(err!(
                "{dist}/index.html is missing; run `cargo xtask test --only e2e` (it builds first)"
            ));
        }
    }
    let log = std::env::var_os("GW_SERVER_LOG").is_some();
    let main = server::start(
        server::Config {
            root: root.join("dist"),
            mount: "/".into(),
            log,
        },
        0,
    )?;
    let sub = server::start(
        server::Config {
            root: root.join("dist-sub"),
            mount: "/groundwork/".into(),
            log,
        },
        0,
    )?;
    let artifacts = root.join("tests/e2e/artifacts");
    std::fs::create_dir_all(&artifacts)?;
    step(format!(
        "serving dist/ at {} and dist-sub/ at {}",
        main.url, sub.url
    ));
    // A failure can then be tied to the browser that showed it.
    step(format!("browser: {}", browser_version()));
    let instants = instants(&std::fs::read_to_string(root.join(DATES))?)?;
    let node = |files: &[String], instant: &Moment| {
        let mut cmd = Command::new("node");
        cmd.args(["--test", "--test-concurrency=1"])
            .args(files)
            .current_dir(&root)
            .env("GW_BASE_URL", &main.url)
            .env("GW_SUB_BASE_URL", &sub.url)
            .env("GW_ARTIFACTS", &artifacts)
            .env("GW_DIST", root.join("dist"))
            .env("GW_E2E_NOW", &instant.at)
            .env("GW_E2E_TZ", &instant.zone)
            .env("TZ", &instant.zone)
            .env("CHROMIUM", CHROMIUM);
        cmd
    };
    let mut failed = Vec::new();
    // Every journey at the everyday instant, then the date sweep: the
    // journeys marked `date-sweep` at every other instant of tests/dates.txt.
    let sweep = date_sweep_files(&root, &files)?;
    for (n, instant) in instants.iter().enumerate() {
        let (files, limit) = if n == 0 {
            (&files, Duration::from_secs(30 * 60))
        } else {
            (&sweep, Duration::from_secs(10 * 60))
        };
        if files.is_empty() {
            continue;
        }
        step(format!(
            "journeys at {} in {} ({}): {} file(s)",
            instant.at,
            instant.zone,
            instant.why,
            files.len()
        ));
        let mut cmd = node(files, instant);
        step(format!("$ {}", display_cmd(&cmd)));
        let status = run_status(&mut cmd, Some(limit))?;
        if !status.success() {
            failed.push(format!("at {} in {} ({status})", instant.at, instant.zone));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(err!(
            "node --test failed {}; screenshots and logs in tests/e2e/artifacts",
            failed.join(", ")
        ))
    }
}

/// The list of instants the tests run at, beside the tests.
const DATES: &str = "tests/dates.txt";

/// The mark of a journey whose checks depend on the date (run in the sweep).
const SWEEP_MARK: &str = "date-sweep:";

/// One line of tests/dates.txt: an instant, its time zone and why it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    /// RFC 3339 with the local offset, e.g. `2026-12-01T00:05:00+05:30`.
    pub at: String,
    /// An IANA zone name, e.g. `Asia/Kolkata`.
    pub zone: String,
    /// Why the instant is there.
    pub why: String,
}

/// Reads tests/dates.txt: `#` comments and blank lines skipped, at least one
/// instant, each line `instant zone why...`.
pub fn instants(text: &str) -> Result<Vec<Moment>> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(at), Some(zone)) = (words.next(), words.next()) else {
            return Err(err!("{DATES}: a line needs an instant and a zone: {line}"));
        };
        let looks_right = at.len() == 25
            && at.as_bytes()[10] == b'T'
            && matches!(at.as_bytes()[19], b'+' | b'-')
            && zone.contains('/');
        if !looks_right {
            return Err(err!(
                "{DATES}: not `YYYY-MM-DDTHH:MM:SS+HH:MM Area/City`: {line}"
            ));
        }
        out.push(Moment {
            at: at.into(),
            zone: zone.into(),
            why: words.collect::<Vec<_>>().join(" "),
        });
    }
    if out.is_empty() {
        return Err(err!("{DATES} lists no instant"));
    }
    Ok(out)
}

/// The journeys among `files` that carry the date-sweep mark.
fn date_sweep_files(root: &Path, files: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        if std::fs::read_to_string(root.join(f))?.contains(SWEEP_MARK) {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// What `chromium --version` says, or why it could not be asked.
fn browser_version() -> String {
    capture(CHROMIUM, &["--version"])
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| format!("{CHROMIUM} did not say its version"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e2e_files_can_be_narrowed() {
        let files = vec![
            "tests/e2e/data.test.mjs".to_string(),
            "tests/e2e/journal.test.mjs".to_string(),
            "tests/e2e/pages.test.mjs".to_string(),
        ];
        assert_eq!(
            select_e2e_files(files.clone(), "journal, pages"),
            vec![files[1].clone(), files[2].clone()]
        );
        assert_eq!(select_e2e_files(files.clone(), " , "), files);
        assert!(select_e2e_files(files, "nothing").is_empty());
    }

    #[test]
    fn plans() {
        assert_eq!(plan(None), Layer::ALL.to_vec());
        assert_eq!(plan(Some(Layer::E2e)), vec![Layer::Build, Layer::E2e]);
        assert_eq!(plan(Some(Layer::Lint)), vec![Layer::Lint]);
        for layer in Layer::ALL {
            assert_eq!(Layer::parse(layer.name()), Some(layer));
        }
        assert_eq!(Layer::parse("unit"), None);
    }

    #[test]
    fn big_files_are_named() {
        let files = [("a.rs", 10), ("big.whl", 1_426_895), ("edge", 500 * 1024)];
        assert_eq!(too_big(files.into_iter()), vec!["big.whl (1393 KB)"]);
    }

    #[test]
    fn the_dates_file_reads() {
        let text = std::fs::read_to_string(repo_root().join(DATES)).unwrap();
        let all = instants(&text).unwrap();
        assert!(all.len() >= 5, "the everyday instant and four in the sweep");
        assert_eq!(all[0].zone, "Asia/Kolkata");
        assert!(all.iter().any(|i| i.zone == "Europe/Berlin"));
        assert!(all.iter().any(|i| i.at.starts_with("2028-02-29")));
        let one = instants("# note\n\n2026-12-01T00:05:00+05:30 Asia/Kolkata the first\n").unwrap();
        assert_eq!(
            one,
            vec![Moment {
                at: "2026-12-01T00:05:00+05:30".into(),
                zone: "Asia/Kolkata".into(),
                why: "the first".into()
            }]
        );
        assert!(instants("# nothing\n").is_err());
        assert!(instants("2026-12-01 Asia/Kolkata\n").is_err());
        assert!(instants("2026-12-01T00:05:00+05:30\n").is_err());
    }

    #[test]
    fn webdriver_json_has_binary_and_args() {
        let json = webdriver_json();
        assert!(json.contains("\"binary\": \"/usr/bin/chromium\""));
        assert!(json.contains("\"--no-sandbox\", \"--disable-gpu\""));
    }
}
