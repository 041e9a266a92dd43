/**
 * A compact encoding for the small messages queues mostly carry: plain
 * objects, short arrays, strings, numbers, booleans, null and undefined.
 * node:v8 serialize+deserialize costs ~3 µs for `{ id: 1, name: 'x' }`;
 * this costs a tenth of that, which is what lets a Queue pass a million
 * small objects a second.
 *
 * It must decode to exactly what structured clone would give, so it only
 * accepts values where that is easy to guarantee and returns `undefined`
 * for everything else (the caller then uses node:v8): no shared or cyclic
 * references (structured clone keeps identity, this format is a tree), no
 * holes or extra properties on arrays, no `__proto__` own key, no
 * prototype other than Object.prototype or null, and small sizes. (A value
 * refused midway is then read again by node:v8, so a getter on a plain
 * object may run twice; structured clone runs it once.)
 */

const enum T {
  INT32 = 1,
  F64 = 2,
  LATIN1 = 3,
  UTF16 = 4,
  TRUE = 5,
  FALSE = 6,
  NULL = 7,
  UNDEFINED = 8,
  OBJECT = 9,
  ARRAY = 10,
}

/** Beyond these sizes node:v8 costs little per byte, and bounded work keeps encode cheap. */
const MAX_OBJECTS = 32;
const MAX_ARRAY_LENGTH = 64;
const MAX_STRING_LENGTH = 256;
const MAX_DEPTH = 8;

let out = new Uint8Array(1024);
let outView = new DataView(out.buffer);
let pos = 0;
/** Objects entered so far (seen[0, seenCount)), to refuse shared and cyclic references. */
const seen: object[] = [];
let seenCount = 0;

function reserve(bytes: number): void {
  if (pos + bytes <= out.length) return;
  const grown = new Uint8Array(Math.max(out.length * 2, pos + bytes));
  grown.set(out.subarray(0, pos));
  out = grown;
  outView = new DataView(out.buffer);
}

function writeLength(n: number): void {
  reserve(4);
  outView.setUint32(pos, n, true);
  pos += 4;
}

function writeString(s: string): boolean {
  const n = s.length;
  if (n > MAX_STRING_LENGTH) return false;
  let oneByte = true;
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 0xff) oneByte = false;
  reserve(5 + 2 * n);
  out[pos++] = oneByte ? T.LATIN1 : T.UTF16;
  writeLength(n);
  if (oneByte) {
    for (let i = 0; i < n; i++) out[pos + i] = s.charCodeAt(i);
    pos += n;
  } else {
    for (let i = 0; i < n; i++) outView.setUint16(pos + 2 * i, s.charCodeAt(i), true);
    pos += 2 * n;
  }
  return true;
}

function writeNumber(v: number): void {
  reserve(9);
  if ((v | 0) === v && !Object.is(v, -0)) {
    out[pos] = T.INT32;
    outView.setInt32(pos + 1, v, true);
    pos += 5;
  } else {
    out[pos] = T.F64;
    outView.setFloat64(pos + 1, v, true);
    pos += 9;
  }
}

function enter(o: object, depth: number): boolean {
  if (depth > MAX_DEPTH || seenCount >= MAX_OBJECTS) return false;
  for (let i = 0; i < seenCount; i++) if (seen[i] === o) return false;
  seen[seenCount++] = o;
  return true;
}

function writeArray(a: unknown[], depth: number): boolean {
  const n = a.length;
  // Object.keys catches holes and extra named properties, both of which structured clone keeps.
  if (n > MAX_ARRAY_LENGTH || !enter(a, depth) || Object.keys(a).length !== n) return false;
  reserve(1);
  out[pos++] = T.ARRAY;
  writeLength(n);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    // A hole (plus a named property making up the count) must not become undefined.
    if ((v === undefined && !(i in a)) || !writeValue(v, depth + 1)) return false;
  }
  return true;
}

