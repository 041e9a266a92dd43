/**
 * sin, cos, tan: the twins of native/kernels/unary_trig.cc. V8's Math.sin,
 * cos and tan (fdlibm, with a full-precision reduction for huge arguments)
 * are within 1 ulp of the correctly rounded result, like the native kernels,
 * so the two backends differ by at most 2 ulp (test/integration/unary_accuracy).
 */
import type { MapTwin } from './map.js';
import { unaryLoopTwin } from './unary_twin.js';

export const sin: MapTwin = unaryLoopTwin('sin', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.sin(x[i]!);
});
export const cos: MapTwin = unaryLoopTwin('cos', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.cos(x[i]!);
});
export const tan: MapTwin = unaryLoopTwin('tan', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.tan(x[i]!);
});
