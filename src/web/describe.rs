//! Words for what the pictures show: the one-line narration of each
//! command (`LPUSH put "red" at the head of queue; queue now has 3
//! elements`) and each picture's text description (`list queue, 3
//! elements: red, green, blue`), which is its accessible name and what the
//! browser tests read. Pure: made from the events the engine reported and
//! the inspection API, so it is tested natively and the pictures and
//! their descriptions can never disagree.

use crate::engine::events::{Effect, End, Selection};
use crate::engine::inspect::KeyInfo;
use crate::engine::views::KeyWindow;

/// Characters of one value a description or picture shows before cutting.
pub const SHOW_CHARS: usize = 40;
/// Elements a description names before saying "and N more".
pub const DESCRIBE_ITEMS: usize = 10;

/// Bytes as text for a picture: UTF-8 shown as it is (emoji included),
/// control characters and invalid bytes escaped (`\n`, `\xff`), never
/// interpreted; cut at `max` characters with the full length said.
pub fn show(bytes: &[u8], max: usize) -> String {
    show_of(bytes, max, bytes.len())
}

/// `show` for the first bytes of a longer value: a cut says `total`.
pub fn show_of(bytes: &[u8], max: usize, total: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut cut = false;
    'outer: for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if count >= max {
                cut = true;
                break 'outer;
            }
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                // ASCII control bytes as redis-cli writes them (`\x00`),
                // so the picture and the console agree; others by code point.
                c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
                c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
                c => out.push(c),
            }
            count += 1;
        }
        for b in chunk.invalid() {
            if count >= max {
                cut = true;
                break 'outer;
            }
            out.push_str(&format!("\\x{b:02x}"));
            count += 1;
        }
    }
    if cut || total > bytes.len() {
        out.push_str(&format!("… ({total} bytes in all)"));
    }
    out
}

/// `"red"`, quoted, for narration.
fn q(bytes: &[u8]) -> String {
    format!("\"{}\"", show(bytes, SHOW_CHARS))
}

/// A console line split where the screen stops showing it: the first
/// `max` bytes (at a character boundary) and the rest. Laying out a
/// megabyte line costs the browser seconds on every redraw; the rest is
/// only laid out when the learner opens it.
pub fn split_for_screen(text: &str, max: usize) -> (&str, &str) {
    if text.len() <= max {
        return (text, "");
    }
    let mut at = max;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.split_at(at)
}

/// `1 field`, `3 fields`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn quoted_list(items: &[Vec<u8>]) -> String {
    let mut shown: Vec<String> = items.iter().take(DESCRIBE_ITEMS).map(|i| q(i)).collect();
    if items.len() > DESCRIBE_ITEMS {
        shown.push(format!("and {} more", items.len() - DESCRIBE_ITEMS));
    }
    shown.join(", ")
}

/// What a collection of this type calls its elements.
pub fn unit(type_name: &str, n: usize) -> String {
    match type_name {
        "list" => plural(n, "element", "elements"),
        "hash" => plural(n, "field", "fields"),
        "set" | "zset" => plural(n, "member", "members"),
        "stream" => plural(n, "entry", "entries"),
        _ => plural(n, "byte", "bytes"),
    }
}

fn size_now(key: &str, now: Option<&KeyInfo>) -> String {
    match now {
        Some(info) => format!("{key} now has {}", unit(info.type_name, info.size)),
        None => format!("{key} is now empty, so it was deleted"),
    }
}

/// Duration in plain words: `30 s`, `2 min 5 s`, `3 h 20 min`, `12 days`.
pub fn duration(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let s = ms / 1000;
    if s < 60 {
        let tenths = (ms % 1000) / 100;
        return if tenths == 0 {
            format!("{s} s")
        } else {
            format!("{s}.{tenths} s")
        };
    }
    if s < 3600 {
        return format!("{} min {} s", s / 60, s % 60);
    }
    if s < 86_400 {
        return format!("{} h {} min", s / 3600, (s / 60) % 60);
    }
    format!("{} days", s / 86_400)
}

/// Unix milliseconds as `2026-12-06 19:04:05.250 UTC` (the proleptic
/// Gregorian calendar, from days since 1970 by Howard Hinnant's method).
pub fn utc_text(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{:03} UTC",
        in_day / 3_600_000,
        (in_day / 60_000) % 60,
        (in_day / 1000) % 60,
        in_day % 1000
    )
}

