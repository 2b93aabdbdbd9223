//! latest-playground: a simulator that teaches how AWS Fargate's `LATEST` platform version is
//! resolved and pinned. The core is pure Rust (no JS, no clock, no I/O); `wasm.rs` is the one
//! module that binds it to JavaScript.

pub mod announced;
pub mod builtin;
pub mod catalog;
pub mod chart;
pub mod command;
pub mod date;
pub mod describe;
pub mod error;
pub mod fleet;
pub mod fork;
pub mod hash;
pub mod import;
pub mod json;
pub mod lifecycle;
pub mod markdown;
pub mod playground;
pub mod predict;
pub mod report;
pub mod resolve;
pub mod scenario;
pub mod text;
pub mod trace;
pub mod version;
pub mod view;
pub mod why;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::ScenarioError;

/// Unwraps a result that cannot be an error here (a built-in scenario, an event that replayed
/// before) without formatting the error: its `Debug` text would pull float formatting into the
/// WebAssembly module for a message no user could see.
pub(crate) fn surely<T, E>(result: Result<T, E>, why: &'static str) -> T {
    result.unwrap_or_else(|_| unreachable!("{why}"))
}

/// JSON text of the core's plain data (views, records): serializing it cannot fail.
pub(crate) fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    surely(serde_json::to_string(value), "plain data serializes")
}
pub use playground::{simulate, simulate_shared, Playground};
