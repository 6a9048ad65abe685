//! Bootstrap: makes sure every build and test tool is present, installing only
//! what is missing. A second run finds everything and takes a few seconds.
//!
//! | tool | check | install |
//! |------|-------|---------|
//! | wasm32 target | `rustup target list --installed` | `rustup target add wasm32-unknown-unknown`, else Debian `rustc-web` + build-std |
//! | trunk | `trunk --version` | `cargo install trunk --version 0.21.14 --locked` |
//! | wasm-bindgen-cli | `wasm-bindgen --version` = Cargo.lock | `cargo install wasm-bindgen-cli --version X` |
//! | wasm-split-cli | `~/.cargo/.crates2.json` names wasm_split_cli_support 0.2.4 | `cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked` |
//! | wasm-opt | `target/tools/node_modules/.bin/wasm-opt --version` | `npm install --prefix target/tools binaryen@N` |
//! | crates | stamp of Cargo.lock | `cargo fetch` |
//! | chromium, chromedriver | `/usr/bin/chromium`, `/usr/bin/chromedriver` | `apt-get install -y chromium chromium-driver` |
//! | e2e node modules | `tests/e2e/node_modules` newer than lock | `npm ci --prefix tests/e2e` |

use crate::err;
use crate::hash::{hex, sha256};
use crate::util::{
    capture, fmt_duration, is_root, mtime, prepend_path, repo_root, run, step, which, Result,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The Trunk version the project is built with.
pub const TRUNK_VERSION: &str = "0.21.14";
/// `wasm-split-cli`, which splits the wasm by page after Trunk (xtask/src/split.rs).
pub const WASM_SPLIT_VERSION: &str = "0.2.4";
/// The Rust target of the app.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Chromium used by the browser and end-to-end tests.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// ChromeDriver used by `wasm-bindgen-test-runner`.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const MINUTE: Duration = Duration::from_secs(60);

/// Which tools a command needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs {
    /// The wasm32-unknown-unknown standard library.
    pub wasm_target: bool,
    /// Trunk, wasm-opt and a filled cargo cache (release builds).
    pub trunk: bool,
    /// wasm-bindgen-cli (also for `wasm-bindgen-test-runner`).
    pub wasm_bindgen: bool,
    /// Chromium and ChromeDriver.
    pub browser: bool,
    /// The end-to-end tests' node modules.
    pub node_modules: bool,
}

/// The result of bootstrapping: how to run wasm builds.
#[derive(Debug, Clone, Default)]
pub struct Toolchain {
    /// The wasm target comes from Debian's `rustc-web` (no rustup target):
    /// wasm builds run with Debian's toolchain and `-Zbuild-std`.
    pub debian_wasm: bool,
}

impl Toolchain {
    /// Adds the environment a wasm build needs (cargo for wasm32, trunk) to `cmd`.
    pub fn wasm_env<'a>(&self, cmd: &'a mut Command) -> &'a mut Command {
        if self.debian_wasm {
            // Debian's cargo/rustc (rustc-web, cargo-web) come first; wasm-ld from lld-22.
            let path = std::env::var_os("PATH").unwrap_or_default();
            let mut paths = vec![
                PathBuf::from("/usr/lib/llvm-22/bin"),
                PathBuf::from("/usr/bin"),
            ];
            paths.extend(std::env::split_paths(&path));
            cmd.env("PATH", std::env::join_paths(paths).expect("valid PATH"))
                .env("RUSTC", "/usr/bin/rustc")
                .env("RUSTDOC", "/usr/bin/rustdoc")
                .env("RUSTC_BOOTSTRAP", "1")
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER",
                    "/usr/lib/llvm-22/bin/wasm-ld",
                );
        }
        cmd
    }
}

/// Directory for tools installed per repository (`target/tools`).
pub fn tools_dir() -> PathBuf {
    repo_root().join("target").join("tools")
}

