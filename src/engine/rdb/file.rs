//! Whole RDB files (`rdbSaveRio`, `rdbLoadRio`): the "REDIS0010" magic,
//! auxiliary fields, function libraries, each non-empty database with
//! its size hints and keys (deadlines in milliseconds before their key),
//! the end byte and the CRC-64 of everything before it.

use super::read::{Bad, Input, Limits, Res};
use super::write::{Options, Out};
use super::VERSION;
use crate::engine::value::Value;

pub mod op {
    pub const FUNCTION2: u8 = 245;
    pub const FUNCTION_PRE_GA: u8 = 246;
    pub const MODULE_AUX: u8 = 247;
    pub const IDLE: u8 = 248;
    pub const FREQ: u8 = 249;
    pub const AUX: u8 = 250;
    pub const RESIZEDB: u8 = 251;
    pub const EXPIRETIME_MS: u8 = 252;
    pub const EXPIRETIME: u8 = 253;
    pub const SELECTDB: u8 = 254;
    pub const EOF: u8 = 255;
}

/// One key as a file holds it.
pub struct Key<'a> {
    pub key: &'a [u8],
    pub value: &'a Value,
    pub expire_ms: Option<i64>,
    /// Seconds idle, written under an LRU policy (Redis's IDLE opcode).
    pub idle_secs: Option<u64>,
    /// The LFU counter, written under an LFU policy (the FREQ opcode).
    pub freq: Option<u8>,
}

/// What a file is made of, gathered by the engine (`Engine::rdb_bytes`).
pub struct Contents<'a> {
    pub ctime_secs: i64,
    pub used_mem: u64,
    /// Library sources, in the engine's order.
    pub libraries: Vec<&'a [u8]>,
    /// Per database: its index, its number of keys with a deadline, its keys.
    pub dbs: Vec<(usize, usize, Vec<Key<'a>>)>,
    /// `rdbchecksum`: with `no`, the checksum is written as zero.
    pub checksum: bool,
}

fn aux(out: &mut Out, key: &str, value: &str) {
    out.byte(op::AUX);
    out.string(key.as_bytes());
    out.string(value.as_bytes());
}

/// The file's bytes.
pub fn write(c: &Contents<'_>, opts: Options) -> Vec<u8> {
    let mut out = Out::new(opts);
    out.raw(format!("REDIS{VERSION:04}").as_bytes());
    aux(
        &mut out,
        "redis-ver",
        crate::engine::cmd::connection::REDIS_VERSION,
    );
    aux(&mut out, "redis-bits", "64");
    aux(&mut out, "ctime", &c.ctime_secs.to_string());
    aux(&mut out, "used-mem", &c.used_mem.to_string());
    aux(&mut out, "aof-base", "0");
    for code in &c.libraries {
        out.byte(op::FUNCTION2);
        out.string(code);
    }
    for (index, volatile, keys) in &c.dbs {
        if keys.is_empty() {
            continue;
        }
        out.byte(op::SELECTDB);
        out.len(*index as u64);
        out.byte(op::RESIZEDB);
        out.len(keys.len() as u64);
        out.len(*volatile as u64);
        for k in keys {
            if let Some(t) = k.expire_ms {
                out.byte(op::EXPIRETIME_MS);
                out.ms(t);
            }
            if let Some(idle) = k.idle_secs {
                out.byte(op::IDLE);
                out.len(idle);
            }
            if let Some(freq) = k.freq {
                out.byte(op::FREQ);
                out.byte(freq);
            }
            out.byte(super::write::type_of(k.value));
            out.string(k.key);
            out.value(k.value);
        }
    }
    out.byte(op::EOF);
    let crc = if c.checksum {
        super::CRC64.checksum(out.bytes_so_far())
    } else {
        0
    };
    out.raw(&crc.to_le_bytes());
    out.into_bytes()
}

/// A key read from a file.
pub struct LoadedKey {
    pub db: usize,
    pub key: Vec<u8>,
    pub value: Value,
    pub expire_ms: Option<i64>,
    /// OBJECT IDLETIME or FREQ as saved (under an LRU or LFU policy).
    pub idle_secs: Option<u64>,
    pub freq: Option<u8>,
}

