//! The replay as a long-lived handle: load a document once, then answer any step, append events,
//! and write the document back. Memory grows with events and with the fleet, not their product:
//! the handle keeps the events and a few checkpoints of the world, and replays from the nearest.

use crate::date::Instant;
use crate::error::{ErrorKind, Limit, ScenarioError, MAX_TRACE_ROWS};
use crate::import::{self, ImportError, ImportedFleet};
use crate::json::Json;
use crate::scenario::{self, Action, Document, TimedEvent, FORMAT};
use crate::text::plural;
use crate::trace::{apply, apply_counted, apply_for_view, replay, StepRecord, World};
use crate::view::{step_view, summary_view, SharedTrace, ViewShare};

/// Where a step's event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Base(usize),
    Document(usize),
}

pub struct Playground {
    document: Document,
    base_id: Option<&'static str>,
    base_events: Vec<TimedEvent>,
    order: Vec<Source>,
    /// `(k, world before step k)`, increasing `k`; the first is `(0, empty world)`.
    checkpoints: Vec<(usize, World)>,
    /// The world after the last step while events are replayed onto it (loading, `apply`); `None`
    /// otherwise: a handle keeps no copy of the fleet only for the next event (`take_last_step`).
    current: Option<World>,
    /// The last step replayed for a query, since the page asks several things of one step
    /// (the step, then resolutions, describe, why…).
    /// `(step, counted, record, world)`; a full record also serves a counted request.
    recent: std::cell::RefCell<Option<(usize, StepRecord, World)>>,
    /// A step computed for the page's view before it was asked for (`prepare_step`), from a copy
    /// of `recent` (sharing its services): the step the user is expected to go to next.
    ahead: std::cell::RefCell<Option<(usize, StepRecord, World)>>,
    /// How many events were replayed to answer questions since loading (`events_replayed`).
    events_replayed: std::cell::Cell<usize>,
    work_since_checkpoint: usize,
    /// The most services at any step so far, for the chart.
    most_services: usize,
    /// The page's record of a step that placed an imported fleet, as loading replayed it: the
    /// page opens the fleet on that step, and the checkpoint after it holds the world, so neither
    /// that first view nor a step back onto it places a million tasks again.
    placed: Option<(usize, StepRecord)>,
    /// What `view_json` sent before (see `view::ViewShare`); a new handle (undo makes one)
    /// starts afresh, as must whoever keeps what was sent.
    view_share: std::cell::RefCell<ViewShare>,
}

/// A checkpoint is taken when the work replayed since the last one (task changes, plus one per
/// event) reaches the fleet's size, or this floor. A query then replays at most about that much; a
/// growing fleet gets checkpoints at geometric intervals, so all checkpoints together hold about
/// as many tasks as the replay's total work. An imported fleet, whose import places all of it and
/// whose later events change less than all of it, gets one: with the step kept for queries, two
/// copies of the fleet (issue 17's budget).
const CHECKPOINT_FLOOR: usize = 20_000;

impl Playground {
    pub fn new(text: &str) -> Result<Playground, ScenarioError> {
        Playground::from_document(scenario::read(text)?)
    }

    /// A scenario file as it was read from disk: a file that is not UTF-8 is an `InvalidJson`
    /// error located at its first bad byte.
    pub fn from_bytes(bytes: &[u8]) -> Result<Playground, ScenarioError> {
        let text = crate::json::utf8(bytes)
            .map_err(|e| ScenarioError::new("", ErrorKind::InvalidJson(e)))?;
        Playground::new(text)
    }

    fn from_document(document: Document) -> Result<Playground, ScenarioError> {
        let (mut playground, order) = Playground::prepare(document);
        for source in order {
            playground.advance(source, false)?;
        }
        playground.current = None;
        Ok(playground)
    }

    /// Takes back the document's last event (the page offers it for events the user appended);
    /// `false` when the document has none. The handle is as if the event had never been applied.
    pub fn undo(&mut self) -> bool {
        let mut document = self.document.clone();
        if document.events.pop().is_none() {
            return false;
        }
        *self = crate::surely(
            Playground::from_document(document),
            "the events before the last replayed before",
        );
        true
    }

