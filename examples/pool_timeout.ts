/**
 * python-reference.md, program 4: map_async with a timeout.
 *
 * Python:
 *     result = pool.map_async(slow, range(4))
 *     result.get(timeout=1)   # raises multiprocessing.TimeoutError
 *
 * get(timeoutMs) rejects with TimeoutError instead of hanging; the work goes
 * on, and the pool stays usable.
 *
 * Run: npx tsx examples/pool_timeout.ts [workMs=1000] [timeoutMs=100]
 */
import { Pool, TimeoutError } from 'corepool';

const workMs = Number(process.argv[2] ?? 1000);
const timeoutMs = Number(process.argv[3] ?? 100);

async function slowSquare(x: number, ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return x * x;
}

const pool = new Pool({ processes: 2 });
const result = pool.starmapAsync(
  slowSquare,
  [0, 1, 2, 3].map((x) => [x, workMs] as [number, number]),
);
try {
  await result.get(timeoutMs);
  console.log('finished in time (unexpected)');
} catch (error) {
  if (!(error instanceof TimeoutError)) throw error;
  console.log(`TimeoutError after ${timeoutMs} ms: ${error.message}`);
}
console.log('ready:', result.ready());
console.log('still usable:', await pool.map((x: number) => x + 1, [1, 2, 3]));
console.log('the slow work completes:', await result.get());
pool.close();
await pool.join();
