// A virtualised list: only the rows in view (plus a margin) are in the DOM, so a fleet of 5,000
// services or a report of thousands of rows scrolls without building thousands of elements.
// Rows have one fixed height; the scroller is focusable, so keyboard users scroll it with the
// arrow and page keys.
import { h } from "./dom.js";

const MARGIN = 8;

/**
 * Fills `el` with a scroller over `count` rows of `rowHeight` pixels; `renderRow(i)` returns the
 * element for row `i`. Returns the scroller; `scroller.update({count, renderRow, label})` redraws
 * it for new rows in place, keeping where the user scrolled to (stepping through a fleet).
 */
export function virtualList(el, { count, rowHeight, renderRow, label, height = 480, testid }) {
  const body = h("div", { class: "virtual-body", role: "list" });
  const scroller = h("div", { class: "virtual", tabindex: "0", "aria-label": label, "data-testid": testid }, body);
  // Sizes through the CSSOM: the page's CSP forbids style attributes.
  scroller.style.maxHeight = `${height}px`;
  let drawn = "";
  const draw = () => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - MARGIN);
    const last = Math.min(count, Math.ceil((scroller.scrollTop + (scroller.clientHeight || height)) / rowHeight) + MARGIN);
    if (drawn === `${first}-${last}`) return;
    drawn = `${first}-${last}`;
    const rows = [];
    for (let i = first; i < last; i++) {
      const row = renderRow(i);
      row.setAttribute("role", "listitem");
      row.style.top = `${i * rowHeight}px`;
      row.style.height = `${rowHeight}px`;
      row.classList.add("virtual-row");
      rows.push(row);
    }
    body.replaceChildren(...rows);
  };
  let queued = false;
  scroller.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; draw(); });
  });
  scroller.update = (next) => {
    ({ count, renderRow } = next);
    scroller.setAttribute("aria-label", next.label);
    body.style.height = `${count * rowHeight}px`;
    drawn = "";
    draw();
  };
  body.style.height = `${count * rowHeight}px`;
  el.append(scroller);
  draw();
  return scroller;
}
