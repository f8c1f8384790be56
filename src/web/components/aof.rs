//! The AOF picture: the append-only file's commands as they were logged,
//! the last ones first to go in a power cut drawn below a line that says
//! so. It reads the files in the page's memory (`Engine::aof_view`), so
//! what it shows is what a restart would replay. The full build's only
//! (`install`): a first load never turns the AOF on.

use yew::prelude::*;

use crate::web::describe::{aof_lines, plural};
use crate::web::state::Store;

/// Commands shown: the end of the file, where the writes arrive.
const SHOWN: usize = 12;

static PICTURE: std::sync::OnceLock<fn(&Store) -> Html> = std::sync::OnceLock::new();

pub fn install() {
    let _ = PICTURE.set(picture);
}

/// The picture while the AOF is on, else nothing.
pub fn aof_picture(store: &Store) -> Html {
    PICTURE.get().map_or_else(Html::default, |draw| draw(store))
}

fn picture(store: &Store) -> Html {
    let p = store.model.borrow();
    let Some(v) = p.engine.aof_view(SHOWN) else {
        return Html::default();
    };
    let policy = p.engine.config.get_str("appendfsync").unwrap_or_default();
    let (head, lines, note) = aof_lines(&v, &policy);
    let first_unflushed = v.lines.iter().position(|(_, on_disk)| !on_disk);
    html! {
        <section class="aof-picture" aria-label="The append-only file">
            <h2>{ format!("AOF · appendfsync {policy}") }</h2>
            <p class="muted">{ head }</p>
            if v.earlier > 0 {
                <p class="muted">{ format!("… {} before these", plural(v.earlier, "command", "commands")) }</p>
            }
            <ol class="aof-lines">
                { for lines.iter().enumerate().map(|(i, text)| {
                    let divider = (first_unflushed == Some(i)).then(|| html! {
                        <li class="aof-divider" aria-hidden="true">{"not yet on the disk ↓"}</li>
                    });
                    let on_disk = first_unflushed.is_none_or(|f| i < f);
                    html! {
                        <>
                            { for divider }
                            <li class={classes!(if on_disk { "on-disk" } else { "unflushed" })}>{ text.clone() }</li>
                        </>
                    }
                }) }
            </ol>
            if v.lines.is_empty() {
                <p class="muted">{"No write since the base: the next one is appended here."}</p>
            }
            if let Some(n) = note {
                <p class="aof-note">{ n }</p>
            }
            if v.partial > 0 {
                <p class="aof-note">{ format!("{} at the end hold no whole command: a start cuts them off (aof-load-truncated)", plural(v.partial, "byte", "bytes")) }</p>
            }
        </section>
    }
}
