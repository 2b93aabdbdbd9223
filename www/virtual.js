// A virtualised list: only the rows in view (plus a margin) are in the DOM, so a fleet of 5,000
// services or a report of thousands of rows scrolls without building thousands of elements.
// Rows have one fixed height; the scroller is focusable, so keyboard users scroll it with the
// arrow and page keys.
import { h } from "./dom.js";

const MARGIN = 8;

/**
 * Fills `el` with a scroller over `count` rows of `rowHeight` pixels; `renderRow(i)` returns the
 * element for row `i` (a new one, or one it kept: a row stays where it is if it is unchanged);
 * `load(first, last)`, when given, is told first which rows are about to be drawn, so their data
 * can be fetched at once. Returns the scroller; `scroller.update({count, renderRow, load, label})`
 * redraws it for new rows in place, keeping where the user scrolled to (stepping through a fleet).
 */
export function virtualList(el, { count, rowHeight, renderRow, load, label, height = 480, testid }) {
  const body = h("div", { class: "virtual-body", role: "list" });
  const scroller = h("div", { class: "virtual", tabindex: "0", "aria-label": label, "data-testid": testid }, body);
  // Sizes through the CSSOM: the page's CSP forbids style attributes.
  scroller.style.maxHeight = `${height}px`;
  let drawn = "";
  // Where the user scrolled to and how much shows, as last measured (on scroll and resize): a
  // step's redraw reads no layout, so it does not force one in the middle of drawing the step.
  let top = 0;
  let shows = height;
  const measure = () => {
    top = scroller.scrollTop;
    shows = scroller.clientHeight || height;
  };
  const draw = () => {
    const first = Math.max(0, Math.floor(top / rowHeight) - MARGIN);
    const last = Math.min(count, Math.ceil((top + shows) / rowHeight) + MARGIN);
    if (drawn === `${first}-${last}`) return;
    drawn = `${first}-${last}`;
    load?.(first, last);
    const rows = [];
    for (let i = first; i < last; i++) {
      const row = renderRow(i);
      row.setAttribute("role", "listitem");
      row.style.top = `${i * rowHeight}px`;
      row.style.height = `${rowHeight}px`;
      row.classList.add("virtual-row");
      rows.push(row);
    }
    // Rows a caller kept (the same elements, in the same order) are left where they are.
    if (rows.length !== body.children.length || rows.some((row, i) => body.children[i] !== row)) body.replaceChildren(...rows);
  };
  let queued = false;
  scroller.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      measure();
      draw();
    });
  });
  new ResizeObserver(() => {
    measure();
    draw();
  }).observe(scroller);
  scroller.update = (next) => {
    ({ count, renderRow, load } = next);
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
