/**
 * python-reference.md, program 2: Pool.map.
 *
 * Python:
 *     def square(x): return x * x
 *     with Pool(4) as pool:
 *         print(pool.map(square, [1, 2, 3, 4, 5]))
 *
 * Run: npx tsx examples/pool_map.ts
 */
import { Pool } from 'corepool';

// A self-contained function: it is sent to the workers as source.
function square(x: number): number {
  return x * x;
}

// The `with` form: leaving the block closes the pool and waits for it
// (close() + join(); Python's with-exit calls terminate()).
{
  await using pool = new Pool({ processes: 4 });
  console.log('with:', await pool.map(square, [1, 2, 3, 4, 5]));
}

// The close()/join() form.
const pool = new Pool({ processes: 4 });
const result = await pool.map(square, [1, 2, 3, 4, 5]);
pool.close();
await pool.join();
console.log('close/join:', result);
