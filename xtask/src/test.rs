//! `cargo xtask test`: every test layer in order, with a summary at the end.
//!
//! Layers: lint → native → browser → build → e2e. A failing layer does not stop
//! the later ones (so one run shows every failure), except that e2e is skipped
//! when the release build failed.

use crate::err;
use crate::server;
use crate::tools::{self, Needs, Toolchain, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::util::{display_cmd, fmt_duration, repo_root, run, run_status, step, Result};
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
            run_all(vec![
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
            ])
        }
        Layer::Native => run_all(vec![cargo(&["test", "--workspace"])]),
        Layer::Browser => browser_tests(toolchain),
        Layer::Build => release_builds(toolchain),
        Layer::E2e => e2e(),
    }
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
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-concurrency=1"])
        .args(&files)
        .current_dir(&root)
        .env("GW_BASE_URL", &main.url)
        .env("GW_SUB_BASE_URL", &sub.url)
        .env("GW_ARTIFACTS", &artifacts)
        .env("GW_DIST", root.join("dist"))
        .env("CHROMIUM", CHROMIUM);
    step(format!("$ {}", display_cmd(&cmd)));
    let status = run_status(&mut cmd, Some(Duration::from_secs(30 * 60)))?;
    if status.success() {
        Ok(())
    } else {
        Err(err!(
            "node --test failed ({status}); screenshots and logs in tests/e2e/artifacts"
        ))
    }
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
    fn webdriver_json_has_binary_and_args() {
        let json = webdriver_json();
        assert!(json.contains("\"binary\": \"/usr/bin/chromium\""));
        assert!(json.contains("\"--no-sandbox\", \"--disable-gpu\""));
    }
}
