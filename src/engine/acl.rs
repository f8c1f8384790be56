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

use std::collections::{BTreeMap, VecDeque};

use super::commands::{ACL_CATEGORIES, ACL_TABLE};
use super::table::Command;
use super::{glob, keyspecs, AclContext, Engine, Guard, Session, SessionId};
use crate::reply::Reply;

/// CLIENT LIST's line of `sess` as `user`, for ACL LOG.
fn client_line_as(eng: &Engine, sess: &Session, argv: Option<&[Vec<u8>]>, user: &[u8]) -> String {
    super::cmd::connection::client_line_as(eng, sess, argv, &String::from_utf8_lossy(user))
}

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
        if !self.all_commands && !cmd.has_flag("no_auth") {
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

/// One entry of ACL LOG.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub count: u64,
    pub reason: Denied,
    pub context: AclContext,
    pub object: Vec<u8>,
    pub username: Vec<u8>,
    pub at_ms: i64,
    pub client_info: String,
}

/// Refusals of the same kind, object and user within a minute are one
/// entry with a count.
const LOG_GROUPING_MS: i64 = 60_000;

#[derive(Clone, Debug)]
pub struct Acl {
    /// By name, in byte order (Redis keeps them in a radix tree, which
    /// ACL LIST and USERS walk in that order).
    pub users: BTreeMap<Vec<u8>, User>,
    /// The clients authenticated as a user other than `default`.
    pub clients: BTreeMap<SessionId, Vec<u8>>,
    /// Newest first.
    pub log: VecDeque<LogEntry>,
}

impl Acl {
    /// The ACL as a fresh Redis has it, the default user's password from
    /// requirepass.
    pub fn new(requirepass: &str) -> Acl {
        let mut acl = Acl {
            users: BTreeMap::new(),
            clients: BTreeMap::new(),
            log: VecDeque::new(),
        };
        acl.users
            .insert(b"default".to_vec(), User::default_user(requirepass));
        acl
    }

    pub fn user_name(&self, id: SessionId) -> &[u8] {
        self.clients.get(&id).map_or(b"default", Vec::as_slice)
    }

    fn user(&self, id: SessionId) -> Option<&User> {
        self.users.get(self.user_name(id))
    }

    /// Record a refusal (Redis's `addACLLogEntry`), grouping it with a
    /// like one among the ten newest.
    pub fn log(&mut self, entry: LogEntry, max_len: usize) {
        let like = self.log.iter().take(10).position(|e| {
            e.reason == entry.reason
                && e.context == entry.context
                && (e.at_ms - entry.at_ms).abs() <= LOG_GROUPING_MS
                && e.object == entry.object
                && e.username == entry.username
        });
        match like.and_then(|i| self.log.remove(i)) {
            Some(mut e) => {
                e.count += 1;
                e.at_ms = entry.at_ms;
                e.client_info = entry.client_info;
                self.log.push_front(e);
            }
            None => {
                self.log.push_front(entry);
                self.log.truncate(max_len);
            }
        }
    }

    /// The sessions of `name`'s user that a change of its channel rules
    /// leaves subscribed where it may no longer be (Redis closes them).
    pub fn subscribers_to_drop(&self, eng: &Engine, name: &[u8]) -> Vec<SessionId> {
        let Some(user) = self.users.get(name) else {
            return Vec::new();
        };
        eng.sessions()
            .filter(|s| self.user_name(s.id) == name && s.subs.active())
            .filter(|s| {
                let channels: Vec<&[u8]> = s
                    .subs
                    .channels
                    .iter()
                    .chain(&s.subs.shard)
                    .map(|c| c.as_slice())
                    .collect();
                let patterns: Vec<&[u8]> = s.subs.patterns.iter().map(|p| p.as_slice()).collect();
                !user.may_keep(&channels, &patterns)
            })
            .map(|s| s.id)
            .collect()
    }
}

