//! Server parameters: what CONFIG GET shows and CONFIG SET changes.
//!
//! The table below lists every parameter redis-server 7.0 has, with its
//! alias, its type, its bounds and its default, so that CONFIG GET * looks
//! like a real server's and CONFIG SET accepts and refuses exactly what
//! Redis does, with the same error texts. Most parameters change nothing in
//! a sandbox (there is no disk, no replica, no TLS); they are kept so that
//! what a learner types behaves as it would on a server. The ones that do
//! matter (encoding thresholds, maxmemory, notify-keyspace-events,
//! requirepass, ...) are read by commands through [`Config::get_i64`],
//! [`Config::get_bool`], [`Config::get_str`] and [`Config::keyspace_events`].
//!
//! Parsing follows Redis's own helpers on purpose: integers go through the
//! strict `string2ll`, memory values through `memtoull` (units, no sign,
//! saturating and wrapping the way the C code does), `save` and
//! `client-output-buffer-limit` through `strtoll`. Those differences are
//! visible to users (`CONFIG SET hz 010` fails, `CONFIG SET maxmemory 010`
//! does not), so they are reproduced rather than tidied.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::args::{parse_f64, parse_i64};
use super::glob;

/// Keyspace notification classes, Redis's bit values (`notify.c`).
pub const NOTIFY_KEYSPACE: u32 = 1 << 0; // K
pub const NOTIFY_KEYEVENT: u32 = 1 << 1; // E
pub const NOTIFY_GENERIC: u32 = 1 << 2; // g
pub const NOTIFY_STRING: u32 = 1 << 3; // $
pub const NOTIFY_LIST: u32 = 1 << 4; // l
pub const NOTIFY_SET: u32 = 1 << 5; // s
pub const NOTIFY_HASH: u32 = 1 << 6; // h
pub const NOTIFY_ZSET: u32 = 1 << 7; // z
pub const NOTIFY_EXPIRED: u32 = 1 << 8; // x
pub const NOTIFY_EVICTED: u32 = 1 << 9; // e
pub const NOTIFY_STREAM: u32 = 1 << 10; // t
/// `m`: deliberately outside `A`, as in Redis.
pub const NOTIFY_KEY_MISS: u32 = 1 << 11;
pub const NOTIFY_MODULE: u32 = 1 << 13; // d
/// `n`: also outside `A`.
pub const NOTIFY_NEW: u32 = 1 << 14;
pub const NOTIFY_ALL: u32 = NOTIFY_GENERIC
    | NOTIFY_STRING
    | NOTIFY_LIST
    | NOTIFY_SET
    | NOTIFY_HASH
    | NOTIFY_ZSET
    | NOTIFY_EXPIRED
    | NOTIFY_EVICTED
    | NOTIFY_STREAM
    | NOTIFY_MODULE;

/// Who may change a parameter at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Modifiable,
    /// Fixed at start: "can't set immutable config".
    Immutable,
    /// Refused unless `enable-protected-configs` allows it, which is itself
    /// immutable and off: "can't set protected config".
    Protected,
}

/// How a numeric parameter reads its argument (`numericParseString`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumSyntax {
    /// `string2ll` only.
    Integer,
    /// `memtoull`: digits and an optional unit (k, kb, m, mb, g, gb, b).
    Memory,
    /// A memory value or `N%` (stored negative, as Redis does).
    MemoryOrPercent,
    /// Shown in octal (unixsocketperm, which is immutable anyway).
    Octal,
}

/// The parameters whose set/get logic is their own (`createSpecialConfig`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Save,
    ClientOutputBufferLimit,
    OomScoreAdjValues,
    NotifyKeyspaceEvents,
    Bind,
    ReplicaOf,
    LatencyPercentiles,
    Dir,
}

/// Extra checks some string and bool parameters make before accepting a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    None,
    Hostname,
    ProcTitle,
    FileName,
    /// activedefrag: this build (like Debian's) has no defragmenter.
    NoDefrag,
    /// tls-port, tls-cluster, tls-replication: turning TLS on needs certificates.
    NoTls,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Bool(Check),
    /// `signed` is the C type's signedness: it decides how an out-of-range
    /// value wraps before the bounds check, hence which error a user sees.
    Num {
        min: i128,
        max: i128,
        syntax: NumSyntax,
        signed: bool,
    },
    Enum(&'static [&'static str]),
    /// Several words OR-ed together (shutdown-on-sigint): name and bit.
    Flags(&'static [(&'static str, u32)]),
    Str(Check),
    Special(Special),
}

/// One parameter of the table.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub alias: Option<&'static str>,
    access: Access,
    /// Testing knobs: only an exact CONFIG GET shows them, never a pattern.
    hidden: bool,
    kind: Kind,
    /// The value at start, written as CONFIG SET would accept it.
    default: &'static str,
}

/// A stored value.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigValue {
    Bool(bool),
    /// Wide enough for both `long long` and `unsigned long long` parameters.
    Int(i128),
    Text(String),
}

const I32_MIN: i128 = i32::MIN as i128;
const I32_MAX: i128 = i32::MAX as i128;
const U32_MAX: i128 = u32::MAX as i128;
const I64_MAX: i128 = i64::MAX as i128;
const U64_MAX: i128 = u64::MAX as i128;

const fn b(
    name: &'static str,
    alias: Option<&'static str>,
    access: Access,
    default: &'static str,
) -> Param {
    Param {
        name,
        alias,
        access,
        hidden: false,
        kind: Kind::Bool(Check::None),
        default,
    }
}

const fn n(
    name: &'static str,
    alias: Option<&'static str>,
    access: Access,
    (min, max): (i128, i128),
    syntax: NumSyntax,
    signed: bool,
    default: &'static str,
) -> Param {
    Param {
        name,
        alias,
        access,
        hidden: false,
        kind: Kind::Num {
            min,
            max,
            syntax,
            signed,
        },
        default,
    }
}

/// A signed integer parameter (`int`, `long long`, `time_t`, `off_t`).
const fn i(
    name: &'static str,
    alias: Option<&'static str>,
    min: i128,
    max: i128,
    default: &'static str,
) -> Param {
    n(
        name,
        alias,
        Modifiable,
        (min, max),
        NumSyntax::Integer,
        true,
        default,
    )
}

/// An unsigned integer parameter (`unsigned int`, `size_t`, `unsigned long`).
const fn u(
    name: &'static str,
    alias: Option<&'static str>,
    min: i128,
    max: i128,
    default: &'static str,
) -> Param {
    n(
        name,
        alias,
        Modifiable,
        (min, max),
        NumSyntax::Integer,
        false,
        default,
    )
}

const fn s(
    name: &'static str,
    alias: Option<&'static str>,
    access: Access,
    default: &'static str,
) -> Param {
    Param {
        name,
        alias,
        access,
        hidden: false,
        kind: Kind::Str(Check::None),
        default,
    }
}

const fn e(
    name: &'static str,
    access: Access,
    values: &'static [&'static str],
    default: &'static str,
) -> Param {
    Param {
        name,
        alias: None,
        access,
        hidden: false,
        kind: Kind::Enum(values),
        default,
    }
}

const fn sp(
    name: &'static str,
    alias: Option<&'static str>,
    access: Access,
    which: Special,
    default: &'static str,
) -> Param {
    Param {
        name,
        alias,
        access,
        hidden: false,
        kind: Kind::Special(which),
        default,
    }
}

const fn with_check(mut p: Param, check: Check) -> Param {
    p.kind = match p.kind {
        Kind::Bool(_) => Kind::Bool(check),
        Kind::Str(_) => Kind::Str(check),
        k => k,
    };
    p
}

const fn hidden(mut p: Param) -> Param {
    p.hidden = true;
    p
}

