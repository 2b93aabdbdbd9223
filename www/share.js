// Links that reopen a scenario at a step. The payload is versioned (v=1) so that links made today
// keep working when the format grows: a later version adds keys, and v=1 links still decode.
const LINK_VERSION = 1;

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

// Every step rewrites the address, and the document is the same from step to step: its encoding
// is kept rather than redone, which grows with the document (a third of a millisecond per step for
// `make bench`'s 40-event scenario).
let lastDocument = { json: null, encoded: "" };
function encodedDocument(json) {
  if (lastDocument.json !== json) lastDocument = { json, encoded: toBase64Url(json) };
  return lastDocument.encoded;
}

/** Above this many characters of encoded document a scenario is not written into the address:
 * every step would copy it into a history entry, and few places accept links that long. */
const MAX_LINK_DOCUMENT = 100_000;

/** Whether the document `json` fits in a link. */
export function fitsInLink(json) {
  return encodedDocument(json).length <= MAX_LINK_DOCUMENT;
}

/** The hash for a built-in scenario (`builtin`) or a whole document (`json`) at `step`, in
 * presenter mode or not. */
export function encodeLink({ builtin, json, step, present }) {
  const params = new URLSearchParams({ v: String(LINK_VERSION) });
  if (builtin) params.set("s", builtin);
  else params.set("doc", encodedDocument(json));
  params.set("step", String(step));
  if (present) params.set("present", "1");
  return `#${params}`;
}

/**
 * Reads a hash: `{builtin, step, present}`, `{json, step, present}`, `{}` for none, `{error}` for a
 * link this page cannot read, and `{ignore: true}` for a hash that is not a link of ours at all
 * (an in-page anchor such as `#your-fleet`). The caller validates the scenario itself (the core
 * does).
 */
export function decodeLink(hash) {
  if (!hash || hash === "#") return {};
  const params = new URLSearchParams(hash.slice(1));
  if (!params.has("v")) return { ignore: true };
  const version = Number(params.get("v"));
  if (version !== LINK_VERSION) {
    return { error: `This link was made by a newer or unknown version of the playground (v=${params.get("v")}).` };
  }
  const stepText = params.get("step") ?? "0";
  const step = /^\d{1,9}$/.test(stepText) ? Number(stepText) : 0;
  const present = params.get("present") === "1";
  if (params.has("s")) return { builtin: params.get("s"), step, present };
  if (params.has("doc")) {
    try {
      return { json: fromBase64Url(params.get("doc")), step, present };
    } catch {
      return { error: "This link's scenario is damaged (it is not valid base64url UTF-8); it may have been cut short when copied." };
    }
  }
  return { step, present };
}