impl Acl {
    /// ACL DRYRUN: `Err` for a user or command that is not there or a
    /// wrong number of arguments (Redis's errors), `Ok(None)` when the
    /// user may run `line`, `Ok(Some(why))` when not, in DRYRUN's words.
    pub fn dry_run(&self, name: &[u8], line: &[Vec<u8>]) -> Result<Option<String>, String> {
        let Some(user) = self.users.get(name) else {
            return Err(format!(
                "ERR User '{}' not found",
                String::from_utf8_lossy(name)
            ));
        };
        let first = line.first().map(Vec::as_slice).unwrap_or_default();
        // Redis's `lookupCommand`: a container's subcommand when one is
        // named, the container itself when nothing follows it.
        let cmd = super::table::lookup(first).and_then(|c| match line.get(1) {
            Some(sub) if !c.subcommands.is_empty() => c
                .subcommands
                .iter()
                .find(|s| s.sub_name().as_bytes().eq_ignore_ascii_case(sub)),
            _ => Some(c),
        });
        let Some(cmd) = cmd else {
            return Err(format!(
                "ERR Command '{}' not found",
                String::from_utf8_lossy(first)
            ));
        };
        let n = line.len() as i32;
        if (cmd.arity > 0 && cmd.arity != n) || n < -cmd.arity {
            return Err(format!(
                "ERR wrong number of arguments for '{}' command",
                cmd.name
            ));
        }
        let Err((reason, pos)) = user.check(cmd, line) else {
            return Ok(None);
        };
        let what = String::from_utf8_lossy(line.get(pos).map(Vec::as_slice).unwrap_or_default());
        Ok(Some(match reason {
            Denied::Command => format!(
                "This user has no permissions to run the '{}' command",
                cmd.name
            ),
            Denied::Key => format!("This user has no permissions to access the '{what}' key"),
            _ => format!("This user has no permissions to access the '{what}' channel"),
        }))
    }
}

/// Redis's words for a refusal inside a script (`getAclErrorMessage`).
fn script_words(reason: Denied) -> &'static str {
    match reason {
        Denied::Command => "can't run this command or subcommand",
        Denied::Key => "can't access at least one of the keys mentioned in the command arguments",
        Denied::Channel => "can't publish to the channel mentioned in the command",
        Denied::Auth => "lacking the permissions for the command",
    }
}

impl Guard for Acl {
    fn clone_box(&self) -> Box<dyn Guard> {
        Box::new(self.clone())
    }

    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }

    fn refusal(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
        context: AclContext,
    ) -> Option<Reply> {
        // A client whose user is gone (a restored snapshot older than
        // the user) may run nothing until it authenticates again.
        let Some(user) = self.user(sess.id) else {
            return Some(Reply::err(format!(
                "NOPERM this user has no permissions to run the '{}' command",
                cmd.name
            )));
        };
        if user.unrestricted() {
            return None;
        }
        let (reason, pos) = user.check(cmd, argv).err()?;
        let object = match reason {
            Denied::Command => cmd.name.as_bytes().to_vec(),
            _ => argv.get(pos).cloned().unwrap_or_default(),
        };
        let logged = match context {
            AclContext::Exec => AclContext::Multi,
            c => c,
        };
        self.log(
            LogEntry {
                count: 1,
                reason,
                context: logged,
                object,
                username: user.name.clone(),
                at_ms: eng.now_ms(),
                client_info: client_line_as(eng, sess, Some(argv), &user.name),
            },
            eng.config.get_i64("acllog-max-len").max(0) as usize,
        );
        let text = match context {
            AclContext::Script => format!("ERR The user executing the script {}", script_words(reason)),
            AclContext::Exec => format!(
                "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: {}",
                match reason {
                    Denied::Command => "no permission to execute the command or subcommand",
                    Denied::Key => "no permission to touch the specified keys",
                    Denied::Channel => "no permission to access one of the channels used as arguments",
                    Denied::Auth => "no permission",
                }
            ),
            _ => match reason {
                Denied::Command => format!(
                    "NOPERM this user has no permissions to run the '{}' command",
                    cmd.name
                ),
                Denied::Key => "NOPERM this user has no permissions to access one of the keys used as arguments".to_string(),
                _ => "NOPERM this user has no permissions to access one of the channels used as arguments".to_string(),
            },
        };
        Some(Reply::err(text))
    }

    fn needs_password(&self) -> bool {
        self.users
            .get(b"default".as_slice())
            .is_none_or(|d| !d.nopass || !d.enabled)
    }

    fn authenticate(
        &mut self,
        eng: &mut Engine,
        sess: &Session,
        argv: &[Vec<u8>],
        user: &[u8],
        pass: &[u8],
    ) -> bool {
        let ok = self
            .users
            .get(user)
            .is_some_and(|u| u.enabled && u.password_matches(pass));
        if ok {
            if user == b"default" {
                self.clients.remove(&sess.id);
            } else {
                self.clients.insert(sess.id, user.to_vec());
            }
            return true;
        }
        let context = if sess.multi.is_some() || eng.in_exec {
            AclContext::Multi
        } else {
            AclContext::Toplevel
        };
        self.log(
            LogEntry {
                count: 1,
                reason: Denied::Auth,
                context,
                object: argv.first().cloned().unwrap_or_default(),
                username: user.to_vec(),
                at_ms: eng.now_ms(),
                client_info: client_line_as(eng, sess, Some(argv), self.user_name(sess.id)),
            },
            eng.config.get_i64("acllog-max-len").max(0) as usize,
        );
        false
    }

    fn forget(&mut self, id: SessionId) {
        self.clients.remove(&id);
    }

    fn user_of(&self, id: SessionId) -> String {
        String::from_utf8_lossy(self.user_name(id)).into_owned()
    }

    fn dry_run(&self, user: &[u8], line: &[Vec<u8>]) -> Result<Option<String>, String> {
        Acl::dry_run(self, user, line)
    }

    fn has_user(&self, name: &[u8]) -> bool {
        self.users.contains_key(name)
    }

    fn allows(&self, id: SessionId, cmd: &'static Command, argv: &[Vec<u8>]) -> bool {
        self.user(id).is_some_and(|u| u.check(cmd, argv).is_ok())
    }

    fn default_nopass(&self) -> bool {
        self.users
            .get(b"default".as_slice())
            .is_some_and(|d| d.nopass)
    }

    fn requirepass(&mut self, pass: &str) {
        if let Some(d) = self.users.get_mut(b"default".as_slice()) {
            let _ = d.apply(b"resetpass", true);
            let op = if pass.is_empty() {
                b"nopass".to_vec()
            } else {
                format!(">{pass}").into_bytes()
            };
            let _ = d.apply(&op, true);
        }
    }
}

