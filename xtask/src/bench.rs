//! `cargo xtask bench`: redis-server and reddish-server side by side.
//!
//! Both servers run at once on free loopback ports and redis-benchmark hits
//! them in turn (redis, reddish, redis, reddish, ...) so both see the same
//! machine state. Only the ratio means anything: absolute numbers depend on
//! the machine. Never a timed test: this prints, it does not judge.
//!
//! Hidden options, for trying the harness out:
//!   --reddish-bin PATH   benchmark this binary instead of building
//!                        reddish-server (any server that takes `--port N`,
//!                        e.g. a script that runs redis-server)
//!   --requests N         requests per test instead of 200000
//!   --size-only          skip the servers: only the page-weight report
//!   --memory-only        only the memory comparison (1,000,000 keys a type)
//!   --fanout-only        only the PUBLISH fan-out comparison
//!   --eval-only          only the EVAL / EVALSHA comparison
//!   --frames-only        only the page's timings: Enter to picture, load
//!                        to focused console, 100,000 SETs pasted
//!   --js-only            only the JS API beside ioredis-mock, in Node
//!   --rounds N           alternating runs per test, median kept (default 3)
//!
//! Last comes the page weight: our release dist and a hello-world Yew app
//! (xtask/hello) built the same way, gzipped sizes of what each page loads.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::proc::{free_ports, output_with_timeout, Server};
use crate::{cargo, fail, header, run, target_dir, tools, web, workspace_root, Result};

const REQUESTS: u32 = 200_000;
const CLIENTS: u32 = 50;
/// redis-benchmark's own tests: strings, then one write per collection type
/// and a 100-element LRANGE (redis-benchmark fills the list itself).
const TESTS: &str = "set,get,incr,lpush,lrange_100,hset,sadd,zadd";
/// Members of the big sorted set the ZRANK and ZRANGE runs read.
const BIG_ZSET: usize = 1_000_000;
/// Commands with arguments, run with `-r BIG_ZSET` against that set.
const CUSTOM: [&[&str]; 2] = [
    &["ZRANK", "bigz", "m:__rand_int__"],
    &["ZRANGE", "bigz", "0", "99", "WITHSCORES"],
];
/// A command for each data type of the keyspace's second half, in an
/// order where each run finds what it needs: XADD's entries for
/// XREADGROUP to deliver (one a call), GEOADD's places for GEOSEARCH.
/// `13.__rand_int__` puts every place within a few metres: GEOSEARCH's
/// ANY stops at the first 10 it finds instead of sorting them all.
const TYPES: [&[&str]; 5] = [
    &["XADD", "bench:s", "*", "f", "v"],
    &[
        "XREADGROUP",
        "GROUP",
        "g",
        "c",
        "COUNT",
        "1",
        "STREAMS",
        "bench:s",
        ">",
    ],
    &["PFADD", "bench:hll", "m:__rand_int__"],
    &[
        "GEOADD",
        "bench:geo",
        "13.__rand_int__",
        "38.__rand_int__",
        "m:__rand_int__",
    ],
    &[
        "GEOSEARCH",
        "bench:geo",
        "FROMLONLAT",
        "13",
        "38",
        "BYRADIUS",
        "1",
        "km",
        "COUNT",
        "10",
        "ANY",
    ],
];
/// The script the EVAL and EVALSHA runs time: one write, so the figure is
/// the cost of going through Lua on top of a plain SET. Single quotes only:
/// redis-benchmark puts the command line unescaped in its CSV's quotes.
const EVAL_SCRIPT: &str = "return redis.call('SET', KEYS[1], ARGV[1])";
/// Pipeline depths to compare; 1 means no pipelining.
const PIPELINES: [u32; 2] = [16, 1];
/// redis-benchmark runs per test and server, alternating between the
/// servers; the median is what the table shows, so one noisy run on a
/// shared 2-core machine does not make the ratio.
const ROUNDS: u32 = 3;
/// Upper bound for one redis-benchmark run, so a stuck server cannot hang us.
const RUN_LIMIT: Duration = Duration::from_secs(600);

