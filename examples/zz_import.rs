use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let j = latest_playground::json::parse_sequence(&text).unwrap();
        let parse = t.elapsed();
        drop(j);
        let t = Instant::now();
        let r = latest_playground::import::read_outputs(&[(path.clone(), text.clone())]).unwrap();
        let read = t.elapsed();
        drop(r);
        let t = Instant::now();
        let p = latest_playground::Playground::import(&[(path.clone(), text.clone())]).unwrap();
        let all = t.elapsed();
        let t = Instant::now();
        let s = p.to_scenario_json();
        let w = t.elapsed();
        let t = Instant::now();
        let q = latest_playground::Playground::new(&s).unwrap();
        let reopen = t.elapsed();
        eprintln!("parse {parse:?} read_outputs {read:?} import {all:?} (scenario {} KB written {w:?}, new {reopen:?})", s.len()/1024);
        std::hint::black_box((p, q));
    }
}
