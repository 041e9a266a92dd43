/**
 * python-reference.md, program 6: ProcessPoolExecutor.
 *
 * Python:
 *     def task(n): return n * n
 *     with ProcessPoolExecutor() as executor:
 *         for result in executor.map(task, range(1, 11)):
 *             print(result)
 *         future = executor.submit(task, 12)
 *         print(future.result())
 *
 * Run: npx tsx examples/executor.ts
 */
import { asCompleted, Executor } from 'corepool';

function task(n: number): number {
  return n * n;
}

const range = (start: number, stop: number): number[] => Array.from({ length: stop - start }, (_, i) => start + i);

// The `with` form: leaving the block calls shutdown({ wait: true }), which
// waits for the submitted work and the workers' exit.
{
  await using executor = new Executor({ maxWorkers: 2 });
  const results: number[] = [];
  for await (const result of executor.map(task, range(1, 11))) results.push(result);
  console.log('map:', results.join(' '));

  // The submit → future form.
  const future = executor.submit(task, 12);
  console.log('submit:', await future.result());

  // as_completed over several futures.
  const futures = range(1, 5).map((n) => executor.submit(task, n));
  const seen: number[] = [];
  for await (const done of asCompleted(futures)) seen.push(await done.result());
  console.log('as completed:', seen.sort((a, b) => a - b).join(' '));
}
console.log('after the block: the executor is shut down');
