/**
 * python-reference.md, program 9: shared counter, with Process.
 *
 * Several processes add 1 to one Value('i', 0). `counter.value += 1` is a
 * read followed by a write, so without the lock two processes can read the
 * same number and one update is lost; under counter.getLock() the total is
 * exact. SharedArray works the same way for arrays.
 * (examples/shared_counter.mjs is the same program on bare worker_threads.)
 *
 * Run: npx tsx examples/shared_counter.ts [processes=4] [increments=100000]
 */
import { Barrier, Process, SharedArray, Value } from 'corepool';

const workers = Number(process.argv[2] ?? 4);
const increments = Number(process.argv[3] ?? 100_000);
const expected = workers * increments;

type Counter = ReturnType<typeof Value<'i'>>;
type Ints = ReturnType<typeof SharedArray<'i'>>;

function work(counter: Counter, array: Ints | null, n: number, useLock: boolean, start: Barrier): void {
  start.waitSync(); // all start together, so the race is real
  const lock = useLock ? counter.getLock() : null;
  for (let i = 0; i < n; i++) {
    lock?.acquireSync(); // in a worker the blocking form is fine
    counter.value += 1;
    lock?.release();
  }
  if (array === null) return;
  const arrayLock = array.getLock();
  for (let i = 0; i < n; i++) {
    arrayLock.acquireSync();
    for (let j = 0; j < array.length; j++) array[j]! += 1;
    arrayLock.release();
  }
}

async function run(counter: Counter, array: Ints | null, useLock: boolean): Promise<void> {
  const start = new Barrier(workers);
  const ps = Array.from({ length: workers }, () => new Process({ target: work, args: [counter, array, increments, useLock, start] }));
  for (const p of ps) p.start();
  for (const p of ps) await p.join();
}

const unlocked = Value('i', 0);
await run(unlocked, null, false);
console.log(`without the lock: ${unlocked.value} (expected ${expected}; ${expected - unlocked.value} updates lost)`);

const locked = Value('i', 0);
const array = SharedArray('i', 3);
await run(locked, array, true);
console.log(`with the lock: ${locked.value} (expected ${expected})`);
console.log(`SharedArray under its lock: [${[...array].join(', ')}]`);
