/**
 * python-reference.md, program 5: errors inside workers.
 *
 * 1. Marker variant: the worker catches its own error and returns a marker,
 *    so one failing item does not lose the results of the others.
 * 2. Uncaught variant: the caller gets the original error (class, message,
 *    the worker's stack), and nothing hangs.
 *
 * Run: npx tsx examples/pool_errors.ts
 */
import { Pool } from 'corepool';

function risky(x: number): number {
  // Declared inside, so the function stays self-contained.
  class ValueError extends Error {
    override name = 'ValueError';
  }
  if (x === 3) throw new ValueError(`cannot handle ${x}`);
  return 10 / x;
}

function safe(x: number): { ok: true; value: number } | { ok: false; error: string } {
  try {
    if (x === 3) throw new Error(`cannot handle ${x}`);
    return { ok: true, value: 10 / x };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const pool = new Pool({ processes: 2 });

console.log('marker variant:');
for (const [i, r] of (await pool.map(safe, [1, 2, 3, 4])).entries()) {
  console.log(r.ok ? `  item ${i + 1}: ${r.value}` : `  item ${i + 1}: error marker (${r.error})`);
}

console.log('uncaught variant:');
try {
  await pool.map(risky, [1, 2, 3, 4]);
} catch (error) {
  const e = error as Error;
  console.log(`  caught ${e.name}: ${e.message}`);
  console.log(`  worker stack: ${e.stack?.split('\n')[1]?.trim()}`);
}
console.log('pool still works:', await pool.apply((a: number, b: number) => a + b, [2, 3]));
pool.close();
await pool.join();
