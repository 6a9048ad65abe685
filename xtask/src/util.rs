//! Small helpers shared by the subcommands: locating the repository, running
//! child processes (with timeouts), and uniform progress output.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Error type of xtask: a human-readable message that says what failed and,
/// where possible, how to fix it.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e.to_string())
    }
}

/// Result alias used throughout xtask.
pub type Result<T> = std::result::Result<T, Error>;

/// Builds an [`Error`] from a format string.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::util::Error(format!($($arg)*)) };
}

/// The repository root (the parent of the `xtask/` directory).
pub fn repo_root() -> PathBuf {
    // `cargo run` sets CARGO_MANIFEST_DIR for the running binary: prefer it
    // to the compile-time path, so a copied target/ (another checkout or
    // worktree) never builds and tests the wrong tree.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Prints a progress line, prefixed so it stands out between tool output.
pub fn step(msg: impl fmt::Display) {
    println!("==> {msg}");
}

/// Formats a duration as `12s` or `3m05s`.
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs >= 60 {
        format!("{}m{:02}s", secs / 60, secs % 60)
    } else {
        format!("{}.{}s", secs, d.subsec_millis() / 100)
    }
}

/// Renders a command line for messages.
pub fn display_cmd(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        let a = arg.to_string_lossy();
        if a.is_empty() || a.contains(' ') {
            s.push_str(&format!("'{a}'"));
        } else {
            s.push_str(&a);
        }
    }
    s
}

/// Runs `cmd` with inherited stdio. If `timeout` elapses, the child is killed and
/// an error is returned. Returns an error naming the command when it cannot be
/// started or exits unsuccessfully.
pub fn run(cmd: &mut Command, timeout: Option<Duration>) -> Result<()> {
    let status = run_status(cmd, timeout)?;
    if status.success() {
        Ok(())
    } else {
        Err(err!("`{}` failed ({status})", display_cmd(cmd)))
    }
}

/// Like [`run`] but returns the exit status instead of failing on non-zero exit.
pub fn run_status(cmd: &mut Command, timeout: Option<Duration>) -> Result<ExitStatus> {
    let shown = display_cmd(cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| err!("could not start `{shown}`: {e}"))?;
    let Some(timeout) = timeout else {
        return Ok(child.wait()?);
    };
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(err!(
                "`{shown}` did not finish within {} and was stopped (hung download or no network?)",
                fmt_duration(timeout)
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs a program and captures its stdout (stderr discarded). `None` if it
/// cannot be started or fails. Only for quick queries such as `--version`.
pub fn capture(program: impl AsRef<OsStr>, args: &[&str]) -> Option<String> {
    let mut cmd = Command::new(program);
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
    let child = cmd.spawn().ok()?;
    let out = child.wait_with_output().ok()?;
    if out.status.success() {
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        None
    }
}

/// Finds an executable on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Prepends `dir` to this process's `PATH` (inherited by every child) unless
/// it is already the first entry.
pub fn prepend_path(dir: &Path) {
    let old = std::env::var_os("PATH").unwrap_or_default();
    let mut paths: Vec<PathBuf> = std::env::split_paths(&old).collect();
    if paths.first().map(|p| p == dir).unwrap_or(false) {
        return;
    }
    paths.retain(|p| p != dir);
    paths.insert(0, dir.to_path_buf());
    let joined = std::env::join_paths(paths).expect("PATH entries contain no ':'");
    // xtask sets PATH before it starts any thread.
    std::env::set_var("PATH", joined);
}

/// Whether the current user is root (reads `/proc/self/status`, std only).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// Best-effort modification time.
pub fn mtime(p: &Path) -> Option<std::time::SystemTime> {
    p.metadata().and_then(|m| m.modified()).ok()
}
