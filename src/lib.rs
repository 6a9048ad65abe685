//! Groundwork: a private, offline companion for rebuilding self-worth after a
//! setback. See ARCHITECTURE.md for the map.
//!
//! `content`, `domain`, `routes` and `store` are plain Rust with no browser types and are
//! tested natively with `cargo test`. Everything that touches the DOM, the
//! router or web APIs compiles only for `wasm32`.

pub mod content;
pub mod domain;
pub mod routes;
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
