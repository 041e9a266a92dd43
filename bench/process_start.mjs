// Issue 14 point 6: where a thread Process's start-up goes, and Python's fork start beside it.
// Usage: npm run build:ts && node bench/process_start.mjs [--rounds 10] [--no-python]
//
// Rows: a bare worker_threads Worker to its first message (the floor under any thread Process);
// a Process start + join of a no-op, cold (a fresh program: no spare worker yet), warm (a spare
// worker was started ahead by the previous Process and had time to load) and back to back (the
// next start right after the previous join, so the spare is still loading); a warm Pool's first
// result for a function it has not seen. Medians over the rounds, with the load other processes
// put on the machine (LoadMonitor).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool, Process } from '../dist/index.js';
import { LoadMonitor } from './lib/machine.mjs';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function bareWorker() {
  const t0 = performance.now();
  const w = new Worker('require("node:worker_threads").parentPort.postMessage(0)', { eval: true });
  await new Promise((r) => w.once('message', r));
  const ms = performance.now() - t0;
  await w.terminate();
  return ms;
}

async function startJoin() {
  const t0 = performance.now();
  const p = new Process({ target: () => {} });
  p.start();
  await p.join();
  return performance.now() - t0;
}

/** A cold start: a fresh Node program's first Process (its own start-up not counted). */
function coldStart() {
  const script = `import { Process } from './dist/index.js';
    const t0 = performance.now(); const p = new Process({ target: () => {} }); p.start(); await p.join();
    console.log(performance.now() - t0);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

async function newFunctionOnWarmPool(pool, i) {
  const fn = new Function(`return (x) => x + ${i}`)();
  const t0 = performance.now();
  await pool.apply(fn, [1]);
  return performance.now() - t0;
}

const rows = [];
async function row(name, once) {
  const load = new LoadMonitor();
  const values = [];
  for (let i = 0; i < ROUNDS; i++) values.push(await once(i));
  rows.push([name, median(values), Math.min(...values), load.stop().foreignCores]);
}

await row('bare Worker → first message', bareWorker);
await row('Process start + join, cold (first in a program)', () => coldStart());
await startJoin();
await row('Process start + join, warm (100 ms since the last)', async () => {
  await sleep(100);
  return startJoin();
});
await row('Process start + join, back to back', () => startJoin());
const pool = new Pool({ processes: 2 });
await pool.apply((x) => x, [0]);
await row('warm Pool, first result of a new function', (i) => newFunctionOnWarmPool(pool, i));
await pool.terminate();

if (!process.argv.includes('--no-python')) {
  const py = `
import multiprocessing as mp, time, statistics
def noop(): pass
if __name__ == '__main__':
    for method in ('fork', 'spawn'):
        ctx = mp.get_context(method); ts = []
        for _ in range(${ROUNDS}):
            t0 = time.perf_counter(); p = ctx.Process(target=noop); p.start(); p.join(); ts.append((time.perf_counter() - t0) * 1000)
        print(method, statistics.median(ts), min(ts))`;
  // A file, not -c: spawn's children import the main module to find `noop`.
  const file = join(mkdtempSync(join(tmpdir(), 'corepool-start-')), 'start.py');
  writeFileSync(file, py);
  for (const line of execFileSync('python3', [file], { encoding: 'utf8' }).trim().split('\n')) {
    const [method, med, min] = line.split(' ');
    rows.push([`Python Process start + join (${method})`, Number(med), Number(min), NaN]);
  }
}

console.log(`| ${ROUNDS} rounds | median ms | best ms | other processes (cores) |\n|---|---|---|---|`);
for (const [name, med, min, load] of rows)
  console.log(`| ${name} | ${med.toFixed(1)} | ${min.toFixed(1)} | ${Number.isNaN(load) ? '-' : load.toFixed(2)} |`);
