// The issue-14 scheduling scenarios: how corepool's Pool and Executor place
// blocking tasks on 2 warm workers, side by side in the same run with
// piscina, tinypool, workerpool, poolifier and Python's ProcessPoolExecutor.
// Usage: npm run build:ts && node bench/pool_sched.mjs [--rounds 3] [--quick] [--no-python]
// --quick: the result-latency scenario's long task is 1000 ms instead of 3000.
// With COREPOOL_BENCH_JSON=<file> it also writes the figures there as JSON.
//
// Every task busy-waits (blocks its worker) for its length in ms. Each figure
// is the round with the lowest makespan (the first result, for the latency
// scenario) among those taken while other processes kept < 0.25 cores busy
// (LoadMonitor), or the lowest of all rounds, with its load, when none was quiet.
//
// This file is also the module piscina and tinypool import `spin` from in
// their workers: the bench itself only runs when this file is the entry script.
import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { LoadMonitor, machineInfo } from './lib/machine.mjs';

/** The blocking task: busy-waits `ms` ms. Self-contained: corepool, workerpool and poolifier ship its source. */
export function spin(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: the worker is blocked, as a CPU-bound task blocks it
  }
  return ms;
}

/** spin that first counts its run in runs[i] (an Int32Array on a SharedArrayBuffer). */
function countedSpin(runs, i, ms) {
  Atomics.add(runs, i, 1);
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
  return i;
}

const SPIN = { name: 'spin', fn: spin, url: new URL(import.meta.url) };
const arg = (name) => process.argv.indexOf(name);
const ROUNDS = Number(process.argv[arg('--rounds') + 1]) || 3;
const QUICK = process.argv.includes('--quick');
const QUIET = 0.25;
const WORKERS = 2;
const LONG = QUICK ? 1000 : 3000;
const CANCEL = { tasks: 10, ms: 100, wait: 20, cancel: [2, 8] }; // futures #3 and #9 (1-based)

/** 64 integer lengths uniform in 1..40 ms from a fixed seed (mulberry32), the same list for every library. */
function randomLengths(n, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => 1 + Math.floor(next() * 40));
}

/** Optimal makespan of integer lengths on 2 identical machines: subset-sum DP, best split min max(part, total - part). */
function ideal2(lengths) {
  const total = lengths.reduce((a, b) => a + b, 0);
  const reach = new Uint8Array(total + 1);
  reach[0] = 1;
  for (const len of lengths) for (let s = total; s >= len; s--) if (reach[s - len]) reach[s] = 1;
  let best = total;
  for (let s = 0; s <= total; s++) if (reach[s]) best = Math.min(best, Math.max(s, total - s));
  return best;
}

const LISTS = {
  a: [300, 50, 150],
  b: [300, 50, 50, 50, 50],
  c: randomLengths(64, 14),
};
const IDEAL_C = ideal2(LISTS.c);

/** Lowest-`value` round, quiet rounds first; each round is { value, foreign, ... }. */
function best(rounds) {
  const quiet = rounds.filter((r) => r.foreign < QUIET);
  return (quiet.length > 0 ? quiet : rounds).reduce((a, b) => (b.value < a.value ? b : a));
}

async function rounds(once) {
  const out = [];
  for (let r = 0; r < ROUNDS; r++) {
    const load = new LoadMonitor();
    const round = await once();
    out.push({ ...round, foreign: load.stop().foreignCores });
  }
  return best(out);
}

/** Submits every length at once; each task's completion (ms from submission) and the makespan. */
async function completion(lib, lengths) {
  const t0 = performance.now();
  const done = await Promise.all(lengths.map((ms) => lib.call(SPIN, ms).then(() => performance.now() - t0)));
  return { done, value: Math.max(...done) };
}

/** Scenarios 1-3 on one pool of 2 workers, started and with spin run on both before timing. */
async function scheduling(make) {
  const lib = make(WORKERS);
  await Promise.all([lib.apply('inc', 1), lib.apply('inc', 2)]);
  for (let i = 0; i < 3; i++) await Promise.all([lib.call(SPIN, 20), lib.call(SPIN, 20)]);
  const row = {};
  for (const [key, lengths] of Object.entries(LISTS)) row[key] = await rounds(() => completion(lib, lengths));
  await lib.close();
  return row;
}

/** Scenario 4 on a pool of 1: a 0 ms task, then at once a LONG one; when each resolves. */
async function latency(make, warmFn) {
  const lib = make(1);
  for (let i = 0; i < 3; i++) await lib.apply('inc', i);
  if (warmFn) for (let i = 0; i < 20; i++) await lib.call(SPIN, 0);
  const t0 = performance.now();
  const first = lib.call(SPIN, 0).then(() => performance.now() - t0);
  const second = lib.call(SPIN, LONG).then(() => performance.now() - t0);
  const [value, long] = await Promise.all([first, second]);
  await lib.close();
  return { value, long };
}

