//! The native server against real sockets: slow readers, output limits,
//! pipelines, end of file, shutdown.

use std::io::Read;

use super::*;
use std::net::{Shutdown, TcpStream};

fn args(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

#[test]
fn parses_arguments() {
    let (bind, port, opts) = parse_args(args("--port 7000 --bind 0.0.0.0 --seed 42")).unwrap();
    assert_eq!((bind.as_str(), port, opts.seed), ("0.0.0.0", 7000, 42));
    let (bind, port, _) = parse_args(args("")).unwrap();
    assert_eq!((bind.as_str(), port), ("127.0.0.1", 6379));
    let (_, port, opts) = parse_args(args("--port=1234 --maxclients=5")).unwrap();
    assert_eq!((port, opts.maxclients), (1234, 5));
    assert!(parse_args(args("--port")).is_err());
    assert!(parse_args(args("--port x")).is_err());
    assert!(parse_args(args("--nope 1")).is_err());
    // Configuration parameters, checked against the table.
    let (_, _, opts) = parse_args(args("--enable-debug-command local --hz=20")).unwrap();
    assert_eq!(
        opts.config,
        vec![
            ("enable-debug-command".to_string(), "local".to_string()),
            ("hz".to_string(), "20".to_string())
        ]
    );
    assert!(parse_args(args("--enable-debug-command maybe")).is_err());
    assert!(parse_args(args("--hz")).is_err());
}

#[test]
fn reads_a_redis_conf_first_and_the_command_line_wins() {
    let dir = std::env::temp_dir().join(format!("reddish-conf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let conf = dir.join("redis.conf");
    std::fs::write(
        &conf,
        "# a comment\n\nport 7000\nbind 127.0.0.1 -::1\nsave 900 1\nsave 60 10000\n\
         dbfilename \"my dump.rdb\"\nHZ 20\n",
    )
    .unwrap();
    let path = conf.to_string_lossy().into_owned();
    let (bind, port, opts) = parse_args(vec![path.clone(), "--hz".into(), "30".into()]).unwrap();
    assert_eq!((bind.as_str(), port), ("127.0.0.1", 7000));
    let get = |name: &str| {
        opts.config
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    // Save lines add up; a quoted value keeps its space; the command line
    // comes after the file, so its value is the one applied last.
    assert_eq!(get("save").as_deref(), Some("900 1 60 10000"));
    assert_eq!(get("dbfilename").as_deref(), Some("my dump.rdb"));
    assert_eq!(get("hz").as_deref(), Some("30"));
    // `save ""` clears what came before it.
    std::fs::write(&conf, "save 900 1\nsave \"\"\n").unwrap();
    let (_, _, opts) = parse_args(vec![path.clone()]).unwrap();
    assert_eq!(opts.config, vec![("save".to_string(), String::new())]);
    // Errors name the file's problem.
    std::fs::write(&conf, "save \"900 1\n").unwrap();
    assert!(parse_args(vec![path])
        .unwrap_err()
        .contains("unbalanced quotes"));
    assert!(parse_args(vec!["/no/such/redis.conf".into()])
        .unwrap_err()
        .contains("can't open config file"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn start(opts: ServerOptions) -> ServerHandle {
    spawn(TcpListener::bind("127.0.0.1:0").unwrap(), opts).unwrap()
}

fn connect(server: &ServerHandle) -> TcpStream {
    let c = TcpStream::connect(server.local_addr()).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c
}

fn roundtrip(c: &mut TcpStream, wire: &[u8], want: &[u8]) {
    c.write_all(wire).unwrap();
    let mut got = vec![0u8; want.len()];
    c.read_exact(&mut got).unwrap();
    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(want));
}

fn set_big(c: &mut TcpStream, len: usize) -> Vec<u8> {
    let value = vec![b'x'; len];
    let mut wire = Vec::new();
    resp::encode_command(&[&b"SET"[..], b"big", &value], &mut wire);
    roundtrip(c, &wire, b"+OK\r\n");
    let mut reply = format!("${len}\r\n").into_bytes();
    reply.extend_from_slice(&value);
    reply.extend_from_slice(b"\r\n");
    reply
}

/// A client that does not read blocks nobody: its replies wait in its
/// buffer (WRITABLE interest) while others are served, and it gets
/// every byte once it reads.
#[test]
fn slow_reader_gets_everything_and_blocks_no_one() {
    let server = start(ServerOptions::default());
    let mut slow = connect(&server);
    let one = set_big(&mut slow, 1024 * 1024);
    slow.write_all(&b"GET big\r\n".repeat(40)).unwrap();
    thread::sleep(Duration::from_millis(200));
    let mut other = connect(&server);
    roundtrip(&mut other, b"PING\r\n", b"+PONG\r\n");
    let mut got = vec![0u8; one.len() * 40];
    slow.read_exact(&mut got).unwrap();
    assert!(got.chunks(one.len()).all(|c| c == one.as_slice()));
    roundtrip(&mut slow, b"PING\r\n", b"+PONG\r\n");
}

/// Past client_output_buffer_limit the client is dropped; others are
/// unaffected and the slot is given back.
#[test]
fn output_limit_disconnects_only_that_client() {
    let server = start(ServerOptions {
        client_output_buffer_limit: 4 * 1024 * 1024,
        ..ServerOptions::default()
    });
    let mut hog = connect(&server);
    let one = set_big(&mut hog, 1024 * 1024);
    let gets = 100;
    // The server may close while we are still writing.
    let _ = hog.write_all(&b"GET big\r\n".repeat(gets));
    thread::sleep(Duration::from_millis(200));
    let mut got = Vec::new();
    let _ = hog.read_to_end(&mut got);
    assert!(
        got.len() < one.len() * gets,
        "the client was never disconnected"
    );
    let mut other = connect(&server);
    roundtrip(&mut other, b"EXISTS big\r\n", b":1\r\n");
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.shared().connected_clients() != 1 {
        assert!(
            Instant::now() < deadline,
            "clients: {}",
            server.shared().connected_clients()
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// A client that sends a request and half-closes still gets its reply,
/// as with Redis.
#[test]
fn reply_is_written_before_closing_on_eof() {
    let server = start(ServerOptions::default());
    let mut c = connect(&server);
    c.write_all(b"PING\r\nECHO hi\r\n").unwrap();
    c.shutdown(Shutdown::Write).unwrap();
    let mut got = Vec::new();
    c.read_to_end(&mut got).unwrap();
    assert_eq!(got, b"+PONG\r\n$2\r\nhi\r\n");
}

/// A pipeline larger than one read budget is run completely and in
/// order, while another client keeps being served.
#[test]
fn huge_pipeline_in_order() {
    let server = start(ServerOptions::default());
    let mut c = connect(&server);
    let n = 100_000;
    let writer = {
        let mut w = c.try_clone().unwrap();
        thread::spawn(move || w.write_all(&b"INCR n\r\n".repeat(n)).unwrap())
    };
    let mut other = connect(&server);
    roundtrip(&mut other, b"PING\r\n", b"+PONG\r\n");
    let want: Vec<u8> = (1..=n)
        .flat_map(|i| format!(":{i}\r\n").into_bytes())
        .collect();
    let mut got = vec![0u8; want.len()];
    c.read_exact(&mut got).unwrap();
    assert!(got == want, "replies out of order");
    writer.join().unwrap();
}

#[test]
fn shutdown_closes_every_connection() {
    let mut server = start(ServerOptions::default());
    let mut a = connect(&server);
    let mut b = connect(&server);
    roundtrip(&mut a, b"PING\r\n", b"+PONG\r\n");
    roundtrip(&mut b, b"PING\r\n", b"+PONG\r\n");
    assert_eq!(server.shared().connected_clients(), 2);
    server.shutdown();
    for c in [&mut a, &mut b] {
        let mut rest = Vec::new();
        assert_eq!(c.read_to_end(&mut rest).unwrap_or(0), 0);
    }
}
