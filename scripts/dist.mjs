// `make dist`: the page for any static host, in dist/. On top of a copy of www/ (without the
// package's type files):
// - the default scenario's first step is drawn into index.html by the page's own renderers
//   (www/draw.js, run here under Node with linkedom's DOM and the built package), so a phone can
//   read it before the simulator has loaded; the live page then takes over and draws the same;
//   a link to another step hides it until then (a small inline script, allowed by its hash);
// - the whole default story, as the core answers it step by step, is written into index.html as
//   data, so the page steps through it before the .wasm has arrived (www/recorded.js);
// - the page's modules are bundled into one minified main.js (esbuild);
// - every file but index.html gets its content's hash in its name, and references to it are
//   rewritten, so a host may cache them for good (README, "Publishing");
// - index.html preloads the whole module graph and (at low priority) the .wasm, so nothing waits
//   for the module that imports it.
// `node scripts/dist.mjs` after `make build`.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { parseHTML } from "linkedom";
import { config, root } from "./config.mjs";

const www = join(root, "www");
const dist = join(root, "dist");
const c = config();

rmSync(dist, { recursive: true, force: true });
cpSync(www, dist, {
  recursive: true,
  filter: (path) => !path.endsWith(".d.ts") && ![".gitignore", ".build-inputs"].includes(basename(path)),
});

// ------------------------------------------------------------------ one module

// The page's modules as one minified file: a phone on a slow network waits for one request of
// 23 KB gzipped instead of seventeen of 52 KB. The import worker keeps its own small graph.
await build({
  entryPoints: [join(dist, "main.js")],
  outfile: join(dist, "main.js"),
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
for (const name of readdirSync(dist)) {
  if (name.endsWith(".js") && !["main.js", "import-worker.js"].includes(name)) rmSync(join(dist, name));
}

// ------------------------------------------------------------------ the first step, drawn

const PRERENDERED = "blog-timeline";
const html = readFileSync(join(www, "index.html"), "utf8");
const { window, document } = parseHTML(html);
Object.assign(globalThis, { window, document, Node: window.Node, requestAnimationFrame: () => 0 });
const pkg = await import(pathToFileURL(join(c.outDir, `${c.outName}.js`)).href);
pkg.initSync({ module: readFileSync(c.wasmFile) });
const { drawStep } = await import(pathToFileURL(join(www, "draw.js")).href);
const { renderMarkers } = await import(pathToFileURL(join(www, "timeline.js")).href);
const { h, fill } = await import(pathToFileURL(join(www, "dom.js")).href);

const builtins = pkg.builtinScenarios();
const builtin = builtins.find((b) => b.id === PRERENDERED);
if (builtins[0] !== builtin) throw new Error(`the default scenario is ${builtins[0].id}, not ${PRERENDERED}`);
const playground = new pkg.Playground(builtin.json);
const timeline = playground.timeline();
const view = playground.view(0);
// What boot() and load() in main.js set, then the step as go() draws it.
fill(document.getElementById("scenario-picker"), builtins.map((b) => h("option", { value: b.id }, b.title)), h("option", { value: "", hidden: true }, "Imported scenario"));
document.getElementById("scenario-picker").querySelector(`option[value="${PRERENDERED}"]`).setAttribute("selected", "");
document.getElementById("scenario-title").textContent = builtin.title;
document.getElementById("scenario-description").textContent = builtin.description;
document.getElementById("scrubber").setAttribute("max", String(timeline.length - 1));
renderMarkers(document.getElementById("markers"), timeline, () => {});
drawStep(view, { count: timeline.length, states: pkg.lifecycleStates(), command: pkg.awsCommand(view.event) });
// Reflected into attributes, which serialisation keeps.
for (const id of ["first", "prev", "next", "last"]) {
  const button = document.getElementById(id);
  if (button.disabled) button.setAttribute("disabled", "");
}
document.getElementById("loading").setAttribute("hidden", "");
document.getElementById("app").removeAttribute("hidden");
document.documentElement.setAttribute("data-prerendered", `${PRERENDERED}:0`);

// The whole default story as the core answers it (www/recorded.js): the live page steps through
// it at once, while the .wasm is still on its way. Data, not script: the CSP does not run it.
// As go() in main.js: an event the console cannot print has no command.
const printed = (event) => {
  try {
    return pkg.awsCommand(event) ?? null;
  } catch {
    return null;
  }
};
const views = Array.from({ length: playground.stepCount() }, (_, i) => playground.view(i));
const recording = {
  id: PRERENDERED,
  builtins: builtins.map(({ id, title, description }) => ({ id, title, description })),
  states: pkg.lifecycleStates(),
  title: playground.title(),
  timeline,
  chart: playground.chart(),
  views,
  commands: views.map((v) => printed(v.event)),
  questions: views.map((_, i) => playground.question(i)),
};
const data = document.createElement("script");
data.setAttribute("type", "application/json");
data.setAttribute("id", "recorded-story");
// `<` escaped, so no text of the story can close the element.
data.textContent = JSON.stringify(recording).replaceAll("<", "\\u003c");
document.body.append(data);
playground.free();

// A link to anything else must not show this step first: until the live page has drawn, the
// drawn step is hidden (style.css, `html.linked`) when the address carries a link.
const early = `if(/(^|[#&])v=/.test(location.hash)&&!/^#v=1&s=${PRERENDERED}&step=0$/.test(location.hash))document.documentElement.classList.add("linked")`;
const script = document.createElement("script");
script.textContent = early;
document.head.insertBefore(script, document.head.querySelector("link[rel=stylesheet]"));
const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
const earlyHash = createHash("sha256").update(early).digest("base64");
csp.setAttribute("content", csp.getAttribute("content").replace("script-src 'self'", `script-src 'self' 'sha256-${earlyHash}'`));

// ------------------------------------------------------------------ hashed names

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name !== "index.html" && name !== "favicon.svg") files.push(path);
  }
})(dist);

