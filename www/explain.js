// The explanation panel (why this step happened, the equivalent aws command, AWS's error) and the
// text twin of the diagram: the same step as a table, for screen readers and for copying.
import { h, fill, shortDate } from "./dom.js";

/** A note, with a closing "Takeaway: …" (how built-in scenarios end) set apart as a callout. */
function noteParts(note) {
  if (!note) return [];
  const at = note.indexOf("Takeaway:");
  const story = (at < 0 ? note : note.slice(0, at)).trim();
  return [
    story ? h("p", { class: "note", "data-testid": "note" }, story) : null,
    at < 0 ? null : h("p", { class: "takeaway", "data-testid": "takeaway" }, h("strong", {}, "Takeaway: "), note.slice(at + "Takeaway:".length).trim()),
  ];
}

export function renderExplanation(el, step, command) {
  fill(
    el,
    h("p", { class: "when" }, shortDate(step.at), " · ", h("code", {}, step.event.do), step.outcome === "rejected" ? h("span", { class: "tag rejected" }, "rejected") : null),
    ...noteParts(step.event.note),
    h("p", { class: "why", "data-testid": "why" }, step.explanation),
    command ? h("div", { class: "command" }, h("p", { class: "label" }, "The command a customer would run:"), h("pre", { "data-testid": "command" }, h("code", {}, command))) : null,
    step.error
      ? h("p", { class: "aws-error", "data-testid": "aws-error" }, h("strong", {}, step.error.code), ": ", step.error.message)
      : null,
    step.warnings.map((w) => h("p", { class: "warning", role: "note" }, "⚠ ", w)),
  );
}

/** "2 × 1.2.0 patch r1, …" from task rows, or from the summary's counts when `rows` is null. */
function summarize(rows, counted = []) {
  if (!rows) return counted.map((g) => `${g.count} × ${g.platformVersion} patch r${g.revision}`).join(", ") || "none";
  const groups = new Map();
  for (const r of rows) {
    const key = `${r.platformVersion} patch r${r.revision}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([k, n]) => `${n} × ${k}`).join(", ") || "none";
}

/** Above this many services the text view lists only those the step changed. */
const TRANSCRIPT_SERVICE_LIMIT = 100;

export function renderTranscript(el, step) {
  const latest = Object.entries(step.latest)
    .map(([family, v]) => `${family}: ${v ?? "not set"}`)
    .join("; ");
  // A fleet of thousands: the text view lists the services this step changed (up to a limit) and
  // counts the rest, which the fleet list above shows.
  let services = step.services;
  if (services.length > TRANSCRIPT_SERVICE_LIMIT) {
    const touched = new Set(step.changes.map((c) => c.service).filter(Boolean));
    services = services.filter((s) => touched.has(s.name)).slice(0, TRANSCRIPT_SERVICE_LIMIT);
  }
  const rows = services.map((s) =>
    h("tr", {}, h("th", { scope: "row" }, s.name), h("td", {}, s.platformVersion), h("td", {}, `${s.deployments[0].id} on ${s.deployments[0].platformVersion}`),
      h("td", {}, `${s.runningCount} of ${s.desiredCount}: ${summarize(s.tasks, s.counts)}`)),
  );
  const more = step.services.length - services.length;
  if (more > 0) {
    rows.push(h("tr", {}, h("td", { colspan: 4 }, `${more} more service${more === 1 ? "" : "s"}${services.length ? " not changed in this step" : ""}: see the fleet list.`)));
  }
  if (step.tasks?.length || step.standaloneCounts?.length) {
    rows.push(h("tr", {}, h("th", { scope: "row" }, "standalone tasks"), h("td", {}, "—"), h("td", {}, "—"), h("td", {}, summarize(step.tasks, step.standaloneCounts))));
  }
  for (const c of step.clusters) {
    rows.push(h("tr", {}, h("th", { scope: "row" }, `EKS ${c.name}`), h("td", {}, "—"), h("td", {}, `cluster on ${c.fargateVersion}`), h("td", {}, summarize(c.pods, c.podCounts))));
  }
  fill(
    el,
    h("p", {}, `LATEST — ${latest}.`),
    h(
      "table",
      { "data-testid": "transcript-table" },
      h("caption", { class: "visually-hidden" }, "Services, what they show and what they run"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Service"), h("th", { scope: "col" }, "describe-services"), h("th", { scope: "col" }, "PRIMARY deployment"), h("th", { scope: "col" }, "Running tasks"))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 4 }, "Nothing runs yet."))),
    ),
  );
}

/**
 * "Why this version?" for the selected task: the chain of steps the core found, each a button
 * that jumps to its step, and what the same request would resolve to now.
 */
export function renderWhy(el, why, now, onJump, onClose) {
  if (!why) {
    fill(el);
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const nowText = !now
    ? null
    : now.outcome === "resolved"
      ? `Asked now, ${why.requested} would resolve to ${now.version} (revision ${now.revision})${now.version === why.platformVersion ? ", the same version" : ` — not the ${why.platformVersion} it runs`}.`
      : `Asked now, ${why.requested} would be refused: ${now.code}: ${now.message}`;
  fill(
    el,
    h("h3", {}, `Why does ${why.task} run ${why.platformVersion}, revision ${why.revision}?`),
    h("ol", { class: "why-chain", "data-testid": "why-chain" },
      why.chain.map((link) => h("li", {}, h("button", { type: "button", class: "link", onclick: () => onJump(link.step) }, `Step ${link.step + 1} · ${shortDate(link.at)}`), " ", link.text))),
    why.resolvedAt ? h("p", { class: "stamp", "data-testid": "why-stamp" }, `Resolved ${shortDate(why.resolvedAt)}. `, nowText) : null,
    h("button", { type: "button", onclick: onClose }, "Close"),
  );
}
