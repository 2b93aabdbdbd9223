// The whole story at a glance, drawn from the core's chart (`Playground.chart`): time runs across;
// each version is a band; each family's LATEST is a thick line that jumps between bands; each
// service (or group of services, standalone tasks, EKS cluster) is a thin line in the band of the
// version its tasks run, which jumps only where the replay says it changed. The current step is a
// cursor; every event is a mark that opens its step. A table beside it says the same in words.
// Layout only: every version, run and count comes from the core.
import { h, fill, shortDate, svgNs } from "./dom.js";
import { versionClass } from "./versions.js";

const LEFT = 76;
const RIGHT = 150;
const MARK_ROW = 44;
const LANE_GAP = 11;
// Above this many steps the marks are dots in one path, not one focusable link each: the timeline
// above already walks a long story, and thousands of links would slow every step.
const MARK_LIMIT = 400;

function svg(name, attrs = {}, ...children) {
  const node = document.createElementNS(svgNs(), name);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

const DAY = 86_400_000;
const familyName = (family) => (family === "WINDOWS" ? "Windows" : "Linux");

/** x of each step: one unit per step, plus the time since the step before, with gaps of more
 * than half a year drawn compressed (and marked so); stretched to fill `room` pixels. */
function positions(marks, room) {
  const xs = [];
  const gaps = [];
  let x = 0;
  marks.forEach((mark, i) => {
    if (i > 0) {
      const days = (Date.parse(mark.at) - Date.parse(marks[i - 1].at)) / DAY;
      x += 18 + Math.min(days, 183) / 6;
      if (days > 183) gaps.push({ x, days });
    }
    xs.push(x);
  });
  const width = x + 18;
  const stretch = Math.max(1, room / width);
  return { xs: xs.map((v) => v * stretch), gaps: gaps.map((g) => ({ ...g, x: g.x * stretch })), width: width * stretch, unit: 18 * stretch };
}

/** The versions in release order within each family, Linux first: one band each. */
function bands(chart) {
  const order = [...chart.versions].sort((a, b) => (a.family === b.family ? 0 : a.family === "LINUX" ? -1 : 1));
  return order.map((v) => {
    // Each lane that ever runs this version gets its own slot in the band.
    const lanes = chart.lanes.filter((lane) => lane.runs.some((r) => r.version === v.version && lane.family === v.family));
    return { ...v, lanes, height: 22 + Math.max(1, lanes.length) * LANE_GAP };
  });
}

/** Draws `chart` into `el`; `current` is the step on screen, `onPick(i)` opens step i; a what-if
 * story's chart marks the step it `branch`ed at and has its own `label`. */
export function renderChart(el, chart, { current, onPick, branch, label = "Chart of the whole story: versions across, LATEST and each service over time", testid = "chart" }) {
  if (chart.marks.length === 0 || chart.versions.length === 0) {
    fill(el, h("p", { class: "empty" }, "Nothing to draw yet: no platform version has been released."));
    return;
  }
  const room = (el.clientWidth || 900) - LEFT - RIGHT - 4;
  const { xs, gaps, width, unit } = positions(chart.marks, room);
  const x = (step) => LEFT + xs[step];
  const xEnd = (step) => (step + 1 < xs.length ? LEFT + xs[step + 1] : LEFT + width);
  const rows = bands(chart);
  let top = 8;
  const bandTop = new Map();
  for (const band of rows) {
    bandTop.set(`${band.family} ${band.version}`, top);
    top += band.height;
  }
  const height = top + MARK_ROW + 8;
  const yOf = (family, version, lane) => {
    const key = `${family} ${version}`;
    const band = rows.find((b) => `${b.family} ${b.version}` === key);
    if (!band) return null;
    const slot = lane ? band.lanes.indexOf(lane) : -1;
    return bandTop.get(key) + (slot < 0 ? 6 : 17 + slot * LANE_GAP);
  };

  const caption = h("p", { class: "chart-caption", "data-testid": `${testid}-caption` }, "Point at or focus a mark to see its event; select it to go to its step.");
  const drawing = svg("svg", {
    width: LEFT + width + RIGHT,
    height,
    viewBox: `0 0 ${LEFT + width + RIGHT} ${height}`,
    class: "chart-svg",
    "data-testid": `${testid}-svg`,
    role: "group",
    "aria-label": label,
  });
  // Version bands, shaded by lifecycle state, labelled on the left.
  for (const band of rows) {
    const y = bandTop.get(`${band.family} ${band.version}`);
    const colour = versionClass(band.family, band.version);
    drawing.append(svg("text", { x: 4, y: y + 15, class: "chart-label" }, `${band.family === "WINDOWS" ? "Win " : ""}${band.version}`));
    for (const run of band.runs) {
      drawing.append(svg("rect", {
        x: x(run.from), y, width: xEnd(run.to) - x(run.from), height: band.height - 2,
        class: `chart-band ${colour} state-${run.state}`,
      }, svg("title", {}, `${familyName(band.family)} ${band.version}: ${run.state}, steps ${run.from + 1}–${run.to + 1}`)));
    }
  }
  for (const gap of gaps) {
    drawing.append(svg("text", { x: LEFT + gap.x - unit / 2 - 4, y: top + 26, class: "chart-gap" }, "≈",
      svg("title", {}, `${Math.round(gap.days)} days, drawn shorter`)));
  }
  // LATEST per family: a thick line at the top of the band it points to.
  for (const latest of chart.latest) {
    drawLine(drawing, latest.runs.filter((r) => r.version).map((r) => ({ ...r, y: yOf(latest.family, r.version), mixed: false })), x, xEnd, `chart-latest`,
      (r) => `LATEST (${familyName(latest.family)}) meant ${r.version} in steps ${r.from + 1}–${r.to + 1}`);
  }
  // Each lane at the version it runs.
  for (const lane of chart.lanes) {
    const points = lane.runs
      .map((r) => {
        const version = r.version ?? r.mix[0]?.platformVersion;
        return version && r.count > 0 ? { ...r, y: yOf(lane.family, version, lane), version, mixed: r.mix.length > 1 } : null;
      })
      .filter(Boolean);
    const colour = (r) => versionClass(lane.family, r.version);
    drawLine(drawing, points, x, xEnd, (r) => `chart-lane ${colour(r)}${r.mixed ? " mixed" : ""}`, (r) => `${laneName(lane)}: ${runWords(lane, r)}`);
    const end = points.at(-1);
    if (end) drawing.append(svg("text", { x: xEnd(end.to) + 6, y: end.y + 4, class: "chart-lane-label" }, laneName(lane)));
  }
  // Dates under the marks, where there is room for them.
  let lastLabel = -Infinity;
  chart.marks.forEach((mark) => {
    if (x(mark.index) - lastLabel < 78) return;
    lastLabel = x(mark.index);
    drawing.append(svg("text", { x: x(mark.index) - 4, y: top + 40, class: "chart-date" }, `${mark.approximate ? "≈" : ""}${mark.at.slice(0, 10)}`));
  });
  if (branch !== undefined) {
    drawing.append(svg("line", { x1: x(branch), x2: x(branch), y1: 0, y2: top, class: "chart-branch", "data-testid": `${testid}-branch` },
      svg("title", {}, `The what-if step, ${branch + 1}`)));
  }
  // The cursor and the marks.
  const cursor = svg("line", { x1: x(current), x2: x(current), y1: 0, y2: top, class: "chart-cursor", "data-testid": `${testid}-cursor` });
  drawing.append(cursor);
  if (chart.marks.length > MARK_LIMIT) {
    const dots = chart.marks.map((mark) => `M${x(mark.index)} ${top + 10}h0.01`).join("");
    drawing.append(svg("path", { d: dots, class: "chart-dots" }));
    caption.textContent = `${chart.marks.length} steps: move through them with the timeline above.`;
  }
  chart.marks.slice(0, chart.marks.length > MARK_LIMIT ? 0 : undefined).forEach((mark) => {
    const words = `Step ${mark.index + 1}: ${mark.approximate ? "about " : ""}${shortDate(mark.at)}, ${mark.do}${mark.rejected ? " (AWS refused it)" : ""}`;
    const node = svg("g", {
      class: `chart-mark${mark.customer ? " customer" : ""}${mark.rejected ? " rejected" : ""}`,
      tabindex: "0",
      role: "link",
      "aria-label": words,
      "data-testid": `${testid}-mark-${mark.index}`,
    },
    svg("title", {}, words),
    svg("circle", { cx: x(mark.index), cy: top + 10, r: 6 }),
    mark.rejected ? svg("text", { x: x(mark.index) - 4, y: top + 27, class: "chart-refused" }, "×") : null);
    const tell = () => { caption.textContent = words; };
    node.addEventListener("focus", tell);
    node.addEventListener("mouseenter", tell);
    node.addEventListener("click", () => onPick(mark.index));
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onPick(mark.index);
      }
    });
    drawing.append(node);
  });
  drawing.moveCursor = (step) => {
    // A step added since the chart was drawn has no place yet: the redraw that follows gives it.
    if (step >= xs.length) return;
    cursor.setAttribute("x1", x(step));
    cursor.setAttribute("x2", x(step));
  };
  fill(el,
    h("div", { class: "chart-scroll", tabindex: "0", role: "region", "aria-label": "The chart; scroll sideways for later steps" }, drawing),
    caption,
    lazyDetails("The chart as a table", () => table(chart, testid)),
    chart.grouped ? groupLists(chart) : null);
}