// A quoted relative path in a module or stylesheet that names one of the files.
const REFERENCE = /(["'])((?:\.{1,2}\/)?[\w\-./]+\.(?:js|wasm|css))\1/g;
const referenced = (file, among = files) => {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(REFERENCE)].map((m) => join(dirname(file), m[2])).filter((p) => among.includes(p));
};
const hashed = new Map();
const visit = (file, seen = new Set()) => {
  if (hashed.has(file)) return hashed.get(file);
  if (seen.has(file)) throw new Error(`an import cycle through ${relative(dist, file)}`);
  seen.add(file);
  let text = readFileSync(file);
  if ([".js", ".css"].includes(extname(file))) {
    for (const dependency of referenced(file)) visit(dependency, seen);
    text = text.toString("utf8").replace(REFERENCE, (whole, quote, path) => {
      const target = hashed.get(join(dirname(file), path));
      return target ? `${quote}${path.slice(0, path.length - basename(path).length)}${basename(target)}${quote}` : whole;
    });
    writeFileSync(file, text);
  }
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 10);
  const named = join(dirname(file), `${basename(file, extname(file))}.${hash}${extname(file)}`);
  renameSync(file, named);
  hashed.set(file, named);
  return named;
};
for (const file of files) visit(file);

const url = (file) => relative(dist, hashed.get(join(dist, file)));
// The stylesheet goes into the HTML (allowed by its hash): the first paint waits for nothing
// else, and not for a request that competes with the preloads below.
const css = readFileSync(hashed.get(join(dist, "style.css")), "utf8");
rmSync(hashed.get(join(dist, "style.css")));
const style = document.createElement("style");
style.textContent = css;
const stylesheet = document.querySelector("link[rel=stylesheet]");
document.head.insertBefore(style, stylesheet);
stylesheet.remove();
const styleHash = createHash("sha256").update(css).digest("base64");
csp.setAttribute("content", csp.getAttribute("content").replace("style-src 'self'", `style-src 'self' 'sha256-${styleHash}'`));
document.querySelector("script[type=module]").setAttribute("src", url("main.js"));

// The static import graph of main.js, preloaded at once, and the .wasm the glue fetches.
const graph = new Set();
const named = [...hashed.values()];
(function collect(file) {
  for (const dependency of referenced(file, named)) {
    if (extname(dependency) === ".js" && !graph.has(dependency) && !basename(dependency).startsWith("import-worker.")) {
      graph.add(dependency);
      collect(dependency);
    }
  }
})(hashed.get(join(dist, "main.js")));
const before = document.querySelector("head > style");
const wasm = document.createElement("link");
// At low priority: the page steps through the recorded story without it, so the modules come first.
Object.entries({ rel: "preload", href: url(`pkg/${c.outName}_bg.wasm`), as: "fetch", type: "application/wasm", crossorigin: "", fetchpriority: "low" })
  .forEach(([k, v]) => wasm.setAttribute(k, v));
document.head.insertBefore(wasm, before);
for (const module of [hashed.get(join(dist, "main.js")), ...graph]) {
  const link = document.createElement("link");
  link.setAttribute("rel", "modulepreload");
  link.setAttribute("href", relative(dist, module));
  document.head.insertBefore(link, before);
}
writeFileSync(join(dist, "index.html"), document.toString());
if (!existsSync(join(dist, url("main.js")))) throw new Error("main.js was not written");
console.log(`[dist] dist/ is ready: the first step of ${PRERENDERED} drawn into index.html, ${hashed.size} files with hashed names; copy it to any static host, at any path.`);
