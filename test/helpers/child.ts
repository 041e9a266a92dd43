/**
 * Runs child processes for tests without blocking the test worker. A
 * spawnSync blocks the worker's event loop for as long as the child runs,
 * and vitest's RPC then times out on a busy machine (`Timeout calling
 * "onTaskUpdate"`, issue 10 finding 11), so every helper here is async.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be started (ENOENT…). */
  error?: Error;
}

export interface RunOptions {
  cwd?: string;
  /** Added to process.env. */
  env?: Record<string, string>;
  /** SIGKILL after this many ms (the result then has signal 'SIGKILL'). */
  timeoutMs?: number;
  input?: string;
}

/**
 * True when a child died because Node could not find a module that exists:
 * one CI run lost a parity child that way (`Cannot find module
 * …/dist/index.js`) while dist/ was in place for every other child before
 * and after. Such a child ran none of the test's code, so one more start is
 * safe; the retry is reported on stderr so that a recurrence stays visible.
 */
export function lostToModuleLookup(stderr: string, command: string): boolean {
  const file = /\[ERR_MODULE_NOT_FOUND\]: Cannot find module '([^']+)'/.exec(stderr)?.[1];
  if (file === undefined || !existsSync(file)) return false;
  console.warn(`[test helper] ${command} could not find ${file}, which exists; starting it once more`);
  return true;
}

/** Runs `command args` to its end, collecting its output; never rejects, never hangs past `timeoutMs`. */
export async function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<ChildResult> {
  const result = await runOnce(command, args, options);
  if (result.status !== 0 && lostToModuleLookup(result.stderr, [command, ...args].join(' '))) return runOnce(command, args, options);
  return result;
}

function runOnce(command: string, args: readonly string[], options: RunOptions): Promise<ChildResult> {
  const { cwd = ROOT, env = {}, timeoutMs = 300_000, input } = options;
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, signal: null, stdout, stderr, error });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a child that exits before reading its input
    child.stdin.end(input);
  });
}

/** Runs `node [nodeArgs] script args` from the repo root; never hangs past `timeoutMs`. */
export function runNode(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  timeoutMs = 60_000,
): Promise<ChildResult> {
  return run(process.execPath, [...nodeArgs, script, ...args], { env, timeoutMs });
}

/** {@link runNode} with the longer default timeout the parity grids need. */
export function runNodeAsync(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
  nodeArgs: string[] = [],
): Promise<ChildResult> {
  return runNode(script, args, env, nodeArgs, timeoutMs);
}