use Access::{Immutable, Modifiable, Protected};

const MAXMEMORY_POLICIES: &[&str] = &[
    "volatile-lru",
    "volatile-lfu",
    "volatile-random",
    "volatile-ttl",
    "allkeys-lru",
    "allkeys-lfu",
    "allkeys-random",
    "noeviction",
];
const SHUTDOWN_FLAGS: &[(&str, u32)] = &[
    ("default", 0),
    ("save", 1),
    ("nosave", 2),
    ("now", 4),
    ("force", 8),
];

/// Every parameter of redis-server 7.0.15, in the order of its `config.c`.
/// Defaults are a fresh server's, except where the sandbox differs on
/// purpose: `save ""` and `appendonly no` (nothing is written to disk),
/// `daemonize no`, and no pidfile.
static PARAMS: &[Param] = &[
    // Booleans.
    b("rdbchecksum", None, Immutable, "yes"),
    b("daemonize", None, Immutable, "no"),
    b("io-threads-do-reads", None, Immutable, "no"),
    b("always-show-logo", None, Immutable, "no"),
    b("protected-mode", None, Modifiable, "yes"),
    b("rdbcompression", None, Modifiable, "yes"),
    b("rdb-del-sync-files", None, Modifiable, "no"),
    b("activerehashing", None, Modifiable, "yes"),
    b("stop-writes-on-bgsave-error", None, Modifiable, "yes"),
    b("set-proc-title", None, Immutable, "yes"),
    b("dynamic-hz", None, Modifiable, "yes"),
    b("lazyfree-lazy-eviction", None, Modifiable, "no"),
    b("lazyfree-lazy-expire", None, Modifiable, "no"),
    b("lazyfree-lazy-server-del", None, Modifiable, "no"),
    b("lazyfree-lazy-user-del", None, Modifiable, "no"),
    b("lazyfree-lazy-user-flush", None, Modifiable, "no"),
    b("repl-disable-tcp-nodelay", None, Modifiable, "no"),
    b("repl-diskless-sync", None, Modifiable, "yes"),
    b("aof-rewrite-incremental-fsync", None, Modifiable, "yes"),
    b("no-appendfsync-on-rewrite", None, Modifiable, "no"),
    b("cluster-require-full-coverage", None, Modifiable, "yes"),
    b("rdb-save-incremental-fsync", None, Modifiable, "yes"),
    b("aof-load-truncated", None, Modifiable, "yes"),
    b("aof-use-rdb-preamble", None, Modifiable, "yes"),
    b("aof-timestamp-enabled", None, Modifiable, "no"),
    b(
        "cluster-replica-no-failover",
        Some("cluster-slave-no-failover"),
        Modifiable,
        "no",
    ),
    b(
        "replica-lazy-flush",
        Some("slave-lazy-flush"),
        Modifiable,
        "no",
    ),
    b(
        "replica-serve-stale-data",
        Some("slave-serve-stale-data"),
        Modifiable,
        "yes",
    ),
    b(
        "replica-read-only",
        Some("slave-read-only"),
        Modifiable,
        "yes",
    ),
    b(
        "replica-ignore-maxmemory",
        Some("slave-ignore-maxmemory"),
        Modifiable,
        "yes",
    ),
    b("jemalloc-bg-thread", None, Modifiable, "yes"),
    with_check(b("activedefrag", None, Modifiable, "no"), Check::NoDefrag),
    b("syslog-enabled", None, Immutable, "no"),
    b("cluster-enabled", None, Immutable, "no"),
    b("appendonly", None, Modifiable, "no"),
    b("cluster-allow-reads-when-down", None, Modifiable, "no"),
    b(
        "cluster-allow-pubsubshard-when-down",
        None,
        Modifiable,
        "yes",
    ),
    b("crash-log-enabled", None, Modifiable, "yes"),
    b("crash-memcheck-enabled", None, Modifiable, "yes"),
    hidden(b("use-exit-on-panic", None, Modifiable, "no")),
    b("disable-thp", None, Immutable, "yes"),
    b("cluster-allow-replica-migration", None, Modifiable, "yes"),
    b("replica-announced", None, Modifiable, "yes"),
    b("latency-tracking", None, Modifiable, "yes"),
    b("aof-disable-auto-gc", None, Modifiable, "no"),
    b("replica-ignore-disk-write-errors", None, Modifiable, "no"),
    // Strings.
    s("aclfile", None, Immutable, ""),
    s("unixsocket", None, Immutable, ""),
    s("pidfile", None, Immutable, ""),
    s(
        "replica-announce-ip",
        Some("slave-announce-ip"),
        Modifiable,
        "",
    ),
    s("masteruser", None, Modifiable, ""),
    s("cluster-announce-ip", None, Modifiable, ""),
    s("cluster-config-file", None, Immutable, "nodes.conf"),
    with_check(
        s("cluster-announce-hostname", None, Modifiable, ""),
        Check::Hostname,
    ),
    s("syslog-ident", None, Immutable, "redis"),
    with_check(
        s("dbfilename", None, Protected, "dump.rdb"),
        Check::FileName,
    ),
    s("appendfilename", None, Immutable, "appendonly.aof"),
    s("appenddirname", None, Immutable, "appendonlydir"),
    s("server_cpulist", None, Immutable, ""),
    s("bio_cpulist", None, Immutable, ""),
    s("aof_rewrite_cpulist", None, Immutable, ""),
    s("bgsave_cpulist", None, Immutable, ""),
    s("ignore-warnings", None, Modifiable, ""),
    with_check(
        s(
            "proc-title-template",
            None,
            Modifiable,
            "{title} {listen-addr} {server-mode}",
        ),
        Check::ProcTitle,
    ),
    s("bind-source-addr", None, Modifiable, ""),
    s("logfile", None, Immutable, ""),
    s("masterauth", None, Modifiable, ""),
    s("requirepass", None, Modifiable, ""),
    // Enums.
    e(
        "supervised",
        Immutable,
        &["upstart", "systemd", "auto", "no"],
        "no",
    ),
    e(
        "syslog-facility",
        Immutable,
        &[
            "user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
        ],
        "local0",
    ),
    e(
        "repl-diskless-load",
        Modifiable,
        &["disabled", "on-empty-db", "swapdb"],
        "disabled",
    ),
    e(
        "loglevel",
        Modifiable,
        &["debug", "verbose", "notice", "warning"],
        "notice",
    ),
    e(
        "maxmemory-policy",
        Modifiable,
        MAXMEMORY_POLICIES,
        "noeviction",
    ),
    e(
        "appendfsync",
        Modifiable,
        &["everysec", "always", "no"],
        "everysec",
    ),
    e(
        "oom-score-adj",
        Modifiable,
        &["no", "yes", "relative", "absolute"],
        "no",
    ),
    e(
        "acl-pubsub-default",
        Modifiable,
        &["allchannels", "resetchannels"],
        "resetchannels",
    ),
    e(
        "sanitize-dump-payload",
        Modifiable,
        &["no", "yes", "clients"],
        "no",
    ),
    e(
        "enable-protected-configs",
        Immutable,
        &["no", "yes", "local"],
        "no",
    ),
    e(
        "enable-debug-command",
        Immutable,
        &["no", "yes", "local"],
        "no",
    ),
    e(
        "enable-module-command",
        Immutable,
        &["no", "yes", "local"],
        "no",
    ),
    e(
        "cluster-preferred-endpoint-type",
        Modifiable,
        &["ip", "hostname", "unknown-endpoint"],
        "ip",
    ),
    e(
        "propagation-error-behavior",
        Modifiable,
        &["ignore", "panic", "panic-on-replicas"],
        "ignore",
    ),
    Param {
        name: "shutdown-on-sigint",
        alias: None,
        access: Modifiable,
        hidden: false,
        kind: Kind::Flags(SHUTDOWN_FLAGS),
        default: "default",
    },
    Param {
        name: "shutdown-on-sigterm",
        alias: None,
        access: Modifiable,
        hidden: false,
        kind: Kind::Flags(SHUTDOWN_FLAGS),
        default: "default",
    },
    // int.
    n(
        "databases",
        None,
        Immutable,
        (1, I32_MAX),
        NumSyntax::Integer,
        true,
        "16",
    ),
    i("port", None, 0, 65535, "6379"),
    n(
        "io-threads",
        None,
        Immutable,
        (1, 128),
        NumSyntax::Integer,
        true,
        "1",
    ),
    i("auto-aof-rewrite-percentage", None, 0, I32_MAX, "100"),
    i(
        "cluster-replica-validity-factor",
        Some("cluster-slave-validity-factor"),
        0,
        I32_MAX,
        "10",
    ),
    i(
        "list-max-listpack-size",
        Some("list-max-ziplist-size"),
        I32_MIN,
        I32_MAX,
        "-2",
    ),
    i("tcp-keepalive", None, 0, I32_MAX, "300"),
    i("cluster-migration-barrier", None, 0, I32_MAX, "1"),
    i("active-defrag-cycle-min", None, 1, 99, "1"),
    i("active-defrag-cycle-max", None, 1, 99, "25"),
    i("active-defrag-threshold-lower", None, 0, 1000, "10"),
    i("active-defrag-threshold-upper", None, 0, 1000, "100"),
    i("lfu-log-factor", None, 0, I32_MAX, "10"),
    i("lfu-decay-time", None, 0, I32_MAX, "1"),
    i(
        "replica-priority",
        Some("slave-priority"),
        0,
        I32_MAX,
        "100",
    ),
    i("repl-diskless-sync-delay", None, 0, I32_MAX, "5"),
    i("maxmemory-samples", None, 1, I32_MAX, "5"),
    i("maxmemory-eviction-tenacity", None, 0, 100, "10"),
    i("timeout", None, 0, I32_MAX, "0"),
    i(
        "replica-announce-port",
        Some("slave-announce-port"),
        0,
        65535,
        "0",
    ),
    n(
        "tcp-backlog",
        None,
        Immutable,
        (0, I32_MAX),
        NumSyntax::Integer,
        true,
        "511",
    ),
    n(
        "cluster-port",
        None,
        Immutable,
        (0, 65535),
        NumSyntax::Integer,
        true,
        "0",
    ),
    i("cluster-announce-bus-port", None, 0, 65535, "0"),
    i("cluster-announce-port", None, 0, 65535, "0"),
    i("cluster-announce-tls-port", None, 0, 65535, "0"),
    i("repl-timeout", None, 1, I32_MAX, "60"),
    i(
        "repl-ping-replica-period",
        Some("repl-ping-slave-period"),
        1,
        I32_MAX,
        "10",
    ),
    i("list-compress-depth", None, 0, I32_MAX, "0"),
    hidden(i("rdb-key-save-delay", None, I32_MIN, I32_MAX, "0")),
    hidden(i("key-load-delay", None, I32_MIN, I32_MAX, "0")),
    i("active-expire-effort", None, 1, 10, "1"),
    // Redis accepts any non-negative hz and clamps it to 1..=500 (see `set_one`).
    i("hz", None, 0, I32_MAX, "10"),
    i(
        "min-replicas-to-write",
        Some("min-slaves-to-write"),
        0,
        I32_MAX,
        "0",
    ),
    i(
        "min-replicas-max-lag",
        Some("min-slaves-max-lag"),
        0,
        I32_MAX,
        "10",
    ),
    hidden(i("watchdog-period", None, 0, I32_MAX, "0")),
    i("shutdown-timeout", None, 0, I32_MAX, "10"),
    i("repl-diskless-sync-max-replicas", None, 0, I32_MAX, "0"),
    // unsigned int.
    u("maxclients", None, 1, U32_MAX, "10000"),
    n(
        "unixsocketperm",
        None,
        Immutable,
        (0, 0o777),
        NumSyntax::Octal,
        false,
        "0",
    ),
    n(
        "socket-mark-id",
        None,
        Immutable,
        (0, U32_MAX),
        NumSyntax::Integer,
        false,
        "0",
    ),
    // unsigned long.
    u("active-defrag-max-scan-fields", None, 1, I64_MAX, "1000"),
    u("slowlog-max-len", None, 0, I64_MAX, "128"),
    u("acllog-max-len", None, 0, I64_MAX, "128"),
    // long long.
    i(
        "busy-reply-threshold",
        Some("lua-time-limit"),
        0,
        I64_MAX,
        "5000",
    ),
    i("cluster-node-timeout", None, 0, I64_MAX, "15000"),
    i("slowlog-log-slower-than", None, -1, I64_MAX, "10000"),
    i("latency-monitor-threshold", None, 0, I64_MAX, "0"),
    n(
        "proto-max-bulk-len",
        None,
        Modifiable,
        (1024 * 1024, I64_MAX),
        NumSyntax::Memory,
        true,
        "536870912",
    ),
    i("stream-node-max-entries", None, 0, I64_MAX, "100"),
    n(
        "repl-backlog-size",
        None,
        Modifiable,
        (1, I64_MAX),
        NumSyntax::Memory,
        true,
        "1048576",
    ),
    // unsigned long long.
    n(
        "maxmemory",
        None,
        Modifiable,
        (0, U64_MAX),
        NumSyntax::Memory,
        false,
        "0",
    ),
    n(
        "cluster-link-sendbuf-limit",
        None,
        Modifiable,
        (0, U64_MAX),
        NumSyntax::Memory,
        false,
        "0",
    ),
    // size_t.
    u(
        "hash-max-listpack-entries",
        Some("hash-max-ziplist-entries"),
        0,
        I64_MAX,
        "512",
    ),
    u("set-max-intset-entries", None, 0, I64_MAX, "512"),
    u(
        "zset-max-listpack-entries",
        Some("zset-max-ziplist-entries"),
        0,
        I64_MAX,
        "128",
    ),
    n(
        "active-defrag-ignore-bytes",
        None,
        Modifiable,
        (1, I64_MAX),
        NumSyntax::Memory,
        false,
        "104857600",
    ),
    n(
        "hash-max-listpack-value",
        Some("hash-max-ziplist-value"),
        Modifiable,
        (0, I64_MAX),
        NumSyntax::Memory,
        false,
        "64",
    ),
    n(
        "stream-node-max-bytes",
        None,
        Modifiable,
        (0, I64_MAX),
        NumSyntax::Memory,
        false,
        "4096",
    ),
    n(
        "zset-max-listpack-value",
        Some("zset-max-ziplist-value"),
        Modifiable,
        (0, I64_MAX),
        NumSyntax::Memory,
        false,
        "64",
    ),
    n(
        "hll-sparse-max-bytes",
        None,
        Modifiable,
        (0, I64_MAX),
        NumSyntax::Memory,
        false,
        "3000",
    ),
    u("tracking-table-max-keys", None, 0, I64_MAX, "1000000"),
    n(
        "client-query-buffer-limit",
        None,
        Modifiable,
        (1024 * 1024, I64_MAX),
        NumSyntax::Memory,
        false,
        "1073741824",
    ),
    // ssize_t, memory or percent.
    n(
        "maxmemory-clients",
        None,
        Modifiable,
        (-100, I64_MAX),
        NumSyntax::MemoryOrPercent,
        true,
        "0",
    ),
    // time_t and off_t.
    i("repl-backlog-ttl", None, 0, I64_MAX, "3600"),
    n(
        "auto-aof-rewrite-min-size",
        None,
        Modifiable,
        (0, I64_MAX),
        NumSyntax::Memory,
        true,
        "67108864",
    ),
    hidden(i(
        "loading-process-events-interval-bytes",
        None,
        1024,
        I32_MAX,
        "2097152",
    )),
    // TLS (the reference build has it).
    i("tls-port", None, 0, 65535, "0"),
    i("tls-session-cache-size", None, 0, I32_MAX, "20480"),
    i("tls-session-cache-timeout", None, 0, I32_MAX, "300"),
    with_check(b("tls-cluster", None, Modifiable, "no"), Check::NoTls),
    with_check(b("tls-replication", None, Modifiable, "no"), Check::NoTls),
    e(
        "tls-auth-clients",
        Modifiable,
        &["no", "yes", "optional"],
        "yes",
    ),
    b("tls-prefer-server-ciphers", None, Modifiable, "no"),
    b("tls-session-caching", None, Modifiable, "yes"),
    s("tls-cert-file", None, Modifiable, ""),
    s("tls-key-file", None, Modifiable, ""),
    s("tls-key-file-pass", None, Modifiable, ""),
    s("tls-client-cert-file", None, Modifiable, ""),
    s("tls-client-key-file", None, Modifiable, ""),
    s("tls-client-key-file-pass", None, Modifiable, ""),
    s("tls-dh-params-file", None, Modifiable, ""),
    s("tls-ca-cert-file", None, Modifiable, ""),
    s("tls-ca-cert-dir", None, Modifiable, ""),
    s("tls-protocols", None, Modifiable, ""),
    s("tls-ciphers", None, Modifiable, ""),
    s("tls-ciphersuites", None, Modifiable, ""),
    // Special.
    sp("dir", None, Protected, Special::Dir, "/var/lib/redis"),
    sp("save", None, Modifiable, Special::Save, ""),
    sp(
        "client-output-buffer-limit",
        None,
        Modifiable,
        Special::ClientOutputBufferLimit,
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
    ),
    sp(
        "oom-score-adj-values",
        None,
        Modifiable,
        Special::OomScoreAdjValues,
        "0 200 800",
    ),
    sp(
        "notify-keyspace-events",
        None,
        Modifiable,
        Special::NotifyKeyspaceEvents,
        "",
    ),
    sp("bind", None, Modifiable, Special::Bind, "* -::*"),
    sp(
        "replicaof",
        Some("slaveof"),
        Immutable,
        Special::ReplicaOf,
        "",
    ),
    sp(
        "latency-tracking-info-percentiles",
        None,
        Modifiable,
        Special::LatencyPercentiles,
        "50 99 99.9",
    ),
];

