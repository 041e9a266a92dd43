// Argument specs for the kernel fuzzer. fast-check generates plain-data specs
// (printable, replayable); build() turns a spec into fresh values for each
// call, because a call may consume them (out written, buffer detached).
import fc from 'fast-check';

export const CTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  uint8clamped: Uint8ClampedArray,
};
const DTYPES = Object.keys(CTORS);

// Sizes are tiny or absurd, never "big but legal": a legal 1e9-element call
// would allocate gigabytes on a machine shared with other processes. The
// absurd ones (>= 2^35) must be refused before any allocation.
export const NUMBERS = [
  0,
  -0,
  1,
  2,
  3,
  -1,
  0.5,
  1.5,
  7,
  64,
  NaN,
  Infinity,
  -Infinity,
  2 ** 35,
  2 ** 40,
  1e12,
  2 ** 53,
  2 ** 53 + 2,
  1e300,
  -1e300,
  5e-324,
];
const LENGTHS = [0, 1, 2, 3, 7, 8, 17, 64];
const FILLS = ['mixed', 'ints', 'neg0', 'sorted', 'zero'];

// Values that are not a supported, attached, honest TypedArray.
export const BAD = [
  'string',
  'null',
  'undefined',
  'object',
  'function',
  'symbol',
  'bigint',
  'plainArray',
  'arrayBuffer',
  'bigint64',
  'dataView',
  'detached',
  'resizable',
  'resizableFixed',
  'growable',
  'outOfBounds',
  'fakeLength',
  'fakeTag',
  'fakeTagClass',
  'lengthClass',
  'proxyArray',
  'throwingProxy',
  'throwingGetters',
  'protoFake',
  'arrayLike',
  'throwingBuffer',
];

// Every option name a kernel reads, plus typos that must be refused.
export const KEYS = [
  'out',
  'signal',
  'dtype',
  'seed',
  'range',
  'low',
  'high',
  'mean',
  'std',
  'weights',
  'bins',
  'offset',
  'n',
  'm',
  'k',
  'ddof',
  'side',
  'shared',
  'ord',
  'minlength',
  'rows',
  'cols',
  'alpha',
  'beta',
  'transA',
  'transB',
  'trans',
  'endpoint',
  'density',
  'axis',
  'keepdims',
  'counts',
  'outt',
  'sead',
  'constructor',
  '__proto__',
];

// NDArray views of a theme array (see ndView).
const ND_LAYOUTS = ['vec', 'mat', 'T', 'rev', 'bcast', 'col', 'empty'];

// Buffers: plain, shared, resizable (non-shared) or growable (shared).
const BUFFERS = ['plain', 'plain', 'shared', 'resizable', 'growable'];
// With --during the arrays are big enough to run on pool threads or kernel
// workers, so that a detach or resize after the call starts lands while it runs.
const BIG = 131_075;
const themeOf = (during) =>
  fc.record({
    dtype: fc.constantFrom(...DTYPES),
    len: during ? fc.constantFrom(...LENGTHS, BIG, BIG, BIG) : fc.constantFrom(...LENGTHS),
    buf: fc.constantFrom(...BUFFERS),
    offset: fc.constantFrom(0, 0, 1, 3),
    fill: fc.constantFrom(...FILLS),
  });
const theme = themeOf(false);

const value = (depth) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant({ t: 'theme' }) },
    { weight: 2, arbitrary: theme.map((th) => ({ t: 'arr', ...th })) },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBERS).map((v) => ({ t: 'num', v })) },
    { weight: 3, arbitrary: fc.constantFrom(...BAD).map((k) => ({ t: 'bad', k })) },
    { weight: 3, arbitrary: fc.constantFrom(...ND_LAYOUTS).map((k) => ({ t: 'nd', k })) },
    {
      weight: depth > 0 ? 1 : 0,
      arbitrary: fc.constantFrom('float32', 'int8', 'uint8clamped', 'left', 'right', 'bogus', 'auto').map((v) => ({ t: 'str', v })),
    },
    {
      weight: depth > 0 ? 2 : 0,
      arbitrary: fc.constantFrom('same', 'overlap', 'wrongDtype', 'fresh', 'first2').map((k) => ({ t: 'out', k })),
    },
    { weight: depth > 0 ? 1 : 0, arbitrary: fc.constantFrom('aborted', 'live', 'fake').map((k) => ({ t: 'signal', k })) },
    { weight: depth > 0 ? 1 : 0, arbitrary: fc.constantFrom(true, false).map((v) => ({ t: 'lit', v })) },
    {
      weight: depth > 0 ? 1 : 0,
      arbitrary: fc.tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS)).map((v) => ({ t: 'pair', v })),
    },
  );

