// Reads AWS CLI output off the main thread: the core reads the files' bytes and sends back the
// scenario document it wrote, checked as far as the fleet's own step (the page replays the rest
// when it opens it). The page stays responsive meanwhile.
// Nothing leaves the browser: the worker only talks to the page that started it.
import init, { Playground } from "./pkg/latest_playground.js";

const ready = init();

self.onmessage = async ({ data }) => {
  const say = (message) => self.postMessage(message);
  try {
    await ready;
    // A chosen file goes to the core as bytes: it checks the UTF-8 itself and says where it breaks.
    const files = [];
    for (const item of data.files) {
      if (typeof item.text === "string") files.push({ name: item.name, text: item.text });
      else files.push({ name: item.name, bytes: new Uint8Array(await item.file.arrayBuffer()) });
    }
    say({ phase: "Reading the services, deployments and tasks…" });
    let json;
    try {
      json = Playground.importFleetScenario(files);
    } catch (error) {
      const { message, code, path, line, column, file } = error;
      say({ error: { message, code, path, line, column, file } });
      return;
    }
    say({ json });
  } catch (error) {
    say({ error: { message: String(error?.message ?? error), code: "Internal" } });
  }
};
