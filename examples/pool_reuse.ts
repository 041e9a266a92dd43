/**
 * python-reference.md, program 3: a pool that reuses its workers.
 *
 * Pool(3) receives 10 applyAsync tasks. Each prints its task number and the
 * id of the worker running it, sleeps a random 0–2 s, and reports how long
 * it took. Only 3 distinct worker ids appear. Then close() and join().
 *
 * Run: npx tsx examples/pool_reuse.ts [maxSleepSeconds=2]
 */
import { Pool } from 'corepool';

const maxSleep = Number(process.argv[2] ?? 2);

// Runs in a worker. `require` is available to shipped functions; the worker's
// id is its threadId (Python prints os.getpid()).
async function work(taskNumber: number, maxSeconds: number): Promise<{ taskNumber: number; worker: number; seconds: number }> {
  const worker = require('node:worker_threads').threadId as number;
  console.log(`task ${taskNumber} started on worker ${worker}`);
  const seconds = Math.random() * maxSeconds;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return { taskNumber, worker, seconds };
}

const pool = new Pool({ processes: 3 });
const results = [];
for (let i = 0; i < 10; i++) {
  results.push(
    pool.applyAsync(work, [i, maxSleep], {
      callback: ({ taskNumber, worker, seconds }) =>
        console.log(`task ${taskNumber} finished on worker ${worker} in ${seconds.toFixed(2)} s`),
    }),
  );
}
pool.close();
await pool.join();
const workers = new Set((await Promise.all(results)).map((r) => r.worker));
console.log(`distinct workers: ${workers.size}`);
