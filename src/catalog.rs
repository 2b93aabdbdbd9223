//! The catalog AWS publishes: platform versions per family, their revisions and features, their
//! lifecycle state and the `LATEST` pointer of each family. Only AWS-side events change it.

use crate::error::Transition;
use crate::lifecycle::State;
use crate::version::{Family, Version};

/// Index of a version in release order.
pub type VersionId = u32;

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    versions: Vec<VersionInfo>,
    latest: [Option<VersionId>; 2],
    /// Counts the calls that may have changed it, so a view can tell that nothing did.
    edits: u64,
}

#[derive(Clone, Debug)]
pub struct VersionInfo {
    pub version: Version,
    pub family: Family,
    pub state: State,
    /// Revision `n` is `revisions[n - 1]`.
    pub revisions: Vec<Revision>,
}

/// An immutable internal build of a version (a "patch"); no AWS API shows it.
#[derive(Clone, Debug)]
pub struct Revision {
    /// Cumulative: everything this revision supports.
    pub features: Vec<String>,
    pub retired: bool,
}

impl VersionInfo {
    pub fn newest_revision(&self) -> u32 {
        self.revisions.len() as u32
    }

    pub fn newest_features(&self) -> &[String] {
        &crate::surely(
            self.revisions.last().ok_or(()),
            "a released version has revision 1",
        )
        .features
    }

    /// AWS's task recycling replaces a service's tasks on the newest patch; it arrived with Linux
    /// 1.3.0 ("Fargate tasks using platform versions prior to 1.3.0 are not affected",
    /// docs/aws-facts.md, rule 15). Windows versions came later and are all counted as having it.
    pub fn recycles_tasks(&self) -> bool {
        self.family == Family::Windows
            || self.version
                >= Version {
                    major: 1,
                    minor: 3,
                    patch: 0,
                }
    }

    pub fn label(&self) -> String {
        format!("{} ({})", self.version, self.family)
    }
}

impl Catalog {
    /// Changes whenever the catalog may have changed (release, revision, LATEST, state).
    pub fn edits(&self) -> u64 {
        self.edits
    }

    pub fn versions(&self) -> &[VersionInfo] {
        &self.versions
    }

    pub fn get(&self, id: VersionId) -> &VersionInfo {
        &self.versions[id as usize]
    }

    pub fn find(&self, family: Family, version: Version) -> Option<VersionId> {
        self.versions
            .iter()
            .position(|v| v.family == family && v.version == version)
            .map(|i| i as VersionId)
    }

    pub fn latest(&self, family: Family) -> Option<VersionId> {
        self.latest[family.index()]
    }

    pub fn release(
        &mut self,
        family: Family,
        version: Version,
        features: &[String],
    ) -> Result<VersionId, Transition> {
        self.edits += 1;
        if self.find(family, version).is_some() {
            return Err(Transition::AlreadyReleased { version, family });
        }
        self.versions.push(VersionInfo {
            version,
            family,
            state: State::Active,
            revisions: vec![Revision {
                features: dedup(features.to_vec()),
                retired: false,
            }],
        });
        Ok(self.versions.len() as VersionId - 1)
    }

    /// Publishes the next revision, with `added` features on top of the previous revision's.
    pub fn publish_revision(&mut self, id: VersionId, added: &[String]) -> Result<u32, Transition> {
        self.edits += 1;
        let info = &mut self.versions[id as usize];
        if !info.state.capabilities().receives_revisions {
            return Err(Transition::NoRevisions {
                version: info.version,
                family: info.family,
                state: info.state,
            });
        }
        let mut features = info.newest_features().to_vec();
        features.extend(added.iter().cloned());
        info.revisions.push(Revision {
            features: dedup(features),
            retired: false,
        });
        Ok(info.newest_revision())
    }

    /// Points the family's `LATEST` at `to`; returns where it pointed before.
    pub fn move_latest(&mut self, to: VersionId) -> Result<Option<VersionId>, Transition> {
        self.edits += 1;
        let info = self.get(to);
        if !info.state.capabilities().latest_may_point_here {
            return Err(Transition::LatestTarget {
                version: info.version,
                family: info.family,
                state: info.state,
            });
        }
        let slot = &mut self.latest[info.family.index()];
        Ok(slot.replace(to))
    }

    /// Applies a lifecycle transition; returns the previous state.
    pub fn set_state(&mut self, id: VersionId, to: State) -> Result<State, Transition> {
        self.edits += 1;
        let info = self.get(id);
        let (version, family, from) = (info.version, info.family, info.state);
        if !from.can_become(to) {
            return Err(Transition::StateChange {
                version,
                family,
                from,
                to,
            });
        }
        if self.latest(family) == Some(id) && !to.capabilities().latest_may_point_here {
            return Err(Transition::RetireLatest {
                version,
                family,
                to,
            });
        }
        self.versions[id as usize].state = to;
        Ok(from)
    }

    pub fn retire_revision(&mut self, id: VersionId, revision: f64) -> Result<u32, Transition> {
        self.edits += 1;
        let info = &mut self.versions[id as usize];
        let (version, family, newest) = (info.version, info.family, info.newest_revision());
        if revision < 1.0 || revision > f64::from(newest) {
            return Err(Transition::NoSuchRevision {
                version,
                family,
                revision,
                newest,
            });
        }
        let revision = revision as u32;
        if revision == newest {
            return Err(Transition::RetireNewestRevision {
                version,
                family,
                revision,
            });
        }
        let entry = &mut info.revisions[revision as usize - 1];
        if entry.retired {
            return Err(Transition::RevisionAlreadyRetired {
                version,
                family,
                revision,
            });
        }
        entry.retired = true;
        Ok(revision)
    }
}

fn dedup(mut features: Vec<String>) -> Vec<String> {
    // A version's capabilities are a handful: scanning them beats hashing and copying each. A
    // long list (a scenario may hold anything) is hashed, so it never costs its square.
    if features.len() <= 16 {
        let mut kept: Vec<String> = Vec::with_capacity(features.len());
        for feature in features {
            if !kept.contains(&feature) {
                kept.push(feature);
            }
        }
        return kept;
    }
    let mut seen = std::collections::HashSet::new();
    features.retain(|f| seen.insert(f.clone()));
    features
}

#[cfg(test)]
mod tests {
    use super::dedup;

    #[test]
    fn capabilities_keep_their_first_place_once_in_short_and_long_lists() {
        let list = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            dedup(list(&["efs", "eni", "efs", "secrets", "eni"])),
            list(&["efs", "eni", "secrets"])
        );
        let long: Vec<String> = (0..40).map(|i| format!("f{}", i % 20)).collect();
        let firsts: Vec<String> = (0..20).map(|i| format!("f{i}")).collect();
        assert_eq!(dedup(long), firsts);
    }
}