    /// Takes the read document and its base; returns the handle with no step replayed yet, and
    /// the merged order of the events to replay.
    fn prepare(document: Document) -> (Playground, Vec<Source>) {
        let (base_id, base_events) = match &document.base {
            None => (None, Vec::new()),
            Some(id) => {
                let builtin = crate::surely(
                    crate::builtin::find(id).ok_or(()),
                    "the reader checked the id",
                );
                let base =
                    crate::surely(scenario::read(builtin.json), "built-in scenarios are valid");
                (Some(builtin.id), base.events)
            }
        };
        let order = merge(&base_events, &document.events);
        let playground = Playground {
            document,
            base_id,
            base_events,
            order: Vec::new(),
            checkpoints: vec![(0, World::default())],
            current: Some(World::default()),
            recent: std::cell::RefCell::new(None),
            ahead: std::cell::RefCell::new(None),
            events_replayed: std::cell::Cell::new(0),
            work_since_checkpoint: 0,
            most_services: 0,
            placed: None,
            view_share: Default::default(),
        };
        (playground, order)
    }

    fn event(&self, source: Source) -> &TimedEvent {
        match source {
            Source::Base(i) => &self.base_events[i],
            Source::Document(i) => &self.document.events[i],
        }
    }

    fn locate(&self, source: Source, fail: crate::trace::Fail) -> ScenarioError {
        match source {
            Source::Document(i) => fail.at(&format!("/events/{i}")),
            Source::Base(i) => fail.at("").in_base_event(
                self.base_id.unwrap_or_default(),
                i,
                self.base_events[i].action.name(),
            ),
        }
    }

    /// Replays one more event onto `current` and records its source.
    /// With `record` off the event is replayed quietly (no changes or explanation) and `None` is
    /// returned: loading a document needs only the worlds.
    fn advance(
        &mut self,
        source: Source,
        record: bool,
    ) -> Result<Option<StepRecord>, ScenarioError> {
        let mut world = crate::surely(
            self.current.take().ok_or(()),
            "events are replayed onto the last step's world",
        );
        let advanced = self.advance_world(&mut world, source, record);
        self.current = Some(world);
        advanced
    }

    fn advance_world(
        &mut self,
        world: &mut World,
        source: Source,
        recording: bool,
    ) -> Result<Option<StepRecord>, ScenarioError> {
        let index = self.order.len();
        if self.work_since_checkpoint >= CHECKPOINT_FLOOR.max(world.fleet.running() as usize) {
            self.checkpoints.push((index, world.clone()));
            self.work_since_checkpoint = 0;
        }
        let event = self.event(source);
        // Loading replays quietly, except the step that places an imported fleet (`placed`).
        let places_fleet = !recording && matches!(event.action, Action::ImportFleet(_));
        let (work, record) = if recording {
            let step = apply(world, event).map_err(|fail| self.locate(source, fail))?;
            (step.work, Some(step))
        } else if places_fleet {
            let step = apply_for_view(world, event, ROWS_LIMIT)
                .map_err(|fail| self.locate(source, fail))?;
            (step.work, Some(step))
        } else {
            let work = replay(world, event).map_err(|fail| self.locate(source, fail))?;
            (work, None)
        };
        let record = if places_fleet {
            self.placed = record.map(|step| (index, step));
            None
        } else {
            record
        };
        self.work_since_checkpoint += work + 1;
        self.most_services = self.most_services.max(world.fleet.services().len());
        self.order.push(source);
        Ok(record)
    }

