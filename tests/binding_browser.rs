//! The binding, called from JS in Chromium: `wasm-pack test --headless --chrome -- --test binding_browser`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("binding/common.rs");
