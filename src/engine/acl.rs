//! ACL: users, the rules that say what each may run, read, write and
//! publish to, and the log of what was refused. Part of the rest of the
//! engine: the core holds it as a `Guard` trait object (`Engine::acl`),
//! `None` until something needs it (an ACL command, a user's AUTH, a
//! failed password), so the first loads carry none of this code. Until
//! then the only user is `default`, with every permission and
//! `requirepass` as its password.
//!
//! The model follows Redis 7.0's `acl.c`: a user has flags, SHA-256
//! password hashes and selectors; the first selector is the root one
//! (the rules written outside parentheses), and a command is allowed
//! when any selector allows it. A selector holds one bit per command of
//! Redis 7.0's table (`ACL_TABLE`, every command and subcommand Redis
//! knows, not only the ones this engine runs, so that describing a user
//! picks the same categories Redis picks), the first arguments allowed
//! for commands whose bit is off (`+select|0`), key patterns with read
//! and write permissions, and channel patterns.

use crate::engine::table::flag;
use std::collections::BTreeMap;

use super::commands::{ACL_CATEGORIES, ACL_TABLE};
use super::table::Command;
use super::{glob, keyspecs};
use crate::reply::Reply;

/// A selector's command bits: one per entry of `ACL_TABLE`.
const WORDS: usize = 8;
type Bits = [u64; WORDS];

const READ: u8 = 1;
const WRITE: u8 = 2;

/// Why a command was refused, in Redis's order of relevance (a later
/// reason is the one reported when several selectors refuse).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Denied {
    Command,
    Key,
    Auth,
    Channel,
}

impl Denied {
    pub fn name(self) -> &'static str {
        match self {
            Denied::Command => "command",
            Denied::Key => "key",
            Denied::Auth => "auth",
            Denied::Channel => "channel",
        }
    }
}

/// What a rule could not do, as `ACL SETUSER` words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleError {
    Unknown,
    Syntax,
    AfterAllKeys,
    AfterAllChannels,
    NoSuchPassword,
    BadHash,
    FirstArgOfSub,
}

impl RuleError {
    pub fn text(self) -> &'static str {
        match self {
            RuleError::Unknown => "Unknown command or category name in ACL",
            RuleError::Syntax => "Syntax error",
            RuleError::AfterAllKeys => "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns",
            RuleError::AfterAllChannels => "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
            RuleError::NoSuchPassword => "The password you are trying to remove from the user does not exist",
            RuleError::BadHash => "The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters",
            RuleError::FirstArgOfSub => "Allowing first-arg of a subcommand is not supported",
        }
    }
}

/// A command's place in `ACL_TABLE` (its bit), by its full name in any case.
fn command_id(name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    ACL_TABLE.binary_search_by(|(n, _)| (*n).cmp(&lower)).ok()
}

/// Redis's `ACLLookupCommand`: `name` or `container|sub`, nothing deeper;
/// a `|` after a command without subcommands finds nothing.
fn lookup(name: &str) -> Option<usize> {
    if name.split('|').count() > 2 {
        return None;
    }
    command_id(name)
}

fn is_sub(id: usize) -> bool {
    ACL_TABLE[id].0.contains('|')
}

/// The subcommands of command `id`: the entries right after it named
/// `id's name|...` (the table is sorted by name, and `|` sorts after
/// every character of a command name).
fn subcommands(id: usize) -> impl Iterator<Item = usize> {
    let prefix = format!("{}|", ACL_TABLE[id].0);
    let subs = if is_sub(id) { 0 } else { usize::MAX };
    (id + 1..ACL_TABLE.len())
        .take_while(move |&j| ACL_TABLE[j].0.starts_with(&prefix))
        .take(subs)
}

fn category(name: &str) -> Option<u32> {
    ACL_CATEGORIES
        .iter()
        .position(|c| c.eq_ignore_ascii_case(name))
        .map(|i| 1 << i)
}

fn bit(bits: &Bits, id: usize) -> bool {
    bits[id / 64] & (1 << (id % 64)) != 0
}

