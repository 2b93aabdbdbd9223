//! The version lifecycle: the four states AWS's blog proposed (docs/aws-facts.md, "The four
//! states"; no API shows them), one table of what each allows and the transitions between them.

/// Where a platform version is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Active,
    Deprecating,
    Retired,
    Recalled,
}

impl State {
    pub const ALL: [State; 4] = [
        State::Active,
        State::Deprecating,
        State::Retired,
        State::Recalled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Deprecating => "deprecating",
            State::Retired => "retired",
            State::Recalled => "recalled",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        State::ALL.into_iter().find(|state| state.as_str() == text)
    }

    /// What AWS calls this phase, for the UI's labels.
    pub fn aws_term(self) -> &'static str {
        match self {
            State::Active => "available",
            State::Deprecating => "scheduled for deprecation",
            State::Retired => "deprecated / Retired: no new tasks",
            State::Recalled => "remaining tasks terminated",
        }
    }

    pub fn capabilities(self) -> Capabilities {
        use State::*;
        Capabilities {
            starts_tasks: matches!(self, Active | Deprecating),
            latest_may_point_here: matches!(self, Active | Deprecating),
            running_tasks_keep_running: !matches!(self, Recalled),
            receives_revisions: matches!(self, Active | Deprecating),
            warns_on_use: matches!(self, Deprecating),
        }
    }

    /// The one transition table: whether a version in this state may become `to`.
    pub fn can_become(self, to: State) -> bool {
        use State::*;
        matches!(
            (self, to),
            (Active, Deprecating)
                | (Deprecating, Active)
                | (Active, Retired)
                | (Deprecating, Retired)
                | (Active | Deprecating | Retired, Recalled)
        )
    }

    pub fn allowed_next(self) -> Vec<State> {
        State::ALL
            .into_iter()
            .filter(|to| self.can_become(*to))
            .collect()
    }
}

impl serde::Serialize for State {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A state as the page lists it: its AWS term, what it allows and where it may go next.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateView {
    state: State,
    aws_term: &'static str,
    starts_tasks: bool,
    latest_may_point_here: bool,
    running_tasks_keep_running: bool,
    receives_revisions: bool,
    warns_on_use: bool,
    allowed_next: Vec<State>,
}

/// Every state with its capabilities and allowed transitions.
pub fn states() -> Vec<StateView> {
    State::ALL
        .into_iter()
        .map(|state| {
            let c = state.capabilities();
            StateView {
                state,
                aws_term: state.aws_term(),
                starts_tasks: c.starts_tasks,
                latest_may_point_here: c.latest_may_point_here,
                running_tasks_keep_running: c.running_tasks_keep_running,
                receives_revisions: c.receives_revisions,
                warns_on_use: c.warns_on_use,
                allowed_next: state.allowed_next(),
            }
        })
        .collect()
}

/// The columns of the lifecycle table for one state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// New tasks and services may start on it.
    pub starts_tasks: bool,
    pub latest_may_point_here: bool,
    pub running_tasks_keep_running: bool,
    pub receives_revisions: bool,
    /// Allowed, but the step warns (deprecating).
    pub warns_on_use: bool,
}

#[cfg(test)]
mod tests {
    use super::State::*;
    use super::*;

    #[test]
    fn transition_table_matches_the_spec() {
        // Every pair of states, with the spec's verdict (§4 "Allowed transitions").
        let allowed = [
            (Active, Deprecating),
            (Deprecating, Active),
            (Active, Retired),
            (Deprecating, Retired),
            (Active, Recalled),
            (Deprecating, Recalled),
            (Retired, Recalled),
        ];
        for from in State::ALL {
            for to in State::ALL {
                assert_eq!(
                    from.can_become(to),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn capabilities_follow_the_table() {
        let rows = [
            // state, starts tasks, LATEST may point, running keep, revisions
            (Active, true, true, true, true),
            (Deprecating, true, true, true, true),
            (Retired, false, false, true, false),
            (Recalled, false, false, false, false),
        ];
        for (state, starts, latest, keep, revisions) in rows {
            let c = state.capabilities();
            assert_eq!(
                (
                    c.starts_tasks,
                    c.latest_may_point_here,
                    c.running_tasks_keep_running,
                    c.receives_revisions
                ),
                (starts, latest, keep, revisions),
                "{state:?}"
            );
        }
    }

    #[test]
    fn states_parse_only_lowercase_names() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
        assert_eq!(State::parse("Active"), None);
    }
}