    /// Makes the world after the last step `current`, for an event to be appended: the world kept
    /// for queries or prepared when it is that step's (moved, not copied), else one replayed from a
    /// checkpoint. Returns the last step and its record, to keep again if the event is refused.
    fn take_last_step(&mut self) -> Option<(usize, StepRecord)> {
        let Some(last) = self.order.len().checked_sub(1) else {
            self.current = Some(World::default());
            return None;
        };
        let ahead = self.ahead.get_mut().take();
        let (record, world) = match (self.recent.get_mut().take(), ahead) {
            (Some((j, record, world)), _) | (_, Some((j, record, world))) if j == last => {
                (record, world)
            }
            other => {
                drop(other);
                self.compute(last, Listing::Counted, Recent::Take)
            }
        };
        self.current = Some(world);
        Some((last, record))
    }

    /// How many world snapshots the handle keeps (its memory cost beyond the events).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    pub fn step_count(&self) -> usize {
        self.order.len()
    }

    pub fn title(&self) -> Option<&str> {
        self.document.title.as_deref()
    }

    /// The record of step `i` and the world after it (owned copies; see `with_step`).
    pub fn replay_to(&self, i: usize) -> Option<(StepRecord, World)> {
        self.with_step(i, |record, world| (record.clone(), world.clone()))
    }

    /// Calls `f` with the record of step `i` (task changes listed) and the world after it. The
    /// last step asked for is kept, so several questions about one step replay once, and stepping
    /// forward replays only the new events; otherwise the replay starts at the nearest checkpoint.
    pub fn with_step<T>(&self, i: usize, f: impl FnOnce(&StepRecord, &World) -> T) -> Option<T> {
        self.with_recorded_step(i, Listing::Listed, f)
    }

    /// Calls `f` with the world after step `i`, whatever record the handle keeps for it: for
    /// questions about the state (resolve, describe, the retirement report), which must not
    /// replay a big step again only to list its task changes.
    pub fn with_world<T>(&self, i: usize, f: impl FnOnce(&World) -> T) -> Option<T> {
        self.with_recorded_step(i, Listing::Counted, |_, world| f(world))
    }

    /// `with_step` for a record whose task changes may be only counted, as `listing` says.
    fn with_recorded_step<T>(
        &self,
        i: usize,
        listing: Listing,
        f: impl FnOnce(&StepRecord, &World) -> T,
    ) -> Option<T> {
        if i >= self.order.len() {
            return None;
        }
        self.keep_step(i, listing);
        let recent = self.recent.borrow();
        recent.as_ref().map(|(_, record, world)| f(record, world))
    }

    /// Makes step `i` the one kept for queries, with a record `listing` is served by. Not inlined
    /// into each question's generic `with_recorded_step`: the module would carry it once per
    /// question.
    #[inline(never)]
    fn keep_step(&self, i: usize, listing: Listing) {
        let hit = matches!(self.recent.borrow().as_ref(), Some((j, record, _)) if *j == i && listing.served_by(record));
        if hit {
            return;
        }
        let ahead = self.ahead.borrow_mut().take();
        let (record, world) = match ahead {
            Some((j, record, world)) if j == i && listing.served_by(&record) => (record, world),
            // Not the step prepared: dropped before replaying, to hold one copy fewer.
            other => {
                drop(other);
                self.compute(i, listing, Recent::Take)
            }
        };
        *self.recent.borrow_mut() = Some((i, record, world));
    }

    /// Computes step `i` as the page's view will ask for it, while the page waits for the user
    /// (after drawing a step, for the next one in the direction they move): showing it then costs
    /// only writing it. The step on screen keeps its world, for the questions the page still asks
    /// about it; the prepared one shares with it what did not change. Does nothing for a step
    /// already kept or prepared, or one past the end.
    pub fn prepare_step(&self, i: usize) {
        if i >= self.order.len() {
            return;
        }
        let kept = |slot: &std::cell::RefCell<Option<(usize, StepRecord, World)>>| matches!(slot.borrow().as_ref(), Some((j, _, _)) if *j == i);
        if kept(&self.recent) || kept(&self.ahead) {
            return;
        }
        drop(self.ahead.borrow_mut().take());
        let (record, world) = self.compute(i, Listing::ForView, Recent::Copy);
        *self.ahead.borrow_mut() = Some((i, record, world));
    }

    /// Whether step `i` was prepared and not yet shown (for tests of `prepare_step`).
    pub fn is_prepared(&self, i: usize) -> bool {
        matches!(self.ahead.borrow().as_ref(), Some((j, _, _)) if *j == i)
    }

    /// How many events the handle has replayed to answer questions since it loaded: what the
    /// kept steps, checkpoints and prepared steps save shows here (tests and benchmarks).
    pub fn events_replayed(&self) -> usize {
        self.events_replayed.get()
    }

    fn compute(&self, i: usize, listing: Listing, recent: Recent) -> (StepRecord, World) {
        // The world after the step that placed a fleet is the checkpoint after it.
        if let Some((_, record)) = self
            .placed
            .as_ref()
            .filter(|(j, r)| *j == i && listing.served_by(r))
        {
            if let Some((_, world)) = self.checkpoints.iter().find(|(k, _)| *k == i + 1) {
                return (record.clone(), world.clone());
            }
        }
        let c = self.checkpoints.partition_point(|(k, _)| *k <= i) - 1;
        let (checkpoint, checkpoint_world) = &self.checkpoints[c];
        let reusable = |j: usize| j < i && j + 1 >= *checkpoint;
        let kept = match recent {
            Recent::Take => self
                .recent
                .borrow_mut()
                .take()
                .map(|(j, _, world)| (j, world)),
            Recent::Copy => match self.recent.borrow().as_ref() {
                Some((j, _, world)) if reusable(*j) => Some((*j, world.clone())),
                _ => None,
            },
        };
        let (mut world, from) = match kept {
            // The checkpoint holds the world before event `checkpoint`, which is the world after
            // step `checkpoint - 1`: a kept world from then on is as good and needs no clone.
            Some((j, world)) if reusable(j) => (world, j + 1),
            // Not reusable: dropped before the clone, so two fleets never coexist (in wasm,
            // growing memory for a second copy of a million tasks costs more than the replay);
            // a step still on screen (`Recent::Copy`) stays, sharing its unchanged services.
            other => {
                drop(other);
                (checkpoint_world.clone(), *checkpoint)
            }
        };
        self.events_replayed
            .set(self.events_replayed.get() + i + 1 - from);
        for source in &self.order[from..i] {
            crate::surely(
                replay(&mut world, self.event(*source)),
                "replayed events succeeded before",
            );
        }
        let event = self.event(self.order[i]);
        let record = crate::surely(
            match listing {
                Listing::Listed => apply(&mut world, event),
                Listing::Counted => apply_counted(&mut world, event),
                Listing::ForView => apply_for_view(&mut world, event, ROWS_LIMIT),
            },
            "replayed events succeeded before",
        );
        (record, world)
    }

    /// The whole story at a glance (`chart`): LATEST, the versions' states and each lane's runs.
    pub fn chart(&self) -> crate::chart::Chart {
        crate::chart::chart_of(
            self.order.iter().map(|s| self.event(*s)),
            self.most_services,
        )
    }

    /// Every step's date and event, without replaying: what a timeline needs to draw its markers.
    pub fn timeline(&self) -> Json {
        let items: Vec<Json> = self
            .order
            .iter()
            .enumerate()
            .map(|(index, source)| {
                let event = self.event(*source);
                Json::object([
                    ("index", Json::from(index)),
                    ("at", Json::from(event.at.to_iso())),
                    ("event", event.echo()),
                    ("base", Json::from(matches!(source, Source::Base(_)))),
                ])
            })
            .collect();
        Json::Array(items)
    }

    /// A what-if copy of this story: every step up to `i`, then `event` (a JSON object; `at`
    /// defaults to step `i`'s), then the rest. Base events are written out, so the fork stands
    /// alone. Errors are located in the fork's document.
    pub fn fork(&self, i: usize, event: &str) -> Result<Playground, ScenarioError> {
        let value = crate::json::parse(event)
            .map_err(|e| ScenarioError::new("", ErrorKind::InvalidJson(e)))?;
        let at = self.order.get(i).map(|s| self.event(*s).at);
        let extra = scenario::read_event(&value, &format!("/events/{}", i + 1), at)?;
        let mut events: Vec<Json> = self
            .order
            .iter()
            .map(|s| self.event(*s).to_document_json())
            .collect();
        events.insert((i + 1).min(events.len()), extra.to_document_json());
        let title = format!("{} (what if)", self.title().unwrap_or("Untitled scenario"));
        let document = Json::object([
            ("format", Json::from(FORMAT)),
            ("title", Json::from(title)),
            ("events", Json::from(events)),
        ]);
        Playground::new(&document.text())
    }

    /// Starts a playground from AWS CLI output (`import.rs`): AWS's history up to the newest
    /// timestamp in the output, then one `import-fleet` step that places the fleet. Errors point
    /// into the file they come from.
    pub fn import(files: &[(String, String)]) -> Result<Playground, ImportError> {
        let imported = ImportedDocument::write(files)?;
        Playground::new(&imported.text).map_err(|error| imported.locate(files, error))
    }

    /// The scenario document `import` opens, checked as far as the fleet's own step: what a
    /// worker hands to the page, which opens it. The steps after the fleet's are AWS's history,
    /// which the page replays when it opens the document; replaying them here too would make
    /// the user wait twice for them.
    pub fn import_scenario(files: &[(String, String)]) -> Result<String, ImportError> {
        let imported = ImportedDocument::write(files)?;
        let document = scenario::read(&imported.text).map_err(|e| imported.locate(files, e))?;
        let (playground, order) = Playground::prepare(document);
        let mut world = World::default();
        for source in order {
            replay(&mut world, playground.event(source))
                .map_err(|fail| imported.locate(files, playground.locate(source, fail)))?;
            if let Source::Document(_) = source {
                break;
            }
        }
        Ok(imported.text)
    }

    /// What retiring a version on a date does to the fleet of step `i` (`report.rs`).
    pub fn retirement_report(
        &self,
        i: usize,
        plan: &crate::report::Plan,
    ) -> Result<crate::report::Report, crate::report::ReportError> {
        let Some(at) = self.order.get(i).map(|s| self.event(*s).at) else {
            return Err(crate::report::ReportError::NoSuchStep { step: i });
        };
        crate::surely(
            self.with_world(i, |world| crate::report::report(world, at, plan))
                .ok_or(()),
            "step i exists",
        )
    }

    /// What the retirement report's form offers for `version` of `family` at step `i`.
    pub fn retirement_options(
        &self,
        i: usize,
        family: crate::version::Family,
        version: crate::version::Version,
    ) -> Option<crate::report::Options> {
        self.with_world(i, |world| crate::report::options(world, family, version))
    }

    /// The predict-then-reveal question of step `i` (customer steps only), with its answer.
    pub fn question(&self, i: usize) -> Option<crate::predict::Question> {
        let before = match i {
            0 => World::default(),
            _ => self.with_step(i - 1, |_, world| world.clone())?,
        };
        let event = self.event(*self.order.get(i)?);
        self.with_step(i, |record, _| {
            crate::predict::question(&before, event, record)
        })?
    }

    /// The whole story as Markdown, step `i` marked and followed by the state after it, and the
    /// chart of the whole story as a table at the end.
    pub fn to_markdown(&self, i: usize) -> String {
        crate::markdown::render(
            self.title(),
            self.order.iter().map(|s| self.event(*s)),
            i,
            &self.chart(),
        )
    }

    /// Why task or pod `id` (of ECS or EKS cluster `cluster`), running after step `i`, has its
    /// version and patch.
    pub fn why(&self, i: usize, cluster: &str, id: &str) -> Option<crate::why::Why> {
        crate::why::explain(self.order.iter().map(|s| self.event(*s)), i, cluster, id)
    }

    /// Step `i` as trace JSON.
    pub fn step_json(&self, i: usize) -> Option<String> {
        self.with_step(i, |record, world| {
            crate::json_text(&step_view(i, record, world))
        })
    }

    /// Step `i` as the page draws it (`view::page_view`): services sent by an earlier call of
    /// this handle and unchanged since are named by number.
    pub fn view_json(&self, i: usize) -> Option<String> {
        self.with_recorded_step(i, Listing::ForView, |record, world| {
            let mut share = self.view_share.borrow_mut();
            crate::json_text(&crate::view::page_view(
                i, record, world, ROWS_LIMIT, &mut share,
            ))
        })
    }

    /// The lines of services `indices` after step `i`, for a paged view (`view::service_lines`),
    /// shared with `view_json`'s services by number.
    pub fn lines_json(&self, i: usize, indices: &[usize]) -> Option<String> {
        self.with_recorded_step(i, Listing::ForView, |record, world| {
            let mut share = self.view_share.borrow_mut();
            crate::json_text(&crate::view::service_lines(
                record, world, indices, &mut share,
            ))
        })
    }

    /// Step `i` without per-task rows.
    pub fn summary_json(&self, i: usize) -> Option<String> {
        self.with_recorded_step(i, Listing::Counted, |record, world| {
            crate::json_text(&summary_view(i, record, world))
        })
    }

    /// Appends one event (a JSON object; `at` defaults to the last step's) and returns its step.
    /// On error nothing changes.
    pub fn apply_json(&mut self, text: &str) -> Result<String, ScenarioError> {
        let value = crate::json::parse(text)
            .map_err(|e| ScenarioError::new("", ErrorKind::InvalidJson(e)))?;
        self.apply_value(&value)
    }

    pub fn apply_value(&mut self, value: &Json) -> Result<String, ScenarioError> {
        let position = self.document.events.len();
        let path = format!("/events/{position}");
        let last_at: Option<Instant> = self.order.last().map(|s| self.event(*s).at);
        let event = scenario::read_event(value, &path, last_at)?;
        if let Some(previous) = last_at.filter(|p| event.at < *p) {
            return Err(ScenarioError::new(
                format!("{path}/at"),
                ErrorKind::OutOfOrder {
                    at: event.at,
                    previous,
                },
            ));
        }
        if self.order.len() >= crate::error::MAX_EVENTS + self.base_events.len() {
            return Err(ScenarioError::new(
                "/events",
                ErrorKind::LimitExceeded(Limit::Events {
                    count: self.document.events.len() + 1,
                }),
            ));
        }
        self.document.events.push(event);
        let index = self.order.len();
        let previous = self.take_last_step();
        let advanced = self.advance(Source::Document(position), true);
        // The world goes back to being the step kept for queries: the new one, or the last.
        let world = crate::surely(self.current.take().ok_or(()), "advance puts it back");
        match advanced {
            Ok(record) => {
                let record = crate::surely(record.ok_or(()), "a recorded advance has a record");
                let step = crate::json_text(&step_view(index, &record, &world));
                *self.recent.get_mut() = Some((index, record, world));
                Ok(step)
            }
            Err(error) => {
                self.document.events.pop();
                *self.recent.get_mut() = previous.map(|(last, record)| (last, record, world));
                Err(error)
            }
        }
    }

    /// The document with every applied event, as pretty JSON.
    pub fn to_scenario_json(&self) -> String {
        let mut out = Json::object([("format", Json::from(FORMAT))]);
        let document = &self.document;
        for (key, value) in [
            ("title", &document.title),
            ("description", &document.description),
            ("base", &document.base),
        ] {
            if let Some(value) = value {
                out.set(key, Json::from(value.as_str()));
            }
        }
        let events = document
            .events
            .iter()
            .map(TimedEvent::to_document_json)
            .collect();
        out.set("events", Json::Array(events));
        out.pretty()
    }
}