struct Options {
    reddish_bin: Option<PathBuf>,
    requests: u32,
    size_only: bool,
    memory_only: bool,
    fanout_only: bool,
    eval_only: bool,
    frames_only: bool,
    types_only: bool,
    js_only: bool,
    rounds: u32,
}

fn parse_options(args: &[String]) -> Result<Options> {
    let mut opts = Options {
        reddish_bin: None,
        requests: REQUESTS,
        size_only: false,
        memory_only: false,
        fanout_only: false,
        eval_only: false,
        frames_only: false,
        types_only: false,
        js_only: false,
        rounds: ROUNDS,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| fail!("`{arg}` needs a value"));
        match arg.as_str() {
            "--size-only" => opts.size_only = true,
            "--memory-only" => opts.memory_only = true,
            "--fanout-only" => opts.fanout_only = true,
            "--eval-only" => opts.eval_only = true,
            "--frames-only" => opts.frames_only = true,
            "--types-only" => opts.types_only = true,
            "--js-only" => opts.js_only = true,
            "--rounds" => opts.rounds = positive(arg, value()?)?,
            "--reddish-bin" => opts.reddish_bin = Some(PathBuf::from(value()?)),
            "--requests" => opts.requests = positive(arg, value()?)?,
            _ => return Err(fail!("usage: cargo xtask bench")),
        }
    }
    Ok(opts)
}

/// A count given on the command line: a number above zero.
fn positive(flag: &str, v: &str) -> Result<u32> {
    v.parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| fail!("{flag} needs a positive number, got `{v}`"))
}

pub fn bench(args: &[String]) -> Result<()> {
    let opts = parse_options(args)?;
    if opts.size_only {
        return web::size_report("1/1");
    }
    if opts.frames_only {
        return web::frames_report("1/1");
    }
    if opts.js_only {
        return js_report("1/1");
    }

    header("1/9", "build reddish-server (release)");
    let reddish_bin = match opts.reddish_bin {
        Some(path) => {
            println!("using --reddish-bin {} (not building)", path.display());
            path
        }
        None => {
            run(cargo().args(["build", "--release", "--bin", "reddish-server"]))?;
            target_dir().join("release").join("reddish-server")
        }
    };
    if !reddish_bin.is_file() {
        return Err(fail!("{} does not exist", reddish_bin.display()));
    }

    header("2/9", "tools: redis-server, redis-benchmark");
    tools::ensure_redis(&["redis-server", "redis-benchmark"])?;
    if opts.memory_only {
        header(
            "3/3",
            &format!("memory for {MEMORY_KEYS} keys of each type"),
        );
        return memory_report(&reddish_bin, &target_dir().join("xtask").join("bench"));
    }

    header("3/9", "start both servers on free loopback ports");
    let logs = target_dir().join("xtask").join("bench");
    let ports = free_ports(2)?;
    let mut redis_cmd = Command::new("redis-server");
    redis_cmd.args(["--port", &ports[0].to_string()]);
    redis_cmd.args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
    redis_cmd.args(["--daemonize", "no"]);
    let redis = Server::start(
        "redis-server",
        redis_cmd,
        ports[0],
        &logs.join("redis-server.log"),
    )?;
    let mut reddish_cmd = Command::new(&reddish_bin);
    reddish_cmd.args(["--port", &ports[1].to_string()]);
    let reddish = Server::start(
        "reddish-server",
        reddish_cmd,
        ports[1],
        &logs.join("reddish-server.log"),
    )?;

    if opts.fanout_only {
        print!("{}", table(&fanout_rows(&redis, &reddish)?));
        return Ok(());
    }
    let pair = Pair {
        redis: &redis,
        reddish: &reddish,
        requests: opts.requests,
        rounds: opts.rounds,
    };
    if opts.eval_only {
        let rows = eval_rows(&pair)?;
        print_summary(&pair, &rows);
        return Ok(());
    }
    if opts.types_only {
        let rows = type_rows(&pair)?;
        print_summary(&pair, &rows);
        return Ok(());
    }

    header("4/9", "redis-benchmark, alternating between the servers");
    let mut rows: Vec<Row> = Vec::new();
    for pipeline in PIPELINES {
        rows.extend(pair.alternating(pipeline, |server| {
            benchmark(server, pipeline, pair.requests, None)
        })?);
    }
    println!("\nloading a sorted set of {BIG_ZSET} members into both servers");
    for server in [&redis, &reddish] {
        load_big_zset(server.port)?;
    }
    for pipeline in PIPELINES {
        for custom in CUSTOM {
            rows.extend(pair.alternating(pipeline, |server| {
                benchmark(server, pipeline, pair.requests, Some(custom))
            })?);
        }
    }
    rows.extend(type_rows(&pair)?);
    rows.extend(eval_rows(&pair)?);
    rows.extend(fanout_rows(&redis, &reddish)?);
    print_summary(&pair, &rows);
    drop(reddish);
    drop(redis);

    header(
        "5/9",
        &format!("memory for {MEMORY_KEYS} keys of each type"),
    );
    memory_report(&reddish_bin, &logs)?;

    header("6/9", "in-process engine ops/s");
    if workspace_root()
        .join("examples")
        .join("engine_ops.rs")
        .is_file()
    {
        run(cargo().args(["run", "--release", "--example", "engine_ops"]))?;
    } else {
        println!("skipped: examples/engine_ops.rs does not exist yet");
    }

    js_report("7/9")?;
    web::size_report("8/9")?;
    web::frames_report("9/9")
}

