// The timeline: one marker per event (the current one highlighted; in a long story, those around
// it), with a roving focus so the strip is a single Tab stop; arrow keys move between markers.
import { h, fill, shortDate } from "./dom.js";

const APPROXIMATE = /approximate/i;

function subject(event) {
  return event.service ?? event.task ?? event.pod ?? event.cluster ?? event.to ?? event.version ?? "";
}

/**
 * Above this many events the strip holds the markers around the current step only (the scrubber
 * covers the whole story): 10,000 markers made every step's layout and every garbage collection
 * of the page slower (docs/performance.md).
 */
const STRIP_LIMIT = 400;
/** Markers on each side of the current step in a long story's strip. */
const STRIP_REACH = 100;
/** The window follows the current step once it is this far from the window's centre: a few
 * markers at a time, so no step pays for many. */
const STRIP_SLACK = 10;

/** Draws the markers once per scenario (a long story's around step 0); `showCurrent` moves the
 * highlight, and a long story's window with it. */
export function renderMarkers(el, entries, onPick) {
  el.strip = { entries, onPick, from: 0, to: 0, items: null };
  if (entries.length > STRIP_LIMIT) drawWindow(el, 0);
  else drawMarkers(el, 0, entries.length);
}

/** The number of markers of the story, drawn or not. */
export const markerCount = (el) => el.strip?.entries.length ?? 0;

/** Where the window around `current` starts: centred on it, unless that passes an end. */
const windowStart = (strip, current) => Math.max(0, Math.min(current - STRIP_REACH, strip.entries.length - 2 * STRIP_REACH - 1));

function drawWindow(el, current) {
  const from = windowStart(el.strip, current);
  drawMarkers(el, from, Math.min(el.strip.entries.length, from + 2 * STRIP_REACH + 1));
}

/** The markers of `[from, to)`. Moving a long story's window (a few markers either way) keeps
 * the markers still in it and builds only those it adds. */
function drawMarkers(el, from, to) {
  const strip = el.strip;
  const more = (count, where) =>
    count > 0 ? h("li", { class: "markers-more", "data-testid": `markers-${where}` }, `${count} ${where} event${count === 1 ? "" : "s"}: use the scrubber`) : null;
  const build = (a, b) => strip.entries.slice(a, b).map((entry) => marker(entry, strip.onPick));
  const overlaps = strip.items && from < strip.to && to > strip.from;
  if (!overlaps) {
    strip.items = build(from, to);
    fill(el, more(from, "earlier"), strip.items, more(strip.entries.length - to, "later"));
  } else {
    el.querySelectorAll(":scope > .markers-more").forEach((note) => note.remove());
    strip.items.forEach((item, k) => { if (strip.from + k < from || strip.from + k >= to) item.remove(); });
    const earlier = build(from, Math.max(from, strip.from));
    const later = build(Math.min(to, strip.to), to);
    el.prepend(...[more(from, "earlier"), ...earlier].filter(Boolean));
    el.append(...[...later, more(strip.entries.length - to, "later")].filter(Boolean));
    strip.items = [...earlier, ...strip.items.slice(Math.max(0, from - strip.from), to - strip.from), ...later];
  }
  Object.assign(strip, { from, to });
}

function marker(entry, onPick) {
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
}

export function showCurrent(el, current) {
  const strip = el.strip;
  if (strip && strip.entries.length > STRIP_LIMIT) {
    if (windowStart(strip, current) !== strip.from && (current < strip.from || current >= strip.to || Math.abs(current - strip.from - STRIP_REACH) >= STRIP_SLACK)) drawWindow(el, current);
  }
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
    const last = markerCount(el) - 1;
    const to = { ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const target = Math.max(0, Math.min(last, to));
    onPick(target);
    el.querySelector(`button[data-index="${target}"]`)?.focus();
  });
}