/// Puts cargo's bin directory and `target/tools/node_modules/.bin` on `PATH`.
pub fn setup_path() {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|c| c.join("bin"));
    if let Some(bin) = cargo_bin {
        if bin.is_dir() {
            prepend_path(&bin);
        }
    }
    prepend_path(&tools_dir().join("node_modules").join(".bin"));
}

/// Installs whatever of `needs` is missing.
pub fn bootstrap(needs: Needs) -> Result<Toolchain> {
    let start = Instant::now();
    setup_path();
    let mut toolchain = Toolchain::default();
    if needs.wasm_target || needs.trunk || needs.wasm_bindgen {
        toolchain.debian_wasm = ensure_wasm_target()?;
    }
    if needs.trunk {
        ensure_trunk()?;
    }
    if needs.wasm_bindgen || needs.trunk {
        ensure_wasm_bindgen()?;
    }
    if needs.trunk {
        ensure_wasm_split()?;
        ensure_wasm_opt()?;
        ensure_cargo_fetch()?;
    }
    if needs.browser {
        ensure_chromium()?;
    }
    if needs.node_modules {
        ensure_node_modules()?;
    }
    step(format!("tools ready ({})", fmt_duration(start.elapsed())));
    Ok(toolchain)
}

/// Runs a long installation step with a progress line before and after.
fn long_step(
    what: &str,
    estimate: &str,
    fix: &str,
    timeout: Duration,
    cmd: &mut Command,
) -> Result<()> {
    step(format!("{what} (usually {estimate})"));
    let start = Instant::now();
    run(cmd, Some(timeout)).map_err(|e| err!("{what} failed: {e}\n  How to fix: {fix}"))?;
    step(format!("{what}: done in {}", fmt_duration(start.elapsed())));
    Ok(())
}

/// Returns `true` when the Debian fallback toolchain is used for wasm.
fn ensure_wasm_target() -> Result<bool> {
    let installed = |out: &str| out.lines().any(|l| l.trim() == WASM_TARGET);
    if which("rustup").is_some() {
        if capture("rustup", &["target", "list", "--installed"]).is_some_and(|o| installed(&o)) {
            return Ok(false);
        }
        let added = long_step(
            "rustup target add wasm32-unknown-unknown",
            "under a minute",
            "check the network connection to static.rust-lang.org",
            5 * MINUTE,
            Command::new("rustup").args(["target", "add", WASM_TARGET]),
        );
        match added {
            Ok(()) => return Ok(false),
            Err(e) => eprintln!("{e}\n==> falling back to Debian's rustc-web toolchain"),
        }
    }
    ensure_debian_wasm_toolchain()?;
    Ok(true)
}

/// Fallback without rustup: Debian bookworm's `rustc-web`/`cargo-web` (in
/// `/usr/bin`), the standard library sources (`rust-web-src`, for
/// `-Zbuild-std`, in `/usr/lib/rustlib/src/rust`) and `wasm-ld` from `lld-22`
/// (`/usr/lib/llvm-22/bin`).
fn ensure_debian_wasm_toolchain() -> Result<()> {
    let ready = Path::new("/usr/lib/rustlib/src/rust").is_dir()
        && Path::new("/usr/lib/llvm-22/bin/wasm-ld").exists()
        && Path::new("/usr/bin/rustc").exists()
        && Path::new("/usr/bin/cargo").exists();
    if ready {
        return Ok(());
    }
    let packages = ["rustc-web", "cargo-web", "rust-web-src", "lld-22"];
    if !is_root() || which("apt-get").is_none() {
        return Err(err!(
            "the wasm32-unknown-unknown target is missing and could not be added with rustup.\n  How to fix: `rustup target add {WASM_TARGET}`, or on Debian: `sudo apt-get update && sudo apt-get install -y {}`",
            packages.join(" ")
        ));
    }
    apt_install(&packages, "the Debian Rust toolchain for wasm")
}

