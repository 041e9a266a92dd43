/** n-dimensional arrays: the container, its views and constructors (no kernels yet). */
import './share.js';

export { NDArray, type NDArrayDescriptor, type NestedArray } from './ndarray.js';
export {
  arange,
  empty,
  eye,
  full,
  linspace,
  ndarray,
  ones,
  zeros,
  type CreateOptions,
  type EyeOptions,
  type LinspaceOptions,
  type ViewOptions,
} from './create.js';
export { broadcastTo, concatenate, stack } from './join.js';
export { broadcastShapes, contiguousStrides, normalizeAxes } from './shape.js';
export type { SliceIndex, SliceRange } from './slice.js';
