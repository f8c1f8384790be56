//! Command handlers, one file per group as in Redis's sources: each
//! handler parses its arguments, checks types, changes the data, signals
//! the change and returns its reply, in that order.

pub mod connection;
pub mod hashes;
pub mod keys;
pub mod lists;
pub mod memory;
pub mod server;
pub mod sets;
pub mod sort;
pub mod strings;
pub mod zsets;

use super::{Engine, Session};
use crate::reply::Reply;

/// Containers (CONFIG, CLIENT, ...) are resolved to a subcommand before
/// dispatch; their own handler only runs if that logic is bypassed.
pub fn no_handler(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::err(super::errors::unknown_command(argv))
}