fn apt_install(packages: &[&str], what: &str) -> Result<()> {
    long_step(
        "apt-get update",
        "under a minute",
        "check the network connection to the Debian mirrors",
        10 * MINUTE,
        Command::new("apt-get").arg("update"),
    )?;
    long_step(
        &format!("apt-get install {} ({what})", packages.join(" ")),
        "1-3 minutes",
        &format!(
            "run `apt-get install -y {}` by hand and read its error",
            packages.join(" ")
        ),
        30 * MINUTE,
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn tool_version(program: &str) -> Option<String> {
    capture(program, &["--version"]).map(|s| s.trim().to_string())
}

fn ensure_trunk() -> Result<()> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    match tool_version("trunk") {
        Some(v) if v == wanted => return Ok(()),
        Some(v) => step(format!("found `{v}`, but the project needs {wanted}")),
        None => {}
    }
    long_step(
        &format!("cargo install trunk --version {TRUNK_VERSION} --locked"),
        "10-15 minutes on 2 cores",
        &format!("make sure crates.io is reachable and a C compiler is installed (`apt-get install -y gcc`), then run `cargo install trunk --version {TRUNK_VERSION} --locked`"),
        60 * MINUTE,
        Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
    )
}

/// The version of the `name` package in `Cargo.lock`.
pub fn lock_version(lock: &str, name: &str) -> Option<String> {
    let needle = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string);
        }
    }
    None
}

/// A string value of `key = "…"` in `Trunk.toml` (first occurrence).
pub fn toml_string(toml: &str, key: &str) -> Option<String> {
    toml.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        if k.trim() != key {
            return None;
        }
        let v = v.trim();
        let v = v.split('#').next()?.trim();
        v.strip_prefix('"')?.strip_suffix('"').map(str::to_string)
    })
}

fn ensure_wasm_bindgen() -> Result<()> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path).map_err(|e| {
        err!(
            "cannot read {}: {e}\n  How to fix: run `cargo generate-lockfile`",
            lock_path.display()
        )
    })?;
    let version = lock_version(&lock, "wasm-bindgen")
        .ok_or_else(|| err!("Cargo.lock has no wasm-bindgen package"))?;
    if let Ok(trunk_toml) = std::fs::read_to_string(repo_root().join("Trunk.toml")) {
        if let Some(pinned) = toml_string(&trunk_toml, "wasm_bindgen") {
            if pinned != version {
                eprintln!("warning: Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has {version}; make them equal");
            }
        }
    }
    let wanted = format!("wasm-bindgen {version}");
    let have = tool_version("wasm-bindgen");
    if have.as_deref() == Some(wanted.as_str()) && which("wasm-bindgen-test-runner").is_some() {
        return Ok(());
    }
    if let Some(v) = have {
        step(format!("found `{v}`, but Cargo.lock needs {wanted}"));
    }
    // Not --locked: wasm-bindgen-cli's lock file names a crate version that is
    // no longer on crates.io.
    long_step(
        &format!("cargo install wasm-bindgen-cli --version {version}"),
        "a few minutes (5-8 on 2 cores)",
        &format!("make sure crates.io is reachable, then run `cargo install wasm-bindgen-cli --version {version}`"),
        45 * MINUTE,
        Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]),
    )
}

fn ensure_wasm_split() -> Result<()> {
    let installed = format!("\"wasm_split_cli_support {WASM_SPLIT_VERSION} (");
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let listed = cargo_home
        .and_then(|c| std::fs::read_to_string(c.join(".crates2.json")).ok())
        .is_some_and(|list| list.contains(&installed));
    if listed && which("wasm-split-cli").is_some() {
        return Ok(());
    }
    let cmd = format!(
        "cargo install wasm_split_cli_support --version {WASM_SPLIT_VERSION} --features build-binary --locked"
    );
    long_step(
        &cmd,
        "1-2 minutes on 2 cores",
        &format!("make sure crates.io is reachable, then run `{cmd}`"),
        30 * MINUTE,
        Command::new("cargo").args([
            "install",
            "wasm_split_cli_support",
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
            "--locked",
        ]),
    )
}