/// tls-port must also refuse non-zero values (turning TLS on needs
/// certificates), and numeric parameters carry no check of their own.
fn check_tls_port(name: &str, v: i128) -> Result<(), String> {
    if name == "tls-port" && v != 0 {
        return Err("Unable to update TLS configuration. Check server logs.".to_string());
    }
    Ok(())
}

/// Name (primary or alias, lowercase) -> (index in PARAMS, is the alias).
fn index() -> &'static BTreeMap<&'static str, (usize, bool)> {
    static INDEX: OnceLock<BTreeMap<&'static str, (usize, bool)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = BTreeMap::new();
        for (i, p) in PARAMS.iter().enumerate() {
            m.insert(p.name, (i, false));
            if let Some(a) = p.alias {
                m.insert(a, (i, true));
            }
        }
        m
    })
}

fn find(name: &str) -> Option<(usize, bool)> {
    match index().get(name) {
        Some(hit) => Some(*hit),
        None => index().get(name.to_ascii_lowercase().as_str()).copied(),
    }
}

/// Where a parameter sits in the table, found once (see
/// `Config::get_i64_at`): `static SPARSE: Slot = Slot::new("...")`.
pub struct Slot {
    name: &'static str,
    at: std::sync::OnceLock<Option<usize>>,
}

