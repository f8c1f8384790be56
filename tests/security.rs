//! Protected mode, against redis-server side by side: a connection from
//! an address other than 127.0.0.1 (here 127.0.0.2, still on loopback, so
//! the test never leaves the machine) is told the same words and closed
//! while the default user has no password; with a password, or with
//! protected mode off, it is served.

#![cfg(feature = "server")]

mod common;

use std::process::Command;

use common::{argv, Client, ReddishServer, RedisServer};
use reddish::Reply;

/// What a client connecting from 127.0.0.2 receives: a refusal sent at
/// once (read before anything is sent, so that no write races the
/// server's close), or else the answer to a PING, until the server closes
/// or half a second passes. Python's socket can bind the client's
/// address, which std's TcpStream cannot.
fn from_other_address(port: u16) -> Vec<u8> {
    let script = format!(
        "import socket,sys\n\
         s=socket.socket(); s.bind(('127.0.0.2',0)); s.connect(('127.0.0.1',{port}))\n\
         def drain():\n  \
           data=b''\n  \
           try:\n    \
             while True:\n      \
               d=s.recv(65536)\n      \
               if not d: break\n      \
               data+=d\n  \
           except OSError: pass\n  \
           return data\n\
         s.settimeout(0.5)\n\
         data=drain()\n\
         if not data:\n  \
           s.sendall(b'PING\\r\\n')\n  \
           data=drain()\n\
         sys.stdout.buffer.write(data)\n"
    );
    let out = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn rejected_connections(c: &mut Client) -> String {
    match c.call(&argv(&["INFO", "stats"])) {
        Reply::Bulk(b) => String::from_utf8_lossy(&b)
            .lines()
            .find(|l| l.starts_with("rejected_connections:"))
            .unwrap_or_default()
            .to_string(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn protected_mode_refuses_other_addresses_as_redis_does() {
    let redis = RedisServer::start();
    let ours = ReddishServer::start();
    let theirs = from_other_address(redis.port);
    assert!(theirs.starts_with(b"-DENIED Redis is running in protected mode"));
    assert_eq!(from_other_address(ours.port), theirs);
    let mut r = Client::connect(redis.port);
    let mut o = Client::connect(ours.port);
    assert_eq!(rejected_connections(&mut o), rejected_connections(&mut r));
    assert_eq!(rejected_connections(&mut o), "rejected_connections:1");

    // A password for the default user: served (asked to AUTH).
    for c in [&mut r, &mut o] {
        assert_eq!(
            c.call(&argv(&["CONFIG", "SET", "requirepass", "pw"])),
            Reply::ok()
        );
    }
    let with_password = from_other_address(redis.port);
    assert_eq!(with_password, b"-NOAUTH Authentication required.\r\n");
    assert_eq!(from_other_address(ours.port), with_password);

    // Protected mode off, no password: served.
    for c in [&mut r, &mut o] {
        assert_eq!(
            c.call(&argv(&["CONFIG", "SET", "requirepass", ""])),
            Reply::ok()
        );
        assert_eq!(
            c.call(&argv(&["CONFIG", "SET", "protected-mode", "no"])),
            Reply::ok()
        );
    }
    assert_eq!(from_other_address(redis.port), b"+PONG\r\n");
    assert_eq!(from_other_address(ours.port), b"+PONG\r\n");
}