const HISTORY: &str = "aws-history";

/// The scenario document written from AWS CLI output: AWS's history as its base, then one
/// `import-fleet` event dated at the newest time in the output.
struct ImportedDocument {
    text: String,
    fleet: ImportedFleet,
    at: Instant,
}

impl ImportedDocument {
    fn write(files: &[(String, String)]) -> Result<ImportedDocument, ImportError> {
        let (fleet, tally, newest) = import::read_outputs(files)?;
        let at = match newest {
            Some(at) => at,
            None => {
                let history = crate::surely(
                    crate::builtin::find(HISTORY).ok_or(()),
                    "aws-history is built in",
                );
                let events =
                    crate::surely(scenario::read(history.json), "built-ins are valid").events;
                events.last().map(|e| e.at).unwrap_or_default()
            }
        };
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        let mut note = format!(
            "Read in this browser from {}; nothing was uploaded.",
            names.join(", ")
        );
        if tally.service_tasks > 0 {
            note.push_str(&format!(
                " describe-tasks listed {} of services: a service's tasks are counted from its deployments in describe-services.",
                plural(tally.service_tasks as usize, "task", "tasks")
            ));
        }
        if tally.left_out > 0 {
            note.push_str(&format!(
                " Left out: {} not RUNNING on Fargate.",
                plural(tally.left_out as usize, "task", "tasks")
            ));
        }
        let (services, tasks) = fleet.to_event_fields();
        let event = Json::object([
            ("at", Json::from(at.to_iso())),
            ("do", Json::from("import-fleet")),
            ("note", Json::from(note)),
            ("services", Json::from(services)),
            ("tasks", Json::from(tasks)),
        ]);
        let document = Json::object([
            ("format", Json::from(FORMAT)),
            ("title", Json::from("Your fleet")),
            ("base", Json::from(HISTORY)),
            ("events", Json::Array(vec![event])),
        ]);
        Ok(ImportedDocument {
            text: document.text(),
            fleet,
            at,
        })
    }

