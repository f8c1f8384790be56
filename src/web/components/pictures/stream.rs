//! A stream, drawn by the full build only (installed with the other
//! extra pictures in `bits.rs`): its entries along a time line, oldest to
//! newest, with what the last command added, read, delivered,
//! acknowledged or claimed marked; each consumer group with its last
//! delivered id (a tag on that entry), its lag, its consumers and who
//! holds which pending entry.

use yew::prelude::*;

use crate::engine::cmd::streams::view::{GroupView, StreamView};
use crate::engine::cmd::streams::Change;
use crate::engine::events::Effect;
use crate::engine::inspect::KeyInfo;
use crate::engine::Engine;
use crate::web::describe::{plural, show, SHOW_CHARS};
use crate::web::describe_streams::{id_list, trimmed_words};

/// Entries drawn at most, and bytes of a field or value.
const MOST: usize = 12;
const CLIP: usize = 40;

fn id_text((ms, seq): (u64, u64)) -> String {
    format!("{ms}-{seq}")
}

/// The marks the last command left, by id, and its words.
#[derive(Default)]
struct Marks {
    by_id: Vec<((u64, u64), &'static str)>,
    words: Vec<String>,
}

impl Marks {
    fn mark(&mut self, ids: &[(u64, u64)], class: &'static str) {
        self.by_id.extend(ids.iter().map(|id| (*id, class)));
    }

    fn class_of(&self, id: (u64, u64)) -> Option<&'static str> {
        self.by_id
            .iter()
            .rev()
            .find(|(i, _)| *i == id)
            .map(|(_, c)| *c)
    }
}

fn q(b: &[u8]) -> String {
    format!("\"{}\"", show(b, SHOW_CHARS))
}

fn marks(effects: &[&Effect]) -> Marks {
    let mut m = Marks::default();
    let changes = effects.iter().filter_map(|e| match e {
        Effect::More(m) => m.get::<Change>(),
        _ => None,
    });
    for c in changes {
        match c {
            Change::Entries {
                added,
                removed,
                trimmed,
                ..
            } => {
                m.mark(added, "added");
                if !added.is_empty() {
                    m.words.push(format!("added {}", id_list(added)));
                }
                if !removed.is_empty() {
                    m.words.push(format!("deleted {}", id_list(removed)));
                }
                if *trimmed > 0 {
                    m.words.push(trimmed_words(*trimmed));
                }
            }
            Change::Read { ids } => {
                m.mark(ids, "read");
                m.words.push(if ids.is_empty() {
                    "read nothing".to_string()
                } else {
                    format!("read {}", id_list(ids))
                });
            }
            Change::Group {
                group,
                what,
                consumer,
                ids,
            } => {
                let (g, c) = (q(group), consumer.as_deref().map(q).unwrap_or_default());
                let class = match *what {
                    "delivered" | "delivered-noack" => "delivered",
                    "acked" => "acked",
                    _ => "claimed",
                };
                m.mark(ids, class);
                m.words.push(match *what {
                    "delivered" | "delivered-noack" if ids.is_empty() => {
                        format!("group {g} had nothing new for {c}")
                    }
                    "delivered" => format!("group {g} delivered {} to {c}", id_list(ids)),
                    "delivered-noack" => format!(
                        "group {g} delivered {} to {c} (NOACK: not kept pending)",
                        id_list(ids)
                    ),
                    "acked" => format!("group {g} acknowledged {}", id_list(ids)),
                    "claimed" => format!("group {g} gave pending {} to {c}", id_list(ids)),
                    "joined" | "left" => format!("consumer {c} {what} group {g}"),
                    _ => format!("group {g} {what}"),
                });
            }
        }
    }
    m
}

/// A group in words: where it is, what it holds pending and for whom.
fn group_words(g: &GroupView) -> String {
    let holders: Vec<String> = g
        .consumers
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", show(c, SHOW_CHARS)))
        .collect();
    let pending = if g.pending_total == 0 {
        "nothing pending".to_string()
    } else {
        format!("{} pending ({})", g.pending_total, holders.join(", "))
    };
    let lag = match g.lag {
        Some(n) => format!(", lag {n}"),
        None => ", lag unknown".to_string(),
    };
    format!(
        "group {}: last delivered {}, {}, {pending}{lag}",
        q(&g.name),
        id_text(g.last_id),
        plural(g.consumers.len(), "consumer", "consumers"),
    )
}

pub fn view(
    engine: &Engine,
    info: &KeyInfo,
    db: usize,
    effects: &[&Effect],
) -> Option<(String, Html)> {
    let m = marks(effects);
    // Keep the oldest marked entry in view.
    let oldest = m.by_id.iter().map(|(id, _)| *id).min();
    let newest = engine.stream_view(db, &info.key, None, MOST, CLIP)?;
    let v: StreamView = match (oldest, newest.entries.first()) {
        (Some(o), Some(first)) if o < first.id => {
            engine.stream_view(db, &info.key, Some(o), MOST, CLIP)?
        }
        _ => newest,
    };
    let k = show(&info.key, SHOW_CHARS);
    let mut desc = format!(
        "stream {k}, {}, last id {}",
        plural(v.length, "entry", "entries"),
        id_text(v.last_id)
    );
    if !m.words.is_empty() {
        desc.push_str(&format!("; {}", m.words.join("; ")));
    }
    for g in &v.groups {
        desc.push_str(&format!("; {}", group_words(g)));
    }
    let after = v.length.saturating_sub(v.before + v.entries.len());
    let cards = v.entries.iter().map(|e| {
        let tags = v.groups.iter().filter(|g| g.last_id == e.id).map(|g| {
            html! { <span class="tag group-tag">{ format!("{} ▸", show(&g.name, 16)) }</span> }
        });
        let holders = v.groups.iter().flat_map(|g| {
            g.pending.iter().filter(|p| p.id == e.id).map(|p| {
                html! {
                    <span class="tag pending-tag" title={format!("delivered {} times", p.deliveries)}>
                        { format!("pending: {}", show(&p.consumer, 16)) }
                    </span>
                }
            })
        });
        let fields = e.fields.iter().map(|(f, val)| {
            html! { <div class="field"><span class="f">{ show(f, 20) }</span>{" "}<span class="v">{ show(val, 24) }</span></div> }
        });
        html! {
            <li class={classes!("entry", m.class_of(e.id))}>
                <div class="id">{ id_text(e.id) }</div>
                { for fields }
                <div class="tags">{ for tags }{ for holders }</div>
            </li>
        }
    });
    let groups = v.groups.iter().map(|g| {
        let consumers = g.consumers.iter().map(|(c, n)| {
            html! { <li>{ format!("{}: {}", show(c, 24), plural(*n, "pending entry", "pending entries")) }</li> }
        });
        html! {
            <div class="stream-group">
                <div>{ group_words(g) }</div>
                <ul class="consumers">{ for consumers }</ul>
            </div>
        }
    });
    let html = html! {
        <div class="stream">
            <ol class="stream-entries" aria-hidden="true">
                if v.before > 0 { <li class="more">{ format!("… {} older", v.before) }</li> }
                { for cards }
                if after > 0 { <li class="more">{ format!("{after} newer …") }</li> }
            </ol>
            if !v.groups.is_empty() {
                <p class="muted stream-legend" aria-hidden="true">
                    { "group ▸ marks the last entry the group delivered; pending: delivered to that consumer, not yet acknowledged (XACK)" }
                </p>
            }
            <div class="stream-groups" aria-hidden="true">{ for groups }</div>
        </div>
    };
    Some((desc, html))
}
