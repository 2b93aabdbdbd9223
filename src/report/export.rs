//! The report as CSV and Markdown.

use super::{Report, Row};

impl Row {
    fn cells(&self) -> [String; 9] {
        [
            self.kind.to_string(),
            self.cluster.clone(),
            self.name.clone(),
            self.requested.clone().unwrap_or_default(),
            self.on_version.to_string(),
            self.what_happens.clone(),
            self.onto.map(|v| v.to_string()).unwrap_or_default(),
            self.lost.to_string(),
            self.what_to_do.clone(),
        ]
    }
}

impl Report {
    /// The column headings; the count column names the version it counts.
    fn columns(&self) -> [String; 9] {
        [
            "kind".into(),
            "cluster".into(),
            "name".into(),
            "requested".into(),
            format!("running tasks on {}", self.version),
            "what happens".into(),
            "onto".into(),
            "terminated, not replaced".into(),
            "what to do".into(),
        ]
    }

    /// RFC 4180 CSV. A cell that a spreadsheet would read as a formula gets a leading `'`.
    pub fn to_csv(&self) -> String {
        let cell = |text: &str| {
            let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text.to_string()
            };
            if text.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text
            }
        };
        let mut out = self.columns().map(|c| cell(&c)).join(",");
        out.push_str("\r\n");
        for row in &self.rows {
            out.push_str(&row.cells().map(|c| cell(&c)).join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// A Markdown section: the summary and warnings, then a table (pipes and line breaks in cells
    /// escaped).
    pub fn to_markdown(&self) -> String {
        let cell = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace(['\n', '\r'], " ")
        };
        let columns = self.columns();
        let mut out = format!(
            "## Retiring {} ({}) on {}\n\n{}\n\n",
            self.version,
            self.family,
            self.date,
            cell(&self.summary),
        );
        for warning in &self.warnings {
            out.push_str(&format!("> ⚠ {}\n\n", cell(warning)));
        }
        out.push_str(&format!(
            "| {} |\n|{}\n",
            columns.join(" | "),
            "---|".repeat(columns.len())
        ));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.cells().map(|c| cell(&c)).join(" | ")
            ));
        }
        out
    }
}
