//! The shipped scenarios, embedded at build time. Their golden traces live in `tests/golden/`.

pub struct Builtin {
    pub id: &'static str,
    pub json: &'static str,
}

/// A built-in scenario from the JSON file of the same name beside this one.
macro_rules! builtin {
    ($id:literal) => {
        Builtin {
            id: $id,
            json: include_str!(concat!($id, ".json")),
        }
    };
}

/// In picker order; the first is the page's default.
pub const BUILTINS: [Builtin; 7] = [
    builtin!("blog-timeline"),
    builtin!("latest-held"),
    builtin!("al1-deprecation"),
    builtin!("eks-on-fargate"),
    builtin!("revision-retirement"),
    builtin!("aws-history"),
    builtin!("sandbox"),
];

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

pub fn ids() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.id).collect()
}

/// A built-in as the page's picker lists it.
#[derive(serde::Serialize)]
pub struct Listed {
    id: &'static str,
    title: String,
    description: String,
    json: &'static str,
}

/// Every built-in, with its title and description, in picker order.
pub fn listed() -> Vec<Listed> {
    BUILTINS
        .iter()
        .map(|b| {
            let document = crate::surely(crate::scenario::read(b.json), "built-ins are valid");
            Listed {
                id: b.id,
                title: document.title.unwrap_or_default(),
                description: document.description.unwrap_or_default(),
                json: b.json,
            }
        })
        .collect()
}
