// Building DOM without HTML strings: every text passed in becomes a text node, so nothing from a
// scenario, a file or the URL is ever parsed as HTML.

/** h("div", {class: "x", "data-testid": "y"}, child, "text", [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

// The SVG namespace, as the HTML parser gives it to an <svg> element (so no address is written
// here); asked for on first use.
let svgNamespace;
export function svgNs() {
  svgNamespace ??= new DOMParser().parseFromString("<svg></svg>", "text/html").body.firstChild.namespaceURI;
  return svgNamespace;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** "2019-02-01T00:00:00Z" → "2019-02-01"; keeps the time when it is not midnight. */
export function shortDate(iso) {
  return iso.endsWith("T00:00:00Z") ? iso.slice(0, 10) : iso.replace("T", " ").replace("Z", " UTC");
}

/** Offers `text` as a file download. */
export function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
