/**
 * The machine's read bandwidth: bench/baseline/read_bw.cc, compiled here with
 * g++ -O3 into a temporary directory (it is never installed or shipped). If
 * g++ is missing or the build fails, the result is { skipped: reason } and
 * the targets that depend on it are reported as "not measured".
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child.mjs';

const SOURCE = fileURLToPath(new URL('../baseline/read_bw.cc', import.meta.url));
const BASE_FLAGS = ['-O3', '-std=c++17', '-pthread'];

/** Compiles read_bw.cc; returns { dir, exe, flags } or { skipped }. */
export function buildBaseline() {
  if (spawnSync('g++', ['--version']).error !== undefined) return { skipped: 'g++ not found' };
  const dir = mkdtempSync(join(tmpdir(), 'corepool-bench-'));
  const exe = join(dir, 'read_bw');
  // -march=native lets the baseline use the widest vectors this CPU has, so
  // it is the best a plain loop can do here; retry without it for old compilers.
  for (const flags of [[...BASE_FLAGS, '-march=native'], BASE_FLAGS]) {
    const built = spawnSync('g++', [...flags, SOURCE, '-o', exe], { encoding: 'utf8' });
    if (built.status === 0) return { dir, exe, flags: flags.join(' ') };
  }
  rmSync(dir, { recursive: true, force: true });
  return { skipped: 'g++ could not compile bench/baseline/read_bw.cc' };
}

/** Runs the compiled baseline over `elements` float64; resolves with its JSON. */
export async function runBaseline(build, elements, reps = 20) {
  if (build.skipped !== undefined) return { skipped: build.skipped };
  const result = await runJsonChild(build.exe, [String(elements), String(reps)]);
  return { ...result, flags: build.flags };
}

/** Removes the temporary build directory. */
export function cleanBaseline(build) {
  if (build.dir !== undefined) rmSync(build.dir, { recursive: true, force: true });
}

/**
 * Starts read_bw --serve: a baseline process that keeps its arrays and runs
 * one timed pass per request, so passes can be interleaved with corepool
 * calls. Resolves once its arrays are built and warmed.
 */
export function startBaselineServer(exe, elements) {
  const child = spawn(exe, ['--serve', String(elements)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const ask = async (command) => {
    const answer = next();
    child.stdin.write(`${command}\n`);
    return Number(await answer) * 1e9;
  };
  return next().then((ready) => {
    if (ready !== 'ready') throw new Error(`read_bw --serve said '${ready}'`);
    return {
      /** ns for one all-core pass over the 1-array read. */
      read: () => ask('read'),
      /** ns for one all-core pass over the 2-array dot. */
      dot: () => ask('dot'),
      close: () => {
        child.stdin.end('quit\n');
        lines.close();
      },
    };
  });
}
