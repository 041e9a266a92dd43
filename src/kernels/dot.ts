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
  // + 0: numpy's dot of -0 products is +0 (see sumTotal in sum.ts), except
  // for length 1, where numpy returns the one product itself.
  total: (parts, count, ops) =>
    ops[0]!.length === 1 ? treeSum(parts, 0, count, PARTIAL_FIELDS) : treeSum(parts, 0, count, PARTIAL_FIELDS) + 0,
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
