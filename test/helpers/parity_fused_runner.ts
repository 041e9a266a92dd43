/**
 * Runs a parity fixture (test/fixtures/parity_{binary_math,fused,cast}.mjs)
 * in a child process under a given backend and thread count, and compares
 * two runs key by key. Children run asynchronously: a run takes up to a
 * minute, and a blocked test worker misses vitest's own RPC deadlines.
 */
import { spawn } from 'node:child_process';
import { ROOT, fixture, lostToModuleLookup } from './child.js';

export interface ParityRun {
  backend: string;
  threads: number;
  results: Record<string, string | number>;
}

export function parityRun(name: string, env: Record<string, string>, timeoutMs = 900_000, retry = true): Promise<ParityRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture(name)], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && retry && lostToModuleLookup(stderr, name)) resolve(parityRun(name, env, timeoutMs, false));
      else if (code !== 0) reject(new Error(`${name} failed (${JSON.stringify(env)}, ${code ?? signal}): ${stderr.slice(-3000)}`));
      else resolve(JSON.parse(stdout) as ParityRun);
    });
  });
}

/** Keys whose values differ (at most 20, for the message); `skip` leaves keys out. */
export function differences(a: ParityRun, b: ParityRun, skip: (key: string) => boolean = () => false): string[] {
  const keys = new Set([...Object.keys(a.results), ...Object.keys(b.results)]);
  return [...keys]
    .filter((key) => !skip(key) && a.results[key] !== b.results[key])
    .slice(0, 20)
    .map((key) => `${key}: ${a.results[key]} vs ${b.results[key]}`);
}
