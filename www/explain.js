// The explanation panel (why this step happened, its note and source, the equivalent aws command,
// the error and whose words it is in) and the text twin of the fleet: the same step as a table,
// for screen readers and for copying.
import { h, fill, shortDate } from "./dom.js";
import { qualified } from "./fleet.js";

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

/** The event's source as a plain link: never fetched, opened only if the reader follows it. */
function sourceLink(source) {
  let url;
  try {
    url = new URL(source);
  } catch {
    return null;
  }
  if (url.protocol !== "https:") return null;
  return h("p", { class: "source", "data-testid": "source" }, "Source: ",
    h("a", { href: url.href, rel: "noopener noreferrer external", target: "_blank" }, url.host + url.pathname));
}

export function renderExplanation(el, step, command) {
  fill(
    el,
    h("p", { class: "when" }, shortDate(step.at), " · ", h("code", {}, step.event.do), step.outcome === "rejected" ? h("span", { class: "tag rejected" }, "rejected") : null),
    ...noteParts(step.event.note),
    step.event.source ? sourceLink(step.event.source) : null,
    h("p", { class: "why", "data-testid": "why" }, step.explanation),
    command ? h("div", { class: "command" }, h("p", { class: "label" }, "The command a customer would run:"), h("pre", { "data-testid": "command" }, h("code", {}, command))) : null,
    step.error
      ? h("p", { class: "aws-error", "data-testid": "aws-error" }, h("strong", {}, step.error.code), ": ", step.error.message,
          h("span", { class: "wording", "data-testid": "wording" },
            step.error.wording === "aws" ? " — AWS's own words." : " — the playground's words: AWS's exact message for this case is not documented."))
      : null,
    step.warnings.map((w) => h("p", { class: "warning", role: "note" }, "⚠ ", w)),
  );
}

const counted = (counts) => counts.map((g) => `${g.count} × ${g.platformVersion} patch r${g.revision}`).join(", ") || "none";

/** Above this many services the text view lists only those the step changed. */
const TRANSCRIPT_SERVICE_LIMIT = 100;

export function renderTranscript(el, view, lines) {
  const latest = Object.entries(view.latest)
    .map(([family, v]) => `${family}: ${v ?? "not set"}`)
    .join("; ");
  // A fleet of thousands: the text view lists the services this step changed (up to a limit) and
  // counts the rest, which the fleet list above shows.
  const total = view.paged ? view.serviceCount : view.services.length;
  let services = view.services;
  if (total > TRANSCRIPT_SERVICE_LIMIT) {
    const changed = view.touched.slice(0, TRANSCRIPT_SERVICE_LIMIT);
    services = view.paged ? lines(changed) : changed.map((i) => services[i]);
  }
  const rows = services.map((s) =>
    h("tr", {}, h("th", { scope: "row" }, qualified(s.name, s.cluster)), h("td", {}, s.requestedUnknown ? "unknown" : s.platformVersion), h("td", {}, `${s.deployments[0].id} on ${s.deployments[0].platformVersion}`),
      h("td", {}, `${s.runningCount} of ${s.desiredCount}: ${counted(s.counts)}`)),
  );
  const more = total - services.length;
  if (more > 0) {
    // Of the services not listed, those this step changed beyond the list's limit.
    const changed = services === view.services ? 0 : view.touched.length - services.length;
    const which = changed === more ? " changed in this step"
      : changed > 0 ? `, ${changed} of them changed in this step`
      : services.length ? " not changed in this step" : "";
    rows.push(h("tr", {}, h("td", { colspan: 4 }, `${more} more service${more === 1 ? "" : "s"}${which}: see the fleet list.`)));
  }
  if (view.standalone.counts.length) {
    rows.push(h("tr", {}, h("th", { scope: "row" }, "standalone tasks"), h("td", {}, "—"), h("td", {}, "—"), h("td", {}, counted(view.standalone.counts))));
  }
  for (const c of view.clusters) {
    rows.push(h("tr", {}, h("th", { scope: "row" }, `EKS ${c.name}`), h("td", {}, "—"), h("td", {}, `cluster on ${c.fargateVersion}`), h("td", {}, counted(c.counts))));
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
 * "Why this version?" for the selected task, as asked at step `asked`: the chain of steps the core
 * found (in step order), each a button that jumps to its step while the panel stays, and what the
 * same request would resolve to now.
 */
export function renderWhy(el, selected, current, { onJump, onBack, onClose }) {
  const why = selected?.why;
  if (!why) {
    fill(el);
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const now = why.askedNow;
  const nowText = !now
    ? null
    : now.outcome === "resolved"
      ? `Asked at step ${selected.step + 1}, ${why.requested} would resolve to ${now.version} (revision ${now.revision})${now.version === why.platformVersion ? ", the same version" : ` — not the ${why.platformVersion} it runs`}.`
      : `Asked at step ${selected.step + 1}, ${why.requested} would be refused: ${now.code}: ${now.message}`;
  fill(
    el,
    h("h3", { tabindex: "-1" }, `Why does ${why.task} run ${why.platformVersion}, revision ${why.revision}?`),
    h("p", { class: "hint" }, `As at step ${selected.step + 1}.`,
      current !== selected.step ? [" You are at step ", String(current + 1), ". ", h("button", { type: "button", class: "link", "data-testid": "why-back", onclick: onBack }, `Back to step ${selected.step + 1}`)] : null),
    h("ol", { class: "why-chain", "data-testid": "why-chain" },
      why.chain.map((link) => h("li", {}, h("button", { type: "button", class: "link", "aria-current": link.step === current ? "step" : null, onclick: () => onJump(link.step) }, `Step ${link.step + 1} · ${shortDate(link.at)}`), " ", link.text))),
    why.resolvedAt ? h("p", { class: "stamp", "data-testid": "why-stamp" }, `Resolved ${shortDate(why.resolvedAt)}. `, nowText) : null,
    h("button", { type: "button", "data-testid": "why-close", onclick: onClose }, "Close"),
  );
}
