// A step as the page draws it, from the core's page view: the versions, the fleet, the
// explanation, the text view, the timeline's current marker and the position. The live page
// (main.js) draws every step with it, and `make dist` draws the default first step with it into
// the HTML (scripts/dist.mjs), so a phone shows that step before the simulator has loaded.
import { showCurrent } from "./timeline.js";
import { renderVersions } from "./versions.js";
import { renderFleet } from "./fleet.js";
import { renderExplanation, renderTranscript } from "./explain.js";

const $ = (id) => document.getElementById(id);

/**
 * Draws `view`, step `view.index` of `count`; `command` is its `aws` command, if any; `lines`
 * gives the lines of a paged fleet's services by index (`Playground.lines` of this step).
 */
export function drawStep(view, { count, states, command, selected, lines }) {
  renderVersions($("versions"), view, states);
  renderFleet($("fleet"), view, selected, lines);
  renderExplanation($("explanation"), view, command);
  renderTranscript($("transcript"), view, lines);
  showCurrent($("markers"), view.index);
  const scrubber = $("scrubber");
  scrubber.value = String(view.index);
  const position = `Step ${view.index + 1} of ${count}`;
  scrubber.setAttribute("aria-valuetext", `${position}: ${view.at.slice(0, 10)}, ${view.event.do}`);
  $("position").textContent = `${position} · ${view.at.slice(0, 10)}`;
  $("first").disabled = $("prev").disabled = view.index === 0;
  $("next").disabled = $("last").disabled = view.index === count - 1;
  $("announce").textContent = `${position}, ${view.at.slice(0, 10)}: ${view.explanation}`;
}
