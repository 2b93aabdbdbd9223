// The timeline: one marker per event (the current one highlighted), with a roving focus so the
// strip is a single Tab stop; arrow keys move between markers.
import { h, fill, shortDate } from "./dom.js";

const APPROXIMATE = /approximate/i;

function subject(event) {
  return event.service ?? event.task ?? event.pod ?? event.cluster ?? event.to ?? event.version ?? "";
}

/** Draws the markers once per scenario; `showCurrent` moves the highlight. */
export function renderMarkers(el, entries, onPick) {
  fill(
    el,
    entries.map((entry) => {
      const approximate = APPROXIMATE.test(entry.event.note ?? "");
      const customer = /service|task|pod|codedeploy/.test(entry.event.do);
      // AWS's events say which family: Windows' 1.0.0 after Linux's 1.4.0 is not LATEST going back.
      const family = entry.event.family === "WINDOWS" ? "Windows " : !customer && entry.event.family ? "Linux " : null;
      return h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: `marker${customer ? " customer" : " aws"}`,
            tabindex: "-1",
            "data-index": entry.index,
            "data-testid": `marker-${entry.index}`,
            onclick: () => onPick(entry.index),
          },
          h("span", { class: "visually-hidden" }, `Step ${entry.index + 1}: `),
          h("span", { class: "marker-date" }, approximate ? h("span", { title: "approximate date" }, "≈", h("span", { class: "visually-hidden" }, "about ")) : null, shortDate(entry.at)),
          h("span", { class: "marker-do" }, entry.event.do),
          h("span", { class: "marker-subject" }, family ? h("span", { class: "marker-family" }, family) : null, subject(entry.event)),
        ),
      );
    }),
  );
}

export function showCurrent(el, current) {
  // Only the old and the new current marker change: a scenario may have 10,000 of them.
  const old = el.querySelector("button.current");
  const now = el.querySelector(`button[data-index="${current}"]`);
  if (old && old !== now) {
    old.classList.remove("current");
    old.tabIndex = -1;
    old.removeAttribute("aria-current");
  }
  if (now) {
    now.classList.add("current");
    now.tabIndex = 0;
    now.setAttribute("aria-current", "step");
  }
  // Scroll the current marker into view at the next frame, so the step's render costs one layout.
  requestAnimationFrame(() => {
    const marker = el.querySelector(".current");
    if (!marker) return;
    const strip = el.getBoundingClientRect();
    const box = marker.getBoundingClientRect();
    if (box.left < strip.left || box.right > strip.right) el.scrollLeft += box.left - strip.left - strip.width / 2 + box.width / 2;
  });
}

export function markerKeys(el, onPick) {
  el.addEventListener("keydown", (e) => {
    const button = e.target.closest("button[data-index]");
    if (!button) return;
    const index = Number(button.dataset.index);
    const last = el.querySelectorAll("button[data-index]").length - 1;
    const to = { ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const target = Math.max(0, Math.min(last, to));
    onPick(target);
    el.querySelector(`button[data-index="${target}"]`)?.focus();
  });
}
