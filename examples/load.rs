//! Loads a scenario file into a `Playground` and times a few summaries:
//! `cargo run --release --example load -- scenario.json`.
fn main() {
    let path = std::env::args().nth(1).expect("a scenario file");
    let text = std::fs::read_to_string(path).unwrap();
    let t = std::time::Instant::now();
    let p = latest_playground::Playground::new(&text).unwrap();
    println!(
        "load {:?} steps {} checkpoints {}",
        t.elapsed(),
        p.step_count(),
        p.checkpoint_count()
    );
    for i in [0usize, 300, 5000, 9999] {
        let t = std::time::Instant::now();
        let s = p.summary_json(i).unwrap();
        println!("summary({i}) {:?} {} bytes", t.elapsed(), s.len());
    }
}