/** A <details> whose content is built the first time it is opened (a long story's table has
 * thousands of rows). */
function lazyDetails(summary, build) {
  const details = h("details", { class: "chart-table" }, h("summary", {}, summary));
  details.addEventListener("toggle", () => {
    if (details.open && details.childElementCount === 1) details.append(build());
  });
  return details;
}

/** A big fleet's lanes are groups: each opens to the services in it at the end of the story
 * (listed only when opened). */
function groupLists(chart) {
  return h("div", { class: "chart-groups", "data-testid": "chart-groups" },
    h("p", { class: "hint" }, `More than 40 services: each line is a group of services that ask for the same version string and run the same version. Open a group to see its services at the end of the story.`),
    chart.lanes.filter((lane) => lane.kind === "group").map((lane) => {
      const members = lane.members ?? [];
      const list = h("ul", { class: "chart-members" });
      const group = h("details", { "data-testid": `chart-group-${lane.name}` },
        h("summary", {}, `${laneName(lane)}: ${members.length} service${members.length === 1 ? "" : "s"} at the end`), list);
      group.addEventListener("toggle", () => {
        if (group.open && !list.childElementCount) fill(list, members.map((name) => h("li", {}, name)));
      });
      return group;
    }));
}

/** Moves the cursor of the chart drawn in `el` to `step`. */
export function moveChartCursor(el, step) {
  el.querySelector(".chart-svg")?.moveCursor?.(step);
}

