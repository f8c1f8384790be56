//! Undo and redo: a bounded stack of engine snapshots, one per step that
//! changed something (a command line, a paste, a time jump), each with
//! the clock offset of that moment. The engine is deterministic, so a
//! snapshot is the whole truth; memory is bounded by how many elements
//! the kept snapshots hold in all, and a dataset too big to copy turns
//! undo off with a message instead of slowing every command down.

use std::collections::VecDeque;

use crate::engine::snapshot::Snapshot;

/// Steps kept for undo.
pub const MAX_STEPS: usize = 100;
/// Elements (keys plus collection elements) all kept snapshots may hold.
pub const MAX_WEIGHT: usize = 2_000_000;
/// A dataset bigger than this is not copied for undo at all.
pub const MAX_STEP_WEIGHT: usize = 500_000;

#[derive(Debug, Clone)]
pub struct Step {
    /// What the step did, for the buttons (`LPUSH queue red`, `+1 min`).
    pub label: String,
    pub snapshot: Snapshot,
    pub offset_ms: i64,
    pub weight: usize,
}

/// What must be unchanged for a copy of the present to still be the
/// present: the data, the settings, the random generator, and what undo
/// covers of the clients.
#[derive(Debug, Clone, PartialEq)]
pub struct StateKey {
    pub data: u64,
    pub settings: u64,
    pub rng: u64,
    pub clients: Vec<u64>,
}

/// The present, copied while the page was idle, so the next step need not
/// copy the data between the learner's Enter and the picture.
#[derive(Debug)]
pub struct Ready {
    pub snapshot: Snapshot,
    pub weight: usize,
    pub key: StateKey,
}

#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    weight: usize,
    /// The present copied ahead of time (see [`Ready`]).
    pub ready: Option<Ready>,
    /// The state last found too big to copy, so it is not weighed again.
    pub too_big_at: Option<StateKey>,
    /// Set when a step could not be kept (too big): undo starts again
    /// after it, and the time bar says why.
    pub off_reason: Option<String>,
    /// How the present is copied for undo: `Engine::snapshot` in the
    /// playground, none in a tutorial's sandbox, which has no undo (and so
    /// its page's wasm carries no copying code).
    pub copier: Option<fn(&crate::engine::Engine) -> crate::engine::snapshot::Snapshot>,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Steps that can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// A step happened; `before` is the state it started from. A new step
    /// forgets what could be redone, as every editor does.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        if step.weight > MAX_STEP_WEIGHT {
            self.too_big(step.weight);
            return;
        }
        self.off_reason = None;
        self.weight += step.weight;
        self.undo.push_back(step);
        while self.undo.len() > MAX_STEPS || (self.weight > MAX_WEIGHT && self.undo.len() > 1) {
            if let Some(old) = self.undo.pop_front() {
                self.weight -= old.weight;
            }
        }
    }

    /// A step happened on data too big to copy: what came before can no
    /// longer be reached step by step, so history starts again after it.
    pub fn too_big(&mut self, weight: usize) {
        self.redo.clear();
        self.undo.clear();
        self.weight = 0;
        self.off_reason = Some(format!(
            "Undo is off: the data holds {weight} elements, more than the {MAX_STEP_WEIGHT} undo copies. It starts again once the data is smaller."
        ));
    }

    /// Take the step to undo; `now` is the present, kept for redo.
    pub fn undo(&mut self, now: Step) -> Result<Step, &'static str> {
        let Some(step) = self.undo.pop_back() else {
            return Err("Nothing to undo: this is the start of the history.");
        };
        self.weight -= step.weight;
        self.redo.push(Step {
            label: step.label.clone(),
            ..now
        });
        Ok(step)
    }

    /// Take the step to redo; `now` is the present, kept for undo.
    pub fn redo(&mut self, now: Step) -> Result<Step, &'static str> {
        let Some(step) = self.redo.pop() else {
            return Err("Nothing to redo: this is the end of the history.");
        };
        self.weight += now.weight;
        self.undo.push_back(Step {
            label: step.label.clone(),
            ..now
        });
        Ok(step)
    }

    pub fn clear(&mut self) {
        let copier = self.copier;
        *self = History::default();
        self.copier = copier;
    }
}