/// The binaryen version: `[tools] wasm_opt = "version_N"` in `Trunk.toml`.
fn binaryen_version() -> Result<String> {
    let trunk_toml = std::fs::read_to_string(repo_root().join("Trunk.toml"))?;
    toml_string(&trunk_toml, "wasm_opt")
        .and_then(|v| v.strip_prefix("version_").map(str::to_string))
        .ok_or_else(|| err!("Trunk.toml must pin `wasm_opt = \"version_N\"` under [tools]"))
}

fn ensure_wasm_opt() -> Result<()> {
    let version = binaryen_version()?;
    let bin = tools_dir().join("node_modules/.bin/wasm-opt");
    // Trunk reads the third word of `wasm-opt --version`: "wasm-opt version 132 (version_132)".
    let ok = capture(&bin, &["--version"])
        .and_then(|out| out.split(' ').nth(2).map(|v| v.trim() == version))
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    if which("npm").is_none() {
        return Err(err!(
            "npm is missing (needed for wasm-opt).\n  How to fix: install Node.js 20+ and npm, e.g. `apt-get install -y nodejs npm`"
        ));
    }
    std::fs::create_dir_all(tools_dir())?;
    long_step(
        &format!("npm install binaryen@{version} (wasm-opt) into target/tools"),
        "10-30 seconds",
        "make sure registry.npmjs.org is reachable",
        10 * MINUTE,
        Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(tools_dir())
            .args([&format!("binaryen@{version}"), "--no-audit", "--no-fund"]),
    )
}

fn ensure_cargo_fetch() -> Result<()> {
    let root = repo_root();
    let lock = std::fs::read(root.join("Cargo.lock"))?;
    let stamp_path = tools_dir().join("cargo-fetch.stamp");
    let digest = hex(&sha256(&lock));
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s.trim() == digest) {
        return Ok(());
    }
    long_step(
        "cargo fetch (fills the cargo cache so builds can run offline)",
        "under a minute",
        "make sure crates.io is reachable, then run `cargo fetch`",
        20 * MINUTE,
        Command::new("cargo").arg("fetch").current_dir(&root),
    )?;
    std::fs::create_dir_all(tools_dir())?;
    std::fs::write(stamp_path, digest)?;
    Ok(())
}

fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !is_root() || which("apt-get").is_none() {
        return Err(err!(
            "Chromium and ChromeDriver are needed at {CHROMIUM} and {CHROMEDRIVER}.\n  How to fix: `sudo apt-get update && sudo apt-get install -y chromium chromium-driver`"
        ));
    }
    apt_install(&["chromium", "chromium-driver"], "browser for the tests")
}

fn ensure_node_modules() -> Result<()> {
    let dir = repo_root().join("tests").join("e2e");
    let lock = dir.join("package-lock.json");
    let lock_time = mtime(&lock).ok_or_else(|| err!("{} is missing", lock.display()))?;
    let installed = dir.join("node_modules").join(".package-lock.json");
    if mtime(&installed).is_some_and(|t| t >= lock_time) {
        return Ok(());
    }
    if which("npm").is_none() {
        return Err(err!(
            "npm is missing (needed for the end-to-end tests).\n  How to fix: install Node.js 20+ and npm, e.g. `apt-get install -y nodejs npm`"
        ));
    }
    long_step(
        "npm ci in tests/e2e (playwright-core, @axe-core/playwright)",
        "10-30 seconds",
        "make sure registry.npmjs.org is reachable, then run `npm ci --prefix tests/e2e`",
        10 * MINUTE,
        Command::new("npm")
            .arg("ci")
            .arg("--prefix")
            .arg(&dir)
            .args(["--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_from_cargo_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen-test\"\nversion = \"0.3.80\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(
            lock_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            lock_version(lock, "wasm-bindgen-test").as_deref(),
            Some("0.3.80")
        );
        assert_eq!(lock_version(lock, "leptos"), None);
    }

    #[test]
    fn reads_trunk_toml_pins() {
        let toml = "[tools]\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\" # pinned\n";
        assert_eq!(
            toml_string(toml, "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(
            toml_string(toml, "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(toml_string(toml, "sass"), None);
    }
}