impl Slot {
    pub const fn new(name: &'static str) -> Slot {
        Slot {
            name,
            at: std::sync::OnceLock::new(),
        }
    }
}

/// The values of every parameter. Cloning is cheap enough for CONFIG SET's
/// all-or-nothing update (set on a copy, keep it only if every pair passed).
#[derive(Debug, Clone)]
pub struct Config {
    values: Vec<ConfigValue>,
}

impl Default for Config {
    fn default() -> Self {
        let mut values = Vec::with_capacity(PARAMS.len());
        for p in PARAMS {
            // The defaults go through the same parser as CONFIG SET, so the
            // table cannot hold a value the server would refuse; a default
            // that does not parse is a table bug caught by the tests below.
            let v =
                parse_value(p, p.default, None).unwrap_or(ConfigValue::Text(p.default.to_string()));
            values.push(v);
        }
        Config { values }
    }
}

/// Why a CONFIG SET failed, already worded as Redis words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError(pub String);

impl Config {
    /// The whole table, for completion and the docs.
    pub fn params() -> &'static [Param] {
        PARAMS
    }

    /// Whether CONFIG SET may change `name` (not immutable nor protected).
    pub fn modifiable(name: &str) -> bool {
        find(name)
            .and_then(|(i, _)| PARAMS.get(i))
            .is_some_and(|p| p.access == Access::Modifiable)
    }

    fn value(&self, name: &str) -> Option<&ConfigValue> {
        let (i, _) = find(name)?;
        self.values.get(i)
    }

    /// `get_i64` for a parameter read on every command: its place in the
    /// table is found by name once, then kept in `slot`.
    pub fn get_i64_at(&self, slot: &Slot) -> i64 {
        let at = slot.at.get_or_init(|| find(slot.name).map(|(i, _)| i));
        match at.and_then(|i| self.values.get(i)) {
            Some(ConfigValue::Int(v)) => {
                (*v).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
            }
            _ => 0,
        }
    }

    /// An integer parameter (also memory sizes, in bytes). 0 for an unknown
    /// name or a non-numeric parameter: callers name parameters in code, a
    /// typo is caught by tests, and a default keeps the engine running.
    /// A `N%` value (maxmemory-clients) comes back negative, as Redis keeps it.
    pub fn get_i64(&self, name: &str) -> i64 {
        match self.value(name) {
            Some(ConfigValue::Int(v)) => {
                (*v).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
            }
            _ => 0,
        }
    }

    pub fn get_bool(&self, name: &str) -> bool {
        matches!(self.value(name), Some(ConfigValue::Bool(true)))
    }

    /// The value as CONFIG GET shows it.
    pub fn get_str(&self, name: &str) -> Option<String> {
        let (i, _) = find(name)?;
        let p = PARAMS.get(i)?;
        Some(render(p, self.values.get(i)?))
    }

    /// The keyspace notification classes (`NOTIFY_*` bits).
    pub fn keyspace_events(&self) -> u32 {
        // Read by every write command.
        static EVENTS: Slot = Slot::new("notify-keyspace-events");
        self.get_i64_at(&EVENTS) as u32
    }

    /// CONFIG GET: pairs of (name, value) for every parameter matching one
    /// of the patterns, each once. A pattern without glob characters is a
    /// plain (case-insensitive) lookup that echoes the name as typed and
    /// can reach hidden parameters; a glob matches primary names and
    /// aliases alike, as Redis's table holds both.
    pub fn matching(&self, patterns: &[Vec<u8>]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        for pat in patterns {
            let text = String::from_utf8_lossy(pat).into_owned();
            if !pat.iter().any(|c| matches!(c, b'[' | b'*' | b'?')) {
                if seen.contains(&text.to_ascii_lowercase()) {
                    continue;
                }
                if let Some((i, _)) = find(&text) {
                    if let (Some(p), Some(v)) = (PARAMS.get(i), self.values.get(i)) {
                        seen.insert(text.to_ascii_lowercase());
                        out.push((text, render(p, v)));
                    }
                }
                continue;
            }
            for (i, p) in PARAMS.iter().enumerate() {
                if p.hidden {
                    continue;
                }
                for name in std::iter::once(p.name).chain(p.alias) {
                    if seen.contains(name) || !glob::matches(pat, name.as_bytes(), true) {
                        continue;
                    }
                    if let Some(v) = self.values.get(i) {
                        seen.insert(name.to_string());
                        out.push((name.to_string(), render(p, v)));
                    }
                }
            }
        }
        out
    }

    /// CONFIG REWRITE's view of a parameter named in a config file (an
    /// alias too): its table name, its value as a config line writes it,
    /// and whether it differs from the default. `None` for a name the
    /// table lacks, or a hidden testing knob.
    pub fn rewrite_line(&self, name: &str) -> Option<(&'static str, String, bool)> {
        let (i, _) = find(name)?;
        let p = PARAMS.get(i).filter(|p| !p.hidden)?;
        let v = self.values.get(i)?;
        // Memory sizes as Redis's `rewriteConfigFormatMemory` writes them:
        // in gb, mb or kb when they divide exactly.
        let text = match (p.kind, v) {
            (
                Kind::Num {
                    syntax: NumSyntax::Memory | NumSyntax::MemoryOrPercent,
                    ..
                },
                ConfigValue::Int(n),
            ) if *n > 0 => {
                let units = [(1i128 << 30, "gb"), (1 << 20, "mb"), (1 << 10, "kb")];
                match units.iter().find(|(u, _)| n % u == 0) {
                    Some((u, name)) => format!("{}{name}", n / u),
                    None => n.to_string(),
                }
            }
            _ => render(p, v),
        };
        let default = parse_value(p, p.default, None).is_ok_and(|d| &d == v);
        Some((p.name, text, !default))
    }

    /// CONFIG SET with its pairs (name, value): all set or none. Errors are
    /// complete Redis error lines (with the `ERR` prefix).
    pub fn set_pairs(&mut self, pairs: &[(&[u8], &[u8])]) -> Result<(), SetError> {
        // Pass 1, as Redis: resolve every name first. An unknown name wins
        // over every other error; otherwise the first immutable, protected
        // or duplicated one is reported, by the name as typed.
        let mut unknown: Option<String> = None;
        let mut refused: Option<(String, &'static str)> = None;
        let mut chosen: Vec<(usize, bool)> = Vec::with_capacity(pairs.len());
        for (name, _) in pairs {
            let typed = String::from_utf8_lossy(name).into_owned();
            let Some((i, alias)) = find(&typed) else {
                if unknown.is_none() && refused.is_none() {
                    unknown = Some(typed);
                }
                continue;
            };
            if unknown.is_some() || refused.is_some() {
                continue;
            }
            let access = PARAMS.get(i).map_or(Access::Immutable, |p| p.access);
            if access == Access::Immutable {
                refused = Some((typed, "can't set immutable config"));
                continue;
            }
            if access == Access::Protected {
                refused = Some((typed, "can't set protected config"));
                continue;
            }
            // An alias is its own table entry in Redis, so naming a
            // parameter by both names is not a duplicate: the last one wins.
            if chosen.contains(&(i, alias)) {
                refused = Some((typed, "duplicate parameter"));
                continue;
            }
            chosen.push((i, alias));
        }
        if let Some(name) = unknown {
            return Err(SetError(format!(
                "ERR Unknown option or number of arguments for CONFIG SET - '{name}'"
            )));
        }
        if let Some((name, why)) = refused {
            return Err(SetError(failed(&name, why)));
        }
        // Pass 2: parse and set on a copy; the first bad value names the
        // parameter by its table name (the alias if that was typed).
        let mut next = self.values.clone();
        for ((i, alias), (_, value)) in chosen.iter().zip(pairs) {
            let Some(p) = PARAMS.get(*i) else { continue };
            let shown = if *alias {
                p.alias.unwrap_or(p.name)
            } else {
                p.name
            };
            let text = String::from_utf8_lossy(value);
            match parse_value(p, &text, next.get(*i)) {
                Ok(v) => {
                    if let Some(slot) = next.get_mut(*i) {
                        *slot = v;
                    }
                }
                Err(why) => return Err(SetError(failed(shown, &why))),
            }
        }
        self.values = next;
        Ok(())
    }

    /// Set one parameter the way a config file or command line would: the
    /// host uses it at start (`port`, `bind`, `dir`), so immutable and
    /// protected parameters are allowed here.
    pub fn set_startup(&mut self, name: &str, value: &str) -> Result<(), SetError> {
        let Some((i, _)) = find(name) else {
            return Err(SetError(format!(
                "ERR Unknown option or number of arguments for CONFIG SET - '{name}'"
            )));
        };
        let Some(p) = PARAMS.get(i) else {
            return Err(SetError("ERR no such parameter".to_string()));
        };
        let v = parse_value(p, value, self.values.get(i))
            .map_err(|why| SetError(failed(p.name, &why)))?;
        if let Some(slot) = self.values.get_mut(i) {
            *slot = v;
        }
        Ok(())
    }
}

