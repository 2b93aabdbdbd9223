// The default story as the core computed it when `make dist` built the page (scripts/dist.mjs):
// every step's page view, the `aws` command and the prediction question of each step, its
// timeline and chart. A phone steps through it while the simulator (the .wasm) is still loading;
// everything else waits for the simulator. Nothing here is computed in JavaScript: these are the
// core's answers, written into the HTML as data.

/** The recorded story in this page's HTML, or null (the page from `www/`, or not the default). */
export function readRecordedStory() {
  const data = document.getElementById("recorded-story");
  if (!data) return null;
  try {
    return new RecordedStory(JSON.parse(data.textContent));
  } catch {
    return null;
  }
}

/** The part of `Playground` that stepping uses, answered from the recording. */
class RecordedStory {
  constructor(data) {
    this.data = data;
    this.id = data.id;
    this.builtins = data.builtins;
    this.states = data.states;
  }

  stepCount() { return this.data.views.length; }
  view(i) { return this.data.views[i]; }
  timeline() { return this.data.timeline; }
  chart() { return this.data.chart; }
  title() { return this.data.title; }
  /** What `awsCommand` prints for step `i`'s event, if it prints one. */
  command(i) { return this.data.commands[i] ?? undefined; }
  question(i) { return this.data.questions[i] ?? null; }
  free() {}
}
