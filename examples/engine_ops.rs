//! In-process engine throughput: what a host pays per command with no
//! network in the way. `cargo xtask bench` runs it next to redis-benchmark.

use std::time::Instant;

use reddish::engine::{ClientAddr, Engine, EngineOptions};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let mut engine = Engine::new(EngineOptions::default());
    engine.set_events_enabled(false);
    let s = engine.open_session(ClientAddr::default());
    let keys: Vec<Vec<u8>> = (0..10_000)
        .map(|i| format!("key:{i}").into_bytes())
        .collect();
    type Case<'a> = (&'a str, &'a dyn Fn(usize) -> Vec<Vec<u8>>);
    let cases: [Case; 3] = [
        ("SET", &|i| {
            vec![
                b"SET".to_vec(),
                keys[i % keys.len()].clone(),
                b"xxx".to_vec(),
            ]
        }),
        ("GET", &|i| {
            vec![b"GET".to_vec(), keys[i % keys.len()].clone()]
        }),
        ("INCR", &|i| {
            vec![
                b"INCR".to_vec(),
                format!("counter:{}", i % 100).into_bytes(),
            ]
        }),
    ];
    println!("command,ops_per_sec");
    for (name, make) in cases {
        let argvs: Vec<Vec<Vec<u8>>> = (0..n.min(100_000)).map(make).collect();
        let start = Instant::now();
        for i in 0..n {
            let r = engine.execute(s, &argvs[i % argvs.len()]);
            assert!(!r.is_error(), "{name}: {r:?}");
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{name},{:.0}", n as f64 / secs);
    }
}
