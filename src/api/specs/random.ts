/** Spec rows of the random kernels. */
import { type KernelSpec, type Namespace, RANDOM, spec } from './spec.js';

export const RANDOM_SPECS: readonly KernelSpec[] = [
  spec(
    'random',
    'random.uniform',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['low', 'high', 'dtype', ...RANDOM],
    'Uniform floats in [low, high), counter-based (Philox).',
    '`numpy.random.default_rng(seed).uniform(low, high, n)`',
  ),
  spec(
    'random',
    'random.normal',
    ['nOrOut'],
    'Float64Array or Float32Array',
    ['mean', 'std', 'dtype', ...RANDOM],
    'Normal floats mean + std·z (Box–Muller), counter-based.',
    '`numpy.random.default_rng(seed).normal(mean, std, n)`',
  ),
  spec(
    'random',
    'random.integers',
    ['nOrOut'],
    'an integer TypedArray',
    ['low', 'high', 'endpoint', 'dtype', ...RANDOM],
    'Uniform integers in [low, high), unbiased.',
    '`numpy.random.default_rng(seed).integers(low, high, n)`',
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
