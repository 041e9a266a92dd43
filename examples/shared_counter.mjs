// Shared counter (python-reference.md, program 9).
//
//   node examples/shared_counter.mjs [workers=4] [increments=100000]
//
// Several workers add 1 to one Value('i', 0). `counter.value += 1` is a read
// followed by a write, so without the lock two workers can read the same
// number and one update is lost; under counter.getLock() the total is exact.
// SharedArray works the same way for arrays.
//
// Until corepool's Process exists this uses worker_threads directly: the
// shared objects go through encodeShared()/decodeShared(), the same path Pool
// and Process take, and arrive as the same memory and the same lock.
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { SharedArray, Value, decodeShared, encodeShared } from 'corepool';

function work({ counter, array, increments, useLock }) {
  const lock = useLock ? counter.getLock() : null;
  for (let i = 0; i < increments; i++) {
    lock?.acquireSync(); // in a worker the blocking form is fine
    counter.value += 1;
    lock?.release();
  }
  if (array) {
    const arrayLock = array.getLock();
    for (let i = 0; i < increments; i++) {
      arrayLock.acquireSync();
      for (let j = 0; j < array.length; j++) array[j] += 1;
      arrayLock.release();
    }
  }
}

async function run(workers, shared) {
  const exits = [];
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(new URL(import.meta.url), { workerData: encodeShared(shared) });
    exits.push(new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject)));
  }
  await Promise.all(exits);
}

async function main() {
  const workers = Number(process.argv[2] ?? 4);
  const increments = Number(process.argv[3] ?? 100_000);
  const expected = workers * increments;

  const unlocked = Value('i', 0);
  await run(workers, { counter: unlocked, increments, useLock: false });
  const lost = expected - unlocked.value;
  console.log(`without the lock: ${unlocked.value} (expected ${expected}; ${lost} updates lost)`);

  const locked = Value('i', 0);
  const array = SharedArray('i', 3);
  await run(workers, { counter: locked, array, increments, useLock: true });
  console.log(`with the lock: ${locked.value} (expected ${expected})`);
  console.log(`SharedArray under its lock: [${[...array].join(', ')}]`);
}

if (isMainThread) await main();
else work(decodeShared(workerData));
