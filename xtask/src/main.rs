//! `cargo xtask`: build, serve and test Groundwork with one command each.
//!
//! - `cargo xtask serve [--port 8080] [--public-url /] [--quiet]`
//! - `cargo xtask test [--only lint|native|browser|build|e2e]`
//! - `cargo xtask bench [--runs 10] [--no-build]` (speed and size budgets; not part of `test`)
//! - `cargo xtask fuzz [--minutes 10] [--target backup]` (nightly; not part of `test`)
//! - `cargo xtask post-build` (run by Trunk, see `Trunk.toml`)
//!
//! Standard library only, so the first run compiles it in seconds.

mod bench;
mod fuzz;
mod hash;
mod postbuild;
mod server;
mod split;
mod test;
mod tools;
mod util;

use util::{repo_root, step, Result};

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  serve [--port 8080] [--public-url /] [--quiet]
        Install missing build tools, build the release app with Trunk into dist/
        and serve it at http://127.0.0.1:PORT (Ctrl-C stops).
  test [--only lint|native|browser|build|e2e]
        Install missing tools, then run every test layer in order:
        lint, native, browser, build (dist/ and dist-sub/), e2e.
        GW_E2E_ONLY=journal,data runs only the e2e files whose names
        contain one of those words.
  bench [--runs 10] [--no-build]
        Build the release app (skipped with --no-build: measure dist/ as it
        is), then measure it in headless Chromium at 4x CPU slowdown: brotli
        size of the first render, cold and warm start against a static floor
        page, start-up and saving with three years of data, and the longest
        task after each of a set of taps. Prints a table, writes
        target/bench/results.json, fails when a budget is missed. Not part of
        `test` (timings depend on the machine).
  fuzz [--minutes 10] [--target backup]
        Run a cargo-fuzz target from fuzz/ for N minutes with the nightly
        toolchain (installs cargo-fuzz into target/tools if missing). Not part
        of `test`: tests/fuzz_corpus.rs replays the seed corpus on stable.
  post-build
        Trunk post_build hook (see Trunk.toml): CSP hashes, base URL,
        manifest, service worker precache list, 404.html.
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = dispatch(&args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn dispatch(args: &[String]) -> Result<()> {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => {
            print!("{USAGE}");
            return Ok(());
        }
    };
    match command {
        "serve" => serve(rest),
        "test" => {
            let opts = parse_opts(rest, &["--only"], &[])?;
            let only = match opts.value("--only") {
                None => None,
                Some(v) => Some(test::Layer::parse(v).ok_or_else(|| {
                    err!("unknown layer `{v}` for --only (lint, native, browser, build, e2e)")
                })?),
            };
            test::run_layers(only)
        }
        "bench" => {
            let opts = parse_opts(rest, &["--runs"], &["--no-build"])?;
            let runs: u32 = opts
                .value("--runs")
                .unwrap_or("10")
                .parse()
                .map_err(|_| err!("--runs must be a whole number"))?;
            bench::run(runs, !opts.flag("--no-build"))
        }
        "fuzz" => {
            let opts = parse_opts(rest, &["--minutes", "--target"], &[])?;
            let minutes: u64 = opts
                .value("--minutes")
                .unwrap_or("10")
                .parse()
                .map_err(|_| err!("--minutes must be a whole number"))?;
            fuzz::run_fuzz(
                minutes,
                opts.value("--target").unwrap_or(fuzz::default_target()),
            )
        }
        "post-build" => postbuild::run(),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(err!("unknown command `{other}`\n\n{USAGE}")),
    }
}

/// Parsed `--flag value` / `--flag=value` options.
struct Opts {
    values: Vec<(String, String)>,
    flags: Vec<String>,
}

impl Opts {
    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
}

fn parse_opts(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Opts> {
    let mut opts = Opts {
        values: Vec::new(),
        flags: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        if with_value.contains(&name) {
            let value = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| err!("{name} needs a value"))?,
            };
            opts.values.push((name.to_string(), value));
        } else if flags.contains(&name) && inline.is_none() {
            opts.flags.push(name.to_string());
        } else {
            return Err(err!("unknown option `{arg}`\n\n{USAGE}"));
        }
    }
    Ok(opts)
}

/// The path part of a public URL (`https://host/app/` → `/app/`).
fn url_path(public_url: &str) -> &str {
    match public_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => public_url,
    }
}

fn serve(args: &[String]) -> Result<()> {
    let opts = parse_opts(args, &["--port", "--public-url"], &["--quiet"])?;
    let port: u16 = opts
        .value("--port")
        .unwrap_or("8080")
        .parse()
        .map_err(|_| err!("--port must be a number between 0 and 65535"))?;
    let public_url = postbuild::normalize_base(opts.value("--public-url").unwrap_or("/"));
    let toolchain = tools::bootstrap(tools::Needs {
        wasm_target: true,
        trunk: true,
        wasm_bindgen: true,
        ..tools::Needs::default()
    })?;
    test::trunk_build(&toolchain, &public_url, "dist")?;
    let server = server::start(
        server::Config {
            root: repo_root().join("dist"),
            mount: url_path(&public_url).to_string(),
            log: !opts.flag("--quiet"),
        },
        port,
    )?;
    step(format!(
        "Groundwork is being served at {}  (Ctrl-C stops)",
        server.url
    ));
    loop {
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn option_parsing() {
        let o = parse_opts(
            &strings(&["--port", "9000", "--public-url=/g/", "--quiet"]),
            &["--port", "--public-url"],
            &["--quiet"],
        )
        .unwrap();
        assert_eq!(o.value("--port"), Some("9000"));
        assert_eq!(o.value("--public-url"), Some("/g/"));
        assert!(o.flag("--quiet"));
        assert!(parse_opts(&strings(&["--nope"]), &[], &[]).is_err());
        assert!(parse_opts(&strings(&["--port"]), &["--port"], &[]).is_err());
    }

    #[test]
    fn public_url_paths() {
        assert_eq!(url_path("/"), "/");
        assert_eq!(url_path("/groundwork/"), "/groundwork/");
        assert_eq!(url_path("https://example.org/app/"), "/app/");
        assert_eq!(url_path("https://example.org"), "/");
    }
}
