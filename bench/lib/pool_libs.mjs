/**
 * One small adapter per pool library, so bench/pool.mjs runs the same five
 * scenarios on each: start(), apply(name, arg) (one unbatched task),
 * map(input) (x => x + 1 over an array, chunked as CPython's Pool.map does:
 * ceil(n / (4 × workers)) items per task, for the libraries without a map)
 * and close(). corepool ships the function itself; the others run named
 * exports of a worker file. call(task, arg) runs a task those worker files do
 * not define (bench/pool_sched.mjs's spin): task = { name, fn, url }, fn
 * self-contained and exported as `name` by the module at `url`. corepool and
 * workerpool ship fn's source, piscina and tinypool import url in the worker,
 * poolifier registers fn once per pool with addTaskFunction.
 */
import { Pool } from 'corepool';
import { setTimeout as delay } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { FixedThreadPool } from 'poolifier';
import Tinypool from 'tinypool';
import workerpool from 'workerpool';
import { work } from './pool_fns.mjs';

const FNS = new URL('./pool_fns.mjs', import.meta.url);
const WP_WORKER = new URL('./pool_workerpool_worker.cjs', import.meta.url).pathname;
const PF_WORKER = new URL('./pool_poolifier_worker.mjs', import.meta.url).pathname;
const fns = { inc: (x) => x + 1, touch: (a) => a.length, work };

function chunks(input, workers) {
  const size = Math.ceil(input.length / (4 * workers));
  const out = [];
  for (let i = 0; i < input.length; i += size) out.push(input.slice(i, i + size));
  return out;
}

async function chunkedMap(run, input, workers) {
  const parts = await Promise.all(chunks(input, workers).map((c) => run(c)));
  return parts.flat();
}

/**
 * poolifier 5.3.2's destroy() sometimes never settles on a pool that has just
 * run its first task (the start-up scenario: Node then exits with code 13, an
 * unsettled top-level await, and the whole bench is lost). Bounded here; after
 * 2 s the worker threads are terminated directly.
 */
async function closePoolifier(pool) {
  const destroyed = await Promise.race([pool.destroy().then(() => true), delay(2000).then(() => false)]);
  if (!destroyed) await Promise.all(pool.workerNodes.map((node) => node.worker.terminate()));
}

export const LIBRARIES = {
  corepool: (workers) => {
    const pool = new Pool({ processes: workers });
    return {
      apply: (name, arg) => pool.applyAsync(fns[name], [arg]),
      map: (input) => pool.map(fns.inc, input),
      call: (task, arg) => pool.applyAsync(task.fn, [arg]),
      close: () => pool.terminate(),
    };
  },
  piscina: (workers) => {
    const pool = new Piscina({ filename: FNS.href, minThreads: workers, maxThreads: workers });
    return {
      apply: (name, arg) => pool.run(arg, { name }),
      map: (input) => chunkedMap((c) => pool.run(c, { name: 'incChunk' }), input, workers),
      call: (task, arg) => pool.run(arg, { filename: task.url.href, name: task.name }),
      close: () => pool.destroy(),
    };
  },
  tinypool: (workers) => {
    const pool = new Tinypool({ filename: FNS.href, minThreads: workers, maxThreads: workers });
    return {
      apply: (name, arg) => pool.run(arg, { name }),
      map: (input) => chunkedMap((c) => pool.run(c, { name: 'incChunk' }), input, workers),
      call: (task, arg) => pool.run(arg, { filename: task.url.href, name: task.name }),
      close: () => pool.destroy(),
    };
  },
  workerpool: (workers) => {
    const pool = workerpool.pool(WP_WORKER, { minWorkers: workers, maxWorkers: workers, workerType: 'thread' });
    return {
      apply: (name, arg) => pool.exec(name, [arg]),
      map: (input) => chunkedMap((c) => pool.exec('incChunk', [c]), input, workers),
      call: (task, arg) => pool.exec(task.fn, [arg]),
      close: () => pool.terminate(),
    };
  },
  poolifier: (workers) => {
    // Fixed size like the others; events off, as nothing here listens to them.
    const pool = new FixedThreadPool(workers, PF_WORKER, { enableEvents: false });
    const added = new Map();
    return {
      apply: (name, arg) => pool.execute(arg, name),
      map: (input) => chunkedMap((c) => pool.execute(c, 'incChunk'), input, workers),
      call: async (task, arg) => {
        if (!added.has(task.name)) added.set(task.name, pool.addTaskFunction(task.name, task.fn));
        await added.get(task.name);
        return pool.execute(arg, task.name);
      },
      close: () => closePoolifier(pool),
    };
  },
};