const options = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'omit' }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 5, 'x', true).map((v) => ({ t: 'lit', v })) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD).map((k) => ({ t: 'bad', k })) },
  { weight: 1, arbitrary: fc.constantFrom('mkn', 'rows', 'm', 'bins').map((k) => ({ t: 'noData', k })) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('opts'),
      entries: fc.array(fc.tuple(fc.constantFrom(...KEYS), value(1)), { maxLength: 4 }),
      wrap: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'throwGetter', 'proxy', 'proxyThrow', 'nullProto'),
    }),
  },
);

/** One fuzz case: which kernel, its theme, the positional arguments and the options. */
export const caseArb = (kernelCount, during = false) =>
  fc.record({
    kernel: fc.nat(kernelCount - 1),
    theme: themeOf(during),
    extra: fc.constantFrom(-1, 0, 0, 0, 0, 1),
    args: fc.array(value(0), { minLength: 4, maxLength: 4 }),
    options,
  });

function fill(a, kind, dtype) {
  const float = dtype.startsWith('float');
  for (let i = 0; i < a.length; i++) {
    if (kind === 'zero') a[i] = 0;
    else if (kind === 'neg0') a[i] = -0;
    else if (kind === 'ints' || kind === 'sorted') a[i] = i % 5;
    else a[i] = float ? [1.5, -0, NaN, -2, Infinity, 3, 0, -7.25][i % 8] : ((i * 37) % 11) - 3;
  }
  if (kind === 'sorted') a.sort();
  return a;
}

function makeBuffer(kind, bytes) {
  if (kind === 'shared') return new SharedArrayBuffer(bytes);
  if (kind === 'resizable') return new ArrayBuffer(bytes, { maxByteLength: 2 * bytes + 8 });
  if (kind === 'growable') return new SharedArrayBuffer(bytes, { maxByteLength: 2 * bytes + 8 });
  return new ArrayBuffer(bytes);
}

export function makeArray({ dtype, len, buf, offset, fill: kind }) {
  const C = CTORS[dtype];
  const buffer = makeBuffer(buf, (len + offset) * C.BYTES_PER_ELEMENT);
  return fill(new C(buffer, offset * C.BYTES_PER_ELEMENT, len), kind, dtype);
}