/// The JS API (the wasm32 build Node loads) beside ioredis-mock in one
/// Node process: `tests/js/bench/js-api.mjs`, with ioredis-mock pinned in
/// that folder's own package.json (a dependency of this benchmark only).
fn js_report(step: &str) -> Result<()> {
    header(step, "JS API beside ioredis-mock, in one Node process");
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::check_node()?;
    let dir = workspace_root().join("tests").join("js").join("bench");
    tools::npm_ci(&dir, &["ioredis-mock"])?;
    let pkg = web::build_js_pkg()?;
    let mut cmd = Command::new("node");
    cmd.current_dir(&dir).arg("js-api.mjs").arg(&pkg);
    crate::proc::run_with_timeout(cmd, Duration::from_secs(900))
}

fn print_summary(pair: &Pair, rows: &[Row]) {
    println!(
        "\n{} requests per test, {CLIENTS} clients, loopback, median of {} alternating runs; ratio > 1 means reddish is faster\n",
        pair.requests, pair.rounds
    );
    print!("{}", table(rows));
}

/// The two servers under test, and how each test is run on them.
struct Pair<'a> {
    redis: &'a Server,
    reddish: &'a Server,
    requests: u32,
    rounds: u32,
}

impl Pair<'_> {
    /// `run` on redis, then reddish, `rounds` times over; each command's
    /// median rate on each server.
    fn alternating(
        &self,
        pipeline: u32,
        run: impl Fn(&Server) -> Result<Vec<(String, f64)>>,
    ) -> Result<Vec<Row>> {
        let mut on_redis = Vec::new();
        let mut on_reddish = Vec::new();
        for _ in 0..self.rounds {
            on_redis.push(run(self.redis)?);
            on_reddish.push(run(self.reddish)?);
        }
        Ok(join_rows(
            pipeline,
            &medians(&on_redis),
            &medians(&on_reddish),
        ))
    }
}

/// Each command's median rate over several runs, in the first run's order.
fn medians(runs: &[Vec<(String, f64)>]) -> Vec<(String, f64)> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|(cmd, _)| {
            let mut rates: Vec<f64> = runs
                .iter()
                .filter_map(|run| run.iter().find(|(c, _)| c == cmd).map(|(_, r)| *r))
                .collect();
            rates.sort_by(f64::total_cmp);
            (cmd.clone(), rates[rates.len() / 2])
        })
        .collect()
}

