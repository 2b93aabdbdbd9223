//! latest-playground: a simulator that teaches how AWS Fargate's `LATEST` platform version is
//! resolved and pinned. The core is pure Rust (no JS, no clock, no I/O); `wasm.rs` is the one
//! module that binds it to JavaScript.

pub mod builtin;
pub mod catalog;
pub mod command;
pub mod date;
pub mod describe;
pub mod error;
pub mod fleet;
pub mod json;
pub mod lifecycle;
pub mod playground;
pub mod resolve;
pub mod scenario;
pub mod trace;
pub mod version;
pub mod view;
pub mod why;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::ScenarioError;
pub use playground::{simulate, Playground};
