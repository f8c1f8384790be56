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
    engine.set_event_detail(reddish::engine::Detail::Off);
    let s = engine.open_session(ClientAddr::default());
    let keys: Vec<Vec<u8>> = (0..10_000)
        .map(|i| format!("key:{i}").into_bytes())
        .collect();
    // A script that sets a key, the body of the EVALSHA case.
    let script = b"return redis.call('SET', KEYS[1], ARGV[1])".to_vec();
    let sha = match engine.execute(s, &[b"SCRIPT".to_vec(), b"LOAD".to_vec(), script]) {
        reddish::Reply::Bulk(b) => b,
        other => panic!("SCRIPT LOAD: {other:?}"),
    };
    type Case<'a> = (&'a str, &'a dyn Fn(usize) -> Vec<Vec<u8>>);
    let cases: [Case; 4] = [
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
        ("EVALSHA SET", &|i| {
            vec![
                b"EVALSHA".to_vec(),
                sha.clone(),
                b"1".to_vec(),
                keys[i % keys.len()].clone(),
                b"xxx".to_vec(),
            ]
        }),
    ];
    println!("command,ops_per_sec");
    // `REDDISH_ONLY=EVALSHA` runs just the cases whose name starts so
    // (handy under a profiler).
    let only = std::env::var("REDDISH_ONLY").unwrap_or_default();
    for (name, make) in cases {
        if !name.starts_with(only.as_str()) {
            continue;
        }
        let argvs: Vec<Vec<Vec<u8>>> = (0..n.min(100_000)).map(make).collect();
        let start = Instant::now();
        // Scripts are slower by far: fewer runs keep the bench short.
        let runs = if name.starts_with("EVAL") { n / 10 } else { n };
        for i in 0..runs {
            let r = engine.execute(s, &argvs[i % argvs.len()]);
            assert!(!r.is_error(), "{name}: {r:?}");
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{name},{:.0}", runs as f64 / secs);
    }
}
