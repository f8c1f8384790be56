//! Error texts shared by many commands, spelled once, exactly as Redis 7.0
//! spells them. A command-specific error lives next to its command.

pub const WRONGTYPE: &str = "WRONGTYPE Operation against a key holding the wrong kind of value";
pub const SYNTAX: &str = "ERR syntax error";
pub const NOT_INTEGER: &str = "ERR value is not an integer or out of range";
pub const NOT_FLOAT: &str = "ERR value is not a valid float";
pub const OVERFLOW: &str = "ERR increment or decrement would overflow";
pub const NO_SUCH_KEY: &str = "ERR no such key";
pub const DB_INDEX_OUT_OF_RANGE: &str = "ERR DB index is out of range";
pub const INVALID_DB_INDEX: &str = "ERR invalid DB index";
pub const OUT_OF_RANGE: &str = "ERR value is out of range, must be positive";
pub const STRING_TOO_LONG: &str = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
pub const NAN_OR_INF: &str = "ERR increment would produce NaN or Infinity";
pub const NOTBUSY: &str = "NOTBUSY No scripts in execution right now.";
pub const WRITE_FLAG_RO: &str = "ERR Can not execute a script with write flag using *_ro command.";
pub const UNKNOWN_FROM_SCRIPT: &str = "ERR Unknown Redis command called from script";
pub const NO_CALL_ARGS: &str = "ERR Please specify at least one argument for this redis lib call";
pub const WRONG_ARGS_OR_TYPE: &str = "ERR wrong number or type of arguments";

pub fn wrong_arity(fullname: &str) -> String {
    format!("ERR wrong number of arguments for '{fullname}' command")
}

pub fn invalid_expire(fullname: &str) -> String {
    format!("ERR invalid expire time in '{fullname}' command")
}

/// Redis quotes at most 128 bytes of what the client typed, and a few of its
/// arguments, so that the error stays one short line.
pub fn unknown_command(argv: &[Vec<u8>]) -> String {
    let name = argv.first().map(|a| clip(a, 128)).unwrap_or_default();
    let mut args = String::new();
    for a in argv.iter().skip(1) {
        if args.len() >= 128 {
            break;
        }
        let room = 128 - args.len();
        args.push('\'');
        args.push_str(&clip(a, room));
        args.push_str("' ");
    }
    format!("ERR unknown command '{name}', with args beginning with: {args}")
}

pub fn unknown_subcommand(container: &[u8], sub: &[u8]) -> String {
    format!(
        "ERR unknown subcommand '{}'. Try {} HELP.",
        clip(sub, 128),
        String::from_utf8_lossy(&container.to_ascii_uppercase())
    )
}

/// At most `max` bytes of `bytes`, as text, the way `%.*s` would print them.
pub fn clip(bytes: &[u8], max: usize) -> String {
    let end = bytes.len().min(max);
    let cut = bytes.get(..end).unwrap_or(bytes);
    // `%s` stops at a NUL byte too.
    let cut = match cut.iter().position(|&b| b == 0) {
        Some(p) => cut.get(..p).unwrap_or(cut),
        None => cut,
    };
    String::from_utf8_lossy(cut).into_owned()
}
