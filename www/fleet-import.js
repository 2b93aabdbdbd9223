// Bring your own fleet: paste or drop what `aws ecs describe-services` / `describe-tasks` print,
// read off the main thread by the core (import-worker.js), then the retirement report. The page
// never reads the JSON itself and never sends it anywhere.
import { h, fill, download } from "./dom.js";
import { virtualList } from "./virtual.js";

/** All files of one import together; the CLI prints about 2.5 KB per service. */
export const MAX_FLEET_BYTES = 64 * 1024 * 1024;

/** Above this many rows the report table is a virtualised list. */
const REPORT_TABLE_LIMIT = 200;

const $ = (id) => document.getElementById(id);

/** Where an import error is: the file, the JSON Pointer, the line and column. */
function where(error) {
  const parts = [];
  if (error.file) parts.push(error.file);
  if (error.path) parts.push(`at ${error.path}`);
  if (error.line) parts.push(`line ${error.line}, column ${error.column}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * Wires the import panel. `opened(json)` loads the scenario document the core wrote; it returns
 * false (and shows why) when it cannot.
 */
export function wireFleetImport({ opened }) {
  const status = $("fleet-status");
  const progress = $("fleet-progress");
  let worker = null;

  const finish = () => {
    progress.hidden = true;
    $("fleet-import-run").disabled = false;
    worker?.terminate();
    worker = null;
  };
  const fail = (error) => {
    finish();
    fill(status, h("strong", { class: "error" }, "Not imported: "), error.message, where(error),
      error.code ? h("span", { "data-testid": "fleet-error-code" }, ` [${error.code}]`) : null,
      " Nothing was changed.");
  };

  const run = (files) => {
    const bytes = files.reduce((n, f) => n + (f.file?.size ?? f.text.length), 0);
    if (files.length === 0) {
      fill(status, "Paste the JSON or choose files first.");
      return;
    }
    if (bytes > MAX_FLEET_BYTES) {
      fail({ message: `${(bytes / 2 ** 20).toFixed(1)} MiB is more than this page reads at once (${MAX_FLEET_BYTES / 2 ** 20} MiB). Import fewer clusters at a time.`, code: "TooLarge" });
      return;
    }
    worker?.terminate();
    worker = new Worker(new URL("./import-worker.js", import.meta.url), { type: "module" });
    progress.hidden = false;
    $("fleet-import-run").disabled = true;
    fill(status, `Reading ${files.length} file${files.length === 1 ? "" : "s"} (${(bytes / 2 ** 20).toFixed(1)} MiB) in this browser…`);
    worker.onmessage = ({ data }) => {
      if (data.phase) fill(status, data.phase);
      else if (data.error) fail(data.error);
      else if (data.json !== undefined) {
        fill(status, "Opening the playground on your fleet…");
        // Let the status paint before the (synchronous) load.
        requestAnimationFrame(() => setTimeout(() => {
          finish();
          fill(status, opened(data.json) ? "Imported. The timeline now starts with AWS's history and then your fleet; step on to see what AWS's moves do to it." : "Not imported; see the message above.");
        }));
      }
    };
    worker.onerror = (e) => fail({ message: e.message || "The import could not run in this browser.", code: "Internal" });
    worker.postMessage({ files });
  };

  $("fleet-files").addEventListener("change", (e) => {
    run([...e.target.files].map((file) => ({ name: file.name, file })));
    e.target.value = "";
  });
  $("fleet-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("fleet-paste").value;
    run(text.trim() ? [{ name: "pasted output", text }] : []);
  });
  $("fleet-paste").addEventListener("drop", (e) => {
    const dropped = [...(e.dataTransfer?.files ?? [])];
    if (!dropped.length) return;
    e.preventDefault();
    e.stopPropagation();
    run(dropped.map((file) => ({ name: file.name, file })));
  });
}

function rowText(row) {
  const where = row.cluster && row.kind === "service" ? ` (${row.cluster})` : "";
  return `${row.kind === "task" ? "Task" : row.kind === "pods" ? "EKS cluster" : "Service"} ${row.name}${where}`;
}

function reportTable(rows) {
  return h("table", { class: "report-table", "data-testid": "report-table" },
    h("thead", {}, h("tr", {}, ["What", "Asks for", "On the version", "What happens", "What to do"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((r) => h("tr", { class: `effect-${r.effect}` },
      h("th", { scope: "row" }, rowText(r)), h("td", { "data-label": "Asks for" }, r.requested ?? "—"),
      h("td", { "data-label": "On the version" }, String(r.onVersion)),
      h("td", { "data-label": "What happens" }, r.whatHappens), h("td", { "data-label": "What to do" }, r.whatToDo)))));
}

/**
 * Wires the retirement report form. `ask(family, version, date, latestTo)` calls the core for the
 * current step; `versions(family)` lists the versions of the current step's catalog. Returns the
 * function that refreshes the version list, for each step shown.
 */
export function wireReport({ ask, versions }) {
  const form = $("report-form");
  const out = $("report");
  const fillVersions = () => {
    const list = versions($("report-family").value);
    const keep = $("report-version").value;
    fill($("report-version"), list.map((v) => h("option", { value: v.version }, `${v.version} (${v.state})`)));
    if (list.some((v) => v.version === keep)) $("report-version").value = keep;
  };
  $("report-family").addEventListener("change", fillVersions);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    fillVersions();
    const latestTo = $("report-latest-row").hidden ? undefined : $("report-latest").value;
    let report;
    try {
      report = ask($("report-family").value, $("report-version").value, $("report-date").value.trim(), latestTo);
    } catch (error) {
      if (error.code === "LatestPointsHere" && error.candidates?.length) {
        fill($("report-latest"), error.candidates.map((v) => h("option", { value: v }, v)));
        $("report-latest-row").hidden = false;
      }
      fill(out, h("p", { class: "error", "data-testid": "report-error" }, error.message, error.code ? ` [${error.code}]` : ""));
      return;
    }
    if (!report) return;
    const base = `retire-${report.version}-${report.date}`;
    fill(out,
      h("p", { class: "report-summary", "data-testid": "report-summary" }, report.summary),
      h("div", { class: "row" },
        h("button", { type: "button", "data-testid": "report-csv", onclick: () => download(report.csv, "text/csv", `${base}.csv`) }, "Download CSV"),
        h("button", { type: "button", "data-testid": "report-md", onclick: () => download(report.markdown, "text/markdown", `${base}.md`) }, "Download Markdown")),
      report.rows.length === 0 ? h("p", {}, "Nothing in this fleet runs that version.") : null);
    if (report.rows.length > 0 && report.rows.length <= REPORT_TABLE_LIMIT) out.append(reportTable(report.rows));
    else if (report.rows.length > 0) {
      virtualList(out, {
        count: report.rows.length,
        rowHeight: 64,
        label: `Report rows (${report.rows.length})`,
        testid: "report-rows",
        renderRow: (i) => {
          const r = report.rows[i];
          return h("div", { class: `report-row effect-${r.effect}` }, h("strong", {}, rowText(r)), " — ", r.whatHappens, " ", h("em", {}, r.whatToDo));
        },
      });
    }
  });
  return fillVersions;
}