/// EVAL of `EVAL_SCRIPT` (the body sent and looked up every call) and
/// EVALSHA of it after SCRIPT LOAD, at each pipeline depth, on random keys.
///
/// Both servers must answer SCRIPT LOAD with the same sha1 (clients such
/// as redis-py compute it themselves and send EVALSHA blind), and one
/// EVALSHA must answer +OK before it is timed: redis-benchmark stops at an
/// error reply, but a wrong non-error reply would be counted as a fast one.
fn eval_rows(pair: &Pair) -> Result<Vec<Row>> {
    println!("\nEVAL / EVALSHA of {EVAL_SCRIPT:?}");
    let mut shas = Vec::new();
    for server in [pair.redis, pair.reddish] {
        let sha = one_command(server.port, &["SCRIPT", "LOAD", EVAL_SCRIPT])?;
        let probe = one_command(
            server.port,
            &["EVALSHA", &sha, "1", "bench:eval:probe", "v"],
        )?;
        if probe != "+OK" {
            return Err(fail!(
                "{}: EVALSHA of the SET script answered {probe:?}, not +OK",
                server.name
            ));
        }
        println!("{}: SCRIPT LOAD -> {sha}", server.name);
        shas.push(sha);
    }
    let sha = match shas.as_slice() {
        [a, b] if a == b => a.clone(),
        _ => return Err(fail!("the servers disagree on the script's sha1: {shas:?}")),
    };
    let runs: [(&str, [&str; 5]); 2] = [
        (
            "EVAL SET script",
            ["EVAL", EVAL_SCRIPT, "1", "key:__rand_int__", "val"],
        ),
        (
            "EVALSHA SET script",
            ["EVALSHA", &sha, "1", "key:__rand_int__", "val"],
        ),
    ];
    let mut rows = Vec::new();
    for pipeline in PIPELINES {
        for (label, argv) in &runs {
            // redis-benchmark names a custom test by its whole command
            // line, script body or sha included: too wide for the table.
            let named = |results: Vec<(String, f64)>| -> Vec<(String, f64)> {
                results
                    .into_iter()
                    .map(|(_, rps)| (label.to_string(), rps))
                    .collect()
            };
            rows.extend(pair.alternating(pipeline, |server| {
                Ok(named(benchmark(
                    server,
                    pipeline,
                    pair.requests,
                    Some(argv),
                )?))
            })?);
        }
    }
    Ok(rows)
}

