//! AUTH: a client proves who it is: the default user's password
//! (`requirepass`, or its ACL rules), or a user's name and password (see
//! `acl.rs`). A wrong pair is logged in ACL LOG.

use crate::engine::errors;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// AUTH [username] password
pub fn auth(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return Reply::err(errors::SYNTAX);
    }
    let (user, pass): (&[u8], &[u8]) = match argv {
        [_, pass] => {
            if eng.default_user_nopass() {
                return Reply::err("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
            }
            (b"default", pass)
        }
        [_, user, pass] => (user, pass),
        _ => return Reply::err(errors::SYNTAX),
    };
    if eng.authenticate(sess, argv, user, pass) {
        Reply::ok()
    } else {
        Reply::err(super::connection::WRONGPASS)
    }
}

/// What a connection from outside the loopback interface is told before
/// it is closed while `protected-mode` is on and the default user has no
/// password (Redis's protected mode; only the native server takes such
/// connections). Redis counts only 127.0.0.1 and ::1 as local.
#[cfg(feature = "server")]
impl Engine {
    pub fn protected_mode_refusal(&mut self, peer_ip: &str) -> Option<&'static [u8]> {
        let open = self.config.get_bool("protected-mode") && self.default_user_nopass();
        if !open || peer_ip == "127.0.0.1" || peer_ip == "::1" {
            return None;
        }
        self.stats.rejected_connections += 1;
        Some(
            concat!(
                "-DENIED Redis is running in protected mode because protected ",
                "mode is enabled and no password is set for the default user. ",
                "In this mode connections are only accepted from the loopback interface. ",
                "If you want to connect from external computers to Redis you ",
                "may adopt one of the following solutions: ",
                "1) Just disable protected mode sending the command ",
                "'CONFIG SET protected-mode no' from the loopback interface ",
                "by connecting to Redis from the same host the server is ",
                "running, however MAKE SURE Redis is not publicly accessible ",
                "from internet if you do so. Use CONFIG REWRITE to make this ",
                "change permanent. ",
                "2) Alternatively you can just disable the protected mode by ",
                "editing the Redis configuration file, and setting the protected ",
                "mode option to 'no', and then restarting the server. ",
                "3) If you started the server manually just for testing, restart ",
                "it with the '--protected-mode no' option. ",
                "4) Setup a an authentication password for the default user. ",
                "NOTE: You only need to do one of the above things in order for ",
                "the server to start accepting connections from the outside.\r\n"
            )
            .as_bytes(),
        )
    }
}