    /// An error in the written document, pointed into the file it comes from.
    fn locate(&self, files: &[(String, String)], error: ScenarioError) -> ImportError {
        locate_in_files(files, &self.fleet, self.at, error)
    }
}

/// Maps an error of the generated document back to the file and field it came from. Only replay
/// errors can happen there (the reader accepted the same fields in the files).
fn locate_in_files(
    files: &[(String, String)],
    fleet: &ImportedFleet,
    at: Instant,
    error: ScenarioError,
) -> ImportError {
    // The generated document has one event; its services, deployments and tasks are the fleet's,
    // in order, and each remembers its file and path.
    let relative = error.path().strip_prefix("/events/0/").unwrap_or_default();
    let parts: Vec<&str> = relative.split('/').collect();
    let at_index = |i: &str| i.parse::<usize>().ok();
    let origin = match parts.as_slice() {
        ["services", i, "deployments", j, rest @ ..] => at_index(i)
            .and_then(|i| fleet.services.get(i))
            .and_then(|s| Some((s.file, &s.deployments.get(at_index(j)?)?.path, rest))),
        ["services", i, rest @ ..] => at_index(i)
            .and_then(|i| fleet.services.get(i))
            .map(|s| (s.file, &s.path, rest)),
        ["tasks", i, rest @ ..] => at_index(i)
            .and_then(|i| fleet.tasks.get(i))
            .map(|t| (t.file, &t.path, rest)),
        _ => None,
    };
    let (file, path) = match origin {
        Some((file, path, [])) => (files.get(file), path.clone()),
        Some((file, path, rest)) => (files.get(file), format!("{path}/{}", rest.join("/"))),
        None => (None, String::new()),
    };
    let file = file.map(|(name, _)| name.clone()).unwrap_or_default();
    let kind = match error.into_kind() {
        ErrorKind::UnknownVersion { version, family } => ErrorKind::InvalidField {
            what: "platformVersion".into(),
            expected: format!(
                "a {family} version AWS had released by {}, the newest time in the output",
                at.date()
            ),
            found: format!("\"{version}\""),
        },
        kind => kind,
    };
    ImportError {
        file,
        error: ScenarioError::new(path, kind),
    }
}

