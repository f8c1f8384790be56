use crate::engine::{Engine, Session};
use crate::reply::Reply;

pub fn client_getname(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn client_help(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn client_id(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn client_info(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn client_list(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn client_setname(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn echo(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn hello(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn ping(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn quit(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn reset(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
pub fn select(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply { Reply::err(crate::engine::errors::unknown_command(argv)) }