function detached() {
  const buffer = new ArrayBuffer(32);
  const view = new Float64Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

const thrower = () => {
  throw new Error('fuzz: hostile getter');
};
const hostile = () =>
  new Proxy({}, { get: thrower, has: thrower, ownKeys: thrower, getOwnPropertyDescriptor: thrower, getPrototypeOf: thrower });

/** A fresh value for a BAD name. */
export function buildBad(k) {
  switch (k) {
    case 'string':
      return 'abc';
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'object':
      return {};
    case 'function':
      return () => 1;
    case 'symbol':
      return Symbol('fuzz');
    case 'bigint':
      return 3n;
    case 'plainArray':
      return [1, 2, 3];
    case 'arrayBuffer':
      return new ArrayBuffer(16);
    case 'bigint64':
      return new BigInt64Array(4);
    case 'dataView':
      return new DataView(new ArrayBuffer(16));
    case 'detached':
      return detached();
    case 'resizable':
      return new Float64Array(new ArrayBuffer(32, { maxByteLength: 64 }));
    case 'resizableFixed':
      return new Float64Array(new ArrayBuffer(32, { maxByteLength: 64 }), 0, 4);
    case 'growable':
      return new Float64Array(new SharedArrayBuffer(32, { maxByteLength: 64 }));
    case 'outOfBounds': {
      const buffer = new ArrayBuffer(32, { maxByteLength: 64 });
      const view = new Float64Array(buffer, 8, 3);
      buffer.resize(8);
      return view;
    }
    case 'fakeLength':
      return Object.defineProperty(new Float64Array(4), 'length', { value: 1e12 });
    case 'fakeTag':
      return Object.defineProperty(new Int8Array(4), Symbol.toStringTag, { value: 'Float64Array' });
    case 'fakeTagClass':
      return new (class extends Uint8Array {
        get [Symbol.toStringTag]() {
          return 'Float64Array';
        }
      })(4);
    case 'lengthClass':
      return new (class extends Float64Array {
        get length() {
          return 2 ** 40;
        }
      })(4);
    case 'proxyArray':
      return new Proxy(new Float64Array(4), {});
    case 'throwingProxy':
      return hostile();
    case 'throwingGetters':
      return Object.defineProperties({}, { length: { get: thrower }, [Symbol.toStringTag]: { get: thrower } });
    case 'protoFake':
      return Object.create(Float64Array.prototype);
    case 'arrayLike':
      return { length: 1e12, 0: 1, [Symbol.toStringTag]: 'Float64Array' };
    case 'throwingBuffer':
      return Object.defineProperty(new Float64Array(4), 'buffer', { get: thrower });
    default:
      throw new Error(`fuzz: unknown bad value ${k}`);
  }
}

function outValue(k, ctx) {
  const first = ctx.arrays[0] ?? makeArray(ctx.theme);
  if (k === 'same') return first;
  if (k === 'first2') return ctx.arrays[1] ?? first;
  if (k === 'fresh') return makeArray({ ...ctx.theme, offset: 0, buf: 'plain' });
  if (k === 'wrongDtype') return makeArray({ ...ctx.theme, dtype: ctx.theme.dtype === 'float64' ? 'int16' : 'float64' });
  // Shifted by one element inside the same buffer: overlapping, not identical.
  const C = first.constructor;
  const room = Math.floor(first.buffer.byteLength / C.BYTES_PER_ELEMENT);
  return room >= 2 ? new C(first.buffer, first.byteOffset === 0 ? C.BYTES_PER_ELEMENT : 0, Math.min(first.length, room - 1)) : first;
}

/**
 * An NDArray view of `a` laid out as `kind`: the whole array, a 2-row
 * matrix, its transpose, reversed, broadcast to 3 rows, a column, or an
 * empty [0, 2] view. `a` itself where the layout does not fit its length or
 * NDArray refuses it (a resizable buffer): building arguments never throws.
 */
function ndView(NDArray, a, kind) {
  try {
    const n = a.length;
    const even = n >= 2 && n % 2 === 0;
    const vec = new NDArray(a);
    if (kind === 'mat') return even ? new NDArray(a, [2, n / 2]) : vec;
    if (kind === 'T') return even ? new NDArray(a, [2, n / 2]).T : vec;
    if (kind === 'rev') return vec.slice('::-1');
    if (kind === 'bcast') return vec.broadcastTo([3, n]);
    if (kind === 'col') return new NDArray(a, [n, 1]);
    if (kind === 'empty') return new NDArray(a, [0, 2], [2, 1], 0);
    return vec;
  } catch {
    return a;
  }
}

/** A fresh value for a spec; ctx.arrays collects the arrays built so far, ctx.api is corepool. */
export function build(spec, ctx) {
  switch (spec.t) {
    case 'theme': {
      const a = makeArray(ctx.theme);
      ctx.arrays.push(a);
      return a;
    }
    case 'arr': {
      const a = makeArray(spec);
      ctx.arrays.push(a);
      return a;
    }
    case 'num':
    case 'str':
    case 'lit':
      return spec.v;
    case 'pair':
      return [...spec.v];
    case 'bad':
      return buildBad(spec.k);
    case 'nd': {
      const a = makeArray(ctx.theme);
      ctx.arrays.push(a);
      return ndView(ctx.api.NDArray, a, spec.k);
    }
    case 'out':
      return outValue(spec.k, ctx);
    case 'signal':
      return spec.k === 'fake' ? { aborted: false } : spec.k === 'aborted' ? AbortSignal.abort() : new AbortController().signal;
    default:
      throw new Error(`fuzz: unknown spec ${spec.t}`);
  }
}

const NO_DATA = { mkn: { m: 1e9, k: 0, n: 0 }, rows: { rows: 1e9, cols: 0 }, m: { m: 1e9, n: 0 }, bins: { bins: 2 ** 40 } };

/**
 * The options argument of a case, or `undefined` with `omit` true when it is
 * left out. Keys in `unknown` (ones the kernel rejected as not its options)
 * are dropped, except a case's first key, so that the deeper option checks
 * are reached while unknown keys stay covered.
 */
export function buildOptions(spec, ctx, unknown = new Set()) {
  if (spec.t === 'omit') return { omit: true };
  if (spec.t === 'lit') return { value: spec.v };
  if (spec.t === 'bad') return { value: buildBad(spec.k) };
  if (spec.t === 'noData') return { value: { ...NO_DATA[spec.k] } };
  const target = spec.wrap === 'nullProto' ? Object.create(null) : {};
  const entries = spec.entries.filter(([key], i) => i === 0 || !unknown.has(key));
  for (const [key, v] of entries)
    Object.defineProperty(target, key, { value: build(v, ctx), enumerable: true, configurable: true, writable: true });
  if (spec.wrap === 'throwGetter') {
    const key = entries[0]?.[0] ?? 'signal';
    Object.defineProperty(target, key, { get: thrower, enumerable: true, configurable: true });
  }
  if (spec.wrap === 'proxy') return { value: new Proxy(target, {}) };
  if (spec.wrap === 'proxyThrow') return { value: hostile() };
  return { value: target };
}