/// What computing a step does with the step kept for queries when it can start from it.
#[derive(Clone, Copy)]
enum Recent {
    /// Replays onto it: the page has moved on from it.
    Take,
    /// Replays onto a copy (which shares its services): it is still on screen.
    Copy,
}

/// How a step's task and pod changes must be recorded for a question about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    /// One change each (a whole step of the trace).
    Listed,
    /// Counted only (a summary).
    Counted,
    /// Listed while the fleet is small, else counted (the page's view).
    ForView,
}

impl Listing {
    /// Whether `record` answers a question that needs this listing: one that lists task changes
    /// also counts them, so it serves every question.
    fn served_by(self, record: &StepRecord) -> bool {
        record.listed || self != Listing::Listed
    }
}

/// Above this many running tasks and pods the page draws a step from counts, not one row per
/// task: a row each would cost more than a frame.
pub const ROWS_LIMIT: u64 = 2000;

/// Merge order: by `at`; at equal `at`, base events first; within each source, document order.
fn merge(base: &[TimedEvent], own: &[TimedEvent]) -> Vec<Source> {
    let mut order: Vec<Source> = (0..base.len())
        .map(Source::Base)
        .chain((0..own.len()).map(Source::Document))
        .collect();
    let key = |s: &Source| match *s {
        Source::Base(i) => (base[i].at, 0, i),
        Source::Document(i) => (own[i].at, 1, i),
    };
    order.sort_by_key(key);
    order
}

