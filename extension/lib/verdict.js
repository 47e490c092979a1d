// The verdict read out of the module's memory: `Checker.checkCompact` writes it there in the
// layout of crate/wasm/src/compact.rs, and `verdictReader` turns it into the same plain object
// `Checker.check` gives (the CLI's JSON shape: one verdict type from the core to the popup).
// Building that object from Rust, one boundary call per field, cost about as much as the check
// itself; here it is one object literal, its names from tables read once.

const HOST = 1;
const HOST_UNICODE = 1 << 1;
const HOST_UNICODE_SAME = 1 << 2;
const DOMAIN_IN_HOST = 1 << 3;
const DOMAIN = 1 << 4;
const CANONICAL = 1 << 5;
const SUGGESTION = 1 << 6;
const CANONICAL_AFTER_HOST = 1 << 7;
const SPELLED = 0xff;

const utf8 = new TextDecoder('utf-8');

/** A reader of compact verdicts for the module whose exports are `exports` (its `memory`) and
 *  whose tables are `tables` (`{ levels, reasonCodes, paramKeys }`, the binding's functions'
 *  results). Returns `(address, input) => verdict`. The memory's buffer is looked up again
 *  whenever the module's memory has grown. */
export function verdictReader(exports, tables) {
  const { levels, reasonCodes, paramKeys } = tables;
  let bytes = new Uint8Array(exports.memory.buffer);
  let p = 0;

  const u32 = () => {
    const n = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
    p += 4;
    return n >>> 0;
  };
  const str = () => {
    const n = u32();
    const start = p;
    p += n;
    // Very short ASCII strings (a path, most parameters) are cheaper built directly; past a
    // dozen bytes TextDecoder is (measured in V8: ~70 ns for any short string, ~15 ns a byte
    // built directly).
    if (n <= 12) {
      let s = '';
      for (let i = start; i < p; i++) {
        const b = bytes[i];
        if (b >= 0x80) return utf8.decode(bytes.subarray(start, p));
        s += String.fromCharCode(b);
      }
      return s;
    }
    return utf8.decode(bytes.subarray(start, p));
  };
  const named = (table) => {
    const i = bytes[p++];
    return i === SPELLED ? str() : table[i];
  };

  return (address, input) => {
    if (bytes.buffer !== exports.memory.buffer) bytes = new Uint8Array(exports.memory.buffer);
    p = address + 4;
    const level = levels[bytes[p]];
    const score = bytes[p + 1];
    const flags = bytes[p + 2];
    const count = bytes[p + 3];
    p += 4;
    const host = flags & HOST ? str() : null;
    const hostUnicode = flags & HOST_UNICODE_SAME ? host : flags & HOST_UNICODE ? str() : null;
    const domain = flags & DOMAIN_IN_HOST ? host.slice(u32()) : flags & DOMAIN ? str() : null;
    // The canonical URL is nearly always the scheme, the host and a short path: only the path
    // is sent.
    const canonical = !(flags & CANONICAL)
      ? null
      : flags & CANONICAL_AFTER_HOST
        ? (bytes[p++] ? 'https://' : 'http://') + host + str()
        : str();
    const suggestion = flags & SUGGESTION ? str() : null;
    const reasons = [];
    for (let r = 0; r < count; r++) {
      const code = named(reasonCodes);
      const reasonScore = bytes[p];
      const n = bytes[p + 1];
      p += 2;
      if (n === 0) {
        reasons.push({ code, score: reasonScore });
        continue;
      }
      const params = {};
      for (let k = 0; k < n; k++) {
        const key = named(paramKeys);
        params[key] = str();
      }
      reasons.push({ code, score: reasonScore, params });
    }
    return {
      input,
      verdict: level,
      score,
      host,
      host_unicode: hostUnicode,
      registrable_domain: domain,
      canonical,
      reasons,
      suggestion,
    };
  };
}
