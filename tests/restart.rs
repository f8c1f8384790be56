//! The native server across restarts it is asked for: CONFIG REWRITE
//! writes the file it started with so that the next start is as it runs
//! now (settings and ACL users), and DEBUG CRASH-AND-RECOVER drops every
//! connection without a reply and comes back with what its files hold.

#![cfg(feature = "server")]

mod common;

use common::{argv, scratch_dir, Client, ReddishServer};
use reddish::Reply;

fn call(c: &mut Client, words: &[&str]) -> Reply {
    c.call(&argv(words))
}

#[test]
fn config_rewrite_keeps_settings_and_users_for_the_next_start() {
    let dir = scratch_dir("rewrite", 0);
    let _ = std::fs::create_dir_all(&dir);
    let conf = dir.join("redis.conf");
    let text = format!(
        "# kept as it is\nbind 127.0.0.1\nsave \"\"\ndir {}\nmaxmemory 1mb\nmaxmemory 2mb\nuser default on nopass ~* +@all -flushdb\n",
        dir.display()
    );
    std::fs::write(&conf, &text).unwrap();
    let server = ReddishServer::start_from_file(&conf, &[]);
    let mut c = Client::connect(server.port);
    assert!(matches!(call(&mut c, &["FLUSHDB"]), Reply::Error(e) if e.starts_with("NOPERM")));
    assert_eq!(
        call(&mut c, &["CONFIG", "GET", "maxmemory"]),
        Reply::Array(vec![Reply::bulk("maxmemory"), Reply::bulk("2097152")])
    );
    assert_eq!(
        call(
            &mut c,
            &["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]
        ),
        Reply::ok()
    );
    assert_eq!(
        call(
            &mut c,
            &["ACL", "SETUSER", "reader", "on", ">pw", "~*", "+@read"]
        ),
        Reply::ok()
    );
    assert_eq!(call(&mut c, &["CONFIG", "REWRITE"]), Reply::ok());
    let written = std::fs::read_to_string(&conf).unwrap();
    assert!(
        written.starts_with("# kept as it is\nbind 127.0.0.1\nsave \"\"\n"),
        "{written}"
    );
    assert!(
        written.contains("\nmaxmemory 2mb\n") && !written.contains("maxmemory 1mb"),
        "{written}"
    );
    assert!(
        written.contains("\nmaxmemory-policy allkeys-lru\n"),
        "{written}"
    );
    assert!(written.contains("\nuser reader on "), "{written}");
    drop(c);
    drop(server);
    let again = ReddishServer::start_from_file(&conf, &[]);
    let mut c = Client::connect(again.port);
    assert!(matches!(call(&mut c, &["FLUSHDB"]), Reply::Error(e) if e.starts_with("NOPERM")));
    assert_eq!(
        call(&mut c, &["CONFIG", "GET", "maxmemory-policy"]),
        Reply::Array(vec![
            Reply::bulk("maxmemory-policy"),
            Reply::bulk("allkeys-lru")
        ])
    );
    assert_eq!(call(&mut c, &["AUTH", "reader", "pw"]), Reply::ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_crash_and_recover_drops_every_client_and_comes_back_from_the_aof() {
    let server =
        ReddishServer::start_with(&["--appendonly", "yes", "--enable-debug-command", "yes"]);
    let mut c = Client::connect(server.port);
    let mut other = Client::connect(server.port);
    assert_eq!(call(&mut c, &["SET", "k", "v"]), Reply::ok());
    assert_eq!(call(&mut other, &["PING"]), Reply::simple("PONG"));
    c.send(&argv(&["DEBUG", "CRASH-AND-RECOVER"]));
    assert_eq!(c.read_reply(), None, "no reply: the connection closes");
    assert_eq!(other.read_reply(), None, "every connection closes");
    let mut c = Client::connect(server.port);
    assert_eq!(call(&mut c, &["GET", "k"]), Reply::bulk("v"));
    // A real disk cannot forget what it was given.
    assert!(matches!(
        call(&mut c, &["DEBUG", "POWER-CUT"]),
        Reply::Error(e) if e.starts_with("ERR DEBUG POWER-CUT is the page's alone")
    ));
}
