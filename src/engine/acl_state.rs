//! The engine's ACL: its users by name, which user each client is, the
//! log of refusals, and what the core asks of it through `Guard` (the
//! check before a command, AUTH, DRYRUN). The rules themselves are the
//! parent module's (`User`, `Selector`).

use std::collections::{BTreeMap, VecDeque};

use super::{Denied, User};
use crate::engine::table::{self, Command};
use crate::engine::{AclContext, Engine, Guard, Session, SessionId};
use crate::reply::Reply;

/// CLIENT LIST's line of `sess` as `user`, for ACL LOG.
fn client_line_as(eng: &Engine, sess: &Session, argv: Option<&[Vec<u8>]>, user: &[u8]) -> String {
    crate::engine::cmd::connection::client_line_as(eng, sess, argv, &String::from_utf8_lossy(user))
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

    /// A fresh ACL for this engine: its requirepass is the default
    /// user's password.
    pub fn for_engine(eng: &Engine) -> Acl {
        Acl::new(&eng.config.get_str("requirepass").unwrap_or_default())
    }

    /// Close the clients of the users `gone` names (DELUSER, ACL LOAD):
    /// closed once this command is over (this client after its reply),
    /// and the default user, unauthenticated, meanwhile, as in Redis.
    pub fn close_clients(&mut self, eng: &mut Engine, gone: impl Fn(&[u8]) -> bool) {
        self.clients.retain(|&id, user| {
            if !gone(user) {
                return true;
            }
            eng.unauthenticated.insert(id);
            eng.doomed.insert(id);
            false
        });
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
        let Some(cmd) = table::lookup_command(line) else {
            let first = line.first().map(Vec::as_slice).unwrap_or_default();
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
    Box::new(Acl::for_engine(eng))
}
