// Reads a .wasm's sections for the size scripts (check-size.mjs, size-anatomy.mjs).

/** A cursor over `bytes` reading LEB128 numbers and length-prefixed names. */
export function reader(bytes, at = 0) {
  const r = {
    at,
    leb() {
      let value = 0, shift = 0, byte;
      do { byte = bytes[r.at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return value;
    },
    name() {
      const n = r.leb();
      const s = bytes.toString("utf8", r.at, r.at + n);
      r.at += n;
      return s;
    },
  };
  return r;
}

/** The module's sections in order: `{ id, body }`, `body` a Buffer view of the section's bytes. */
export function sections(bytes) {
  const out = [];
  const r = reader(bytes, 8);
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const size = r.leb();
    out.push({ id, body: bytes.subarray(r.at, r.at + size) });
    r.at += size;
  }
  return out;
}
