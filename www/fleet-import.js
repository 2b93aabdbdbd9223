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
  const kind = row.kind === "task" ? "Task" : row.kind === "pods" ? "EKS cluster" : "Service";
  return row.kind === "pods" ? `${kind} ${row.name}` : `${kind} ${row.name} (cluster ${row.cluster})`;
}

function reportTable(report) {
  const counted = `Tasks on ${report.version}`;
  return h("table", { class: "report-table", "data-testid": "report-table" },
    h("thead", {}, h("tr", {}, ["What", "Asks for", counted, "What happens", "What to do"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, report.rows.map((r) => h("tr", { class: `effect-${r.effect}` },
      h("th", { scope: "row" }, rowText(r)), h("td", { "data-label": "Asks for" }, r.requested ?? "—"),
      h("td", { "data-label": counted }, String(r.onVersion)),
      h("td", { "data-label": "What happens" }, r.whatHappens), h("td", { "data-label": "What to do" }, h("code", {}, r.whatToDo))))));
}

/** "1.3.0 — older than 1.4.0 (a downgrade); AWS retires it 2026-03-31": a target with its flags. */
function targetText(target, retiring) {
  const flags = [];
  if (target.hypothetical) flags.push("hypothetical: not released yet");
  if (target.downgrade) flags.push(`older than ${retiring}: a downgrade`);
  if (target.state && target.state !== "active") flags.push(target.state);
  if (target.scheduledRetirement) flags.push(`AWS retires it ${target.scheduledRetirement}`);
  return flags.length ? `${target.version} — ${flags.join("; ")}` : target.version;
}

/**
 * Wires the retirement report form. `options(family, version)` and `ask(plan)` call the core for
 * the current step; `versions(family)` lists the step's catalog; `stepDate()` is the step's date.
 * The choices (AWS's schedules, where LATEST and pinned services go, with their flags) are shown
 * before the report is built. Returns the function that refreshes them for each step shown.
 */
export function wireReport({ options, ask, versions, stepDate }) {
  const form = $("report-form");
  const out = $("report");
  let offered = null;
  const scheduleChosen = () => offered?.announced[Number($("report-schedule").value)];
  const applySchedule = () => {
    const schedule = scheduleChosen();
    if (!schedule) return;
    $("report-date").value = schedule.date;
    $("report-pinned").value = schedule.pinnedTo ?? "";
    $("report-terminate").checked = schedule.terminated !== null;
    showFlags();
  };
  const showFlags = () => {
    const chosen = [$("report-latest-row").hidden ? null : $("report-latest").value, $("report-pinned").value];
    const flagged = chosen.map((v) => offered?.targets.find((t) => t.version === v))
      .filter((t) => t && (t.hypothetical || t.downgrade || t.scheduledRetirement || t.state !== "active"));
    fill($("report-flags"), flagged.map((t) => `⚠ ${targetText(t, offered.version)}. `));
  };
  const fillChoices = () => {
    const family = $("report-family").value;
    const version = $("report-version").value;
    offered = version ? options(family, version) : null;
    if (!offered) return;
    const targets = offered.targets.map((t) => h("option", { value: t.version }, targetText(t, offered.version)));
    fill($("report-latest"), targets);
    $("report-latest-row").hidden = !offered.latestPointsHere;
    fill($("report-pinned"), h("option", { value: "" }, "no: they keep their version"),
      offered.targets.map((t) => h("option", { value: t.version }, `onto ${targetText(t, offered.version)}`)));
    fill($("report-schedule"),
      offered.announced.map((a, i) => h("option", { value: String(i) },
        `AWS, ${a.region}: ${a.forceUpdate ? `force-update ${a.forceUpdate}, ` : ""}retired ${a.retired}${a.terminated ? `, terminated ${a.terminated}` : ""}`)),
      h("option", { value: "own" }, "my own date and choices"));
    if (offered.announced.length) applySchedule();
    else {
      $("report-schedule").value = "own";
      $("report-terminate").checked = true;
      if (!$("report-date").value) $("report-date").value = stepDate() ?? "";
    }
    showFlags();
  };
  // Until the user picks a version, the default follows the step: a version AWS announced a
  // coming retirement of, else the first still in use.
  let picked = false;
  let listed = null;
  const fillVersions = () => {
    const list = versions($("report-family").value).filter((v) => v.state !== "recalled");
    const keep = $("report-version").value;
    // Refilled only when the list changes: most steps leave the catalog as it was.
    const names = list.map((v) => `${v.version} (${v.state})`).join("\n");
    if (names !== listed) fill($("report-version"), list.map((v) => h("option", { value: v.version }, `${v.version} (${v.state})`)));
    listed = names;
    if (picked && list.some((v) => v.version === keep)) $("report-version").value = keep;
    else {
      const today = stepDate() ?? "";
      const coming = list.find((v) => options($("report-family").value, v.version)?.announced.some((a) => a.date >= today));
      $("report-version").value = (coming ?? list[0])?.version ?? "";
    }
    if ($("report-version").value !== keep) fillChoices();
  };
  $("report-family").addEventListener("change", () => {
    picked = false;
    fillVersions();
  });
  $("report-version").addEventListener("change", () => {
    picked = true;
    fillChoices();
  });
  $("report-schedule").addEventListener("change", () => {
    if ($("report-schedule").value !== "own") applySchedule();
  });
  $("report-latest").addEventListener("change", showFlags);
  $("report-pinned").addEventListener("change", showFlags);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const plan = {
      family: $("report-family").value,
      version: $("report-version").value,
      date: $("report-date").value.trim(),
      latestTo: $("report-latest-row").hidden ? undefined : $("report-latest").value,
      pinnedTo: $("report-pinned").value || undefined,
      terminate: $("report-terminate").checked,
    };
    let report;
    try {
      report = ask(plan);
    } catch (error) {
      fill(out, h("p", { class: "error", "data-testid": "report-error" }, error.message, error.code ? ` [${error.code}]` : ""));
      return;
    }
    if (!report) return;
    const base = `retire-${report.version}-${report.date}`;
    fill(out,
      h("p", { class: "report-summary", "data-testid": "report-summary" }, report.summary),
      report.warnings.map((w) => h("p", { class: "warning", "data-testid": "report-warning" }, "⚠ ", w)),
      h("div", { class: "row" },
        h("button", { type: "button", "data-testid": "report-csv", onclick: () => download(report.csv, "text/csv", `${base}.csv`) }, "Download CSV"),
        h("button", { type: "button", "data-testid": "report-md", onclick: () => download(report.markdown, "text/markdown", `${base}.md`) }, "Download Markdown")),
      report.rows.length === 0 ? h("p", {}, "Nothing in this fleet runs that version.") : null);
    if (report.rows.length > 0 && report.rows.length <= REPORT_TABLE_LIMIT) out.append(reportTable(report));
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
