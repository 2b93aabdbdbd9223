//! Prints the trace of a scenario file (or a built-in id): `cargo run --example simulate -- blog-timeline`.
//! With `--time`, prints instead how long the shared trace `simulate` sends to the page takes to
//! replay and write natively (`cargo run --release --example simulate -- blog-timeline --time`);
//! with `--chart`, how long the playground's `chart()` of it takes (median of 5). `--time N` runs
//! it N times instead of 20,000. With `--shared`, prints the shared trace itself (what crosses
//! to the page as text; `make bench` times the binding's assembly of it alone).
fn main() {
    let mut args = std::env::args().skip(1);
    let arg = args.next().unwrap_or_else(|| "blog-timeline".into());
    let text = match latest_playground::builtin::find(&arg) {
        Some(b) => b.json.to_string(),
        None => std::fs::read_to_string(&arg).expect("a readable file"),
    };
    let mode = args.next();
    if mode.as_deref() == Some("--chart") {
        let playground = latest_playground::Playground::new(&text).expect("it replays");
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                std::hint::black_box(playground.chart());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        println!("native chart() of {arg}: {:.1} ms (median of 5)", runs[2]);
        return;
    }
    if mode.as_deref() == Some("--shared") {
        match latest_playground::simulate_shared(&text) {
            Ok(shared) => println!("{shared}"),
            Err(e) => panic!("{} at {:?}: {e}", e.code(), e.path()),
        }
        return;
    }
    if mode.as_deref() == Some("--time") {
        // A count after `--time` (e.g. 200 under `valgrind --tool=callgrind`, whose instruction
        // counts do not depend on how busy the machine is).
        let runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(20_000);
        let start = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(latest_playground::simulate_shared(&text).expect("it replays"));
        }
        println!(
            "native simulate_shared of {arg}: {:.1} µs per run ({runs} runs)",
            start.elapsed().as_secs_f64() * 1e6 / runs as f64
        );
        return;
    }
    match latest_playground::simulate(&text) {
        Ok(trace) => println!("{trace}"),
        Err(e) => {
            eprintln!("{} at {:?}: {e}", e.code(), e.path());
            std::process::exit(1);
        }
    }
}
