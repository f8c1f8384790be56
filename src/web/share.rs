//! Share links, without the browser: the playground as one versioned
//! text (its clock, clients and data, in the formats saving uses), and a
//! playground rebuilt from such a text, whole or not at all. The page
//! compresses the text into the link's `#state=` (platform/share.rs).
//!
//! A link carries the data with its deadlines, the clients with their
//! names, dbs and histories, and the engine clock (paused or running).
//! Settings changed with CONFIG SET, the script cache and function
//! libraries are not in it: the page's first load has no room for the
//! engine's full snapshot encoding.

use super::model::Playground;

/// The first line of a share text; the number is its format's version.
const MAGIC: &str = "reddish share ";
pub const SHARE_VERSION: u32 = 1;
/// Longest share text read (before compression), in bytes.
pub const MAX_SHARE_TEXT: usize = 1 << 20;

impl Playground {
    /// Whether saving may write now: not over data still on its way, not
    /// while a link opens, not a shared state the learner has not kept,
    /// not over saved data that could not be read.
    pub fn may_save(&self) -> bool {
        !self.loading && !self.opening_link && !self.shared && self.save_off.is_none()
    }

    /// What a share link opened to: its state, in place of this one (kept
    /// apart from the learner's saved data until they keep it), or why
    /// not, with this playground left as it was.
    pub fn open_shared(&mut self, answer: Result<String, String>, wall_ms: i64) {
        if matches!(&answer, Ok(text) if super::saving::needs_full_build(text)) {
            // The link stays in the address: the full build opens it.
            self.data_needs_full = true;
            return;
        }
        self.opening_link = false;
        match answer.and_then(|text| Playground::from_share(&text, wall_ms)) {
            Ok(mut shared) => {
                shared.shared = true;
                // What protects the learner's saved data goes along: a
                // load still on its way, saved data that could not be read.
                shared.loading = self.loading;
                shared.save_off = self.save_off.take();
                shared.load_problem = self.load_problem.take();
                shared.unreadable = self.unreadable.take();
                *self = shared;
            }
            Err(e) => {
                self.load_problem = Some(format!(
                    "This link could not be opened: {e}. Nothing was loaded; your own data is as it was."
                ));
            }
        }
    }

    /// The playground as a share text.
    pub fn share_text(&self, wall_ms: i64) -> String {
        let state = if self.clock.paused() {
            "paused"
        } else {
            "running"
        };
        format!(
            "{MAGIC}{SHARE_VERSION}\nclock {} {state}\n[clients]\n{}[data]\n{}",
            self.clock.now(wall_ms),
            self.export_clients(),
            self.export_text()
        )
    }