/// `simulate`: the whole trace as JSON, one step per event. Refuses traces over 1,000,000 task
/// rows (the `Playground` handle serves those a step at a time): a first replay counts the rows
/// and stops as soon as the limit is passed, before any step is written.
pub fn simulate(text: &str) -> Result<String, ScenarioError> {
    let (mut playground, order) = Playground::prepare(scenario::read(text)?);
    let mut rows: u64 = 0;
    for source in &order {
        playground.advance(*source, false)?;
        let world = crate::surely(
            playground.current.as_ref().ok_or(()),
            "advance puts it back",
        );
        rows = count_rows(rows, world)?;
    }
    let title = crate::json_text(&playground.document.title);
    let mut out = format!("{{\"format\":\"fargate-pv-trace/1\",\"title\":{title},\"steps\":[");
    let mut world = World::default();
    for (index, source) in order.into_iter().enumerate() {
        let record = crate::surely(
            apply(&mut world, playground.event(source)),
            "replayed events succeeded before",
        );
        if index > 0 {
            out.push(',');
        }
        out.push_str(&crate::json_text(&step_view(index, &record, &world)));
    }
    out.push_str("]}");
    Ok(out)
}

/// `simulate` for the binding: the same trace written as a `SharedTrace`, which the binding's
/// assembler turns into the trace with what did not change shared between steps. One replay: the
/// text grows with the changes, not the fleet, so the row limit is checked as steps are written.
pub fn simulate_shared(text: &str) -> Result<String, ScenarioError> {
    let (playground, order) = Playground::prepare(scenario::read(text)?);
    let mut trace = SharedTrace::new(playground.document.title.as_deref());
    let mut world = World::default();
    let mut rows: u64 = 0;
    for source in order {
        let record = apply(&mut world, playground.event(source))
            .map_err(|fail| playground.locate(source, fail))?;
        rows = count_rows(rows, &world)?;
        trace.step(&record, &world);
    }
    Ok(trace.finish())
}

/// The trace's task rows so far, with those of the step after which the world is `world`.
fn count_rows(rows: u64, world: &World) -> Result<u64, ScenarioError> {
    let rows = rows + world.fleet.running();
    if rows > MAX_TRACE_ROWS {
        return Err(ScenarioError::new(
            "",
            ErrorKind::LimitExceeded(Limit::TraceRows),
        ));
    }
    Ok(rows)
}
