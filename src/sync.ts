/** `corepool/sync`: blocking twins of every kernel. */
export {
  argmaxSync,
  argminSync,
  dotSync,
  maxSync,
  meanSync,
  minSync,
  normSync,
  sumSync,
} from './api/reductions_sync.js';
