//! The playground's clock: the wall clock plus an offset the time bar
//! moves, which can be paused. The engine only ever sees `now`, and a
//! paused or fast-forwarded clock never runs backwards: resuming takes the
//! pause back out of the offset, a jump only adds.

/// The latest moment a jump may reach: the end of year 9999, past which
/// Redis's own times stop making sense (and `EXPIREAT` refuses them).
pub const MAX_TIME_MS: i64 = 253_402_300_799_999;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct VirtualClock {
    /// Added to the wall clock.
    pub offset_ms: i64,
    /// Wall time at which it was paused.
    paused_at: Option<i64>,
}

impl VirtualClock {
    /// Engine time for this wall time.
    pub fn now(&self, wall_ms: i64) -> i64 {
        self.paused_at
            .unwrap_or(wall_ms)
            .saturating_add(self.offset_ms)
    }

    pub fn paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn pause(&mut self, wall_ms: i64) {
        if self.paused_at.is_none() {
            self.paused_at = Some(wall_ms);
        }
    }

    /// Go on from where it stopped: the time spent paused never happened.
    pub fn resume(&mut self, wall_ms: i64) {
        if let Some(at) = self.paused_at.take() {
            self.offset_ms = self
                .offset_ms
                .saturating_sub(wall_ms.saturating_sub(at).max(0));
        }
    }

    /// Move forward by `ms`; refused, with the reason, for a negative
    /// step or one past [`MAX_TIME_MS`].
    pub fn jump(&mut self, ms: i64, wall_ms: i64) -> Result<(), String> {
        if ms < 0 {
            return Err("time only moves forward here: undo brings the past back".into());
        }
        let target = self.now(wall_ms).checked_add(ms);
        match target {
            Some(t) if t <= MAX_TIME_MS => {
                self.offset_ms += ms;
                Ok(())
            }
            _ => Err("that jump goes past the year 9999, where Redis's clock ends".into()),
        }
    }

    /// Put the offset back (undo of a time jump); the pause stays as it is.
    pub fn set_offset(&mut self, offset_ms: i64) {
        self.offset_ms = offset_ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_jump_and_resume_never_go_back() {
        let mut c = VirtualClock::default();
        assert_eq!(c.now(1000), 1000);
        c.pause(1000);
        assert_eq!(c.now(5000), 1000, "paused: time stands still");
        c.jump(60_000, 5000).unwrap();
        assert_eq!(c.now(6000), 61_000);
        c.resume(6000);
        assert_eq!(c.now(6000), 61_000, "resuming does not jump");
        assert_eq!(c.now(7000), 62_000);
        assert!(c.jump(-1, 7000).is_err());
        assert!(c.jump(i64::MAX, 7000).is_err());
        let years = 50 * 365 * 86_400_000;
        c.jump(years, 7000).unwrap();
        assert_eq!(c.now(7000), 62_000 + years);
    }
}
