/** Chooses the backend once per module instance: native when it loads, else fallback. */
import { backendChoice, threadCount } from '../config.js';
import { CorepoolError, ErrorCode } from '../errors.js';
import type { Backend } from './backend.js';
import { createFallbackBackend } from './fallback.js';
import { createNativeBackend, loadBinding } from './native.js';

export interface Selection {
  readonly backend: Backend;
  /** Why the native backend is not in use (forced fallback or a load error). */
  readonly nativeError: string | undefined;
  /** The binary that was loaded, when native. */
  readonly nativePath: string | undefined;
}

let current: Selection | undefined;

function select(): Selection {
  const choice = backendChoice();
  const threads = threadCount();
  if (choice === 'fallback') {
    return { backend: createFallbackBackend(threads), nativeError: 'COREPOOL_BACKEND=fallback', nativePath: undefined };
  }
  try {
    const { binding, path } = loadBinding();
    return { backend: createNativeBackend(binding, threads), nativeError: undefined, nativePath: path };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (choice === 'native') {
      throw new CorepoolError(ErrorCode.NATIVE_UNAVAILABLE, `COREPOOL_BACKEND=native but the addon did not load: ${reason}`, { cause: error });
    }
    return { backend: createFallbackBackend(threads), nativeError: reason, nativePath: undefined };
  }
}

/** The backend in use, chosen on first call. */
export function selection(): Selection {
  current ??= select();
  return current;
}