impl Config {
    /// The parameters whose value differs from the default, by table
    /// name, with the value as stored: what a snapshot's bytes keep. The
    /// stored value, not its CONFIG GET text, because that text does not
    /// always read back the same (`AKEn` shows as `AKE`).
    pub fn changed(&self) -> Vec<(&'static str, &ConfigValue)> {
        let defaults = Config::default();
        PARAMS
            .iter()
            .zip(&self.values)
            .zip(&defaults.values)
            .filter(|((_, v), d)| v != d)
            .map(|((p, v), _)| (p.name, v))
            .collect()
    }

    /// Put back a value read from a snapshot's bytes. Only a value this
    /// parameter's own parser could have stored is taken (false
    /// otherwise), so that the commands reading it meet nothing CONFIG
    /// SET would have refused. The test is the parser's: the value's
    /// CONFIG GET text must parse back to the value itself. That holds
    /// for every stored value but the keyspace events' bits, whose text
    /// may drop `n`; those are checked as bits.
    pub fn set_stored(&mut self, name: &str, v: ConfigValue) -> bool {
        let Some((i, _)) = find(name) else {
            return false;
        };
        let Some(p) = PARAMS.get(i) else {
            return false;
        };
        let ok = match (p.kind, &v) {
            (Kind::Special(Special::NotifyKeyspaceEvents), ConfigValue::Int(bits)) => {
                let known =
                    NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT | NOTIFY_KEY_MISS | NOTIFY_NEW;
                *bits >= 0 && bits & !i128::from(known) == 0
            }
            _ => parse_value(p, &render(p, &v), Some(&v)).is_ok_and(|back| back == v),
        };
        if let (true, Some(slot)) = (ok, self.values.get_mut(i)) {
            *slot = v;
        }
        ok
    }
}

fn failed(name: &str, why: &str) -> String {
    format!("ERR CONFIG SET failed (possibly related to argument '{name}') - {why}")
}

/// `sdssplitlen(value, " ")`: split on every single space, keeping empty
/// pieces, and nothing at all for an empty string. Multi-word parameters
/// (save, bind, ...) read their words this way, so `"1  1"` has three.
fn split_words(value: &str) -> Vec<&str> {
    if value.is_empty() {
        Vec::new()
    } else {
        value.split(' ').collect()
    }
}

