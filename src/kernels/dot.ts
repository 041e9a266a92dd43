/** dot and norm (L2): the twin of native/kernels/dot.cc. Every dtype is widened to double. */
import { treeSum } from './blocks.js';
import { laneDot, laneSquares } from './lanes.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

export const dot: ReduceTwin = {
  name: 'dot',
  arity: 2,
  emptyIsError: false,
  emptyValue: 0,
  block: (ops, begin, end, parts, slot) => {
    parts[slot * PARTIAL_FIELDS] = laneDot(ops[0]!, ops[1]!, begin, end);
  },
  total: (parts, count) => treeSum(parts, 0, count, PARTIAL_FIELDS),
};

export const norm: ReduceTwin = {
  name: 'norm',
  arity: 1,
  emptyIsError: false,
  emptyValue: 0,
  block: (ops, begin, end, parts, slot) => {
    parts[slot * PARTIAL_FIELDS] = laneSquares(ops[0]!, begin, end);
  },
  total: (parts, count) => Math.sqrt(treeSum(parts, 0, count, PARTIAL_FIELDS)),
};
