//! Redis 7.0's RDB format (version 10), both ways: DUMP payloads, RDB
//! files (SAVE, DEBUG RELOAD, the native server's dump.rdb), FUNCTION
//! DUMP.
//!
//! Values are written as redis-server 7.0 writes them, so that the bytes
//! match where Redis's own are deterministic: strings as integers when
//! they read as small ones, else LZF-compressed past 20 bytes
//! (`rdbcompression`); small hashes and sorted sets as the listpack
//! Redis holds them in; lists as quicklist nodes cut where Redis's
//! fill rule cuts them for elements pushed at the tail; intsets as their
//! blob; streams as their listpack nodes with consumer groups. Where
//! Redis's order comes from its randomly seeded hash tables (the members
//! of a big set, the fields of a big hash, the libraries of FUNCTION
//! DUMP), ours is our table's order, which Redis reads just as well.
//!
//! Reading accepts every type a 7.0 file or payload may hold, older
//! encodings too (ziplists, the first quicklist and stream forms,
//! string-coded doubles), checks every length against what is left
//! before allocating, and rebuilds each value as Redis's loading does:
//! encodings chosen anew under the present `*-max-*` limits.

pub mod file;
pub mod listpack;
pub mod lzf;
mod read;
mod write;
mod ziplist;

#[cfg(test)]
mod tests;

pub use read::{Bad, Input, Limits, Res};
pub use write::Out;

use super::value::Value;

/// The RDB version Redis 7.0 writes, and the newest it reads.
pub const VERSION: u16 = 10;

/// CRC-64/Jones, which ends RDB files and DUMP payloads.
pub static CRC64: crc::Crc<u64> = crc::Crc::<u64>::new(&crc::CRC_64_REDIS);

/// Value type bytes.
pub mod ty {
    pub const STRING: u8 = 0;
    pub const LIST: u8 = 1;
    pub const SET: u8 = 2;
    pub const ZSET: u8 = 3;
    pub const HASH: u8 = 4;
    pub const ZSET_2: u8 = 5;
    pub const MODULE_2: u8 = 7;
    pub const HASH_ZIPMAP: u8 = 9;
    pub const LIST_ZIPLIST: u8 = 10;
    pub const SET_INTSET: u8 = 11;
    pub const ZSET_ZIPLIST: u8 = 12;
    pub const HASH_ZIPLIST: u8 = 13;
    pub const LIST_QUICKLIST: u8 = 14;
    pub const STREAM_LISTPACKS: u8 = 15;
    pub const HASH_LISTPACK: u8 = 16;
    pub const ZSET_LISTPACK: u8 = 17;
    pub const LIST_QUICKLIST_2: u8 = 18;
    pub const STREAM_LISTPACKS_2: u8 = 19;
}

/// A DUMP payload: the value's type and bytes, the RDB version (two
/// bytes, little-endian), and the CRC-64 of all that (eight bytes,
/// little-endian).
pub fn dump(v: &Value, opts: write::Options) -> Vec<u8> {
    let mut out = Out::new(opts);
    out.value_with_type(v);
    with_footer(out.into_bytes())
}

/// A payload's body followed by the RDB version and the CRC-64 of both
/// (DUMP's and FUNCTION DUMP's footer).
pub fn with_footer(mut body: Vec<u8>) -> Vec<u8> {
    body.extend_from_slice(&VERSION.to_le_bytes());
    let crc = CRC64.checksum(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

/// The body of a DUMP payload (type and value, or FUNCTION DUMP's
/// libraries) whose version Redis 7.0 reads and whose checksum holds
/// (`verifyDumpPayload`; `skip_checksum`: any checksum passes), with its
/// version.
pub fn verify(payload: &[u8], skip_checksum: bool) -> Option<(&[u8], u16)> {
    let body_len = payload.len().checked_sub(10)?;
    let (body, footer) = payload.split_at(body_len);
    let version = u16::from_le_bytes([footer[0], footer[1]]);
    if version > VERSION {
        return None;
    }
    if skip_checksum {
        return Some((body, version));
    }
    let crc = u64::from_le_bytes(footer[2..].try_into().ok()?);
    (CRC64.checksum(&payload[..body_len + 2]) == crc).then_some((body, version))
}

/// The value in a verified DUMP payload (RESTORE): its type byte, then
/// the value. Redis reads the payload whole, footer included, so a value
/// cut short reads on into the version and checksum, and bytes after the
/// value are ignored: both as here.
pub fn restore(payload: &[u8], limits: &Limits) -> Res<Value> {
    let mut input = Input::new(payload);
    let t = input.byte()?;
    input.value(t, limits)
}

pub use write::Options;