/// Make the engine's ACL if it has none yet (the rest of the engine's
/// half of `Engine::guard`).
pub fn make(eng: &Engine) -> Box<dyn Guard> {
    Box::new(Acl::new(
        &eng.config.get_str("requirepass").unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user made by `rules`, split at spaces outside parentheses.
    fn user(rules: &str) -> User {
        let mut u = User::new(b"u", false);
        let (mut depth, mut start) = (0, 0);
        for (i, c) in rules.char_indices().chain([(rules.len(), ' ')]) {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ' ' if depth == 0 => {
                    u.apply(&rules.as_bytes()[start..i], false).unwrap();
                    start = i + 1;
                }
                _ => {}
            }
        }
        u
    }

    #[test]
    fn the_table_fits_the_bits_and_is_sorted() {
        assert!(ACL_TABLE.len() < WORDS * 64);
        assert!(ACL_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(subcommands(command_id("config").unwrap()).count(), 5);
        assert_eq!(subcommands(command_id("get").unwrap()).count(), 0);
    }

    /// The rules as redis-server 7.0.15 described the same rules (after
    /// `reset`), as a set of words: single commands come in Redis's hash
    /// order there.
    #[test]
    fn descriptions_pick_categories_as_redis_does() {
        let cases = [
            ("+@all", "off sanitize-payload resetchannels +@all"),
            ("+get +set", "off sanitize-payload resetchannels -@all +get +set"),
            ("+@all -@dangerous", "off sanitize-payload resetchannels +@all -@dangerous"),
            ("+@read -@slow", "off sanitize-payload resetchannels -@all +hget +hmget +ttl +type +hstrlen +bitfield_ro +expiretime +zmscore +scard +smismember +xlen +zrank +pttl +hexists +zrevrank +dbsize +sismember +touch +hlen +llen +strlen +zcard +get +getbit +mget +zlexcount +zcount +exists +zscore +pexpiretime +lolwut"),
            ("on >p ~app:* &chan* +@read (~x +set)", "on sanitize-payload #148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940 ~app:* resetchannels &chan* -@all +@read (~x resetchannels -@all +set)"),
            ("+select|0", "off sanitize-payload resetchannels -@all +select|0"),
            ("+config|get", "off sanitize-payload resetchannels -@all +config|get"),
            ("+@all -config|set -get", "off sanitize-payload resetchannels +@all -config|set -get"),
            ("-@all +@hash +@list -lpush", "off sanitize-payload resetchannels -@all +@hash +@list -lpush"),
        ];
        for (rules, redis) in cases {
            let described = user(&format!("reset {rules}")).describe();
            let mut ours: Vec<&str> = described.split(' ').collect();
            let mut theirs: Vec<&str> = redis.split(' ').collect();
            // The categories, and everything before them, in order.
            let fixed = theirs
                .iter()
                .position(|w| w.starts_with(['+', '-']) && !w.contains('@'))
                .unwrap_or(theirs.len());
            assert_eq!(ours[..fixed.min(ours.len())], theirs[..fixed], "{rules}");
            ours.sort_unstable();
            theirs.sort_unstable();
            assert_eq!(ours, theirs, "{rules}");
        }
    }

    #[test]
    fn rules_that_do_not_parse_say_why() {
        let mut u = User::new(b"u", false);
        assert_eq!(u.apply(b"+nosuch", false), Err(RuleError::Unknown));
        assert_eq!(u.apply(b"+@nosuch", false), Err(RuleError::Unknown));
        assert_eq!(
            u.apply(b"+config|get|x", false),
            Err(RuleError::FirstArgOfSub)
        );
        assert_eq!(u.apply(b"+config|", false), Err(RuleError::Syntax));
        assert_eq!(u.apply(b"-select|0", false), Err(RuleError::Unknown));
        assert_eq!(u.apply(b"#abc", false), Err(RuleError::BadHash));
        assert_eq!(u.apply(b"<nope", false), Err(RuleError::NoSuchPassword));
        assert_eq!(u.apply(b"%X~a", false), Err(RuleError::Syntax));
        assert_eq!(u.apply(b"bogus", false), Err(RuleError::Syntax));
        u.apply(b"allkeys", false).unwrap();
        assert_eq!(u.apply(b"~a", false), Err(RuleError::AfterAllKeys));
    }

    /// Undo (a snapshot restored) puts back who each client was and
    /// whether it had authenticated, together: a client never ends up
    /// logged in as default without its password.
    #[test]
    fn a_restored_snapshot_keeps_clients_and_their_users_together() {
        use crate::engine::tests::{engine, run};
        use crate::engine::ClientAddr;
        let (mut e, admin) = engine();
        run(&mut e, admin, "ACL SETUSER alice on >pw +@all ~*");
        run(&mut e, admin, "CONFIG SET requirepass secret");
        let c = e.open_session(ClientAddr::default());
        let before = e.snapshot();
        assert_eq!(run(&mut e, c, "AUTH alice pw"), Reply::ok());
        assert_eq!(e.client_user(c), "alice");
        assert!(e.restore(&before).is_ok());
        assert_eq!(e.client_user(c), "default");
        assert_eq!(
            run(&mut e, c, "GET k"),
            Reply::err("NOAUTH Authentication required.")
        );
    }

    /// An AOF is replayed as it was written, whatever the users' rules:
    /// Redis's loading client runs its commands unchecked.
    #[test]
    fn an_aof_replays_whatever_the_default_users_rules() {
        use crate::engine::tests::{engine, run};
        let (mut e, s) = engine();
        let _ = e.config.set_startup("enable-debug-command", "yes");
        assert_eq!(run(&mut e, s, "CONFIG SET appendonly yes"), Reply::ok());
        run(&mut e, s, "SET app:1 x");
        run(&mut e, s, "SET other y");
        run(&mut e, s, "ACL SETUSER default resetkeys ~app:*");
        assert_eq!(run(&mut e, s, "DEBUG LOADAOF"), Reply::ok());
        assert_eq!(run(&mut e, s, "DBSIZE"), Reply::Integer(2));
        assert_eq!(run(&mut e, s, "ACL LOG"), Reply::Array(Vec::new()));
    }

    #[test]
    fn keys_need_the_permission_their_spec_asks_for() {
        let s = &user("%R~r:* %W~w:* ~rw:*").selectors[0];
        assert!(s.key_allowed(b"r:1", "RO access"));
        assert!(!s.key_allowed(b"r:1", "RW update"));
        assert!(s.key_allowed(b"w:1", "RW insert"));
        assert!(!s.key_allowed(b"w:1", "RW access update"));
        assert!(s.key_allowed(b"rw:1", "RW access update"));
        assert!(!s.key_allowed(b"x", "RO access"));
        // A spec that neither reads nor writes (EXISTS, TYPE: RO only)
        // needs a matching pattern, of any permission.
        assert!(s.key_allowed(b"w:1", "RO"));
    }
}
