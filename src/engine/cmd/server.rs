use crate::engine::{Engine, Session};
use crate::reply::Reply;

pub fn command_count(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn command_docs(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn command_getkeys(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn command_help(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn command_info(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn command_list(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn config_get(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn config_help(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn config_resetstat(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn config_rewrite(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn config_set(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn dbsize(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn flushall(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn flushdb(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn info(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn lastsave(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn swapdb(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn time(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