/// Sends one command on a fresh connection and returns its reply: a bulk
/// string's payload, or the first line of anything else (`+OK`, `:1`).
/// An error reply or a nil is an error.
fn one_command(port: u16, argv: &[&str]) -> Result<String> {
    use std::io::{BufRead, BufReader, Read, Write};
    let shown = argv.join(" ");
    let stream = std::net::TcpStream::connect(("127.0.0.1", port))
        .map_err(|e| fail!("connect to 127.0.0.1:{port}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| fail!("{e}"))?;
    let mut out = format!("*{}\r\n", argv.len());
    for a in argv {
        out.push_str(&format!("${}\r\n{a}\r\n", a.len()));
    }
    (&stream)
        .write_all(out.as_bytes())
        .map_err(|e| fail!("port {port}: write `{shown}`: {e}"))?;
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line)
        .map_err(|e| fail!("port {port}: reply to `{shown}`: {e}"))?;
    let line = line.trim_end().to_string();
    if line.starts_with('-') || line.is_empty() {
        return Err(fail!("port {port}: `{shown}` answered {line:?}"));
    }
    let Some(len) = line.strip_prefix('$') else {
        return Ok(line);
    };
    let len: usize = len
        .parse()
        .map_err(|_| fail!("port {port}: `{shown}` answered {line:?}"))?;
    let mut payload = vec![0u8; len + 2];
    r.read_exact(&mut payload)
        .map_err(|e| fail!("port {port}: reply to `{shown}`: {e}"))?;
    payload.truncate(len);
    String::from_utf8(payload).map_err(|_| fail!("port {port}: `{shown}` answered non-UTF-8"))
}

/// The fan-out run on both servers, as a table row (redis first).
fn fanout_rows(redis: &Server, reddish: &Server) -> Result<Vec<Row>> {
    println!(
        "\nPUBLISH fan-out: 1 publisher, {FANOUT_SUBSCRIBERS} subscribers, {FANOUT_MESSAGES} messages"
    );
    let mut fan = Vec::new();
    for server in [redis, reddish] {
        let rate = fanout(server.port)?;
        println!("{}: {rate:.0} deliveries/s", server.name);
        fan.push(vec![(
            format!("PUBLISH to {FANOUT_SUBSCRIBERS} subscribers (deliveries)"),
            rate,
        )]);
    }
    Ok(match fan.as_slice() {
        [on_redis, on_reddish] => join_rows(16, on_redis, on_reddish),
        _ => Vec::new(),
    })
}

/// Subscribers and messages of the fan-out run.
const FANOUT_SUBSCRIBERS: usize = 100;
const FANOUT_MESSAGES: usize = 20_000;

/// Deliveries per second from one pipelining publisher to
/// `FANOUT_SUBSCRIBERS` subscribers: the clock runs from the first PUBLISH
/// to the last byte the last subscriber reads. Every subscriber must get
/// every message (they are counted by bytes: each frame is the same size).
fn fanout(port: u16) -> Result<f64> {
    use std::io::{Read, Write};
    const CHANNEL: &str = "bench:fan";
    const PAYLOAD: &str = "payload!";
    let frame = format!(
        "*3\r\n$7\r\nmessage\r\n${}\r\n{CHANNEL}\r\n${}\r\n{PAYLOAD}\r\n",
        CHANNEL.len(),
        PAYLOAD.len()
    );
    let want = frame.len() * FANOUT_MESSAGES;
    let ready = std::sync::Arc::new(std::sync::Barrier::new(FANOUT_SUBSCRIBERS + 1));
    let mut readers = Vec::new();
    for _ in 0..FANOUT_SUBSCRIBERS {
        let ready = ready.clone();
        readers.push(std::thread::spawn(
            move || -> std::result::Result<(), String> {
                let mut s =
                    std::net::TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
                s.set_read_timeout(Some(Duration::from_secs(60)))
                    .map_err(|e| e.to_string())?;
                s.write_all(format!("SUBSCRIBE {CHANNEL}\r\n").as_bytes())
                    .map_err(|e| e.to_string())?;
                let confirm = format!(
                    "*3\r\n$9\r\nsubscribe\r\n${}\r\n{CHANNEL}\r\n:1\r\n",
                    CHANNEL.len()
                );
                let mut head = vec![0u8; confirm.len()];
                s.read_exact(&mut head).map_err(|e| e.to_string())?;
                if head != confirm.as_bytes() {
                    return Err(format!(
                        "unexpected confirmation {:?}",
                        String::from_utf8_lossy(&head)
                    ));
                }
                ready.wait();
                let mut got = 0usize;
                let mut buf = vec![0u8; 1 << 16];
                while got < want {
                    match s.read(&mut buf) {
                        Ok(0) => return Err(format!("closed after {got} of {want} bytes")),
                        Ok(n) => got += n,
                        Err(e) => return Err(format!("after {got} of {want} bytes: {e}")),
                    }
                }
                Ok(())
            },
        ));
    }
    ready.wait();
    let started = std::time::Instant::now();
    send_all(
        port,
        FANOUT_MESSAGES as u64,
        (0..FANOUT_MESSAGES).map(|_| {
            vec![
                "PUBLISH".to_string(),
                CHANNEL.to_string(),
                PAYLOAD.to_string(),
            ]
        }),
    )?;
    for r in readers {
        r.join()
            .map_err(|_| fail!("a subscriber thread panicked"))?
            .map_err(|e| fail!("subscriber on port {port}: {e}"))?;
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    Ok((FANOUT_SUBSCRIBERS * FANOUT_MESSAGES) as f64 / secs)
}

/// Sends `commands` over one connection, pipelined, and checks that no
/// reply is an error.
fn send_all(port: u16, count: u64, commands: impl Iterator<Item = Vec<String>>) -> Result<()> {
    use std::io::{BufRead, BufReader, Read, Write};
    let stream = std::net::TcpStream::connect(("127.0.0.1", port))
        .map_err(|e| fail!("connect to 127.0.0.1:{port}: {e}"))?;
    let reader_stream = stream.try_clone().map_err(|e| fail!("{e}"))?;
    // Replies are read on a thread of their own so that neither side's
    // socket buffer fills up and stalls the other.
    let reader = std::thread::spawn(move || -> std::result::Result<u64, String> {
        let mut r = BufReader::new(reader_stream);
        let mut n = 0u64;
        let mut line = String::new();
        while n < count {
            line.clear();
            match r.read_line(&mut line) {
                Ok(0) => return Ok(n),
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
            if line.starts_with('-') {
                return Err(format!("error reply: {line:?}"));
            }
            // Only integer, status and bulk replies come back here.
            if let Some(len) = line
                .strip_prefix('$')
                .and_then(|l| l.trim().parse::<usize>().ok())
            {
                let mut skip = vec![0u8; len + 2];
                r.read_exact(&mut skip).map_err(|e| e.to_string())?;
            }
            n += 1;
        }
        Ok(n)
    });
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, stream);
    let mut sent = 0u64;
    for argv in commands {
        let mut out = format!("*{}\r\n", argv.len());
        for a in &argv {
            out.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        writer
            .write_all(out.as_bytes())
            .map_err(|e| fail!("write: {e}"))?;
        sent += 1;
    }
    writer.flush().map_err(|e| fail!("flush: {e}"))?;
    let got = reader
        .join()
        .map_err(|_| fail!("reader thread panicked"))?
        .map_err(|e| fail!("port {port}: {e}"))?;
    if got != sent {
        return Err(fail!("port {port}: {sent} commands sent, {got} replies"));
    }
    Ok(())
}

/// The TYPES commands on both servers, alternating, after making the
/// consumer group XREADGROUP reads with.
fn type_rows(pair: &Pair) -> Result<Vec<Row>> {
    for server in [pair.redis, pair.reddish] {
        one_command(server.port, &["DEL", "bench:s", "bench:hll", "bench:geo"])?;
        one_command(
            server.port,
            &["XGROUP", "CREATE", "bench:s", "g", "0", "MKSTREAM"],
        )?;
    }
    let mut rows = Vec::new();
    for pipeline in PIPELINES {
        for words in TYPES {
            rows.extend(pair.alternating(pipeline, |server| {
                benchmark(server, pipeline, pair.requests, Some(words))
            })?);
        }
    }
    Ok(rows)
}

/// `ZADD bigz <i> m:<i>` for i in 0..BIG_ZSET, 1,000 members a command;
/// the members redis-benchmark's `m:__rand_int__` names (`-r` draws
/// 0..BIG_ZSET, zero-padded to 12).
fn load_big_zset(port: u16) -> Result<()> {
    let per = 1000;
    send_all(
        port,
        BIG_ZSET.div_ceil(per) as u64,
        (0..BIG_ZSET.div_ceil(per)).map(move |c| {
            let mut argv: Vec<String> = vec!["ZADD".into(), "bigz".into()];
            for i in (c * per)..((c + 1) * per).min(BIG_ZSET) {
                argv.push(i.to_string());
                argv.push(format!("m:{i:012}"));
            }
            argv
        }),
    )
}

/// Keys per type in the memory comparison.
const MEMORY_KEYS: usize = 1_000_000;

/// The command that makes key `i` of a type, small values as a cache or
/// a session store would hold.
fn memory_command(kind: &str, i: usize) -> Vec<String> {
    let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<String>>();
    match kind {
        "string" => vec!["SET".into(), format!("key:{i}"), format!("value:{i}")],
        "list" => [
            w(&["RPUSH"]),
            vec![format!("list:{i}")],
            w(&["a", "b", "c"]),
        ]
        .concat(),
        "hash" => [
            w(&["HSET"]),
            vec![format!("hash:{i}")],
            w(&["name", "alice", "age", "30"]),
        ]
        .concat(),
        "set" => [w(&["SADD"]), vec![format!("set:{i}")], w(&["1", "2", "3"])].concat(),
        _ => [
            w(&["ZADD"]),
            vec![format!("zset:{i}")],
            w(&["1", "a", "2", "b"]),
        ]
        .concat(),
    }
}

/// Resident memory of a process, from /proc (Linux), in bytes.
fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// redis-server's `used_memory` (what the issue compares against).
fn used_memory(port: u16) -> Result<u64> {
    let mut cmd = Command::new("redis-cli");
    cmd.args(["-p", &port.to_string(), "INFO", "memory"]);
    let out = output_with_timeout(cmd, Duration::from_secs(30))?;
    out.lines()
        .find_map(|l| l.strip_prefix("used_memory:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| fail!("no used_memory in INFO from port {port}"))
}

/// For each type: fresh servers, then 1,000,000 keys of it in both; the
/// growth of redis-server's used_memory and of reddish-server's resident
/// memory (reddish has no allocator statistics of its own; RSS counts
/// everything, fragmentation included, so the comparison does not favour
/// us).
fn memory_report(reddish_bin: &std::path::Path, logs: &std::path::Path) -> Result<()> {
    println!(
        "{:<8} {:>16} {:>18} {:>14}",
        "type", "redis used_memory", "reddish RSS growth", "reddish/redis"
    );
    for kind in ["string", "list", "hash", "set", "zset"] {
        let ports = free_ports(2)?;
        let mut redis_cmd = Command::new("redis-server");
        redis_cmd.args([
            "--port",
            &ports[0].to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]);
        let redis = Server::start(
            "redis-server",
            redis_cmd,
            ports[0],
            &logs.join("memory-redis.log"),
        )?;
        let mut reddish_cmd = Command::new(reddish_bin);
        reddish_cmd.args(["--port", &ports[1].to_string()]);
        let reddish = Server::start(
            "reddish-server",
            reddish_cmd,
            ports[1],
            &logs.join("memory-reddish.log"),
        )?;
        let redis_before = used_memory(redis.port)?;
        let rss_before = rss_bytes(reddish.pid())
            .ok_or_else(|| fail!("cannot read /proc for reddish-server"))?;
        for port in [redis.port, reddish.port] {
            send_all(
                port,
                MEMORY_KEYS as u64,
                (0..MEMORY_KEYS).map(|i| memory_command(kind, i)),
            )?;
        }
        let redis_grew = used_memory(redis.port)?.saturating_sub(redis_before);
        let ours_grew = rss_bytes(reddish.pid())
            .unwrap_or(0)
            .saturating_sub(rss_before);
        let ratio = if redis_grew > 0 {
            ours_grew as f64 / redis_grew as f64
        } else {
            0.0
        };
        println!(
            "{kind:<8} {:>14.1} MB {:>16.1} MB {ratio:>14.2}",
            redis_grew as f64 / 1e6,
            ours_grew as f64 / 1e6
        );
    }
    Ok(())
}

/// One redis-benchmark run: `(command, requests per second)` per test;
/// `custom` runs that one command (with `-r BIG_ZSET`, the range its
/// `__rand_int__` draws from: the big set's members, or random keys)
/// instead of the built-in tests.
fn benchmark(
    server: &Server,
    pipeline: u32,
    requests: u32,
    custom: Option<&[&str]>,
) -> Result<Vec<(String, f64)>> {
    println!("\n-- {} (pipeline {pipeline})", server.name);
    let mut cmd = Command::new("redis-benchmark");
    cmd.args(["-h", "127.0.0.1", "-p", &server.port.to_string()]);
    cmd.args(["-n", &requests.to_string(), "-c", &CLIENTS.to_string()]);
    if pipeline > 1 {
        cmd.args(["-P", &pipeline.to_string()]);
    }
    cmd.args(["-q", "--csv"]);
    // Options first: whatever follows the command's name is its arguments.
    match custom {
        None => {
            cmd.args(["-t", TESTS]);
        }
        Some(words) => {
            cmd.args(["-r", &BIG_ZSET.to_string()]);
            cmd.args(words);
        }
    }
    let out = output_with_timeout(cmd, RUN_LIMIT)?;
    print!("{out}");
    let results = parse_csv(&out);
    if results.is_empty() {
        return Err(fail!(
            "redis-benchmark printed no results for {}",
            server.name
        ));
    }
    Ok(results)
}

/// Reads redis-benchmark's `--csv` output:
/// `"test","rps","avg_latency_ms",...` then `"SET","833333.38",...`.
/// The header and anything else that is not a number in column two is skipped.
fn parse_csv(text: &str) -> Vec<(String, f64)> {
    text.lines()
        .filter_map(|line| {
            let fields = csv_fields(line);
            let mut fields = fields.iter().map(|f| f.trim());
            let test = fields.next()?;
            let rps = fields.next()?.parse::<f64>().ok()?;
            (!test.is_empty()).then(|| (test.to_string(), rps))
        })
        .collect()
}

/// One CSV line's fields, quotes removed. A custom test's name is its
/// command line, so a script body puts commas inside the quotes.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

struct Row {
    command: String,
    pipeline: u32,
    redis: Option<f64>,
    reddish: Option<f64>,
}

/// Lines the two runs up by command, in redis's order, then any the reddish
/// run alone reported.
fn join_rows(pipeline: u32, redis: &[(String, f64)], reddish: &[(String, f64)]) -> Vec<Row> {
    let find =
        |list: &[(String, f64)], cmd: &str| list.iter().find(|(c, _)| c == cmd).map(|(_, r)| *r);
    let mut rows: Vec<Row> = redis
        .iter()
        .map(|(cmd, rps)| Row {
            command: cmd.clone(),
            pipeline,
            redis: Some(*rps),
            reddish: find(reddish, cmd),
        })
        .collect();
    for (cmd, rps) in reddish {
        if find(redis, cmd).is_none() {
            rows.push(Row {
                command: cmd.clone(),
                pipeline,
                redis: None,
                reddish: Some(*rps),
            });
        }
    }
    rows
}

fn table(rows: &[Row]) -> String {
    let rate = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{r:.0}"));
    let mut out = format!(
        "{:<36} {:>8} {:>14} {:>14} {:>14}\n",
        "command", "pipeline", "redis req/s", "reddish req/s", "reddish/redis"
    );
    for row in rows {
        let ratio = match (row.redis, row.reddish) {
            (Some(a), Some(b)) if a > 0.0 => format!("{:.2}", b / a),
            _ => "-".to_string(),
        };
        out += &format!(
            "{:<36} {:>8} {:>14} {:>14} {:>14}\n",
            row.command,
            row.pipeline,
            rate(row.redis),
            rate(row.reddish),
            ratio
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\"\n\
                       \"SET\",\"800000.00\",\"0.714\",\"0.136\"\n\
                       \"GET\",\"1052631.62\",\"0.520\",\"0.224\"\n";

    #[test]
    fn csv_skips_header_and_reads_rps() {
        let got = parse_csv(CSV);
        assert_eq!(
            got,
            vec![
                ("SET".to_string(), 800000.0),
                ("GET".to_string(), 1052631.62)
            ]
        );
    }

    #[test]
    fn csv_keeps_commas_inside_quotes() {
        let line = "\"EVAL return redis.call('SET', KEYS[1], ARGV[1]) 1 key:__rand_int__ val\",\"129870.13\",\"5.776\"";
        assert_eq!(
            parse_csv(line),
            vec![(
                "EVAL return redis.call('SET', KEYS[1], ARGV[1]) 1 key:__rand_int__ val"
                    .to_string(),
                129870.13
            )]
        );
    }

    #[test]
    fn rows_join_by_command_and_table_shows_ratio() {
        let redis = parse_csv(CSV);
        let reddish = vec![("GET".to_string(), 526315.81), ("INCR".to_string(), 1.0)];
        let rows = join_rows(16, &redis, &reddish);
        let text = table(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[1].starts_with("SET") && lines[1].ends_with('-'),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("GET") && lines[2].ends_with("0.50"),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].starts_with("INCR") && lines[3].contains(" - "),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn options() {
        let args = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_options(&args(&[])).unwrap().requests, REQUESTS);
        let o = parse_options(&args(&["--reddish-bin", "/x", "--requests", "10"])).unwrap();
        assert_eq!(
            (o.reddish_bin.unwrap(), o.requests),
            (PathBuf::from("/x"), 10)
        );
        assert!(parse_options(&args(&["--size-only"])).unwrap().size_only);
        assert!(!parse_options(&args(&[])).unwrap().size_only);
        assert!(parse_options(&args(&["--eval-only"])).unwrap().eval_only);
        assert!(!parse_options(&args(&[])).unwrap().eval_only);
        assert!(parse_options(&args(&["--requests", "0"])).is_err());
        assert!(parse_options(&args(&["--reddish-bin"])).is_err());
        assert!(parse_options(&args(&["--what"])).is_err());
    }
}
