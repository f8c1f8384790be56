//! Clients and channels: each client with its name, db and state (in
//! MULTI with its queue, watching keys and whether the watch is broken,
//! waiting in a blocking command with its timeout, subscribed), and each
//! channel and pattern with its subscribers. The last PUBLISH shows its
//! message travelling along each channel's (and matching pattern's) wire,
//! then arriving at each subscriber, with the pattern that matched.

use yew::prelude::*;

use crate::engine::SessionId;
use crate::web::describe::{duration, plural, show, SHOW_CHARS};
use crate::web::state::Store;

/// A view function (no state of its own; see `timebar.rs` for why not a
/// component).
/// What only the full build's clients can be doing (authenticated as an
/// ACL user, in MONITOR, tracking their reads, held back by a pause or a
/// DEBUG SLEEP), in words.
type MoreStates = fn(&crate::engine::Engine, &crate::engine::views::ClientView) -> Vec<String>;

static MORE_STATES: std::sync::OnceLock<MoreStates> = std::sync::OnceLock::new();

/// Called by the full build only, so the first loads carry none of it.
pub fn install_more_states() {
    let _ = MORE_STATES.set(more_states);
}

fn more_states(
    engine: &crate::engine::Engine,
    v: &crate::engine::views::ClientView,
) -> Vec<String> {
    let mut out = Vec::new();
    let user = engine.client_user(v.id);
    if user != "default" {
        out.push(format!("authenticated as the ACL user {user}"));
    }
    if v.monitor {
        out.push("in MONITOR: shown every command the server runs".to_string());
    }
    if let Some(flags) = &v.tracking {
        let modes: Vec<&str> = flags.iter().copied().filter(|f| *f != "on").collect();
        out.push(if modes.is_empty() {
            "tracking what it reads (client-side caching)".to_string()
        } else {
            format!(
                "tracking what it reads (client-side caching: {})",
                modes.join(", ")
            )
        });
    }
    if let Some(b) = v.blocked.as_ref().filter(|b| b.keys.is_empty()) {
        out.push(format!(
            "{} held back until {}",
            b.command.to_ascii_uppercase(),
            crate::web::model::held_back_until(engine)
        ));
    }
    out
}

