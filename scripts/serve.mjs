// A static server for the playground on 127.0.0.1: `node scripts/serve.mjs [dir] [port]`.
// Sends .wasm as application/wasm (needed for streaming compilation) and nothing but files
// under dir. Ctrl-C stops it. Also imported by the browser tests (serve()).
import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `dir` at `prefix` (default "/"; "/playground/" serves it under a sub-path). With
 * `gzip`, answers requests that accept it gzipped, as a CDN would (`make bench`'s phone test). */
export function serve(dir, port = 0, host = "127.0.0.1", prefix = "/", { gzip = false } = {}) {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    let path = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, "index.html");
      const type = TYPES[extname(path)] ?? "application/octet-stream";
      // `make dist` names files by their content's hash: those never change, so may be kept.
      const cache = /\.[0-9a-f]{10}\.\w+$/.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && extname(path) !== ".png") {
        const body = gzipSync(readFileSync(path), { level: 9 });
        res.writeHead(200, { "content-type": type, "content-length": body.length, "content-encoding": "gzip", "cache-control": cache });
        res.end(body);
        return;
      }
      const size = statSync(path).size;
      res.writeHead(200, {
        "content-type": type,
        "content-length": size,
        "cache-control": cache,
      });
      createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "www";
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8000);
  const server = await serve(dir, port).catch((e) => {
    console.error(`[serve] cannot listen on 127.0.0.1:${port}: ${e.message} (set PORT to another port)`);
    process.exit(1);
  });
  console.log(`[serve] latest-playground at http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`);
  process.on("SIGINT", () => process.exit(0));
}
