// The current step as a standalone SVG picture (for slides and documents): versions with the
// LATEST pointers, and each service's describe-services string beside its tasks. Built with DOM
// calls, so every text from the scenario stays text.
import { versionClass } from "./versions.js";
import { svgNs } from "./dom.js";

const FILLS = ["#ddf4ff", "#dafbe1", "#fbefff", "#fff1e5", "#ffeff7", "#e7f6f6", "#f5f0dc", "#eef0f4"];
const INKS = ["#0a3069", "#0f5323", "#512a97", "#762c00", "#7d0c4f", "#0b4a4a", "#4d3d00", "#24292f"];

function el(name, attrs = {}, text) {
  const node = document.createElementNS(svgNs(), name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The same colour as on the page: `versionClass` says which of the palette's eight. */
function colour(family, version) {
  const i = Number(versionClass(family, version).slice(1));
  return { fill: FILLS[i], ink: INKS[i] };
}

/** Splits `text` into lines of at most `width` characters, at spaces. */
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The SVG markup of `step` (the core's page view) of the scenario titled `title`: the step's
 * headline and explanation, the versions with LATEST, each service's string beside its tasks, and
 * `chart` (an SVG element with its colours written in, `chartForExport`) below. */
export function stepSvg(step, title, chart) {
  const width = 960;
  const svg = el("svg", { xmlns: svgNs(), width, "font-family": "system-ui, sans-serif", "font-size": 13 });
  svg.append(el("rect", { width: "100%", height: "100%", fill: "#ffffff" }));
  svg.append(el("text", { x: 16, y: 26, "font-size": 18, "font-weight": 700, fill: "#1b1f24" }, title));
  svg.append(el("text", { x: 16, y: 46, "font-weight": 700, fill: "#1b1f24" }, `Step ${step.index + 1} · ${step.at.slice(0, 10)} · ${step.event.do}`));
  let top = 66;
  for (const line of wrap(step.explanation, 140)) {
    svg.append(el("text", { x: 16, y: top, fill: "#57606a" }, line));
    top += 17;
  }
  let y = top + 14;
  svg.append(el("text", { x: 16, y, "font-weight": 700, fill: "#1b1f24" }, "Platform versions"));
  y += 10;
  for (const v of step.versions) {
    const c = colour(v.family, v.version);
    const latest = step.latest[v.family] === v.version;
    svg.append(el("rect", { x: 16, y, width: 220, height: 26, rx: 6, fill: c.fill }));
    svg.append(el("text", { x: 26, y: y + 17, fill: c.ink, "font-weight": 700 }, `${v.version} ${v.family === "WINDOWS" ? "(Windows) " : ""}${latest ? "← LATEST" : ""}`));
    svg.append(el("text", { x: 150, y: y + 17, fill: c.ink }, `${v.state}, r${v.revision}`));
    y += 32;
  }
  let sy = top + 14;
  const x0 = 260;
  svg.append(el("text", { x: x0, y: sy, "font-weight": 700, fill: "#1b1f24" }, "Services"));
  sy += 10;
  for (const s of step.services) {
    const primary = s.deployments[0];
    svg.append(el("text", { x: x0, y: sy + 16, "font-weight": 700, fill: "#1b1f24" }, s.cluster ? `${s.cluster}/${s.name}` : s.name));
    svg.append(el("text", { x: x0, y: sy + 34, fill: "#57606a" }, `describe-services says ${s.platformVersion}; deployment ${primary.id} runs ${primary.platformVersion}`));
    let cx = x0;
    let cy = sy + 44;
    if (!s.tasks) {
      svg.append(el("text", { x: x0, y: sy + 58, fill: "#1b1f24" }, s.counts.map((g) => `${g.count} × ${g.platformVersion} r${g.revision}`).join(", ")));
      sy += 72;
      continue;
    }
    for (const t of s.tasks.slice(0, 60)) {
      const c = colour(s.family, t.platformVersion);
      if (cx + 150 > width - 16) {
        cx = x0;
        cy += 26;
      }
      svg.append(el("rect", { x: cx, y: cy, width: 144, height: 22, rx: 5, fill: c.fill }));
      svg.append(el("text", { x: cx + 6, y: cy + 15, fill: c.ink, "font-size": 12 }, `${t.id} ${t.platformVersion} r${t.revision}`));
      cx += 150;
    }
    if (s.tasks.length > 60) svg.append(el("text", { x: x0, y: cy + 40, fill: "#57606a" }, `… and ${s.tasks.length - 60} more tasks`));
    sy = cy + (s.tasks.length ? 40 : 10) + (s.tasks.length > 60 ? 20 : 0);
  }
  const more = step.serviceCount - step.services.length;
  if (more > 0) {
    svg.append(el("text", { x: x0, y: sy + 16, fill: "#57606a" }, `… and ${more} more service${more === 1 ? "" : "s"}`));
    sy += 26;
  }
  let height = Math.max(y, sy) + 16;
  if (chart) {
    // The whole story below the step, scaled to the picture's width.
    svg.append(el("text", { x: 16, y: height + 10, "font-weight": 700, fill: "#1b1f24" }, "The whole story"));
    const box = Number(chart.getAttribute("width"));
    const scale = Math.min(1, (width - 32) / box);
    const placed = el("g", { transform: `translate(16 ${height + 20}) scale(${scale})` });
    placed.append(...chart.childNodes);
    svg.append(placed);
    height += 30 + Number(chart.getAttribute("height")) * scale;
  }
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return new XMLSerializer().serializeToString(svg);
}
