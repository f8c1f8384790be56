//! The command table: one record per command, the only place that knows a
//! command's arity, flags, key positions, group and syntax. Dispatch, arity
//! errors, COMMAND, HELP, completion and hints all read it. The records are
//! generated (see `commands.rs`); this file gives them a shape and an index.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Engine, Session};
use crate::reply::Reply;

pub type Handler = fn(&mut Engine, &mut Session, &[Vec<u8>]) -> Reply;

#[derive(Debug)]
pub struct Command {
    /// Lowercase; `container|sub` for a subcommand, as COMMAND shows it.
    pub name: &'static str,
    /// Redis's convention: N means exactly N arguments (name included),
    /// -N means at least N.
    pub arity: i32,
    /// First key, last key (negative counts from the end), step.
    pub keys: (i32, i32, i32),
    /// What the record says in words, as one string: flags, ACL
    /// categories, tips (each space-separated words), group, since,
    /// summary, complexity and syntax, separated by U+001F. One string
    /// rather than eight (or a slice per list) keeps the table small in the
    /// page's wasm; the accessors below read it.
    pub meta: &'static str,
    pub handler: Handler,
    pub subcommands: &'static [Command],
}

impl Command {
    pub fn fullname(&self) -> String {
        self.name.to_string()
    }

    /// The subcommand's own word (`get` for `config|get`).
    pub fn sub_name(&self) -> &'static str {
        match self.name.split_once('|') {
            Some((_, sub)) => sub,
            None => self.name,
        }
    }

    fn field(&self, i: usize) -> &'static str {
        self.meta.split('\u{1f}').nth(i).unwrap_or_default()
    }

    pub fn flags(&self) -> impl Iterator<Item = &'static str> {
        self.field(0).split_whitespace()
    }

    pub fn acl_categories(&self) -> impl Iterator<Item = &'static str> {
        self.field(1).split_whitespace()
    }

    pub fn tips(&self) -> impl Iterator<Item = &'static str> {
        self.field(2).split_whitespace()
    }

    pub fn group(&self) -> &'static str {
        self.field(3)
    }

    pub fn since(&self) -> &'static str {
        self.field(4)
    }

    pub fn summary(&self) -> &'static str {
        self.field(5)
    }

    pub fn complexity(&self) -> &'static str {
        self.field(6)
    }

    /// The usage line, as `HELP` and the console's hint show it.
    pub fn syntax(&self) -> &'static str {
        self.field(7)
    }

    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags().any(|f| f == flag)
    }

    /// Positions of the key arguments in `argv`, from the table's first/last/step.
    pub fn key_positions(&self, argc: usize) -> Vec<usize> {
        let (first, last, step) = self.keys;
        if first <= 0 || step <= 0 {
            return Vec::new();
        }
        let last = if last < 0 {
            argc as i64 + i64::from(last)
        } else {
            i64::from(last)
        };
        let mut out = Vec::new();
        let mut i = i64::from(first);
        while i <= last && i < argc as i64 {
            out.push(i as usize);
            i += i64::from(step);
        }
        out
    }
}

pub fn all() -> &'static [Command] {
    super::commands::COMMANDS
}

fn index() -> &'static HashMap<&'static str, &'static Command> {
    static INDEX: OnceLock<HashMap<&'static str, &'static Command>> = OnceLock::new();
    INDEX.get_or_init(|| all().iter().map(|c| (c.name, c)).collect())
}

/// Case-insensitive lookup of a top-level command.
pub fn lookup(name: &[u8]) -> Option<&'static Command> {
    if name.len() > 64 {
        return None;
    }
    // Lowercase on the stack: this runs for every command.
    let mut buf = [0u8; 64];
    let dst = buf.get_mut(..name.len())?;
    dst.copy_from_slice(name);
    dst.make_ascii_lowercase();
    let lower = std::str::from_utf8(dst).ok()?;
    index().get(lower).copied()
}

/// A command or `container|sub` by its full name.
pub fn lookup_full(name: &str) -> Option<&'static Command> {
    let lower = name.to_ascii_lowercase();
    match lower.split_once('|') {
        None => index().get(lower.as_str()).copied(),
        Some((top, _)) => index()
            .get(top)?
            .subcommands
            .iter()
            .find(|s| s.name == lower),
    }
}
