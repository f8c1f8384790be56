//! AUTH: a client proves who it is. Until ACL users arrive there is one
//! user, `default`, whose password is `requirepass` (none: any password
//! is accepted, as Redis's `nopass` default user accepts any).

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
            if eng
                .config
                .get_str("requirepass")
                .is_none_or(|p| p.is_empty())
            {
                return Reply::err("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?");
            }
            (b"default", pass)
        }
        [_, user, pass] => (user, pass),
        _ => return Reply::err(errors::SYNTAX),
    };
    if eng.check_password(user, pass) {
        eng.unauthenticated.remove(&sess.id);
        Reply::ok()
    } else {
        Reply::err(super::connection::WRONGPASS)
    }
}