fn set_bit(bits: &mut Bits, id: usize, on: bool) {
    if on {
        bits[id / 64] |= 1 << (id % 64);
    } else {
        bits[id / 64] &= !(1 << (id % 64));
    }
}

/// A command's bit and its subcommands' (Redis's `ACLChangeSelectorPerm`
/// on bits alone).
fn change_bits(bits: &mut Bits, id: usize, on: bool) {
    set_bit(bits, id, on);
    for sub in subcommands(id) {
        set_bit(bits, sub, on);
    }
}

/// Every command of a category, with its subcommands (a container in a
/// category brings all of its subcommands along, as in Redis).
fn category_bits(bits: &mut Bits, flag: u32, on: bool) {
    for (id, (_, cats)) in ACL_TABLE.iter().enumerate() {
        if cats & flag != 0 {
            change_bits(bits, id, on);
        }
    }
}

/// Redis's `ACLStringHasSpaces`: no white space (C's `isspace`: space,
/// tab, newline, vertical tab, form feed, carriage return) or NUL bytes
/// in names and patterns.
pub fn has_spaces(s: &[u8]) -> bool {
    s.iter()
        .any(|&b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0))
}

fn hash_password(pass: &[u8]) -> String {
    hex(&hmac_sha256::Hash::hash(pass))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_hash(h: &[u8]) -> bool {
    h.len() == 64 && h.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[derive(Clone, Debug)]
pub struct Selector {
    root: bool,
    all_keys: bool,
    all_channels: bool,
    all_commands: bool,
    /// The bit `+@all` sets and only `-@all` clears: the user was given
    /// every command, including ones a later version would add. It is what
    /// makes a description start with `+@all` rather than `-@all`.
    future: bool,
    bits: Bits,
    /// First arguments allowed for a command whose bit is off, by id.
    first_args: BTreeMap<usize, Vec<String>>,
    keys: Vec<(Vec<u8>, u8)>,
    channels: Vec<Vec<u8>>,
}

impl Selector {
    fn new(root: bool, all_channels: bool) -> Selector {
        Selector {
            root,
            all_keys: false,
            all_channels,
            all_commands: false,
            future: false,
            bits: [0; WORDS],
            first_args: BTreeMap::new(),
            keys: Vec::new(),
            channels: Vec::new(),
        }
    }

    fn change(&mut self, id: usize, on: bool) {
        if !on {
            self.all_commands = false;
        }
        change_bits(&mut self.bits, id, on);
        self.first_args.remove(&id);
    }

    /// One selector rule (Redis's `ACLSetSelector`).
    fn apply(&mut self, op: &[u8]) -> Result<(), RuleError> {
        let word = String::from_utf8_lossy(op).to_ascii_lowercase();
        match word.as_str() {
            "allkeys" | "~*" => {
                self.all_keys = true;
                self.keys.clear();
            }
            "resetkeys" => {
                self.all_keys = false;
                self.keys.clear();
            }
            "allchannels" | "&*" => {
                self.all_channels = true;
                self.channels.clear();
            }
            "resetchannels" => {
                self.all_channels = false;
                self.channels.clear();
            }
            "allcommands" | "+@all" => {
                self.bits = [u64::MAX; WORDS];
                self.all_commands = true;
                self.future = true;
                self.first_args.clear();
            }
            "nocommands" | "-@all" => {
                self.bits = [0; WORDS];
                self.all_commands = false;
                self.future = false;
                self.first_args.clear();
            }
            _ => return self.apply_pattern_or_command(op),
        }
        Ok(())
    }

    fn apply_pattern_or_command(&mut self, op: &[u8]) -> Result<(), RuleError> {
        match op.first() {
            Some(b'~' | b'%') => {
                if self.all_keys {
                    return Err(RuleError::AfterAllKeys);
                }
                let (mut flags, mut at) = (0u8, 1usize);
                if op[0] == b'%' {
                    while let Some(&c) = op.get(at) {
                        match c.to_ascii_uppercase() {
                            b'R' if flags & READ == 0 => flags |= READ,
                            b'W' if flags & WRITE == 0 => flags |= WRITE,
                            b'~' => {
                                at += 1;
                                break;
                            }
                            _ => return Err(RuleError::Syntax),
                        }
                        at += 1;
                    }
                } else {
                    flags = READ | WRITE;
                }
                let pattern = &op[at.min(op.len())..];
                // `%~x` would be a pattern that grants nothing, which
                // Redis cannot describe (it stops on one); refused here.
                if has_spaces(pattern) || flags == 0 {
                    return Err(RuleError::Syntax);
                }
                match self.keys.iter_mut().find(|(p, _)| p == pattern) {
                    Some((_, f)) => *f |= flags,
                    None => self.keys.push((pattern.to_vec(), flags)),
                }
                Ok(())
            }
            Some(b'&') => {
                if self.all_channels {
                    return Err(RuleError::AfterAllChannels);
                }
                let pattern = &op[1..];
                if has_spaces(pattern) {
                    return Err(RuleError::Syntax);
                }
                if !self.channels.iter().any(|p| p == pattern) {
                    self.channels.push(pattern.to_vec());
                }
                Ok(())
            }
            Some(&sign @ (b'+' | b'-')) => {
                let rest = String::from_utf8_lossy(&op[1..]).into_owned();
                let on = sign == b'+';
                if let Some(cat) = rest.strip_prefix('@') {
                    let flag = category(cat).ok_or(RuleError::Unknown)?;
                    if !on {
                        self.all_commands = false;
                    }
                    for (id, (_, cats)) in ACL_TABLE.iter().enumerate() {
                        if cats & flag != 0 {
                            self.change(id, on);
                        }
                    }
                    return Ok(());
                }
                if !on || !rest.contains('|') {
                    let id = lookup(&rest).ok_or(RuleError::Unknown)?;
                    self.change(id, on);
                    return Ok(());
                }
                // `+command|sub`, or `+command|first-arg` for a command
                // without subcommands (allowed in 7.0, with a warning).
                let (cmd, sub) = rest.rsplit_once('|').unwrap_or((&rest, ""));
                let id = lookup(cmd).ok_or(RuleError::Unknown)?;
                if is_sub(id) {
                    return Err(RuleError::FirstArgOfSub);
                }
                if sub.is_empty() {
                    return Err(RuleError::Syntax);
                }
                if subcommands(id).next().is_some() {
                    let sub_id = lookup(&rest).ok_or(RuleError::Unknown)?;
                    self.change(sub_id, true);
                } else {
                    let args = self.first_args.entry(id).or_default();
                    if !args.iter().any(|a| a.eq_ignore_ascii_case(sub)) {
                        args.push(sub.to_string());
                    }
                }
                Ok(())
            }
            _ => Err(RuleError::Syntax),
        }
    }

    /// Redis's `ACLSelectorCheckCmd`: `Err((reason, argument index))`.
    fn check(
        &self,
        cmd: &'static Command,
        id: Option<usize>,
        argv: &[Vec<u8>],
    ) -> Result<(), (Denied, usize)> {
        if !self.all_commands && !cmd.is(flag::NO_AUTH) {
            let allowed = id.is_some_and(|id| {
                bit(&self.bits, id)
                    || self.first_args.get(&id).is_some_and(|args| {
                        let at = if cmd.name.contains('|') { 2 } else { 1 };
                        argv.get(at).is_some_and(|a| {
                            args.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(a))
                        })
                    })
            });
            if !allowed {
                return Err((Denied::Command, 0));
            }
        }
        if !self.all_keys && keyspecs::has_keys(cmd) {
            for (pos, flags) in keyspecs::keys_and_flags(cmd, argv) {
                let key = argv.get(pos).map(Vec::as_slice).unwrap_or_default();
                if !self.key_allowed(key, flags) {
                    return Err((Denied::Key, pos));
                }
            }
        }
        if !self.all_channels {
            let (pattern, range) = match cmd.name {
                "subscribe" | "ssubscribe" => (false, 1..argv.len()),
                "psubscribe" => (true, 1..argv.len()),
                "publish" | "spublish" => (false, 1..argv.len().min(2)),
                _ => (false, 0..0),
            };
            for pos in range {
                if !self.channel_allowed(&argv[pos], pattern) {
                    return Err((Denied::Channel, pos));
                }
            }
        }
        Ok(())
    }

    /// Redis's `ACLSelectorCheckKey`: a pattern with the permissions the
    /// key spec's flags need (access: read; insert, delete, update: write).
    fn key_allowed(&self, key: &[u8], spec_flags: &str) -> bool {
        if self.all_keys {
            return true;
        }
        let mut need = 0;
        for f in spec_flags.split_whitespace() {
            match f {
                "access" => need |= READ,
                "insert" | "delete" | "update" => need |= WRITE,
                _ => {}
            }
        }
        self.keys
            .iter()
            .any(|(p, f)| f & need == need && glob::matches(p, key, false))
    }

    /// A pattern of PSUBSCRIBE must be one of the selector's patterns as
    /// written; a channel is matched against them.
    fn channel_allowed(&self, channel: &[u8], is_pattern: bool) -> bool {
        self.all_channels
            || self.channels.iter().any(|p| {
                if is_pattern {
                    p == channel
                } else {
                    glob::matches(p, channel, false)
                }
            })
    }

    fn keys_text(&self, joiner: &str) -> String {
        if self.all_keys {
            return "~*".to_string();
        }
        self.keys
            .iter()
            .map(|(p, f)| {
                let prefix = match *f {
                    READ => "%R~",
                    WRITE => "%W~",
                    _ => "~",
                };
                format!("{prefix}{}", String::from_utf8_lossy(p))
            })
            .collect::<Vec<_>>()
            .join(joiner)
    }

    fn channels_text(&self) -> String {
        if self.all_channels {
            return "&*".to_string();
        }
        self.channels
            .iter()
            .map(|p| format!("&{}", String::from_utf8_lossy(p)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Redis's `ACLDescribeSelectorCommandRules`: `+@all` or `-@all`, then
    /// the categories that best fit the bits, tried in `ACL_CATEGORIES`'
    /// order (each must have more commands in common with the user than
    /// not; the one with the fewest differences wins, then the one with
    /// most in common), then single commands to make the bits exact.
    /// Redis walks its command dict for the last part, in hash order; this
    /// walks the table in name order, so single commands may come in
    /// another order than Redis's (the same rules).
    pub fn command_rules(&self) -> String {
        let additive = !self.future;
        let mut rules = vec![if additive { "-@all" } else { "+@all" }.to_string()];
        let mut fake: Bits = if additive {
            [0; WORDS]
        } else {
            [u64::MAX; WORDS]
        };
        let mut temp = self.bits;
        let mut applied = [false; 32];
        loop {
            let mut best = None;
            let (mut min_diff, mut max_same) = (usize::MAX, 0);
            for (j, name) in ACL_CATEGORIES.iter().enumerate() {
                if applied[j] {
                    continue;
                }
                let (mut on, mut off) = (0, 0);
                for (id, (_, cats)) in ACL_TABLE.iter().enumerate() {
                    if cats & (1 << j) != 0 {
                        if bit(&temp, id) {
                            on += 1;
                        } else {
                            off += 1;
                        }
                    }
                }
                let (diff, same) = if additive { (off, on) } else { (on, off) };
                if same > diff && (diff < min_diff || (diff == min_diff && same > max_same)) {
                    best = Some((j, *name));
                    min_diff = diff;
                    max_same = same;
                }
            }
            let Some((j, name)) = best else { break };
            category_bits(&mut fake, 1 << j, additive);
            category_bits(&mut temp, 1 << j, !additive);
            rules.push(format!("{}@{name}", if additive { '+' } else { '-' }));
            applied[j] = true;
        }
        for (id, (name, _)) in ACL_TABLE.iter().enumerate() {
            let user = bit(&self.bits, id);
            if user != bit(&fake, id) {
                rules.push(format!("{}{name}", if user { '+' } else { '-' }));
                change_bits(&mut fake, id, user);
            }
            if !is_sub(id) && !user {
                for arg in self.first_args.get(&id).into_iter().flatten() {
                    rules.push(format!("+{name}|{arg}"));
                }
            }
        }
        rules.join(" ")
    }

    /// Redis's `ACLDescribeSelector`: keys, channels, commands.
    fn describe(&self) -> String {
        let mut out = String::new();
        if self.all_keys {
            out.push_str("~* ");
        } else {
            for s in self.keys_text(" ").split(' ').filter(|s| !s.is_empty()) {
                out.push_str(s);
                out.push(' ');
            }
        }
        if self.all_channels {
            out.push_str("&* ");
        } else {
            out.push_str("resetchannels ");
            for p in &self.channels {
                out.push('&');
                out.push_str(&String::from_utf8_lossy(p));
                out.push(' ');
            }
        }
        out.push_str(&self.command_rules());
        out
    }

    /// GETUSER's map of a selector.
    fn reply(&self) -> Vec<(Reply, Reply)> {
        vec![
            (Reply::bulk("commands"), Reply::bulk(self.command_rules())),
            (Reply::bulk("keys"), Reply::bulk(self.keys_text(" "))),
            (Reply::bulk("channels"), Reply::bulk(self.channels_text())),
        ]
    }
}

#[derive(Clone, Debug)]
pub struct User {
    pub name: Vec<u8>,
    pub enabled: bool,
    nopass: bool,
    /// `skip-sanitize-payload` (`Some(false)`) or `sanitize-payload`.
    sanitize: Option<bool>,
    passwords: Vec<String>,
    /// The root selector first, then those given in parentheses.
    selectors: Vec<Selector>,
}

impl User {
    pub fn new(name: &[u8], all_channels: bool) -> User {
        User {
            name: name.to_vec(),
            enabled: false,
            nopass: false,
            sanitize: None,
            passwords: Vec::new(),
            selectors: vec![Selector::new(true, all_channels)],
        }
    }

    /// `default` as a fresh Redis has it: on, every key, channel and
    /// command, and requirepass as its password (none: nopass).
    pub fn default_user(requirepass: &str) -> User {
        let mut u = User::new(b"default", true);
        for op in ["+@all", "~*", "&*", "on", "nopass"] {
            let _ = u.apply(op.as_bytes(), true);
        }
        if !requirepass.is_empty() {
            let _ = u.apply(format!(">{requirepass}").as_bytes(), true);
        }
        u
    }

    /// One rule (Redis's `ACLSetUser`); `all_channels` is what
    /// `acl-pubsub-default` gives a new selector.
    pub fn apply(&mut self, op: &[u8], all_channels: bool) -> Result<(), RuleError> {
        if op.is_empty() {
            return Ok(());
        }
        let word = String::from_utf8_lossy(op).to_ascii_lowercase();
        match word.as_str() {
            "on" => self.enabled = true,
            "off" => self.enabled = false,
            "skip-sanitize-payload" => self.sanitize = Some(false),
            "sanitize-payload" => self.sanitize = Some(true),
            "nopass" => {
                self.nopass = true;
                self.passwords.clear();
            }
            "resetpass" => {
                self.nopass = false;
                self.passwords.clear();
            }
            "clearselectors" => self.selectors.truncate(1),
            "reset" => {
                for op in ["resetpass", "resetkeys", "resetchannels"] {
                    let _ = self.apply(op.as_bytes(), all_channels);
                }
                if all_channels {
                    let _ = self.apply(b"allchannels", all_channels);
                }
                for op in ["off", "sanitize-payload", "clearselectors", "-@all"] {
                    let _ = self.apply(op.as_bytes(), all_channels);
                }
            }
            _ => return self.apply_other(op, all_channels),
        }
        Ok(())
    }

    fn apply_other(&mut self, op: &[u8], all_channels: bool) -> Result<(), RuleError> {
        match op[0] {
            b'>' | b'#' => {
                let hash = if op[0] == b'>' {
                    hash_password(&op[1..])
                } else if valid_hash(&op[1..]) {
                    String::from_utf8_lossy(&op[1..]).into_owned()
                } else {
                    return Err(RuleError::BadHash);
                };
                if !self.passwords.contains(&hash) {
                    self.passwords.push(hash);
                }
                self.nopass = false;
            }
            b'<' | b'!' => {
                let hash = if op[0] == b'<' {
                    hash_password(&op[1..])
                } else if valid_hash(&op[1..]) {
                    String::from_utf8_lossy(&op[1..]).into_owned()
                } else {
                    return Err(RuleError::BadHash);
                };
                let at = self.passwords.iter().position(|p| *p == hash);
                let at = at.ok_or(RuleError::NoSuchPassword)?;
                self.passwords.remove(at);
            }
            b'(' if op.ends_with(b")") && op.len() > 1 => {
                let mut s = Selector::new(false, all_channels);
                for part in op[1..op.len() - 1].split(|&b| b == b' ' || b == b'\t') {
                    if !part.is_empty() {
                        s.apply(part)?;
                    }
                }
                self.selectors.push(s);
            }
            _ => self.selectors[0].apply(op)?,
        }
        Ok(())
    }

    fn flags(&self) -> Vec<&'static str> {
        let mut flags = vec![if self.enabled { "on" } else { "off" }];
        if self.nopass {
            flags.push("nopass");
        }
        match self.sanitize {
            Some(false) => flags.push("skip-sanitize-payload"),
            Some(true) => flags.push("sanitize-payload"),
            None => {}
        }
        flags
    }

    /// ACL LIST's line after `user NAME ` (Redis's `ACLDescribeUser`).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for f in self.flags() {
            out.push_str(f);
            out.push(' ');
        }
        for p in &self.passwords {
            out.push('#');
            out.push_str(p);
            out.push(' ');
        }
        for s in &self.selectors {
            if s.root {
                out.push_str(&s.describe());
            } else {
                out.push_str(&format!(" ({})", s.describe()));
            }
        }
        out
    }

    /// ACL GETUSER's map.
    pub fn reply(&self) -> Reply {
        let mut fields = vec![
            (
                Reply::bulk("flags"),
                Reply::Set(self.flags().into_iter().map(Reply::bulk).collect()),
            ),
            (
                Reply::bulk("passwords"),
                Reply::Array(
                    self.passwords
                        .iter()
                        .map(|p| Reply::bulk(p.clone()))
                        .collect(),
                ),
            ),
        ];
        fields.extend(self.selectors[0].reply());
        let others = self.selectors[1..]
            .iter()
            .map(|s| Reply::Map(s.reply()))
            .collect();
        fields.push((Reply::bulk("selectors"), Reply::Array(others)));
        Reply::Map(fields)
    }

    /// Redis's `ACLCheckAllUserCommandPerm`: allowed when a selector
    /// allows it; otherwise the most relevant refusal (a key or channel
    /// over a command, the last argument among equals).
    pub fn check(&self, cmd: &'static Command, argv: &[Vec<u8>]) -> Result<(), (Denied, usize)> {
        let id = command_id(cmd.name);
        let mut worst = (Denied::Command, 0);
        for s in &self.selectors {
            match s.check(cmd, id, argv) {
                Ok(()) => return Ok(()),
                Err(e) if e.0 > worst.0 || (e.0 == worst.0 && e.1 > worst.1) => worst = e,
                Err(_) => {}
            }
        }
        Err(worst)
    }

    /// Whether every command, key and channel is allowed: the check
    /// before every command is skipped for such a user.
    fn unrestricted(&self) -> bool {
        let s = &self.selectors[0];
        s.all_commands && s.all_keys && s.all_channels
    }

    fn password_matches(&self, pass: &[u8]) -> bool {
        self.nopass || self.passwords.contains(&hash_password(pass))
    }

    /// Whether a subscriber of `channels` and `patterns` may keep them.
    fn may_keep(&self, channels: &[&[u8]], patterns: &[&[u8]]) -> bool {
        let ok = |c: &[u8], pat: bool| self.selectors.iter().any(|s| s.channel_allowed(c, pat));
        channels.iter().all(|c| ok(c, false)) && patterns.iter().all(|p| ok(p, true))
    }
}

#[path = "acl_state.rs"]
mod state;
pub use state::{make, Acl, LogEntry};

#[cfg(test)]
#[path = "acl_tests.rs"]
mod tests;
