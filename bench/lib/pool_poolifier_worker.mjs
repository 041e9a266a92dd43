// poolifier's worker script: the same functions as pool_fns.mjs, registered by name.
import { ThreadWorker } from 'poolifier';
import { inc, incChunk, touch, work } from './pool_fns.mjs';

export default new ThreadWorker({ inc, incChunk, touch, work });
