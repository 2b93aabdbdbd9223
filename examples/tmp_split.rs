use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let p = latest_playground::Playground::import(&[(path, text)])
        .unwrap_or_else(|e| panic!("{}", e.error));
    let n = p.step_count();
    for i in n - 4..n {
        let t = Instant::now();
        p.with_world(i, |_| ());
        let replay = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let v = p.view_json(i).unwrap();
        let view = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "step {i}: replay {replay:.1} ms, view {view:.1} ms ({} KB)",
            v.len() / 1024
        );
    }
}
