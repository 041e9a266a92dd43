/** Reads corepool's environment variables once, with named errors for bad values. */
import { availableParallelism } from 'node:os';
import { CorepoolRangeError, ErrorCode } from './errors.js';

/** Which backend to use: COREPOOL_BACKEND = native | fallback | auto (default). */
export type BackendChoice = 'native' | 'fallback' | 'auto';

/** COREPOOL_BACKEND, validated. */
export function backendChoice(env: NodeJS.ProcessEnv = process.env): BackendChoice {
  const raw = env.COREPOOL_BACKEND;
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto';
  if (raw === 'native' || raw === 'fallback') return raw;
  throw new CorepoolRangeError(ErrorCode.INVALID_ENV, `COREPOOL_BACKEND must be 'native', 'fallback' or 'auto'; got '${raw}'`);
}

/** COREPOOL_THREADS if set (a whole number from 1 to 4096), else os.availableParallelism(). */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.COREPOOL_THREADS;
  if (raw === undefined || raw === '') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 4096) {
    throw new CorepoolRangeError(ErrorCode.INVALID_ENV, `COREPOOL_THREADS must be a whole number from 1 to 4096; got '${raw}'`);
  }
  return n;
}

/**
 * COREPOOL_QUIET=1 silences the one-line warning printed when kernels first
 * run on a fallback nobody asked for (src/backend/fallback_notice.ts); any
 * other value, or none, leaves it on.
 */
export function quiet(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.COREPOOL_QUIET === '1';
}
