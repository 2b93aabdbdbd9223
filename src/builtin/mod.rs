//! The shipped scenarios, embedded at build time. Their golden traces live in `tests/golden/`.

pub struct Builtin {
    pub id: &'static str,
    pub json: &'static str,
}

/// In picker order; the first is the page's default.
pub const BUILTINS: [Builtin; 6] = [
    Builtin {
        id: "blog-timeline",
        json: include_str!("blog-timeline.json"),
    },
    Builtin {
        id: "latest-held",
        json: include_str!("latest-held.json"),
    },
    Builtin {
        id: "al1-deprecation",
        json: include_str!("al1-deprecation.json"),
    },
    Builtin {
        id: "eks-on-fargate",
        json: include_str!("eks-on-fargate.json"),
    },
    Builtin {
        id: "revision-retirement",
        json: include_str!("revision-retirement.json"),
    },
    Builtin {
        id: "aws-history",
        json: include_str!("aws-history.json"),
    },
];

pub const DEFAULT: &str = "blog-timeline";

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

pub fn ids() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.id).collect()
}