    /// A playground rebuilt from a share text, its clock where the text
    /// says (even in the past: it is a new engine). Nothing of `self` is
    /// touched; the caller swaps it in.
    pub fn from_share(text: &str, wall_ms: i64) -> Result<Playground, String> {
        if text.len() > MAX_SHARE_TEXT {
            return Err(format!(
                "it holds {} bytes of data; at most {MAX_SHARE_TEXT} are opened",
                text.len()
            ));
        }
        // A file saved on Windows may have CRLF line ends.
        let text = text.replace("\r\n", "\n");
        let mut lines = text.splitn(3, '\n');
        let version = lines
            .next()
            .and_then(|l| l.strip_prefix(MAGIC))
            .ok_or("it is not a Reddish share link")?;
        match version.trim().parse::<u32>() {
            Ok(SHARE_VERSION) => {}
            Ok(v) if v > SHARE_VERSION => {
                return Err(format!(
                    "it was made by a newer Reddish (format {v}); this one reads format {SHARE_VERSION}"
                ))
            }
            _ => return Err(format!("its format `{}` is not one Reddish knows", version.trim())),
        }
        let clock = lines
            .next()
            .and_then(|l| l.strip_prefix("clock "))
            .ok_or("its clock line is missing")?;
        let (ms, state) = clock.split_once(' ').unwrap_or((clock, ""));
        let now = ms
            .parse::<i64>()
            .ok()
            .filter(|t| (0..=super::clock::MAX_TIME_MS).contains(t))
            .ok_or("its clock is not a time")?;
        let paused = match state {
            "paused" => true,
            "running" => false,
            _ => return Err("its clock is neither paused nor running".into()),
        };
        let rest = lines.next().unwrap_or_default();
        let rest = rest
            .strip_prefix("[clients]\n")
            .ok_or("its clients are missing")?;
        // `[data]` alone on a line: a history line always starts `history `.
        let (clients, data) = rest
            .split_once("\n[data]\n")
            .or_else(|| rest.strip_prefix("[data]\n").map(|d| ("", d)))
            .ok_or("its data is missing")?;
        let mut p = Playground::new(now, now as u64 ^ 0x5eed);
        p.clock.set_offset(now - wall_ms);
        if paused {
            p.clock.pause(wall_ms);
        }
        p.import_clients(clients)
            .map_err(|e| format!("its clients do not read ({e})"))?;
        p.import_text(data, now)
            .map_err(|e| format!("its data does not load ({e})"))?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_700_000_000_000;

    #[test]
    fn a_shared_playground_comes_back_whole_at_its_time() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SET k v PX 30000\nRPUSH q a b\nSELECT 2\nSADD s x", T);
        let b = p.open_client();
        p.rename_client(b, "worker");
        // A history line that looks like the section mark stays a line.
        p.submit(b, "ECHO x[data]", T);
        p.submit(b, "[data]", T);
        p.jump_time(5_000, T);
        let text = p.share_text(T);
        // Opened a day later: the clock is where it was shared.
        let later = T + 86_400_000;
        let q = Playground::from_share(&text, later).expect("opens");
        assert_eq!(q.engine.now_ms(), T + 5_000);
        assert_eq!(q.export_text(), p.export_text());
        assert_eq!(q.export_clients(), p.export_clients());
        assert_eq!(q.clients[1].name, "worker");
        let ttl = q
            .engine
            .key_info(0, b"k")
            .and_then(|i| i.expire_at)
            .map(|at| at - q.engine.now_ms());
        assert_eq!(ttl, Some(25_000));
        // A paused clock stays paused.
        p.pause_clock(T);
        let q = Playground::from_share(&p.share_text(T), later).expect("opens");
        assert!(q.clock.paused());
        assert_eq!(q.clock.now(later + 60_000), T + 5_000);
    }

    #[test]
    fn an_opened_link_is_not_saved_until_kept_and_a_bad_one_changes_nothing() {
        let mut mine = Playground::new(T, 1);
        mine.submit(0, "SET mine 1", T);
        let mut theirs = Playground::new(T, 2);
        theirs.submit(0, "SET theirs 1", T);
        let link = theirs.share_text(T);
        mine.opening_link = true;
        assert!(!mine.may_save(), "not while a link opens");
        let before = mine.export_text();
        mine.open_shared(Ok("garbage".into()), T);
        assert_eq!(mine.export_text(), before);
        assert!(mine.may_save());
        assert_eq!(
            mine.load_problem.as_deref(),
            Some("This link could not be opened: it is not a Reddish share link. Nothing was loaded; your own data is as it was.")
        );
        mine.opening_link = true;
        mine.open_shared(Ok(link), T);
        assert!(mine.engine.key_info(0, b"theirs").is_some());
        assert!(mine.engine.key_info(0, b"mine").is_none());
        assert!(
            mine.shared && !mine.may_save(),
            "a shared state is not saved over the learner's"
        );
        mine.shared = false;
        assert!(mine.may_save(), "kept: it is saved from now on");
    }

    #[test]
    fn a_broken_or_future_link_opens_nothing_and_says_why() {
        let p = Playground::new(T, 1);
        let good = p.share_text(T);
        let err = |t: &str| Playground::from_share(t, T).err().unwrap_or_default();
        assert_eq!(err("hello"), "it is not a Reddish share link");
        assert_eq!(
            err(&good.replacen("share 1", "share 9", 1)),
            "it was made by a newer Reddish (format 9); this one reads format 1"
        );
        assert_eq!(
            err(&good.replacen("running", "sideways", 1)),
            "its clock is neither paused nor running"
        );
        assert_eq!(
            err(&format!("{good}FLUSHALL\n")),
            "its data does not load (line 1: unexpected command)"
        );
        assert_eq!(err(&good[..good.len() - 8]), "its data is missing");
        assert!(err(&"x".repeat(MAX_SHARE_TEXT + 1)).contains("at most"));
        // CRLF line ends (a file saved on Windows) read the same.
        assert!(Playground::from_share(&good.replace('\n', "\r\n"), T).is_ok());
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..2000 {
            let mut t = good.clone().into_bytes();
            let i = rng.usize(..t.len());
            t[i] = rng.u8(..);
            let _ = Playground::from_share(&String::from_utf8_lossy(&t), T);
        }
    }
}
