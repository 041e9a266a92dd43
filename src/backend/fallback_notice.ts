/**
 * The one warning a process gets when kernels run on the fallback because
 * native is unavailable: silent fallbacks cost users 10x and they never
 * learn why. Not when COREPOOL_BACKEND=fallback asked for it, not under
 * COREPOOL_QUIET=1, and not once the program has read info().backend (it
 * already knows).
 */
import { isMainThread } from 'node:worker_threads';
import { quiet } from '../config.js';
import type { Backend } from './backend.js';
import { FORCED, fallbackReason } from './fallback_reason.js';
import { selection } from './select.js';

// Per module instance; the main thread only, so Pool workers running
// kernel references do not each repeat what the main thread said.
let settled = !isMainThread;

/** Called when the program reads info().backend: it knows which backend runs. */
export function acknowledgeBackend(): void {
  settled = true;
}

/** The backend for a kernel call; the first call on an unwanted fallback warns once. */
export function kernelBackend(): Backend {
  const { backend, nativeError } = selection();
  if (!settled) {
    settled = true;
    if (backend.name === 'fallback' && nativeError !== FORCED && !quiet()) {
      const { reason, fix } = fallbackReason(nativeError);
      process.stderr.write(
        `corepool: running on the slower worker_threads fallback: ${reason}; to fix: ${fix} (COREPOOL_QUIET=1 hides this)\n`,
      );
    }
  }
  return backend;
}
