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
export {
  addSync,
  divSync,
  eqSync,
  geSync,
  gtSync,
  leSync,
  ltSync,
  maximumSync,
  minimumSync,
  mulSync,
  neSync,
  subSync,
} from './api/elementwise_sync.js';
