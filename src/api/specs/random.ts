/** Spec rows of the random kernels (their steps: src/api/random.ts). */
import { type KernelSpec, type Namespace, RANDOM, spec } from './spec.js';

const THROWS = [
  '@throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,',
  '  RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.',
];

/** A float kernel's signatures: an array to fill keeps its type, a length gives `options.dtype`'s. */
const floatSignatures = (options: string): string[] => [
  `<T extends RandomFloatArray>(nOrOut: T, options?: Omit<${options}, 'shared'>): T`,
  `<D extends 'float64' | 'float32' = 'float64'>(nOrOut: number, options?: ${options} & { dtype?: D }): RandomFloatArrayOf<D>`,
  `(nOrOut: NDArray, options?: Omit<${options}, 'shared'>): NDArray`,
  `(nOrOut: readonly number[], options?: ${options}): NDArray`,
  `(nOrOut: number | readonly number[] | RandomFloatArray | NDArray, options?: ${options}): NumericArray | NDArray`,
];

export const RANDOM_SPECS: readonly KernelSpec[] = [
  spec(
    'random',
    'random.uniform',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['low', 'high', 'dtype', ...RANDOM],
    'Uniform floats in [low, high), counter-based (Philox).',
    '`numpy.random.default_rng(seed).uniform(low, high, n)`',
    {
      signatures: floatSignatures('UniformOptions'),
      steps: "randomSteps('uniform', nOrOut, options)",
      imports: {
        './random.js': ['randomSteps', 'type RandomFloatArray', 'type RandomFloatArrayOf'],
        './random_args.js': ['type UniformOptions'],
      },
      details: [
        'low + (high − low)·u, with u a multiple of 2^-53 (2^-24 for float32) in [0, 1). As in numpy, rounding can ' +
          'give `high` itself when high − low is not a power of two.',
      ],
      python: '`numpy.random.default_rng(seed).uniform(low, high, n)` (a different stream)',
      tags: [
        '@param nOrOut - a length (a new Float64Array, or `options.dtype`), a Float64Array/Float32Array to fill,',
        "  a shape (a new NDArray, numpy's `size=(3, 4)`) or an NDArray view to fill in C order",
        '@param options - `seed`, `low` (0), `high` (1), `dtype`, `offset`, `shared`, `signal`',
        '@returns the filled array (an NDArray for a shape or an NDArray)',
        ...THROWS,
      ],
    },
  ),
  spec(
    'random',
    'random.normal',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['mean', 'std', 'dtype', ...RANDOM],
    'Normal floats mean + std·z (Box–Muller), counter-based.',
    '`numpy.random.default_rng(seed).normal(mean, std, n)`',
    {
      signatures: floatSignatures('NormalOptions'),
      steps: "randomSteps('normal', nOrOut, options)",
      imports: {
        './random.js': ['randomSteps', 'type RandomFloatArray', 'type RandomFloatArrayOf'],
        './random_args.js': ['type NormalOptions'],
      },
      details: [
        "Gaussian: z comes from the Box–Muller transform of 53-bit uniforms (|z| < 8.6). The transform uses corepool's own " +
          'log/sin/cos polynomials, so both backends give the same bits. float32 results are the float64 values rounded.',
      ],
      python: '`numpy.random.default_rng(seed).normal(mean, std, n)` (a different stream)',
      tags: [
        '@param nOrOut - a length (a new Float64Array, or `options.dtype`), a Float64Array/Float32Array to fill,',
        "  a shape (a new NDArray, numpy's `size=(3, 4)`) or an NDArray view to fill in C order",
        '@param options - `seed`, `mean` (0), `std` (1, ≥ 0), `dtype`, `offset`, `shared`, `signal`',
        '@returns the filled array (an NDArray for a shape or an NDArray)',
        ...THROWS,
      ],
    },
  ),
  spec(
    'random',
    'random.integers',
    ['nOrOut'],
    'an integer TypedArray',
    ['low', 'high', 'endpoint', 'dtype', ...RANDOM],
    'Uniform integers in [low, high), unbiased.',
    '`numpy.random.default_rng(seed).integers(low, high, n)`',
    {
      signatures: [
        "<T extends RandomIntegerArray>(nOrOut: T, options: Omit<IntegersOptions, 'shared'>): T",
        "<D extends RandomIntegerDtype = 'int32'>(nOrOut: number, options: IntegersOptions & { dtype?: D }): RandomIntegerArrayOf<D>",
        "(nOrOut: NDArray, options: Omit<IntegersOptions, 'shared'>): NDArray",
        '(nOrOut: readonly number[], options: IntegersOptions): NDArray',
        '(nOrOut: number | readonly number[] | RandomIntegerArray | NDArray, options: IntegersOptions): NumericArray | NDArray',
      ],
      steps: "randomSteps('integers', nOrOut, options)",
      imports: {
        './random.js': ['randomSteps', 'type RandomIntegerArray', 'type RandomIntegerArrayOf'],
        './random_args.js': ['type IntegersOptions', 'type RandomIntegerDtype'],
      },
      details: [
        "As numpy's Generator.integers, high is excluded unless `endpoint` is true. Unbiased for every range up to " +
          "2^32: Lemire's multiply-shift with rejection, where a rejected element redraws from its own counters, so " +
          'rejections never shift other elements.',
      ],
      python: '`numpy.random.default_rng(seed).integers(low, high, n, dtype=…, endpoint=…)` (a different stream)',
      tags: [
        '@param nOrOut - a length (a new Int32Array, or `options.dtype`), an integer TypedArray to fill,',
        '  a shape (a new NDArray) or an integer NDArray view to fill in C order',
        '@param options - `high` (required), `low` (0), `endpoint`, `seed`, `dtype`, `offset`, `shared`, `signal`;',
        '  every value in [low, high) must fit the dtype',
        '@returns the filled array (an NDArray for a shape or an NDArray)',
        ...THROWS,
      ],
    },
  ),
];

/** `random` and `randomSync`: the generated kernels plus `newSeed` and `lastSeed`. */
export const RANDOM_NAMESPACE: Namespace = {
  name: 'random',
  wrap: 'withSeeds',
  from: './random_args.js',
  doc: [
    'The random kernels. `random.lastSeed` is the seed of the most recent call',
    'started on this thread (set synchronously when the call starts, whether the',
    'seed was given or drawn); `random.newSeed()` draws a seed from the OS.',
    '',
    '```js',
    'const x = await random.normal(1e6);           // seeded from the OS',
    'const seed = random.lastSeed;                 // keep it to reproduce x',
    'const y = await random.normal(1e6, { seed }); // bit-identical to x',
    '```',
  ],
};
