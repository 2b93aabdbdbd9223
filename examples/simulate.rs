//! Prints the trace of a scenario file (or a built-in id): `cargo run --example simulate -- blog-timeline`.
fn main() {
    let arg = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "blog-timeline".into());
    let text = match latest_playground::builtin::find(&arg) {
        Some(b) => b.json.to_string(),
        None => std::fs::read_to_string(&arg).expect("a readable file"),
    };
    match latest_playground::simulate(&text) {
        Ok(trace) => println!("{trace}"),
        Err(e) => {
            eprintln!("{} at {:?}: {e}", e.code(), e.path());
            std::process::exit(1);
        }
    }
}
