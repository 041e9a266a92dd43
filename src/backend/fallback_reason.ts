/**
 * Turns why native is not in use (select.ts's nativeError, plus what the
 * install step recorded in build/install-status.json) into a short reason
 * and the one step that fixes it, for info() and the first-call warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './native.js';

/** A reason for the fallback and its fix; fix is undefined when nothing needs fixing. */
export interface FallbackReason {
  readonly reason: string;
  readonly fix: string | undefined;
}

/** What scripts/install.cjs writes when it falls back. */
interface InstallStatus {
  cause: 'skipped' | 'python' | 'make' | 'compiler' | 'build';
  reason: string;
  log?: string;
}

/** The forced-fallback marker select.ts records as nativeError. */
export const FORCED = 'COREPOOL_BACKEND=fallback';

const REBUILD = 'run `npm rebuild corepool` (needs python3, make and a C++ compiler)';
const TOOLS: Record<string, string> = {
  python: 'install python3, then run `npm rebuild corepool`',
  make: 'install make, then run `npm rebuild corepool`',
  compiler: 'install a C++ compiler (g++ or clang++), then run `npm rebuild corepool`',
  skipped: 'unset COREPOOL_SKIP_BUILD and run `npm rebuild corepool` (needs python3, make and a C++ compiler)',
};

/** build/install-status.json, or undefined when absent or unreadable (a dev checkout has none). */
export function readInstallStatus(root: string = PACKAGE_ROOT): InstallStatus | undefined {
  try {
    const status = JSON.parse(readFileSync(join(root, 'build', 'install-status.json'), 'utf8')) as InstallStatus;
    return typeof status.cause === 'string' && typeof status.reason === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reason and fix for a fallback whose select.ts error is `nativeError`.
 * A stale build or a forced fallback wins over the install record, which
 * only explains why no binary exists.
 */
export function fallbackReason(nativeError: string | undefined, status: InstallStatus | undefined = readInstallStatus()): FallbackReason {
  const error = nativeError ?? 'unknown error';
  if (error === FORCED) return { reason: 'forced by COREPOOL_BACKEND=fallback', fix: undefined };
  if (error.startsWith('native build is stale')) {
    return { reason: 'the native build is stale (built from other sources than this JavaScript)', fix: REBUILD };
  }
  if (status !== undefined) {
    const log = status.log ? ` (build log: ${status.log})` : '';
    const reason =
      status.cause === 'skipped'
        ? 'the install skipped the native build (COREPOOL_SKIP_BUILD=1)'
        : `the native build failed at install: ${status.reason}${log}`;
    return { reason, fix: TOOLS[status.cause] ?? REBUILD };
  }
  if (error.startsWith('No native build was found')) {
    return { reason: `no native build found for ${process.platform}-${process.arch}`, fix: REBUILD };
  }
  return { reason: `the native binary did not load: ${error}`, fix: REBUILD };
}