/// What a crash would lose now, for the time bar: under RDB alone the
/// changes since the last save; with the AOF nothing for a crash of the
/// process, and for a power cut the writes not yet flushed.
pub fn at_risk(d: &crate::engine::views::Durability, now_ms: i64) -> String {
    match &d.aof {
        Some((policy, 0)) => format!(
            "A crash or a power cut now loses nothing: the AOF is on the disk (appendfsync {policy})"
        ),
        Some((policy, n)) => format!(
            "A crash now loses nothing; a power cut loses {} not yet flushed (appendfsync {policy})",
            plural(*n as usize, "write", "writes")
        ),
        None if d.unsaved == 0 => {
            "A crash now loses nothing: no change since the last save".to_string()
        }
        None => format!(
            "A crash now loses {} made since the last save{}",
            plural(d.unsaved as usize, "change", "changes"),
            d.saved_secs
                .map(|s| format!(" ({} ago)", duration(now_ms - s * 1000)))
                .unwrap_or_default()
        ),
    }
}

/// One logged command as a console line would show it.
/// (quoted where redis-cli would quote, long arguments cut).
fn command_text(argv: &[Vec<u8>]) -> String {
    argv.iter()
        .map(|a| {
            let cut = a.len() > 24;
            let mut w = crate::cli::help::quote_arg(a.get(..24).unwrap_or(a));
            if cut {
                w.push('…');
            }
            w
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The picture's lines, as text: what it draws and what a screen reader
/// (and a test) reads.
pub fn aof_lines(
    v: &crate::engine::cmd::aof::AofView,
    policy: &str,
) -> (String, Vec<String>, Option<String>) {
    let base = v
        .base
        .as_ref()
        .map(|(name, len)| {
            format!(
                "{name} ({}: the data at the last rewrite), then ",
                plural(*len, "byte", "bytes")
            )
        })
        .unwrap_or_default();
    let head = format!(
        "{}/ holds {base}{} (the writes since, {}), named in the manifest",
        v.dir.rsplit('/').next().unwrap_or(&v.dir),
        v.incr,
        plural(v.earlier + v.lines.len(), "command", "commands")
    );
    let lines = v.lines.iter().map(|(argv, _)| command_text(argv)).collect();
    // Writes, as the time bar counts them: SELECT, MULTI and EXEC only
    // frame them.
    let unflushed = v
        .lines
        .iter()
        .filter(|(argv, on_disk)| {
            !on_disk
                && !argv.first().is_some_and(|c| {
                    [&b"SELECT"[..], b"MULTI", b"EXEC"]
                        .iter()
                        .any(|w| c.eq_ignore_ascii_case(w))
                })
        })
        .count();
    let note = (unflushed > 0).then(|| {
        format!(
            "{} below the line {} not yet flushed to the disk (appendfsync {policy}): a crash of the process keeps {}, a power cut loses {}",
            plural(unflushed, "write", "writes"),
            if unflushed == 1 { "is" } else { "are" },
            if unflushed == 1 { "it" } else { "them" },
            if unflushed == 1 { "it" } else { "them" },
        )
    });
    (head, lines, note)
}

fn end_name(end: End) -> &'static str {
    match end {
        End::Head => "head",
        End::Tail => "tail",
    }
}

/// A key's use as the eviction policy sees it, for the picture's facts:
/// ` · idle 12 s` (OBJECT IDLETIME) or ` · LFU counter 6` (OBJECT FREQ).
pub fn access(a: &crate::engine::evict::Reason) -> String {
    use crate::engine::evict::Reason;
    match a {
        Reason::Frequency(c) => format!(" · LFU counter {c}"),
        Reason::Idle(s) => format!(" · idle {s} s"),
        _ => String::new(),
    }
}

/// One effect in words. `name` is the command (upper case), `key` the
/// key shown, `now` the key as it is after the command.
pub fn narrate_effect(name: &str, key: &[u8], effect: &Effect, now: Option<&KeyInfo>) -> String {
    let k = show(key, SHOW_CHARS);
    match effect {
        Effect::Pushed { end, values } => format!(
            "{name} put {} at the {} of {k}; {}",
            quoted_list(values),
            end_name(*end),
            size_now(&k, now)
        ),
        Effect::Popped { end, values } => format!(
            "{name} took {} from the {} of {k}; {}",
            quoted_list(values),
            end_name(*end),
            size_now(&k, now)
        ),
        Effect::Inserted { index, value } => format!(
            "{name} inserted {} at index {index} of {k}; {}",
            q(value),
            size_now(&k, now)
        ),
        Effect::Replaced { index, value } => {
            format!("{name} set index {index} of {k} to {}", q(value))
        }
        Effect::Removed { indexes } => format!(
            "{name} removed {} from {k}; {}",
            plural(indexes.len(), "element", "elements"),
            size_now(&k, now)
        ),
        Effect::Trimmed { keep, before } => match keep {
            Some((a, b)) => format!(
                "{name} kept indexes {a} to {b} of {k} and dropped {} of {before}; {}",
                before - (b - a + 1),
                size_now(&k, now)
            ),
            None => format!(
                "{name} dropped all {before} elements of {k}; {}",
                size_now(&k, now)
            ),
        },
        Effect::FieldsSet { fields, new } => format!(
            "{name} set {} on {k} ({new} new); {}",
            quoted_list(fields),
            size_now(&k, now)
        ),
        Effect::FieldsDeleted { fields } => format!(
            "{name} deleted {} from {k}; {}",
            quoted_list(fields),
            size_now(&k, now)
        ),
        Effect::MembersAdded { members } => format!(
            "{name} added {} to {k}; {}",
            quoted_list(members),
            size_now(&k, now)
        ),
        Effect::MembersRemoved { members } => format!(
            "{name} removed {} from {k}; {}",
            quoted_list(members),
            size_now(&k, now)
        ),
        Effect::Scored { member, from, to } => {
            let (score, rank) = to;
            let score = crate::resp::format_double(*score);
            match from {
                None => format!("{name} added {} to {k} with score {score}, at rank {rank}", q(member)),
                Some((old, old_rank)) if old_rank == rank => format!(
                    "{name} changed the score of {} in {k} from {} to {score}; it stays at rank {rank}",
                    q(member),
                    crate::resp::format_double(*old)
                ),
                Some((old, old_rank)) => format!(
                    "{name} changed the score of {} in {k} from {} to {score}; it moved from rank {old_rank} to rank {rank}",
                    q(member),
                    crate::resp::format_double(*old)
                ),
            }
        }
        Effect::Written {
            offset,
            len,
            len_after,
        } => {
            if *offset == 0 && len == len_after {
                format!("{name} wrote {} to {k}", plural(*len, "byte", "bytes"))
            } else {
                format!(
                    "{name} wrote {} at offset {offset} of {k}; it is now {} long",
                    plural(*len, "byte", "bytes"),
                    plural(*len_after, "byte", "bytes")
                )
            }
        }
        Effect::Encoding { from, to, reason } => {
            format!("{k} changed encoding from {from} to {to}: {reason}")
        }
        Effect::Evicted { policy, why } => {
            use crate::engine::evict::Reason;
            let why = match why {
                Reason::Idle(s) => format!(
                    "unused for {}, the longest of the keys sampled",
                    plural(*s as usize, "second", "seconds")
                ),
                Reason::Frequency(c) => {
                    format!("its access counter was {c}, the lowest of the keys sampled")
                }
                Reason::Deadline(_) => {
                    "its TTL was the first to run out of the keys sampled".to_string()
                }
                Reason::Random => "picked at random".to_string(),
            };
            format!(
                "{k} was evicted to bring memory within maxmemory ({}): {why}",
                policy.name()
            )
        }
        Effect::Selected(Selection::Range { span, rev }) => {
            let zset = now.is_some_and(|i| i.type_name == "zset");
            let (one, many) = if zset {
                ("rank", "ranks")
            } else {
                ("index", "indexes")
            };
            match span {
                None => format!("{name} selected nothing from {k}: the range is empty"),
                Some((a, b)) if a == b => format!("{name} read {one} {a} of {k}"),
                Some((a, b)) => format!(
                    "{name} read {many} {a} to {b} of {k}{}",
                    if *rev { ", highest first" } else { "" }
                ),
            }
        }
        Effect::Selected(Selection::Members(m)) => {
            format!("{name} read {} of {k}", quoted_list(m))
        }
        Effect::Selected(Selection::Bits { first, last }) => {
            format!("{name} read {} of {k}", bits(*first, *last))
        }
        Effect::Selected(Selection::Count { cached: true, .. }) => {
            format!("{name} answered the count cached in the header of {k}")
        }
        Effect::Selected(Selection::Count { stored: true, .. }) => format!(
            "{name} worked out the count of {k} from its registers and cached it in its header"
        ),
        Effect::Selected(Selection::Count { .. }) => {
            format!("{name} read the registers of {k}")
        }
        Effect::Selected(Selection::Places(places)) => {
            format!("{name} placed or read {} on {k}", quoted_list(places))
        }
        Effect::Selected(Selection::Area {
            radius,
            size,
            found,
            ..
        }) => {
            let shape = match (radius, size) {
                (Some(r), _) => format!("within {}", meters(*r)),
                (_, Some((w, h))) => format!("in a box of {} by {}", meters(*w), meters(*h)),
                _ => String::new(),
            };
            match found.len() {
                0 => format!("{name} looked {shape} on {k} and found nothing"),
                _ => format!(
                    "{name} looked {shape} on {k} and found {}",
                    quoted_list(found)
                ),
            }
        }
        Effect::BitsWritten { first, last } => {
            format!("{name} wrote {} of {k}", bits(*first, *last))
        }
        Effect::Registers { raised } => {
            let shown: Vec<String> = raised
                .iter()
                .take(4)
                .map(|(i, v)| format!("{i} to {v}"))
                .collect();
            let more = if raised.len() > 4 { ", ..." } else { "" };
            format!(
                "{name} raised {} of {k} ({}{more})",
                plural(raised.len(), "register", "registers"),
                shown.join(", ")
            )
        }
        other => more_narration(name, &k, other),
    }
}

/// Narration of the rest of the engine's effects (streams): in the page
/// only the full build has it (`install_more_narration`), so the first
/// loads carry none of its text.
pub type MoreNarration = fn(&str, &str, &Effect) -> String;

#[cfg(feature = "web")]
static MORE_NARRATION: std::sync::OnceLock<MoreNarration> = std::sync::OnceLock::new();

#[cfg(feature = "web")]
pub fn install_more_narration(f: MoreNarration) {
    let _ = MORE_NARRATION.set(f);
}

#[cfg(feature = "web")]
fn more_narration(name: &str, k: &str, effect: &Effect) -> String {
    MORE_NARRATION
        .get()
        .map(|f| f(name, k, effect))
        .unwrap_or_else(|| format!("{name} changed {k}"))
}

#[cfg(not(feature = "web"))]
fn more_narration(name: &str, k: &str, effect: &Effect) -> String {
    super::describe_streams::narrate(name, k, effect)
}

/// Narration of events only the rest of the engine makes (restarts), as
/// `more_narration` for effects: the full build's in the page.
pub type EventNarration = fn(&crate::engine::Event) -> Option<String>;

#[cfg(feature = "web")]
static EVENT_NARRATION: std::sync::OnceLock<EventNarration> = std::sync::OnceLock::new();

#[cfg(feature = "web")]
pub fn install_event_narration(f: EventNarration) {
    let _ = EVENT_NARRATION.set(f);
}

#[cfg(feature = "web")]
pub fn narrate_more_event(ev: &crate::engine::Event) -> Option<String> {
    EVENT_NARRATION.get().and_then(|f| f(ev))
}

#[cfg(not(feature = "web"))]
pub fn narrate_more_event(ev: &crate::engine::Event) -> Option<String> {
    super::describe_streams::narrate_event(ev)
}

/// A distance as the map picture writes it: `350 m`, `2 km`.
pub fn meters(m: f64) -> String {
    if m >= 1000.0 {
        format!("{} km", crate::resp::format_double(m / 1000.0))
    } else {
        format!("{} m", crate::resp::format_double(m))
    }
}

/// `bit 12`, `bits 0 to 15`.
pub fn bits(first: u64, last: u64) -> String {
    if first == last {
        format!("bit {first}")
    } else {
        format!("bits {first} to {last}")
    }
}

/// A keyspace event that no effect explains (DEL, EXPIRE, RENAME, ...).
pub fn narrate_key_event(
    name: &str,
    key: &[u8],
    event: &str,
    now: Option<&KeyInfo>,
    now_ms: i64,
) -> Option<String> {
    let k = show(key, SHOW_CHARS);
    Some(match event {
        "del" => format!("{name} deleted {k}"),
        "expired" => format!("{k} expired and was deleted"),
        "evicted" => format!("{k} was evicted"),
        "expire" => match now.and_then(|i| i.expire_at) {
            Some(at) => format!("{name}: {k} will be deleted in {}", duration(at - now_ms)),
            None => format!("{name}: {k} has a deadline"),
        },
        "persist" => format!("{name}: {k} no longer expires"),
        "rename_from" => format!("{name} renamed {k}"),
        "rename_to" => format!("{name}: {k} is the new name"),
        "copy_to" => format!("{name} copied into {k}"),
        "move_from" => format!("{name} moved {k} to another database"),
        "move_to" => format!("{name} moved {k} here"),
        _ => return None,
    })
}

/// The accessible name of a key's picture, from the window it shows:
/// `list queue, 3 elements: "red", "green", "blue"`.
pub fn describe_window(w: &KeyWindow) -> String {
    let info = &w.info;
    let k = show(&info.key, SHOW_CHARS);
    let mut items: Vec<String> = w
        .rows
        .iter()
        .take(DESCRIBE_ITEMS)
        .map(|r| {
            let item = q(&r.item.bytes);
            match (&r.value, r.score) {
                (Some(v), _) => format!("{item} = {}", q(&v.bytes)),
                (None, Some(s)) => format!("{item} ({})", crate::resp::format_double(s)),
                (None, None) => item,
            }
        })
        .collect();
    let shown_from = w.start;
    let more = info.size.saturating_sub(shown_from + items.len());
    if more > 0 {
        items.push(format!("and {more} more"));
    }
    let head = format!(
        "{} {k}, {}",
        kind_word(info.type_name),
        unit(info.type_name, info.size)
    );
    let lead = if shown_from > 0 {
        format!(" from position {shown_from}")
    } else {
        String::new()
    };
    if items.is_empty() {
        head
    } else {
        format!("{head}{lead}: {}", items.join(", "))
    }
}

/// A string's picture: `string greeting, 5 bytes: "hello"`.
pub fn describe_string(info: &KeyInfo, bytes: &[u8]) -> String {
    format!(
        "string {}, {}: {}",
        show(&info.key, SHOW_CHARS),
        unit("string", info.size),
        format_args!("\"{}\"", show_of(bytes, SHOW_CHARS, info.size))
    )
}

/// A type as a learner says it (`sorted set`, not `zset`).
pub fn kind_word(type_name: &str) -> &str {
    match type_name {
        "zset" => "sorted set",
        other => other,
    }
}

/// Why a value has the encoding it has, in Redis 7.0's rules.
pub fn encoding_reason(info: &KeyInfo) -> &'static str {
    match (info.type_name, info.encoding) {
        ("string", "int") => "int: the value is a whole number that fits in 64 bits, stored as the number itself",
        ("string", "embstr") => "embstr: a string of at most 44 bytes, stored in one allocation with its header",
        ("string", "raw") => "raw: longer than 44 bytes, or changed in place by APPEND, SETRANGE, SETBIT, BITFIELD or PFADD",
        ("list", _) => "quicklist: Redis 7.0 stores every list as a linked list of listpacks",
        ("hash", "listpack") => "listpack: small (hash-max-listpack-entries fields, none longer than hash-max-listpack-value bytes), packed in one block",
        ("hash", _) => "hashtable: grew past hash-max-listpack-entries fields or hash-max-listpack-value bytes",
        ("set", "intset") => "intset: only integers, at most set-max-intset-entries of them, sorted in one block",
        ("set", _) => "hashtable: holds a non-integer or more than set-max-intset-entries members",
        ("zset", "listpack") => "listpack: small (zset-max-listpack-entries members, none longer than zset-max-listpack-value bytes), packed in one block",
        ("zset", _) => "skiplist: grew past zset-max-listpack-entries members or zset-max-listpack-value bytes",
        ("stream", _) => "stream: a radix tree of listpacks, each closed at stream-node-max-entries entries or stream-node-max-bytes bytes",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::views::{Clipped, Row};

    fn info(key: &str, type_name: &'static str, size: usize) -> KeyInfo {
        KeyInfo {
            key: key.as_bytes().to_vec(),
            type_name,
            encoding: "listpack",
            expire_at: None,
            size,
        }
    }

    #[test]
    fn show_keeps_text_and_escapes_what_is_not() {
        assert_eq!(show("héllo 🎉".as_bytes(), 40), "héllo 🎉");
        assert_eq!(show(b"<b>x</b>", 40), "<b>x</b>");
        assert_eq!(show(b"a\nb\xff\x00\x7f", 40), "a\\nb\\xff\\x00\\x7f");
        assert_eq!(show("\u{85}".as_bytes(), 40), "\\u{85}");
        let long = vec![b'x'; 1000];
        assert_eq!(show(&long, 5), "xxxxx… (1000 bytes in all)");
    }

    #[test]
    fn narration_says_what_happened_in_plain_words() {
        let now = info("queue", "list", 3);
        let pushed = Effect::Pushed {
            end: End::Head,
            values: vec![b"red".to_vec()],
        };
        assert_eq!(
            narrate_effect("LPUSH", b"queue", &pushed, Some(&now)),
            "LPUSH put \"red\" at the head of queue; queue now has 3 elements"
        );
        let popped = Effect::Popped {
            end: End::Tail,
            values: vec![b"x".to_vec()],
        };
        assert_eq!(
            narrate_effect("RPOP", b"q", &popped, None),
            "RPOP took \"x\" from the tail of q; q is now empty, so it was deleted"
        );
        let scored = Effect::Scored {
            member: b"ann".to_vec(),
            from: Some((10.0, 0)),
            to: (35.0, 2),
        };
        assert_eq!(
            narrate_effect("ZINCRBY", b"board", &scored, Some(&info("board", "zset", 3))),
            "ZINCRBY changed the score of \"ann\" in board from 10 to 35; it moved from rank 0 to rank 2"
        );
        let mut t = info("session:42", "string", 1);
        t.expire_at = Some(31_000);
        assert_eq!(
            narrate_key_event("EXPIRE", b"session:42", "expire", Some(&t), 1_000).as_deref(),
            Some("EXPIRE: session:42 will be deleted in 30 s")
        );
        let sel = Effect::Selected(Selection::Range {
            span: Some((0, 2)),
            rev: false,
        });
        assert_eq!(
            narrate_effect("LRANGE", b"q", &sel, Some(&now)),
            "LRANGE read indexes 0 to 2 of q"
        );
    }

    #[test]
    fn descriptions_name_type_size_and_elements() {
        let rows = ["red", "green", "blue"]
            .iter()
            .enumerate()
            .map(|(i, s)| Row {
                pos: i,
                item: Clipped {
                    bytes: s.as_bytes().to_vec(),
                    len: s.len(),
                },
                value: None,
                score: None,
            })
            .collect();
        let w = KeyWindow {
            info: info("queue", "list", 3),
            start: 0,
            rows,
        };
        assert_eq!(
            describe_window(&w),
            "list queue, 3 elements: \"red\", \"green\", \"blue\""
        );
        let w = KeyWindow {
            info: info("big", "list", 1_000_000),
            start: 0,
            rows: w.rows.clone(),
        };
        assert!(describe_window(&w).ends_with("and 999997 more"));
    }

    #[test]
    fn utc_text_reads_the_calendar() {
        assert_eq!(utc_text(0), "1970-01-01 00:00:00.000 UTC");
        assert_eq!(utc_text(1_700_000_000_250), "2023-11-14 22:13:20.250 UTC");
        assert_eq!(utc_text(951_782_400_000), "2000-02-29 00:00:00.000 UTC");
        assert_eq!(utc_text(253_402_300_799_999), "9999-12-31 23:59:59.999 UTC");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(30_000), "30 s");
        assert_eq!(duration(1_500), "1.5 s");
        assert_eq!(duration(125_000), "2 min 5 s");
        assert_eq!(duration(3 * 86_400_000), "3 days");
    }

    #[test]
    fn long_lines_are_split_at_a_character_boundary() {
        assert_eq!(split_for_screen("short", 10), ("short", ""));
        assert_eq!(split_for_screen("abcdef", 4), ("abcd", "ef"));
        // "é" is two bytes: the cut moves back rather than through it.
        assert_eq!(split_for_screen("aé", 2), ("a", "é"));
        let long = "x".repeat(10_000);
        let (head, rest) = split_for_screen(&long, 4_000);
        assert_eq!((head.len(), rest.len()), (4_000, 6_000));
    }
}