/// C's `strtoll(s, &end, 10)` with the check `*end == '\0'` that Redis puts
/// after it: leading whitespace and a sign are fine, an empty string reads
/// as 0, and overflow saturates (Redis does not look at errno there).
fn strtoll_full(s: &str) -> Option<i64> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, t.get(1..).unwrap_or("")),
        Some(b'+') => (false, t.get(1..).unwrap_or("")),
        _ => (false, t),
    };
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if digits.is_empty() {
        // No conversion: strtoll returns 0 and leaves `end` at the start,
        // which is the end of the string only when the string was empty.
        return if s.is_empty() { Some(0) } else { None };
    }
    let mut v: i128 = 0;
    for c in digits.bytes() {
        v = (v * 10 + i128::from(c - b'0')).min(i128::from(i64::MAX) + 1);
    }
    let v = if neg { -v } else { v };
    Some(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// Redis's `memtoull`: digits then an optional unit, no sign. The digits
/// go through `strtoull`, which saturates, and the unit multiplies with
/// wrap-around: 7.0 checks neither, and CONFIG GET shows the result.
pub fn memtoull(s: &str) -> Option<u64> {
    if s.starts_with('-') {
        return None;
    }
    let end = s
        .bytes()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    let (digits, unit) = s.split_at(end);
    let mul: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" => 1000,
        "kb" => 1024,
        "m" => 1000 * 1000,
        "mb" => 1024 * 1024,
        "g" => 1000 * 1000 * 1000,
        "gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    if digits.len() >= 128 {
        return None;
    }
    let mut v: u64 = 0;
    for c in digits.bytes() {
        v = v.saturating_mul(10).saturating_add(u64::from(c - b'0'));
    }
    Some(v.wrapping_mul(mul))
}

/// Read a value for a parameter, or say why not (the part after the dash
/// in Redis's message). `old` is the current value, which a partial update
/// (client-output-buffer-limit naming one class) keeps the rest of.
fn parse_value(p: &Param, text: &str, old: Option<&ConfigValue>) -> Result<ConfigValue, String> {
    match p.kind {
        Kind::Bool(check) => {
            let v = if text.eq_ignore_ascii_case("yes") {
                true
            } else if text.eq_ignore_ascii_case("no") {
                false
            } else {
                return Err("argument must be 'yes' or 'no'".to_string());
            };
            if v && check == Check::NoDefrag {
                return Err("Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution".to_string());
            }
            if v && check == Check::NoTls {
                return Err("Unable to update TLS configuration. Check server logs.".to_string());
            }
            Ok(ConfigValue::Bool(v))
        }
        Kind::Num {
            min,
            max,
            syntax,
            signed,
        } => {
            let v = parse_number(text, min, max, syntax, signed)?;
            check_tls_port(p.name, v)?;
            // hz is a hint: Redis takes any value in range and clamps it.
            let v = if p.name == "hz" { v.clamp(1, 500) } else { v };
            Ok(ConfigValue::Int(v))
        }
        Kind::Enum(names) => match names.iter().find(|n| n.eq_ignore_ascii_case(text)) {
            Some(n) => Ok(ConfigValue::Text((*n).to_string())),
            None => Err(format!(
                "argument(s) must be one of the following: {}",
                names.join(", ")
            )),
        },
        Kind::Flags(names) => {
            let words = split_words(text);
            let mut bits = 0u32;
            let bad = || {
                format!(
                    "argument(s) must be one of the following: {}",
                    names.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                )
            };
            if words.is_empty() {
                return Err(bad());
            }
            for w in words {
                match names.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)) {
                    Some((_, bit)) => bits |= bit,
                    None => return Err(bad()),
                }
            }
            Ok(ConfigValue::Int(i128::from(bits)))
        }
        Kind::Str(check) => {
            check_string(check, text)?;
            Ok(ConfigValue::Text(text.to_string()))
        }
        Kind::Special(which) => parse_special(which, text, old),
    }
}

fn parse_number(
    text: &str,
    min: i128,
    max: i128,
    syntax: NumSyntax,
    signed: bool,
) -> Result<i128, String> {
    // What the C code holds after parsing: a `long long`.
    let ll: i64 = match syntax {
        NumSyntax::Integer => {
            parse_i64(text.as_bytes()).ok_or("argument couldn't be parsed into an integer")?
        }
        NumSyntax::Memory => memtoull(text).ok_or("argument must be a memory value")? as i64,
        NumSyntax::MemoryOrPercent => match memtoull(text) {
            Some(v) => v as i64,
            None => {
                let pct = text
                    .strip_suffix('%')
                    .filter(|d| !d.is_empty())
                    .and_then(|d| parse_i64(d.as_bytes()))
                    .filter(|v| *v >= 0);
                match pct {
                    Some(v) => -v,
                    None => return Err("argument must be a memory or percent value".to_string()),
                }
            }
        },
        NumSyntax::Octal => {
            let t = text.trim_start();
            i64::from_str_radix(t, 8)
                .map_err(|_| "argument couldn't be parsed as an octal number")?
        }
    };
    if syntax == NumSyntax::MemoryOrPercent && ll < 0 {
        if i128::from(ll) < min {
            return Err(format!(
                "percentage argument must be less or equal to {}",
                -min
            ));
        }
        return Ok(i128::from(ll));
    }
    // Unsigned C types compare the same bits as unsigned, so -1 is huge.
    let v = if signed {
        i128::from(ll)
    } else {
        i128::from(ll as u64)
    };
    if v < min || v > max {
        return Err(if syntax == NumSyntax::Octal {
            format!("argument must be between {min:o} and {max:o} inclusive")
        } else {
            format!("argument must be between {min} and {max} inclusive")
        });
    }
    Ok(v)
}