/** Scenario 5: Executor(2), spin warm; 10 × 100 ms, cancel #3 and #9 after 20 ms. */
async function cancelRound(Executor) {
  const ex = new Executor({ maxWorkers: WORKERS });
  const warmRuns = new Int32Array(new SharedArrayBuffer(4 * WORKERS));
  for (let i = 0; i < 3; i++) await Promise.all([ex.submit(countedSpin, warmRuns, 0, 5), ex.submit(countedSpin, warmRuns, 1, 5)]);
  const runs = new Int32Array(new SharedArrayBuffer(4 * CANCEL.tasks));
  const t0 = performance.now();
  const futures = Array.from({ length: CANCEL.tasks }, (_, i) => ex.submit(countedSpin, runs, i, CANCEL.ms));
  await delay(CANCEL.wait);
  const returned = CANCEL.cancel.map((i) => futures[i].cancel());
  const settled = await Promise.allSettled(futures);
  const value = performance.now() - t0;
  await ex.shutdown();
  return {
    value,
    returned,
    cancelled: CANCEL.cancel.map((i) => futures[i].cancelled() && settled[i].reason?.name === 'CancelledError'),
    runs: [...runs],
  };
}

function python() {
  if (process.argv.includes('--no-python')) return undefined;
  try {
    const script = fileURLToPath(new URL('./lib/pool_sched_python.py', import.meta.url));
    const load = new LoadMonitor();
    const input = JSON.stringify({ rounds: ROUNDS, lists: LISTS, cancel: CANCEL });
    const out = JSON.parse(execFileSync('python3', [script], { input, encoding: 'utf8', timeout: 600_000 }));
    const foreign = load.stop().foreignCores;
    const pick = (rs) => best(rs.map((r) => ({ ...r, value: r.makespan, foreign })));
    const row = Object.fromEntries(Object.entries(out.lists).map(([key, rs]) => [key, pick(rs)]));
    row.cancel = pick(out.cancel);
    row.cancelAll = out.cancel;
    return row;
  } catch (error) {
    console.error(`python3 ProcessPoolExecutor skipped: ${error.message}`);
    return undefined;
  }
}

const fmt = (v) => (v === undefined ? '–' : v.toFixed(1));
const load = (r) => (r === undefined ? '–' : r.foreign.toFixed(2));
const metLine = (ok, what) => console.log(`\ncorepool: target ${ok ? 'met' : 'missed'} (${what}).\n`);

function printCompletion(title, key, results, targets) {
  const lengths = LISTS[key];
  console.log(`#### ${title}\n`);
  console.log(
    `| library | ${lengths.map((ms, i) => `#${i + 1} (${ms} ms) done`).join(' | ')} | makespan | ${targets.head} | other load (cores) |`,
  );
  console.log(`|---|${lengths.map(() => '---|').join('')}---|---|---|`);
  for (const [name, row] of Object.entries(results)) {
    const r = row[key];
    if (r === undefined) continue;
    console.log(`| ${name} | ${r.done.map(fmt).join(' | ')} | ${fmt(r.value)} | ${targets.cell(r)} | ${load(r)} |`);
  }
}

