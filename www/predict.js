// Predict, then reveal: before a customer step is shown, the learner picks the version and patch
// the new tasks will run and whether the running ones change; the core's answer scores it.
import { h, fill } from "./dom.js";

const results = new Map(); // step index → { right, total }

export function resetPredictions() {
  results.clear();
}

export function score() {
  let right = 0;
  let total = 0;
  for (const r of results.values()) {
    right += r.right;
    total += r.total;
  }
  return { right, total, steps: results.size };
}

/**
 * Asks `question` (for step `index`) in `el`; calls `onReveal()` once answered, `onSkip()` when
 * the learner would rather just see the step.
 */
export function ask(el, index, question, onReveal, onSkip) {
  const none = "none";
  const form = h(
    "form",
    { class: "predict", "data-testid": "predict-form" },
    h("p", { class: "prompt" }, h("strong", {}, `Predict step ${index + 1}: `), question.prompt),
    h("fieldset", {}, h("legend", {}, "Version of the new tasks"),
      [...question.versions, none].map((v, i) =>
        h("label", { class: "choice" }, h("input", { type: "radio", name: "version", value: v, required: i === 0 }), v === none ? " none start (refused, or nothing can start)" : ` ${v}`))),
    h("label", { for: "predict-revision" }, "Patch revision "),
    h("select", { id: "predict-revision", name: "revision" },
      Array.from({ length: question.maxRevision }, (_, i) => h("option", { value: i + 1 }, `r${i + 1}`))),
    h("fieldset", {}, h("legend", {}, "Do the running tasks change (stop)?"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "change", value: "yes", required: true }), " yes"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "change", value: "no" }), " no")),
    h("p", { class: "hint", "data-testid": "predict-wait", "aria-live": "polite" }),
    h("button", { type: "submit", "data-testid": "predict-reveal" }, "Reveal"),
    " ",
    h("button", { type: "button", "data-testid": "predict-skip", onclick: onSkip }, "Skip this question"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const answer = question.answer;
    const version = data.get("version");
    const checks = [
      version === (answer.version ?? none),
      answer.version === null || Number(data.get("revision")) === answer.revision,
      (data.get("change") === "yes") === answer.runningChange,
    ];
    results.set(index, {
      right: checks.filter(Boolean).length,
      total: checks.length,
      picked: { version, revision: Number(data.get("revision")), change: data.get("change") },
      answer,
      checks,
    });
    onReveal();
  });
  fill(el, form);
  form.querySelector("input")?.focus();
}

/** The verdict on step `index`'s prediction, if one was made. */
export function verdict(index) {
  const r = results.get(index);
  if (!r) return null;
  const mark = (ok) => (ok ? "✓" : "✗");
  const { answer, picked, checks } = r;
  const actual = answer.version ? `${answer.version} r${answer.revision}` : "no new task";
  const s = score();
  return h(
    "div",
    { class: "verdict", "data-testid": "verdict" },
    h("p", {}, h("strong", {}, `Your prediction: ${r.right} of ${r.total} right. `),
      `Version ${mark(checks[0])} (you said ${picked.version === "none" ? "none" : picked.version}; it is ${actual}), `,
      `patch ${mark(checks[1])}, running tasks ${mark(checks[2])} (they ${answer.runningChange ? "do" : "do not"} change).`),
    h("p", { "data-testid": "score" }, `So far: ${s.right} of ${s.total} parts right over ${s.steps} prediction${s.steps === 1 ? "" : "s"}.`),
  );
}
