//! The loop as the host of a script that runs long (`BusyHost`): one
//! turn that does not wait, from inside the script, and CONFIG SET port.

use std::net::TcpListener;
use std::time::Duration;

use mio::net::TcpListener as MioListener;
use mio::{Events, Interest, Token};

use super::conn::{read_and_run, Limits, Turn};
use super::{EventLoop, FIRST_CONN, LISTENER, WAKER};
use crate::engine::{BusyHost, Engine};

impl EventLoop {
    pub(super) fn limits(&self) -> Limits {
        Limits {
            query: self.opts.client_query_buffer_limit,
            output: self.opts.client_output_buffer_limit,
        }
    }

    /// One connection's readiness while a script runs long: its commands
    /// go through `submit_while_busy` (BUSY, or the few that may run).
    pub(super) fn serve_while_busy(
        &mut self,
        engine: &mut Engine,
        slot: usize,
        readable: bool,
        drain: bool,
    ) {
        let limits = self.limits();
        let Some(Some(conn)) = self.conns.get_mut(slot) else {
            // The script's own caller (out of its slot), or gone.
            return;
        };
        let turn = if readable && !conn.closing {
            read_and_run(conn, &mut self.busy_argv, engine, limits, drain, None)
        } else {
            Turn::Done
        };
        self.end_turn(engine, slot, turn);
    }
}

/// While a script runs past `busy-reply-threshold`, the engine calls back
/// here every so many Lua instructions: one turn of the loop that does not
/// wait, as Redis's processEventsWhileBlocked. New clients are accepted,
/// what others sent is answered, their replies are written (with any
/// message the script sent them so far, before the reply). The clock does
/// not move: the script's world stands still until it ends. Unlike Redis,
/// messages the script published to clients that send nothing meanwhile
/// wait for its end (`deliver_pushes` would need the caller's slot).
impl BusyHost for EventLoop {
    /// CONFIG SET port: listen on the new port at the same address, then
    /// let the old listener go; connections already open stay. Port 0
    /// listens on none, as Redis does (it would still have its unix
    /// socket; this server then takes no new client).
    fn listen(&mut self, port: u16) -> Result<(), String> {
        let refused = |_| "Unable to listen on this port. Check server logs.".to_string();
        let mut new = None;
        if port != 0 {
            let listener = TcpListener::bind((self.shared.local.ip(), port)).map_err(refused)?;
            listener.set_nonblocking(true).map_err(refused)?;
            let mut listener = MioListener::from_std(listener);
            self.poll
                .registry()
                .register(&mut listener, LISTENER, Interest::READABLE)
                .map_err(refused)?;
            new = Some(listener);
        }
        if let Some(mut old) = std::mem::replace(&mut self.listener, new) {
            let _ = self.poll.registry().deregister(&mut old);
        }
        Ok(())
    }

    fn now_us(&mut self) -> i64 {
        // Monotonic: only differences are read (how long a script ran).
        i64::try_from(self.clock.elapsed().as_micros()).unwrap_or(i64::MAX)
    }

    fn serve(&mut self, engine: &mut Engine) {
        self.served_while_busy = true;
        let mut events = std::mem::replace(&mut self.busy_events, Events::with_capacity(0));
        if self.poll.poll(&mut events, Some(Duration::ZERO)).is_ok() {
            for ev in events.iter() {
                match ev.token() {
                    LISTENER => self.accept(engine),
                    WAKER => {}
                    Token(t) => {
                        let hup = ev.is_error() || ev.is_read_closed();
                        let slot = t.wrapping_sub(FIRST_CONN);
                        self.serve_while_busy(engine, slot, ev.is_readable() || hup, hup);
                    }
                }
            }
        }
        self.busy_events = events;
        // Connections whose read budget ran out: no new event comes for
        // what they still have to send (a SCRIPT KILL behind a pipeline).
        for slot in std::mem::take(&mut self.again) {
            match self.conns.get_mut(slot) {
                Some(Some(c)) => {
                    c.queued = false;
                    self.serve_while_busy(engine, slot, true, true);
                }
                // The script's caller, out of its slot: its turn comes after.
                _ => self.again.push(slot),
            }
        }
        // What this turn of the loop had still to serve when the script
        // started.
        let mut i = 0;
        while let Some(r) = self.turn.get_mut(i) {
            i += 1;
            if std::mem::replace(&mut r.done, true) {
                continue;
            }
            let r = *r;
            self.serve_while_busy(engine, r.slot, r.readable, r.drain);
        }
        self.write_pending(engine);
    }
}
