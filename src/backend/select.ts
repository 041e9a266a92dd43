/** Chooses the backend once per module instance: native when it loads, else fallback. */
import { backendChoice, threadCount } from '../config.js';
import { CorepoolError, ErrorCode } from '../errors.js';
import type { Backend } from './backend.js';
import { checkManifest, expectedManifest, readManifest } from './binding_check.js';
import { createFallbackBackend } from './fallback.js';
import { createNativeBackend, loadBinding } from './native.js';

export interface Selection {
  readonly backend: Backend;
  /** Why the native backend is not in use (forced fallback, a load error or a stale build). */
  readonly nativeError: string | undefined;
  /** The binary that was loaded: in use when native, refused as stale when fallback. */
  readonly nativePath: string | undefined;
}

let current: Selection | undefined;

function select(): Selection {
  const choice = backendChoice();
  const threads = threadCount();
  if (choice === 'fallback') {
    return { backend: createFallbackBackend(threads), nativeError: 'COREPOOL_BACKEND=fallback', nativePath: undefined };
  }
  let stale: { reason: string; path: string };
  try {
    const { binding, path } = loadBinding();
    // A binary built from other kernel tables would run the wrong kernel for
    // an id, and node-gyp-build loads a stale build/Release before a prebuild.
    const reason = checkManifest(readManifest(binding), expectedManifest());
    if (reason === undefined) return { backend: createNativeBackend(binding, threads), nativeError: undefined, nativePath: path };
    stale = { reason, path };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (choice === 'native') {
      throw new CorepoolError(ErrorCode.NATIVE_UNAVAILABLE, `COREPOOL_BACKEND=native but the addon did not load: ${reason}`, {
        cause: error,
      });
    }
    return { backend: createFallbackBackend(threads), nativeError: reason, nativePath: undefined };
  }
  if (choice === 'native') {
    throw new CorepoolError(ErrorCode.NATIVE_UNAVAILABLE, `COREPOOL_BACKEND=native but ${stale.reason} (${stale.path})`);
  }
  return { backend: createFallbackBackend(threads), nativeError: stale.reason, nativePath: stale.path };
}

/** The backend in use, chosen on first call. */
export function selection(): Selection {
  current ??= select();
  return current;
}
