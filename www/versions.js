// The versions lane: every platform version with its lifecycle state (the states AWS's blog
// proposed, with AWS's own term) and newest revision, and each family's LATEST pointer.
import { h, fill } from "./dom.js";

// A version keeps its colour in every scenario: AWS's versions have fixed places in the palette;
// any other (a scenario's own) gets one of the two left, by its name.
const FIXED = { "LINUX 1.0.0": 0, "LINUX 1.1.0": 1, "LINUX 1.2.0": 2, "LINUX 1.3.0": 3, "LINUX 1.4.0": 4, "WINDOWS 1.0.0": 5 };

/** The colour class of a version of a family, the same wherever it is drawn. */
export function versionClass(family, version) {
  const key = `${family} ${version}`;
  if (key in FIXED) return `v${FIXED[key]}`;
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `v${6 + (hash % 2)}`;
}

// What each lane shows, as last drawn: most steps change no version, and the lane is left as it
// is then (a capabilities list the user opened stays open, and the step builds nothing here).
const drawn = new WeakMap();

export function renderVersions(el, step, states) {
  const moved = new Set(step.changes.filter((c) => c.kind === "latest-moved").map((c) => c.family));
  const changedState = new Set(
    step.changes.filter((c) => c.kind === "version-state-changed").map((c) => `${c.family}/${c.version}`),
  );
  const shown = JSON.stringify([step.versions, step.latest, [...moved], [...changedState], states]);
  if (drawn.get(el) === shown) return;
  drawn.set(el, shown);
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
                  class: `version ${versionClass(family, v.version)} state-${v.state}${changedState.has(`${family}/${v.version}`) ? " changed" : ""}`,
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