pub fn clients_picture(store: &Store) -> Html {
    let p = store.model.borrow();
    let now = p.engine.now_ms();
    let name_of = |id: SessionId| {
        p.clients
            .iter()
            .find(|c| c.session == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| format!("client {id}"))
    };
    let scene = &p.narrator.scene;
    let clients = p
        .clients
        .iter()
        .filter_map(|c| p.engine.client_view(c.session).map(|v| (c, v)));
    let cards = clients.map(|(c, v)| {
        let mut states: Vec<String> = Vec::new();
        if let Some(q) = &v.multi {
            states.push(format!(
                "in MULTI, {} queued{}",
                q.len(),
                if v.multi_failed {
                    " (EXEC will abort)"
                } else {
                    ""
                }
            ));
        }
        if !v.watched.is_empty() {
            let keys: Vec<String> = v.watched.iter().map(|(_, k)| show(k, SHOW_CHARS)).collect();
            states.push(format!(
                "watching {}{}",
                keys.join(", "),
                if v.watch_broken {
                    ": BROKEN, its EXEC will fail"
                } else {
                    ""
                }
            ));
        }
        // Held back by a pause (no keys): the full build says so below.
        if let Some(b) = v.blocked.as_ref().filter(|b| !b.keys.is_empty()) {
            let keys: Vec<String> = b.keys.iter().map(|k| show(k, SHOW_CHARS)).collect();
            let until = b.deadline_ms.map_or("no timeout".to_string(), |t| {
                format!("{} left", duration(t - now))
            });
            states.push(format!(
                "waiting in {} on {} ({until})",
                b.command.to_ascii_uppercase(),
                keys.join(", ")
            ));
        }
        if let Some(more) = MORE_STATES.get() {
            states.extend(more(&p.engine, &v));
        }
        let subs = v.channels.len() + v.patterns.len() + v.shard_channels.len();
        if subs > 0 {
            states.push(format!("subscribed to {subs}"));
        }
        let got: Vec<String> = scene
            .messages
            .iter()
            .flat_map(|m| {
                m.deliveries
                    .iter()
                    .filter(|(s, _)| *s == v.id)
                    .map(move |(_, pat)| {
                        let via = pat
                            .as_ref()
                            .map(|p| format!(" via {}", show(p, SHOW_CHARS)))
                            .unwrap_or_default();
                        format!(
                            "✉ \"{}\" on {}{via}",
                            show(&m.payload, SHOW_CHARS),
                            show(&m.channel, SHOW_CHARS)
                        )
                    })
            })
            .collect();
        let desc = format!(
            "{}, id {}, db {}{}{}",
            c.name,
            v.id,
            v.db,
            if states.is_empty() {
                String::new()
            } else {
                format!(": {}", states.join("; "))
            },
            if got.is_empty() {
                String::new()
            } else {
                format!("; received {}", got.join(", "))
            }
        );
        let class = classes!(
            "client-card",
            v.blocked.is_some().then_some("blocked"),
            v.multi.is_some().then_some("in-multi"),
            v.watch_broken.then_some("broken"),
            (!got.is_empty()).then_some("received")
        );
        html! {
            <li class={class} aria-label={desc}>
                <strong>{ c.name.clone() }</strong>
                <span class="muted">{ format!(" id {} · db{}", v.id, v.db) }</span>
                { for states.iter().map(|s| html! { <div class="state">{ s.clone() }</div> }) }
                if let Some(q) = &v.multi {
                    <ol class="queue">{ for q.iter().take(10).map(|argv| {
                        let words: Vec<String> = argv.iter().map(|a| show(a, 20)).collect();
                        html! { <li>{ words.join(" ") }</li> }
                    }) }</ol>
                }
                { for got.iter().map(|g| html! { <div class="delivery">{ g.clone() }</div> }) }
            </li>
        }
    });
    let ps = p.engine.pubsub_view();
    let row = |kind: &'static str, name: &Vec<u8>, subs: &Vec<SessionId>| {
        let names: Vec<String> = subs.iter().map(|s| name_of(*s)).collect();
        let desc = format!(
            "{kind} {}, {}: {}",
            show(name, SHOW_CHARS),
            plural(subs.len(), "subscriber", "subscribers"),
            names.join(", ")
        );
        // The message the last command sent this way, if any: it travels
        // along the wire to the subscribers, whose cards it then reaches.
        let sent = scene.messages.iter().find(|m| {
            (kind == "channel" && &m.channel == name)
                || (kind == "pattern" && m.deliveries.iter().any(|(_, p)| p.as_ref() == Some(name)))
        });
        let wire = match sent {
            Some(m) => html! {
                <span class="wire" aria-hidden="true">
                    <span class="envelope" key={scene.serial.to_string()}>{"✉ "}{ show(&m.payload, SHOW_CHARS) }</span>
                </span>
            },
            None => html! { <span class="arrow" aria-hidden="true">{" → "}</span> },
        };
        html! {
            <li class={classes!("channel", sent.is_some().then_some("hot"))} aria-label={desc}>
                <span class="kind">{ kind }</span>
                <strong>{ show(name, SHOW_CHARS) }</strong>
                { wire }
                { names.join(", ") }
                if sent.is_some() { <span class="badge">{"message"}</span> }
            </li>
        }
    };
    let channels: Vec<Html> = ps
        .channels
        .iter()
        .map(|(n, s)| row("channel", n, s))
        .chain(ps.patterns.iter().map(|(n, s)| row("pattern", n, s)))
        .chain(
            ps.shard_channels
                .iter()
                .map(|(n, s)| row("shard channel", n, s)),
        )
        .collect();
    let empty = channels.is_empty();
    html! {
        <section class="clients-pane" aria-label="Clients and channels">
            <h2>{"Clients and channels"}</h2>
            <ul class="client-cards">{ for cards }</ul>
            if empty {
                <p class="muted">{"No channel has a subscriber. Try SUBSCRIBE news in one client and PUBLISH news hello in another."}</p>
            } else {
                <ul class="channels">{ for channels.into_iter() }</ul>
            }
        </section>
    }
}
