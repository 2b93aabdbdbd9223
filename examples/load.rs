//! Times the native core on a scenario file: Playground load, then summary(i) for 20 random
//! steps. `cargo run --release --example load -- big.json` (see scripts/big-scenario.mjs).
fn main() {
    let path = std::env::args().nth(1).expect("a scenario file");
    let text = std::fs::read_to_string(path).expect("a readable file");
    let start = std::time::Instant::now();
    let playground = latest_playground::Playground::new(&text).expect("a valid scenario");
    let load = start.elapsed();
    let steps = playground.step_count();
    let mut times = Vec::new();
    let mut seed: u64 = 42;
    for _ in 0..20 {
        seed = (seed * 1_103_515_245 + 12_345) % (1 << 31);
        let i = (seed % steps as u64) as usize;
        let start = std::time::Instant::now();
        playground.summary_json(i).expect("a step");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    // Peak resident memory, where the OS reports it (Linux).
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!(
        "native: load {:.2} ms for {steps} steps ({} checkpoints); summary(i) for 20 random steps: median {:.2} ms, max {:.2} ms; peak RSS {peak}",
        load.as_secs_f64() * 1000.0,
        playground.checkpoint_count(),
        times[10],
        times[19]
    );
}
