//! Times the native core on a scenario file: Playground load, summary(i) for 20 random steps, then
//! the steady cost of a load (repeated, once warm: the allocator and caches used before).
//! `cargo run --release --example load -- big.json` (see scripts/big-scenario.mjs).
fn main() {
    let path = std::env::args().nth(1).expect("a scenario file");
    let text = std::fs::read_to_string(path).expect("a readable file");
    let load = |text: &str| {
        let start = std::time::Instant::now();
        let playground = latest_playground::Playground::new(text).expect("a valid scenario");
        (playground, start.elapsed().as_secs_f64() * 1000.0)
    };
    let (playground, first) = load(&text);
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
    // Peak resident memory, where the OS reports it (Linux): before the warm loads, one fleet.
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let checkpoints = playground.checkpoint_count();
    drop(playground);
    let warm = steady(|| load(&text).1);
    println!(
        "native: load {first:.2} ms for {steps} steps ({checkpoints} checkpoints); summary(i) for 20 random steps: median {:.2} ms, max {:.2} ms; peak RSS {peak}; steady load {warm:.2} ms",
        times[10], times[19]
    );
}

/// The steady cost of `run`: repeated for about a second (9 to 200 times), the median of the
/// second half, once warm-up is over. scripts/bench-load-ratio.mjs does the same in wasm.
fn steady(mut run: impl FnMut() -> f64) -> f64 {
    let start = std::time::Instant::now();
    let mut times = Vec::new();
    while times.len() < 9 || (times.len() < 200 && start.elapsed().as_secs_f64() < 1.0) {
        times.push(run());
    }
    let mut late = times.split_off(times.len() / 2);
    late.sort_by(f64::total_cmp);
    late[late.len() / 2]
}
