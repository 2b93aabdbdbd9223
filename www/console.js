// The sandbox console: `aws ecs …` commands and AWS-side events become new steps (through the
// core's Playground.apply); describe-services / describe-tasks print what AWS would at the current
// step. Errors point at their column. The core parses, validates and decides everything.
import { parseConsole } from "./pkg/latest_playground.js";
import { h, fill } from "./dom.js";

const history = [];
let recall = 0;

/** The offending line with a caret under `column` (1-based, counted over the whole input). */
function caret(input, column) {
  const before = [...input].slice(0, column - 1).join("");
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = input.slice(lineStart).split("\n")[0];
  const offset = [...before.slice(lineStart)].length;
  return `${line}\n${" ".repeat(offset)}^`;
}

function showError(el, input, error) {
  // The caret's block never wraps (it scrolls sideways), so the caret stays under its word.
  fill(
    el,
    h("p", { class: "aws-error", "data-testid": "console-error" }, h("strong", {}, error.code ?? "Error"), ": ", error.message,
      error.column ? ` (column ${error.column})` : "", error.path ? ` (at ${error.path})` : ""),
    error.column ? h("pre", { class: "caret", "data-testid": "console-caret", tabindex: "0", "aria-label": "The command, with a caret under the problem" }, caret(input, error.column)) : null,
  );
}

function showJson(el, title, value) {
  const text = JSON.stringify(value, null, 2);
  const copy = h("button", { type: "button", "data-testid": "console-copy" }, "Copy");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Select the text to copy";
    }
  });
  fill(el, h("p", { class: "label" }, title, " ", copy), h("pre", { "data-testid": "console-output" }, text));
}

/** The event with `at` from the date box, if one is given. */
function dated(event) {
  const date = document.getElementById("event-date").value.trim();
  return date ? { at: date, ...event } : event;
}

/**
 * Wires the console. `app` gives what it needs from the page: `whenCore(action)` (runs it once the
 * simulator has loaded), `current()` (the step index),
 * `describe(line)`, and `apply(event)` which appends a step and shows it (throws a core error).
 */
export function wireConsole(app) {
  const input = document.getElementById("console-input");
  const result = document.getElementById("console-result");

  function run() {
    const line = input.value;
    if (!line.trim()) return;
    history.push(line);
    recall = history.length;
    try {
      const command = parseConsole(line);
      if (command.kind === "event") {
        const step = app.apply(dated(command.event));
        fill(result, h("p", { "data-testid": "console-ok" }, `Step ${step.index + 1} added: ${step.explanation}`),
          command.assumptions.map((a) => h("p", { class: "hint", "data-testid": "console-assumption" }, a)));
      } else {
        showJson(result, `aws ecs ${command.kind} at step ${app.current() + 1}:`, app.describe(line));
      }
      input.value = "";
    } catch (error) {
      if (!error?.code) throw error;
      showError(result, line, error);
    }
  }

  document.getElementById("console-form").addEventListener("submit", (e) => {
    e.preventDefault();
    app.whenCore(run);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      app.whenCore(run);
    } else if (e.key === "ArrowUp" && !input.value.slice(0, input.selectionStart).includes("\n") && recall > 0) {
      e.preventDefault();
      input.value = history[--recall];
    } else if (e.key === "ArrowDown" && !input.value.slice(input.selectionEnd).includes("\n") && recall < history.length) {
      e.preventDefault();
      recall += 1;
      input.value = history[recall] ?? "";
    }
  });

  const action = document.getElementById("aws-action");
  const showFields = () => {
    for (const el of document.querySelectorAll("#aws-form [data-for]")) el.hidden = !el.dataset.for.split(" ").includes(action.value);
  };
  action.addEventListener("change", showFields);
  showFields();
  document.getElementById("codedeploy-form").addEventListener("submit", (e) => {
    e.preventDefault();
    app.whenCore(() => deployWithCodeDeploy());
  });
  const deployWithCodeDeploy = () => {
    const named = document.getElementById("codedeploy-service").value.trim();
    const version = document.getElementById("codedeploy-version").value.trim();
    const [cluster, service] = named.includes("/") ? named.split("/", 2) : [undefined, named];
    const event = { do: "codedeploy-deployment", service, ...(cluster ? { cluster } : {}), ...(version ? { platformVersion: version } : {}) };
    try {
      const step = app.apply(dated(event));
      fill(result, h("p", { "data-testid": "console-ok" }, `Step ${step.index + 1} added: ${step.explanation}`));
    } catch (error) {
      if (!error?.code) throw error;
      showError(result, "", error);
    }
  };
  document.getElementById("aws-form").addEventListener("submit", (e) => {
    e.preventDefault();
    app.whenCore(() => actAsAws());
  });
  const actAsAws = () => {
    const version = document.getElementById("aws-version").value.trim();
    const family = document.getElementById("aws-family").value;
    const all = action.value === "force-update-all";
    const event = { do: all ? "force-update" : action.value, family, [action.value === "move-latest" ? "to" : "version"]: version };
    if (all) Object.assign(event, { scope: "all", to: document.getElementById("aws-to").value.trim() });
    if (action.value === "set-version-state") event.state = document.getElementById("aws-state").value;
    if (action.value === "retire-revision") event.revision = Number(document.getElementById("aws-revision").value);
    if (action.value === "release-version" || action.value === "publish-revision") {
      event.features = document.getElementById("aws-features").value.split(",").map((f) => f.trim()).filter(Boolean);
    }
    try {
      const step = app.apply(dated(event));
      fill(result, h("p", { "data-testid": "console-ok" }, `Step ${step.index + 1} added: ${step.explanation}`));
    } catch (error) {
      if (!error?.code) throw error;
      showError(result, "", error);
    }
  };
}
