/** Runs a parity fixture (test/fixtures/parity_<family>.mjs) in a child and compares runs. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fixture, lostToModuleLookup, ROOT } from './child.js';

export interface ParityRun {
  backend: string;
  threads: number;
  results: Record<string, string>;
}

/**
 * Asynchronous, so the test worker stays responsive while a child runs for
 * tens of seconds (a blocked worker misses vitest's RPC deadlines).
 */
export async function computeParity(script: string, env: Record<string, string>, retry = true): Promise<ParityRun> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [fixture(script)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as ParityRun;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (retry && lostToModuleLookup(stderr, script)) return computeParity(script, env, false);
    throw error;
  }
}

/** The first 20 cases whose results differ between two runs. */
export function parityDifferences(a: ParityRun, b: ParityRun): string[] {
  return Object.keys(a.results)
    .filter((key) => a.results[key] !== b.results[key])
    .slice(0, 20)
    .map((key) => `${key}: ${a.results[key]} vs ${b.results[key]}`);
}