function writeObject(o: object, depth: number): boolean {
  const proto = Object.getPrototypeOf(o);
  if ((proto !== Object.prototype && proto !== null) || !enter(o, depth)) return false;
  const keys = Object.keys(o);
  reserve(1);
  out[pos++] = T.OBJECT;
  writeLength(keys.length);
  for (const key of keys) {
    // Assigning '__proto__' on decode would set the prototype instead of a property.
    if (key === '__proto__' || !writeString(key)) return false;
    if (!writeValue((o as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function writeValue(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'number':
      writeNumber(v);
      return true;
    case 'string':
      return writeString(v);
    case 'boolean':
    case 'undefined':
      reserve(1);
      out[pos++] = v === undefined ? T.UNDEFINED : v ? T.TRUE : T.FALSE;
      return true;
    case 'object':
      if (v !== null) return Array.isArray(v) ? writeArray(v, depth) : writeObject(v, depth);
      reserve(1);
      out[pos++] = T.NULL;
      return true;
    default:
      return false; // bigint, symbol, function: node:v8 handles or rejects them
  }
}

/**
 * Encodes `value` into the encoder's scratch buffer ({@link compactScratch}),
 * valid until the next call.
 * @returns the encoded length, or -1 when the value needs node:v8.
 */
export function encodeCompact(value: unknown): number {
  pos = 0;
  seenCount = 0;
  try {
    return writeValue(value, 0) ? pos : -1;
  } finally {
    // Drop the references (a getter may have thrown) so the encoder keeps no user object alive.
    for (let i = 0; i < seenCount; i++) seen[i] = undefined as unknown as object;
  }
}

/** The buffer {@link encodeCompact} last wrote into (it is replaced, never reused, when it grows). */
export function compactScratch(): Uint8Array {
  return out;
}

// Decoding state. Views are rebuilt only when the source buffer changes:
// payloads usually arrive in the ring's reused scratch buffer.
let src: Uint8Array = new Uint8Array(0);
let srcText: Buffer = Buffer.alloc(0);
let srcView: DataView = new DataView(src.buffer);
let at = 0;

function readLength(): number {
  const n = srcView.getUint32(at, true);
  at += 4;
  return n;
}

function readValue(): unknown {
  const tag = src[at++];
  switch (tag) {
    case T.INT32:
      at += 4;
      return srcView.getInt32(at - 4, true);
    case T.F64:
      at += 8;
      return srcView.getFloat64(at - 8, true);
    case T.LATIN1:
    case T.UTF16:
      return readString(tag);
    case T.OBJECT:
      return readObject();
    case T.ARRAY: {
      const n = readLength();
      const a = new Array<unknown>(n);
      for (let i = 0; i < n; i++) a[i] = readValue();
      return a;
    }
    default:
      return tag === T.TRUE ? true : tag === T.FALSE ? false : tag === T.NULL ? null : undefined;
  }
}

/** Strings this short are cheaper to build in JS than through Buffer#toString. */
const SHORT_STRING = 12;

function readString(tag: number): string {
  const n = readLength();
  const start = at;
  if (tag === T.UTF16) {
    at += 2 * n;
    return srcText.toString('utf16le', start, at);
  }
  at += n;
  if (n > SHORT_STRING) return srcText.toString('latin1', start, at);
  const c = src;
  switch (n) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(c[start] as number);
    case 2:
      return String.fromCharCode(c[start] as number, c[start + 1] as number);
    case 3:
      return String.fromCharCode(c[start] as number, c[start + 1] as number, c[start + 2] as number);
    case 4:
      return String.fromCharCode(c[start] as number, c[start + 1] as number, c[start + 2] as number, c[start + 3] as number);
    default: {
      let s = '';
      for (let i = start; i < at; i++) s += String.fromCharCode(c[i] as number);
      return s;
    }
  }
}

/**
 * Property names recur from message to message. A freshly built string must
 * be internalized on every property store, which dominated decoding, so
 * short one-byte keys come from a direct-mapped cache of names already used
 * as keys (indexed by a hash of their bytes, checked byte by byte).
 */
const KEY_CACHE_SLOTS = 256;
const KEY_MAX = 32;
const keyCache: string[] = new Array<string>(KEY_CACHE_SLOTS).fill('');
let keyMissed = false;

function slotOfBytes(start: number, n: number): number {
  let h = n;
  for (let i = start; i < start + n; i++) h = (Math.imul(h, 31) + (src[i] as number)) | 0;
  return (h ^ (h >>> 8)) & (KEY_CACHE_SLOTS - 1);
}

function slotOfString(key: string): number {
  let h = key.length;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return (h ^ (h >>> 8)) & (KEY_CACHE_SLOTS - 1);
}

function readKey(): string {
  const tag = src[at++] as number;
  const n = tag === T.LATIN1 ? srcView.getUint32(at, true) : KEY_MAX + 1;
  if (n > KEY_MAX) return readString(tag);
  const start = at + 4;
  const hit = keyCache[slotOfBytes(start, n)] as string;
  if (hit.length === n && sameBytes(hit, start)) {
    at = start + n;
    return hit;
  }
  keyMissed = true;
  return readString(tag);
}

function sameBytes(key: string, start: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== src[start + i]) return false;
  return true;
}

/** Caches the object's names: Object.keys returns the internalized strings the stores produced. */
function remember(o: object): void {
  for (const key of Object.keys(o)) {
    if (key.length <= KEY_MAX) keyCache[slotOfString(key)] = key;
  }
}

function readObject(): Record<string, unknown> {
  const n = readLength();
  const o: Record<string, unknown> = {};
  const missedBefore = keyMissed;
  keyMissed = false;
  for (let i = 0; i < n; i++) {
    const key = readKey();
    o[key] = readValue();
  }
  if (keyMissed) remember(o);
  keyMissed = missedBefore;
  return o;
}

/** Decodes what {@link encodeCompact} wrote, found at the start of `bytes` (a non-shared buffer). */
export function decodeCompact(bytes: Uint8Array): unknown {
  if (bytes.buffer !== src.buffer) {
    src = new Uint8Array(bytes.buffer);
    srcText = Buffer.from(bytes.buffer);
    srcView = new DataView(bytes.buffer);
  }
  at = bytes.byteOffset;
  return readValue();
}