async function main() {
  const { LIBRARIES } = await import('./lib/pool_libs.mjs');
  const { Executor } = await import('../dist/index.js');
  const results = {};
  for (const [name, make] of Object.entries(LIBRARIES)) results[name] = await scheduling(make);
  const lat = {};
  for (const [name, make] of Object.entries(LIBRARIES)) {
    lat[name] = { cold: await rounds(() => latency(make, false)), warm: await rounds(() => latency(make, true)) };
  }
  const cancel = { corepool: await rounds(() => cancelRound(Executor)) };
  const py = python();
  if (py !== undefined) {
    results['python ProcessPoolExecutor'] = py;
    cancel['python ProcessPoolExecutor'] = py.cancel;
  }

  const m = machineInfo();
  console.log(
    `\nMachine: ${m.cpuModel}, ${m.nproc} cores, Node ${m.node}, load average ${m.loadavg.map((l) => l.toFixed(2)).join(' ')}; ${WORKERS} warm workers, ${ROUNDS} rounds, best round (lowest makespan) among the quiet ones (other processes < ${QUIET} cores). Times are ms from submission.\n`,
  );
  const a = results.corepool.a;
  printCompletion('1. [300, 50, 150] ms at once', 'a', results, {
    head: '50 ms task ÷ 60 / makespan ÷ 310',
    cell: (r) => `${(r.done[1] / 60).toFixed(2)} / ${(r.value / 310).toFixed(2)}`,
  });
  metLine(a.done[1] <= 60 && a.value <= 310, `50 ms task done at ${fmt(a.done[1])} ms, target 60; all at ${fmt(a.value)} ms, target 310`);
  const b = results.corepool.b;
  printCompletion('2. [300, 50, 50, 50, 50] ms at once', 'b', results, {
    head: 'makespan ÷ 310',
    cell: (r) => (r.value / 310).toFixed(2),
  });
  metLine(b.value <= 310, `all done at ${fmt(b.value)} ms, target 310`);

  const total = LISTS.c.reduce((x, y) => x + y, 0);
  console.log(`#### 3. 64 tasks of 1–40 ms (seed 14, ${total} ms of work): makespan vs the optimal 2-machine schedule, ${IDEAL_C} ms\n`);
  console.log('| library | makespan | ÷ ideal (target ≤ 1.05) | other load (cores) |');
  console.log('|---|---|---|---|');
  for (const [name, row] of Object.entries(results)) {
    console.log(`| ${name} | ${fmt(row.c.value)} | ${(row.c.value / IDEAL_C).toFixed(3)} | ${load(row.c)} |`);
  }
  const c = results.corepool.c.value / IDEAL_C;
  metLine(c <= 1.05, `${c.toFixed(3)} × ideal, target 1.05`);

  console.log(`#### 4. Result latency, pool of 1 warm worker: a 0 ms task, then at once a ${LONG} ms task\n`);
  console.log(
    `| library | 0 ms task done, spin not run before | ${LONG} ms task done | 0 ms task done, spin warmed by 20 runs | ${LONG} ms task done | other load (cores) |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(lat)) {
    console.log(
      `| ${name} | ${fmt(r.cold.value)} | ${fmt(r.cold.long)} | ${fmt(r.warm.value)} | ${fmt(r.warm.long)} | ${load(r.cold)} / ${load(r.warm)} |`,
    );
  }
  const l = lat.corepool;
  metLine(l.cold.value <= 2 && l.warm.value <= 2, `first result at ${fmt(l.cold.value)} ms cold, ${fmt(l.warm.value)} ms warmed; target 2`);

  console.log(
    `#### 5. Future.cancel: Executor of 2 workers (spin warm), ${CANCEL.tasks} × ${CANCEL.ms} ms submitted, cancel() on #3 and #9 (the 3rd and 9th submitted) after ${CANCEL.wait} ms\n`,
  );
  console.log(
    '| library | cancel(#3) returned | cancel(#9) returned | cancelled futures | runs of each task #1–#10 | all done (ms) | other load (cores) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(cancel)) {
    console.log(
      `| ${name} | ${r.returned[0]} | ${r.returned[1]} | ${r.cancelled.map((x, i) => `#${CANCEL.cancel[i] + 1} ${x ? 'yes' : 'no'}`).join(', ')} | ${r.runs.join(' ')} | ${fmt(r.value)} | ${load(r)} |`,
    );
  }
  const k = cancel.corepool;
  const cancelled = CANCEL.cancel.filter((_, j) => k.cancelled[j]);
  const neverRan = cancelled.every((i) => k.runs[i] === 0);
  metLine(
    k.returned.every(Boolean) && k.cancelled.every(Boolean) && neverRan,
    `cancel() returned ${k.returned.map((r, j) => `${r} for #${CANCEL.cancel[j] + 1}`).join(', ')}; ` +
      `${cancelled.length === 0 ? 'none was cancelled' : `the cancelled ${cancelled.map((i) => `#${i + 1}`).join(', ')} ${neverRan ? 'never ran' : 'ran all the same'}`}`,
  );
  console.log(
    '"other load" is how many cores other processes kept busy during the round shown (for Python: its whole run). "runs" counts each task\'s starts.',
  );

  if (process.env.COREPOOL_BENCH_JSON) {
    writeFileSync(
      process.env.COREPOOL_BENCH_JSON,
      JSON.stringify({
        workers: WORKERS,
        rounds: ROUNDS,
        quick: QUICK,
        quiet: QUIET,
        lists: LISTS,
        idealC: IDEAL_C,
        long: LONG,
        cancelSpec: CANCEL,
        results,
        latency: lat,
        cancel,
      }),
    );
  }
}

// Runs only as the entry script: a worker (or a script importing spin) gets the export alone.
if (isMainThread && process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
