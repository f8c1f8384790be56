//! ACL files and connections, against redis-server side by side: both
//! servers start from the same ACL file, save it back, refuse a broken
//! one in the same words (changing nothing), and close the connections
//! of a deleted user.

#![cfg(feature = "server")]

mod common;

use std::path::Path;
use std::time::Duration;

use common::{argv, Client, ReddishServer, RedisServer};
use reddish::Reply;

/// The words of a line, sorted: Redis lists single commands in its hash
/// table's order.
fn words(line: &str) -> Vec<String> {
    let mut w: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    w.sort();
    w
}

fn text(r: Reply) -> String {
    match r {
        Reply::Bulk(b) => String::from_utf8_lossy(&b).into_owned(),
        Reply::Error(e) => e,
        Reply::Simple(s) => s,
        other => format!("{other:?}"),
    }
}

fn list(c: &mut Client) -> Vec<Vec<String>> {
    match c.call(&argv(&["ACL", "LIST"])) {
        Reply::Array(users) => users.into_iter().map(|u| words(&text(u))).collect(),
        other => panic!("{other:?}"),
    }
}

/// sha256("pw"), as the file gives alice's password.
const PW_HASH: &str = "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4";

fn acl_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join("reddish-tests")
        .join(format!("acl-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

/// What one server does with the file: (users at start, alice's AUTH and
/// a refused write, the saved file's lines, the broken file's error with
/// the path left out, the users after it).
fn play(port: u16, file: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut admin = Client::connect(port);
    out.push(format!("{:?}", list(&mut admin)));
    let mut alice = Client::connect(port);
    out.push(text(alice.call(&argv(&["AUTH", "alice", "pw"]))));
    out.push(text(alice.call(&argv(&["GET", "app:1"]))));
    out.push(text(alice.call(&argv(&["SET", "app:1", "x"]))));
    out.push(text(alice.call(&argv(&["GET", "secret"]))));
    out.push(text(admin.call(&argv(&[
        "ACL",
        "SETUSER",
        "bob",
        "on",
        ">b",
        "~*",
        "+get",
        "(+set ~b:*)",
    ]))));
    out.push(text(admin.call(&argv(&["ACL", "SAVE"]))));
    let saved = std::fs::read_to_string(file).expect("the saved file");
    let mut lines: Vec<Vec<String>> = saved.lines().map(words).collect();
    lines.sort();
    out.push(format!("{lines:?}"));
    // A broken file: nothing changes, and the reason names each line.
    std::fs::write(
        file,
        "user carol on +nosuch1 +nosuch2 bogus +nosuch3 alsobogus\nnot a user line\nuser dave on bogus\nuser  eve on\nuser bob on\nuser bob off\nuser f\tg on\n",
    )
    .expect("write");
    let e = text(admin.call(&argv(&["ACL", "LOAD"])));
    out.push(e.replace(&file.to_string_lossy().into_owned(), "FILE"));
    out.push(format!("{:?}", list(&mut admin)));
    // A good file replaces every user; alice's connection is closed,
    // like that of every user but default. Without a `default` line the
    // default user is a fresh one, without requirepass's password.
    out.push(text(admin.call(&argv(&[
        "CONFIG",
        "SET",
        "requirepass",
        "pw",
    ]))));
    std::fs::write(file, "user erin on nopass ~* +@all\n").expect("write");
    out.push(text(admin.call(&argv(&["ACL", "LOAD"]))));
    out.push(format!("{:?}", list(&mut admin)));
    out.push(text(Client::connect(port).call(&argv(&["PING"]))));
    alice.send(&argv(&["PING"]));
    out.push(format!("{:?}", alice.read_within(Duration::from_secs(2))));
    out
}

/// A fresh ACL file for one server: default and alice.
fn acl_file(name: &str) -> std::path::PathBuf {
    let file = acl_dir(name).join("users.acl");
    std::fs::write(
        &file,
        format!(
            "user default on nopass ~* &* +@all\n\
             user alice on #{PW_HASH} ~app:* resetchannels &news -@all +@read\n"
        ),
    )
    .expect("write");
    file
}

#[test]
fn acl_files_load_save_and_refuse_as_redis_does() {
    let theirs = acl_file("redis");
    let redis = RedisServer::start_with(&["--aclfile", &theirs.to_string_lossy()]);
    let expected = play(redis.port, &theirs);
    let ours = acl_file("reddish");
    let server = ReddishServer::start_with(&["--aclfile", &ours.to_string_lossy()]);
    let got = play(server.port, &ours);
    for f in [theirs, ours] {
        let _ = std::fs::remove_dir_all(f.parent().unwrap_or(&f));
    }
    assert_eq!(expected, got);
}

/// ACL DELUSER closes the connections of the users it deletes.
#[test]
fn a_deleted_users_connections_are_closed() {
    fn play(port: u16) -> Vec<String> {
        let mut admin = Client::connect(port);
        let mut out = vec![text(admin.call(&argv(&[
            "ACL", "SETUSER", "gone", "on", "nopass", "+@all", "~*",
        ])))];
        let mut user = Client::connect(port);
        out.push(text(user.call(&argv(&["AUTH", "gone", "x"]))));
        out.push(text(user.call(&argv(&["ACL", "WHOAMI"]))));
        out.push(text(admin.call(&argv(&["ACL", "DELUSER", "gone"]))));
        user.send(&argv(&["PING"]));
        out.push(format!("{:?}", user.read_within(Duration::from_secs(2))));
        out
    }
    let redis = RedisServer::start();
    let ours = ReddishServer::start();
    assert_eq!(play(redis.port), play(ours.port));
}
