//! MEMORY USAGE, in the rest of the engine; the model it reports from is
//! `engine/sizes.rs`.

use crate::engine::args::parse_i64;
use crate::engine::errors;
use crate::engine::sizes::{sds, value_size, DICT_ENTRY};
use crate::engine::{Engine, Session};
use crate::reply::Reply;

/// MEMORY USAGE key [SAMPLES count]
pub fn memory_usage(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut samples = 5usize;
    let mut j = 3;
    while let Some(opt) = argv.get(j) {
        match argv.get(j + 1) {
            Some(v) if opt.eq_ignore_ascii_case(b"samples") => match parse_i64(v) {
                None => return Reply::err(errors::NOT_INTEGER),
                Some(n) if n < 0 => return Reply::err(errors::SYNTAX),
                Some(0) => samples = usize::MAX,
                Some(n) => samples = usize::try_from(n).unwrap_or(usize::MAX),
            },
            _ => return Reply::err(errors::SYNTAX),
        }
        j += 2;
    }
    let key = argv.get(2).map(|k| k.as_slice()).unwrap_or_default();
    match eng.lookup(sess.db, key) {
        None => Reply::Null,
        Some(v) => {
            let total = value_size(v, samples) + sds(key.len()) + DICT_ENTRY;
            Reply::Integer(i64::try_from(total).unwrap_or(i64::MAX))
        }
    }
}