/// What a file held.
#[derive(Default)]
pub struct Loaded {
    pub keys: Vec<LoadedKey>,
    pub libraries: Vec<Vec<u8>>,
    /// The auxiliary fields, for whoever wants to show them.
    pub aux: Vec<(String, String)>,
    pub version: u16,
    /// Bytes the file took, checksum included: what follows is not the
    /// RDB's (an AOF with an RDB preamble goes on with commands).
    pub len: usize,
}

/// Read a whole file. `databases`: how many this server has (a key in
/// another is refused, as Redis refuses to start). With `check`, the
/// checksum is checked when the file has one (version 5 and later, not
/// zero); Redis checks it unless `rdbchecksum no` or DEBUG
/// SET-SKIP-CHECKSUM-VALIDATION.
pub fn read(bytes: &[u8], lim: &Limits, databases: usize, check: bool) -> Res<Loaded> {
    let mut input = Input::new(bytes);
    let magic = input
        .take(9)
        .map_err(|_| Bad("not an RDB file (too short)".into()))?;
    if &magic[..5] != b"REDIS" {
        return Err(Bad("not an RDB file (no REDIS signature)".into()));
    }
    let version = std::str::from_utf8(&magic[5..])
        .ok()
        .and_then(|v| v.parse::<u16>().ok())
        .filter(|v| (1..=VERSION).contains(v))
        .ok_or_else(|| {
            Bad(format!(
                "can't handle RDB format version {}",
                String::from_utf8_lossy(&magic[5..])
            ))
        })?;
    let mut loaded = Loaded {
        version,
        ..Loaded::default()
    };
    let mut db = 0usize;
    let (mut expire_ms, mut idle_secs, mut freq) = (None, None, None);
    loop {
        let t = input.byte()?;
        match t {
            op::EXPIRETIME => {
                expire_ms = Some(i64::from(input.u32_le()?) * 1000);
                continue;
            }
            op::EXPIRETIME_MS => {
                expire_ms = Some(input.ms()?);
                continue;
            }
            op::FREQ => {
                freq = Some(input.byte()?);
                continue;
            }
            op::IDLE => {
                idle_secs = Some(input.length()?);
                continue;
            }
            op::EOF => break,
            op::SELECTDB => {
                db = input.count()?;
                if db >= databases {
                    return Err(Bad(format!(
                        "the file has a key in database {db}, and this server has {databases} databases"
                    )));
                }
                continue;
            }
            op::RESIZEDB => {
                input.length()?;
                input.length()?;
                continue;
            }
            op::AUX => {
                let k = input.string()?;
                let v = input.string()?;
                loaded.aux.push((
                    String::from_utf8_lossy(&k).into_owned(),
                    String::from_utf8_lossy(&v).into_owned(),
                ));
                continue;
            }
            op::FUNCTION2 => {
                loaded.libraries.push(input.string()?.into_owned());
                continue;
            }
            op::FUNCTION_PRE_GA => {
                return Err(Bad(
                    "a function in the format of Redis 7.0's release candidates".into(),
                ))
            }
            op::MODULE_AUX => return Err(Bad("a module's data (no modules here)".into())),
            _ => {}
        }
        let key = input.string()?.into_owned();
        let value = input.value(t, lim).map_err(|Bad(why)| {
            Bad(format!(
                "key '{}': {why}",
                String::from_utf8_lossy(&key[..key.len().min(64)])
            ))
        })?;
        loaded.keys.push(LoadedKey {
            db,
            key,
            value,
            expire_ms: expire_ms.take(),
            idle_secs: idle_secs.take(),
            freq: freq.take(),
        });
    }
    if version >= 5 {
        let end = input.pos();
        let stored = u64::from_le_bytes(
            input
                .take(8)?
                .try_into()
                .map_err(|_| Bad("the data ends too early".into()))?,
        );
        if check && stored != 0 && stored != super::CRC64.checksum(&bytes[..end]) {
            return Err(Bad("wrong RDB checksum".into()));
        }
    }
    loaded.len = input.pos();
    Ok(loaded)
}
