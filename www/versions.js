// The versions lane: every platform version with its lifecycle state (teaching model + AWS's
// term), its newest revision and features, and each family's LATEST pointer.
import { h, fill } from "./dom.js";

/** Colour class of a version: its position in release order, so colours never change. */
export function versionClass(step, family, version) {
  const i = step.versions.findIndex((v) => v.family === family && v.version === version);
  return `v${i < 0 ? "x" : i % 8}`;
}

export function renderVersions(el, step, states) {
  const moved = new Set(step.changes.filter((c) => c.kind === "latest-moved").map((c) => c.family));
  const changedState = new Set(
    step.changes.filter((c) => c.kind === "version-state-changed").map((c) => `${c.family}/${c.version}`),
  );
  const families = ["LINUX", "WINDOWS"].filter((f) => step.versions.some((v) => v.family === f) || step.latest[f]);
  if (families.length === 0) {
    fill(el, h("p", { class: "empty" }, "No platform version has been released yet."));
    return;
  }
  fill(
    el,
    families.map((family) =>
      h(
        "div",
        { class: "family", "data-testid": `family-${family}` },
        h("h3", {}, family === "LINUX" ? "Linux" : "Windows", " ", h("span", { class: "latest-label" }, "LATEST → ", step.latest[family] ?? "none")),
        h(
          "ul",
          { class: "version-list" },
          step.versions
            .filter((v) => v.family === family)
            .map((v) => {
              const isLatest = step.latest[family] === v.version;
              const term = states.find((s) => s.state === v.state)?.awsTerm ?? "";
              return h(
                "li",
                {
                  class: `version ${versionClass(step, family, v.version)} state-${v.state}${changedState.has(`${family}/${v.version}`) ? " changed" : ""}`,
                  "data-testid": `version-${family}-${v.version}`,
                },
                h("span", { class: "version-number" }, v.version),
                isLatest
                  ? h("span", { class: `latest-badge${moved.has(family) ? " arrived" : ""}`, "data-testid": `latest-${family}` }, "LATEST")
                  : null,
                h("span", { class: "state" }, v.state, h("span", { class: "aws-term" }, ` (AWS: ${term})`)),
                h("span", { class: "revision" }, `patch revision ${v.revision}`),
                v.features.length
                  ? h("details", { class: "features" }, h("summary", {}, `${v.features.length} ${v.features.length === 1 ? "capability" : "capabilities"}`), h("p", {}, v.features.join(", ")))
                  : null,
              );
            }),
        ),
      ),
    ),
  );
}