fn check_string(check: Check, text: &str) -> Result<(), String> {
    match check {
        Check::Hostname => {
            if text.len() >= 256 {
                return Err("Hostnames must be less than 256 characters".to_string());
            }
            if !text
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.')
            {
                return Err(
                    "Hostnames may only contain alphanumeric characters, hyphens or dots"
                        .to_string(),
                );
            }
            Ok(())
        }
        Check::ProcTitle => {
            if valid_proc_title(text) {
                Ok(())
            } else {
                Err("template format is invalid or contains unknown variables".to_string())
            }
        }
        Check::FileName => {
            if text.contains('/') {
                Err("dbfilename can't be a path, just a filename".to_string())
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// `validateProcTitleTemplate`: the template must expand (`sdstemplate`:
/// `{{` is a literal brace, every `{name}` a known variable) and, with an
/// empty title, leave something other than spaces.
fn valid_proc_title(t: &str) -> bool {
    let var = |name: &str| -> Option<&'static str> {
        Some(match name {
            "title" | "server-mode" | "unixsocket" | "config-file" => "",
            "listen-addr" => "*:6379",
            "port" => "6379",
            "tls-port" => "0",
            _ => return None,
        })
    };
    let mut out = String::new();
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        if after.is_empty() {
            return false;
        }
        if let Some(r) = after.strip_prefix('{') {
            out.push('{');
            rest = r;
            continue;
        }
        let Some(close) = after.find('}') else {
            return false;
        };
        let Some(value) = var(after.get(..close).unwrap_or("")) else {
            return false;
        };
        out.push_str(value);
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    !out.trim_matches(' ').is_empty()
}

fn parse_special(
    which: Special,
    text: &str,
    old: Option<&ConfigValue>,
) -> Result<ConfigValue, String> {
    let words = split_words(text);
    match which {
        Special::Save => {
            if !words.len().is_multiple_of(2) {
                return Err("Invalid save parameters".to_string());
            }
            let mut out = Vec::new();
            for (j, w) in words.iter().enumerate() {
                let v = strtoll_full(w).ok_or("Invalid save parameters")?;
                if (j % 2 == 0 && v < 1) || (j % 2 == 1 && v < 0) {
                    return Err("Invalid save parameters".to_string());
                }
                // Seconds are a time_t, changes an int (truncated, as in C).
                out.push(if j % 2 == 0 {
                    v.to_string()
                } else {
                    (v as i32).to_string()
                });
            }
            Ok(ConfigValue::Text(out.join(" ")))
        }
        Special::ClientOutputBufferLimit => {
            if !words.len().is_multiple_of(4) {
                return Err("Wrong number of arguments in buffer limit configuration.".to_string());
            }
            // Only the classes named change; the others keep their limits.
            let mut classes: Vec<String> = match old {
                Some(ConfigValue::Text(t)) => t
                    .split(' ')
                    .collect::<Vec<_>>()
                    .chunks(4)
                    .map(|c| c.join(" "))
                    .collect(),
                _ => Vec::new(),
            };
            if classes.len() != OBUF_CLASSES.len() {
                classes = OBUF_CLASSES.iter().map(|c| format!("{c} 0 0 0")).collect();
            }
            let mut updates: Vec<(usize, String)> = Vec::new();
            for chunk in words.chunks(4) {
                let [class, hard, soft, secs] = chunk else {
                    continue;
                };
                let c = match class.to_ascii_lowercase().as_str() {
                    "normal" => 0,
                    "slave" | "replica" => 1,
                    "pubsub" => 2,
                    _ => {
                        return Err(
                            "Invalid client class specified in buffer limit configuration."
                                .to_string(),
                        )
                    }
                };
                let bad = || {
                    "Error in hard, soft or soft_seconds setting in buffer limit configuration."
                        .to_string()
                };
                let hard = memtoull(hard).ok_or_else(bad)?;
                let soft = memtoull(soft).ok_or_else(bad)?;
                // An int in C: truncated before the sign check.
                let secs = strtoll_full(secs).ok_or_else(bad)? as i32;
                if secs < 0 {
                    return Err(bad());
                }
                let name = OBUF_CLASSES.get(c).copied().unwrap_or("normal");
                updates.push((c, format!("{name} {hard} {soft} {secs}")));
            }
            // Checked as a whole first, applied after: one bad class refuses all.
            for (c, text) in updates {
                if let Some(slot) = classes.get_mut(c) {
                    *slot = text;
                }
            }
            Ok(ConfigValue::Text(classes.join(" ")))
        }
        Special::OomScoreAdjValues => {
            if words.len() != 3 {
                return Err("wrong number of arguments".to_string());
            }
            let mut out = Vec::new();
            for w in &words {
                match strtoll_full(w) {
                    Some(v) if (-2000..=2000).contains(&v) => out.push(v.to_string()),
                    _ => return Err(
                        "Invalid oom-score-adj-values, elements must be between -2000 and 2000."
                            .to_string(),
                    ),
                }
            }
            Ok(ConfigValue::Text(out.join(" ")))
        }
        Special::NotifyKeyspaceEvents => {
            let mut flags = 0u32;
            for c in text.chars() {
                flags |= match c {
                    'A' => NOTIFY_ALL,
                    'g' => NOTIFY_GENERIC,
                    '$' => NOTIFY_STRING,
                    'l' => NOTIFY_LIST,
                    's' => NOTIFY_SET,
                    'h' => NOTIFY_HASH,
                    'z' => NOTIFY_ZSET,
                    'x' => NOTIFY_EXPIRED,
                    'e' => NOTIFY_EVICTED,
                    'K' => NOTIFY_KEYSPACE,
                    'E' => NOTIFY_KEYEVENT,
                    't' => NOTIFY_STREAM,
                    'm' => NOTIFY_KEY_MISS,
                    'd' => NOTIFY_MODULE,
                    'n' => NOTIFY_NEW,
                    _ => {
                        return Err(
                            "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".to_string()
                        )
                    }
                };
            }
            Ok(ConfigValue::Int(i128::from(flags)))
        }
        Special::Bind => {
            if words.len() > 16 {
                return Err("Too many bind addresses specified.".to_string());
            }
            Ok(ConfigValue::Text(words.join(" ")))
        }
        Special::ReplicaOf => Ok(ConfigValue::Text(text.to_string())),
        Special::LatencyPercentiles => {
            let mut out = Vec::new();
            for w in &words {
                let v = parse_f64(w.as_bytes())
                    .filter(|v| v.is_finite())
                    .ok_or("Invalid latency-tracking-info-percentiles parameters")?;
                if !(0.0..=100.0).contains(&v) {
                    return Err(
                        "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]".to_string()
                    );
                }
                out.push(trim_double(v));
            }
            Ok(ConfigValue::Text(out.join(" ")))
        }
        Special::Dir => Ok(ConfigValue::Text(text.to_string())),
    }
}

const OBUF_CLASSES: &[&str] = &["normal", "slave", "pubsub"];
/// `%f` then `trimDoubleString`: six decimals, trailing zeros and dot removed.
fn trim_double(v: f64) -> String {
    let s = format!("{v:.6}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The value as CONFIG GET prints it.
fn render(p: &Param, v: &ConfigValue) -> String {
    match (p.kind, v) {
        (_, ConfigValue::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        (
            Kind::Num {
                syntax: NumSyntax::MemoryOrPercent,
                ..
            },
            ConfigValue::Int(v),
        ) if *v < 0 => format!("{}%", -v),
        (
            Kind::Num {
                syntax: NumSyntax::Octal,
                ..
            },
            ConfigValue::Int(v),
        ) => format!("{v:o}"),
        (Kind::Flags(names), ConfigValue::Int(bits)) => {
            if let Some((n, _)) = names.iter().find(|(_, b)| i128::from(*b) == *bits) {
                return (*n).to_string();
            }
            names
                .iter()
                .filter(|(_, b)| *b != 0 && i128::from(*b) & bits == i128::from(*b))
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(" ")
        }
        (Kind::Special(Special::NotifyKeyspaceEvents), ConfigValue::Int(bits)) => {
            keyspace_events_string(*bits as u32)
        }
        (_, ConfigValue::Int(v)) => v.to_string(),
        (_, ConfigValue::Text(t)) => t.clone(),
    }
}

/// `keyspaceEventsFlagsToString`: the canonical spelling CONFIG GET shows.
pub fn keyspace_events_string(flags: u32) -> String {
    let mut out = String::new();
    if flags & NOTIFY_ALL == NOTIFY_ALL {
        out.push('A');
    } else {
        for (bit, c) in [
            (NOTIFY_GENERIC, 'g'),
            (NOTIFY_STRING, '$'),
            (NOTIFY_LIST, 'l'),
            (NOTIFY_SET, 's'),
            (NOTIFY_HASH, 'h'),
            (NOTIFY_ZSET, 'z'),
            (NOTIFY_EXPIRED, 'x'),
            (NOTIFY_EVICTED, 'e'),
            (NOTIFY_STREAM, 't'),
            (NOTIFY_MODULE, 'd'),
            (NOTIFY_NEW, 'n'),
        ] {
            if flags & bit != 0 {
                out.push(c);
            }
        }
    }
    for (bit, c) in [
        (NOTIFY_KEYSPACE, 'K'),
        (NOTIFY_KEYEVENT, 'E'),
        (NOTIFY_KEY_MISS, 'm'),
    ] {
        if flags & bit != 0 {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(c: &mut Config, name: &str, value: &str) -> Result<(), String> {
        c.set_pairs(&[(name.as_bytes(), value.as_bytes())])
            .map_err(|e| e.0)
    }

    fn get(c: &Config, name: &str) -> String {
        c.get_str(name)
            .unwrap_or_else(|| panic!("no parameter {name}"))
    }

    #[test]
    fn every_default_parses() {
        for p in PARAMS {
            assert!(
                parse_value(p, p.default, None).is_ok(),
                "default of {} does not parse",
                p.name
            );
        }
    }

    #[test]
    fn names_are_unique_and_lowercase() {
        let mut seen = std::collections::BTreeSet::new();
        for p in PARAMS {
            for name in std::iter::once(p.name).chain(p.alias) {
                assert!(seen.insert(name), "{name} twice");
                assert_eq!(name, name.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn typed_getters() {
        let c = Config::default();
        assert_eq!(c.get_i64("hash-max-listpack-entries"), 512);
        assert_eq!(c.get_i64("hash-max-ziplist-entries"), 512);
        assert_eq!(c.get_i64("list-max-listpack-size"), -2);
        assert_eq!(c.get_i64("maxmemory"), 0);
        assert!(c.get_bool("activerehashing"));
        assert_eq!(c.get_str("maxmemory-policy").as_deref(), Some("noeviction"));
        assert_eq!(c.keyspace_events(), 0);
    }

    #[test]
    fn memory_values() {
        let mut c = Config::default();
        for (input, shown) in [
            ("1gb", "1073741824"),
            ("100MB", "104857600"),
            ("1k", "1000"),
            ("1Kb", "1024"),
            ("010", "10"),
            ("", "0"),
            ("kb", "0"),
            ("99999999999999999999", "18446744073709551615"),
            ("20000000000gb", "3028092406290448384"),
        ] {
            assert_eq!(set(&mut c, "maxmemory", input), Ok(()), "{input}");
            assert_eq!(get(&c, "maxmemory"), shown, "{input}");
        }
        for bad in ["abc", "-1", "1.5", "+5", " 1", "1tb"] {
            assert_eq!(
                set(&mut c, "maxmemory", bad),
                Err("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value"
                    .to_string()),
                "{bad}"
            );
        }
    }

    #[test]
    fn integer_bounds_and_syntax() {
        let mut c = Config::default();
        assert_eq!(set(&mut c, "hz", "0"), Ok(()));
        assert_eq!(get(&c, "hz"), "1");
        assert_eq!(set(&mut c, "hz", "600"), Ok(()));
        assert_eq!(get(&c, "hz"), "500");
        assert_eq!(
            set(&mut c, "hz", "-1"),
            Err("ERR CONFIG SET failed (possibly related to argument 'hz') - argument must be between 0 and 2147483647 inclusive".into())
        );
        assert_eq!(
            set(&mut c, "hz", "010"),
            Err("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer".into())
        );
        assert_eq!(
            set(&mut c, "maxclients", "-1"),
            Err("ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive".into())
        );
        assert_eq!(
            set(&mut c, "proto-max-bulk-len", "1"),
            Err("ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(set(&mut c, "maxmemory-clients", "10%"), Ok(()));
        assert_eq!(get(&c, "maxmemory-clients"), "10%");
        assert_eq!(
            set(&mut c, "maxmemory-clients", "101%"),
            Err("ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100".into())
        );
    }

    #[test]
    fn set_is_all_or_nothing_and_reports_like_redis() {
        let mut c = Config::default();
        let r = c.set_pairs(&[(b"hz", b"5"), (b"maxmemory", b"abc")]);
        assert!(r.is_err());
        assert_eq!(get(&c, "hz"), "10");
        assert_eq!(
            c.set_pairs(&[(b"maxmemory", b"0"), (b"MAXMEMORY", b"1")]),
            Err(SetError(
                "ERR CONFIG SET failed (possibly related to argument 'MAXMEMORY') - duplicate parameter".into()
            ))
        );
        assert_eq!(
            c.set_pairs(&[
                (b"hash-max-ziplist-entries", b"1"),
                (b"hash-max-listpack-entries", b"2")
            ]),
            Ok(())
        );
        assert_eq!(
            c.set_pairs(&[(b"databases", b"1"), (b"foo", b"1")]),
            Err(SetError(
                "ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config".into()
            ))
        );
        assert_eq!(
            c.set_pairs(&[(b"foo", b"1"), (b"databases", b"1")]),
            Err(SetError(
                "ERR Unknown option or number of arguments for CONFIG SET - 'foo'".into()
            ))
        );
        assert_eq!(
            set(&mut c, "hash-max-ziplist-entries", "x"),
            Err("ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-entries') - argument couldn't be parsed into an integer".into())
        );
    }

    #[test]
    fn special_parameters() {
        let mut c = Config::default();
        assert_eq!(set(&mut c, "notify-keyspace-events", "KEA"), Ok(()));
        assert_eq!(get(&c, "notify-keyspace-events"), "AKE");
        assert_eq!(
            set(&mut c, "notify-keyspace-events", "KEg$lshzxetmdn"),
            Ok(())
        );
        assert_eq!(get(&c, "notify-keyspace-events"), "AKEm");
        assert_eq!(set(&mut c, "notify-keyspace-events", "xz"), Ok(()));
        assert_eq!(get(&c, "notify-keyspace-events"), "zx");
        assert!(set(&mut c, "notify-keyspace-events", "Kq").is_err());
        assert_eq!(set(&mut c, "save", "100 10 200 20"), Ok(()));
        assert_eq!(get(&c, "save"), "100 10 200 20");
        assert_eq!(set(&mut c, "save", "1 "), Ok(()));
        assert_eq!(get(&c, "save"), "1 0");
        for bad in ["1", "0 1", "1 -1", "  ", "a b"] {
            assert!(set(&mut c, "save", bad).is_err(), "{bad}");
        }
        assert_eq!(
            set(&mut c, "client-output-buffer-limit", "replica 1mb 0 0"),
            Ok(())
        );
        assert_eq!(
            get(&c, "client-output-buffer-limit"),
            "normal 0 0 0 slave 1048576 0 0 pubsub 33554432 8388608 60"
        );
        assert!(set(&mut c, "client-output-buffer-limit", "master 1 0 0").is_err());
        assert!(set(&mut c, "client-output-buffer-limit", "normal 1 2").is_err());
        assert_eq!(
            set(&mut c, "latency-tracking-info-percentiles", "50.0 99.90"),
            Ok(())
        );
        assert_eq!(get(&c, "latency-tracking-info-percentiles"), "50 99.9");
        for (t, ok) in [
            ("{title}", false),
            ("no title", true),
            ("{port}", true),
            ("{{", true),
            ("x}", true),
            ("{", false),
            ("{server-mode}", false),
            ("  {title} ", false),
            ("", false),
            ("{title} {listen-addr} {server-mode}", true),
            ("{nosuch}", false),
        ] {
            assert_eq!(valid_proc_title(t), ok, "{t}");
        }
        assert_eq!(set(&mut c, "shutdown-on-sigint", "now save"), Ok(()));
        assert_eq!(get(&c, "shutdown-on-sigint"), "save now");
    }

    #[test]
    fn get_patterns() {
        let c = Config::default();
        let names = |pats: &[&str]| {
            let pats: Vec<Vec<u8>> = pats.iter().map(|p| p.as_bytes().to_vec()).collect();
            c.matching(&pats)
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&["MAXMEMORY"]), vec!["MAXMEMORY"]);
        assert_eq!(names(&["maxmemory", "MAXMEMORY"]), vec!["maxmemory"]);
        assert_eq!(names(&["max*ory", "maxmemory"]), vec!["maxmemory"]);
        assert_eq!(names(&["key-load-delay"]), vec!["key-load-delay"]);
        assert!(names(&["key-load*"]).is_empty());
        let mut zl = names(&["*ziplist*"]);
        zl.sort();
        assert_eq!(
            zl,
            vec![
                "hash-max-ziplist-entries",
                "hash-max-ziplist-value",
                "list-max-ziplist-size",
                "zset-max-ziplist-entries",
                "zset-max-ziplist-value"
            ]
        );
        // Everything a real server lists, less nothing.
        assert_eq!(names(&["*"]).len(), 192);
    }
}
