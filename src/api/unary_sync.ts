/** Blocking twins of the unary kernels; they throw what the async forms reject with. */
import type { NumericArray } from '../dtypes.js';
import type { MapOptions } from './map_args.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

const X = ['x'] as const;

/** Blocking {@link abs}. Python equivalent: `numpy.abs(x)`. @throws as abs rejects. */
export function absSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('abs', [x], options, X));
}

/** Blocking {@link neg}. Python equivalent: `numpy.negative(x)`. @throws as neg rejects. */
export function negSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('neg', [x], options, X));
}

/** Blocking {@link sign}. Python equivalent: `numpy.sign(x)`. @throws as sign rejects. */
export function signSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('sign', [x], options, X));
}

/** Blocking {@link sqrt}. Python equivalent: `numpy.sqrt(x)`. @throws as sqrt rejects. */
export function sqrtSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('sqrt', [x], options, X));
}

/** Blocking {@link cbrt}. Python equivalent: `numpy.cbrt(x)`. @throws as cbrt rejects. */
export function cbrtSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('cbrt', [x], options, X));
}

/** Blocking {@link square}. Python equivalent: `numpy.square(x)`. @throws as square rejects. */
export function squareSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('square', [x], options, X));
}

/** Blocking {@link reciprocal}. Python equivalent: `numpy.reciprocal(x.astype(float))`. @throws as reciprocal rejects. */
export function reciprocalSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('reciprocal', [x], options, X));
}

/** Blocking {@link exp}. Python equivalent: `numpy.exp(x)`. @throws as exp rejects. */
export function expSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('exp', [x], options, X));
}

/** Blocking {@link expm1}. Python equivalent: `numpy.expm1(x)`. @throws as expm1 rejects. */
export function expm1Sync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('expm1', [x], options, X));
}

/** Blocking {@link exp2}. Python equivalent: `numpy.exp2(x)`. @throws as exp2 rejects. */
export function exp2Sync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('exp2', [x], options, X));
}

/** Blocking {@link log}. Python equivalent: `numpy.log(x)`. @throws as log rejects. */
export function logSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('log', [x], options, X));
}

/** Blocking {@link log1p}. Python equivalent: `numpy.log1p(x)`. @throws as log1p rejects. */
export function log1pSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('log1p', [x], options, X));
}

/** Blocking {@link log2}. Python equivalent: `numpy.log2(x)`. @throws as log2 rejects. */
export function log2Sync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('log2', [x], options, X));
}

/** Blocking {@link log10}. Python equivalent: `numpy.log10(x)`. @throws as log10 rejects. */
export function log10Sync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('log10', [x], options, X));
}

/** Blocking {@link sin}. Python equivalent: `numpy.sin(x)`. @throws as sin rejects. */
export function sinSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('sin', [x], options, X));
}

/** Blocking {@link cos}. Python equivalent: `numpy.cos(x)`. @throws as cos rejects. */
export function cosSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('cos', [x], options, X));
}

/** Blocking {@link tan}. Python equivalent: `numpy.tan(x)`. @throws as tan rejects. */
export function tanSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('tan', [x], options, X));
}

/** Blocking {@link asin}. Python equivalent: `numpy.arcsin(x)`. @throws as asin rejects. */
export function asinSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('asin', [x], options, X));
}

/** Blocking {@link acos}. Python equivalent: `numpy.arccos(x)`. @throws as acos rejects. */
export function acosSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('acos', [x], options, X));
}

/** Blocking {@link atan}. Python equivalent: `numpy.arctan(x)`. @throws as atan rejects. */
export function atanSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('atan', [x], options, X));
}

/** Blocking {@link sinh}. Python equivalent: `numpy.sinh(x)`. @throws as sinh rejects. */
export function sinhSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('sinh', [x], options, X));
}

/** Blocking {@link cosh}. Python equivalent: `numpy.cosh(x)`. @throws as cosh rejects. */
export function coshSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('cosh', [x], options, X));
}

/** Blocking {@link tanh}. Python equivalent: `numpy.tanh(x)`. @throws as tanh rejects. */
export function tanhSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('tanh', [x], options, X));
}

/** Blocking {@link floor}. Python equivalent: `numpy.floor(x)`. @throws as floor rejects. */
export function floorSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('floor', [x], options, X));
}

/** Blocking {@link ceil}. Python equivalent: `numpy.ceil(x)`. @throws as ceil rejects. */
export function ceilSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('ceil', [x], options, X));
}

/** Blocking {@link round}. Python equivalent: `numpy.round(x)`. @throws as round rejects. */
export function roundSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('round', [x], options, X));
}

/** Blocking {@link trunc}. Python equivalent: `numpy.trunc(x)`. @throws as trunc rejects. */
export function truncSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('trunc', [x], options, X));
}

/** Blocking {@link isnan}. Python equivalent: `numpy.isnan(x)`. @throws as isnan rejects. */
export function isnanSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('isnan', [x], options, X));
}

/** Blocking {@link isfinite}. Python equivalent: `numpy.isfinite(x)`. @throws as isfinite rejects. */
export function isfiniteSync(x: NumericArray, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('isfinite', [x], options, X));
}
