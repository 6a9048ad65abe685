//! Entry point: mount the app (browser only).

#[cfg(target_arch = "wasm32")]
fn main() {
    groundwork::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Groundwork runs in a browser. Start it with `cargo xtask serve`.");
}