function laneName(lane) {
  if (lane.kind === "pods") return `EKS ${lane.name}`;
  if (lane.kind === "group") return `services asking ${lane.name}`;
  return lane.cluster ? `${lane.cluster}/${lane.name}` : lane.name;
}

function runWords(lane, r) {
  const mix = r.mix.map((m) => `${m.count} × ${m.platformVersion} r${m.revision}`).join(", ") || "nothing running";
  const asks = r.requested ? `asks for ${r.requested}, ` : "";
  const what = lane.kind === "group" ? `${r.count} service${r.count === 1 ? "" : "s"} running ${mix}` : mix;
  return `${asks}steps ${r.from + 1}–${r.to + 1}: ${what}`;
}

/** The text twin: every run of LATEST and of each lane, in words. */
function table(chart, testid) {
  const rows = [];
  for (const latest of chart.latest) {
    for (const r of latest.runs) rows.push([`LATEST (${familyName(latest.family)})`, `${r.from + 1}–${r.to + 1}`, "—", r.version ?? "not set", "—"]);
  }
  for (const lane of chart.lanes) {
    for (const r of lane.runs) {
      rows.push([laneName(lane), `${r.from + 1}–${r.to + 1}`, r.requested ?? "—", r.version ?? "mixed",
        r.mix.map((m) => `${m.count} × ${m.platformVersion} r${m.revision}`).join(", ") || "none"]);
    }
  }
  return h("table", { "data-testid": `${testid}-table` },
    h("thead", {}, h("tr", {}, ["lane", "steps", "asks for", "runs", "tasks (version, patch)"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c))))));
}

/** One line through runs of `points`: a segment per run, a jump where the band changes. */
function drawLine(drawing, points, x, xEnd, className, words) {
  points.forEach((p, i) => {
    const cls = typeof className === "function" ? className(p) : className;
    drawing.append(svg("line", { x1: x(p.from), x2: xEnd(p.to), y1: p.y, y2: p.y, class: cls }, svg("title", {}, words(p))));
    const next = points[i + 1];
    if (next && next.from === p.to + 1 && next.y !== p.y) {
      drawing.append(svg("line", { x1: x(next.from), x2: x(next.from), y1: p.y, y2: next.y, class: `${typeof className === "function" ? className(next) : className} jump` }));
    }
  });
}

/** A copy of the chart drawn in `el` with its colours and sizes written into the elements (a
 * downloaded SVG has no stylesheet), for `stepSvg`; `null` when there is none. */
export function chartForExport(el) {
  const live = el.querySelector(".chart-svg");
  if (!live) return null;
  const copy = live.cloneNode(true);
  const from = [live, ...live.querySelectorAll("*")];
  const to = [copy, ...copy.querySelectorAll("*")];
  from.forEach((node, i) => {
    to[i].removeAttribute("class");
    to[i].removeAttribute("tabindex");
    if (!["rect", "line", "circle", "text"].includes(node.tagName)) return;
    const style = getComputedStyle(node);
    const painted = node.tagName === "line" ? ["stroke", "stroke-width", "stroke-dasharray", "opacity"] : ["fill", "fill-opacity", "font-size", "font-weight"];
    for (const property of painted) {
      const value = style.getPropertyValue(property);
      if (value && value !== "none" && value !== "normal") to[i].setAttribute(property, value);
    }
    // Text is dark on the picture's white, whatever the page's colour scheme.
    if (node.tagName === "text") to[i].setAttribute("fill", "#1b1f24");
  });
  return copy;
}
