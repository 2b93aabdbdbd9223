//! Small helpers for the sentences the core writes.

/// "1 task" / "3 tasks".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How many names `listed` writes out.
pub const LISTED: usize = 5;

/// Up to five names, then how many more: a sentence must stay readable for 5,000 services.
pub fn listed<S: AsRef<str>>(names: &[S]) -> String {
    listed_of(names, names.len())
}

/// `listed` of `total` names of which only the first (up to `LISTED`) were written: a step that
/// changes thousands of services builds five of their phrases, not thousands.
pub fn listed_of<S: AsRef<str>>(first: &[S], total: usize) -> String {
    let shown: Vec<&str> = first.iter().take(LISTED).map(AsRef::as_ref).collect();
    match total.saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_lists() {
        assert_eq!(plural(1, "task", "tasks"), "1 task");
        assert_eq!(plural(0, "task", "tasks"), "0 tasks");
        assert_eq!(listed(&["a", "b"]), "a, b");
        assert_eq!(
            listed(&["a", "b", "c", "d", "e", "f", "g"]),
            "a, b, c, d, e and 2 more"
        );
        assert_eq!(
            listed_of(&["a", "b", "c", "d", "e"], 1500),
            "a, b, c, d, e and 1495 more"
        );
        assert_eq!(listed_of(&["a", "b"], 2), "a, b");
    }
}
