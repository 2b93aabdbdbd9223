// Reads AWS CLI output off the main thread: decodes the files, lets the core read them into a
// playground, and sends back the scenario document it wrote. The page stays responsive meanwhile.
// Nothing leaves the browser: the worker only talks to the page that started it.
import init, { Playground } from "./pkg/latest_playground.js";

const ready = init();

self.onmessage = async ({ data }) => {
  const say = (message) => self.postMessage(message);
  try {
    await ready;
    const files = [];
    for (const item of data.files) {
      if (typeof item.text === "string") {
        files.push({ name: item.name, text: item.text });
        continue;
      }
      say({ phase: `Reading ${item.name}…` });
      try {
        files.push({ name: item.name, text: new TextDecoder("utf-8", { fatal: true }).decode(await item.file.arrayBuffer()) });
      } catch {
        say({ error: { message: "It is not UTF-8 text. Save the AWS CLI output as UTF-8 JSON and try again.", file: item.name, code: "NotUtf8" } });
        return;
      }
    }
    say({ phase: "Reading the services, deployments and tasks…" });
    let playground;
    try {
      playground = Playground.importFleet(files);
    } catch (error) {
      const { message, code, path, line, column, file } = error;
      say({ error: { message, code, path, line, column, file } });
      return;
    }
    say({ phase: "Handing the fleet to the page…" });
    const json = playground.toScenarioJson();
    playground.free();
    say({ json });
  } catch (error) {
    say({ error: { message: String(error?.message ?? error), code: "Internal" } });
  }
};
