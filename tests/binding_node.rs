//! The binding, called from JS in Node: `wasm-pack test --node -- --test binding_node`.
#![cfg(target_arch = "wasm32")]

include!("binding/common.rs");
