/**
 * python-reference.md, program 1: five processes in parallel.
 *
 * Five workers each print "Worker i starting", sleep, then print
 * "Worker i finished". The main program starts all five, joins them, and
 * prints "All workers finished". They run in parallel, so the whole run takes
 * about one sleep, not five.
 *
 * Run: npx tsx examples/processes.ts [sleepSeconds=2]
 */
import { Process } from 'corepool';

const sleepSeconds = Number(process.argv[2] ?? 2);

// Runs in its own worker thread; it must be self-contained (no outer variables).
async function worker(i: number, seconds: number): Promise<void> {
  console.log(`Worker ${i} starting`);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  console.log(`Worker ${i} finished`);
}

const started = performance.now();
const processes: Process[] = [];
for (let i = 0; i < 5; i++) {
  const p = new Process({ target: worker, args: [i, sleepSeconds] });
  processes.push(p);
  p.start();
}
for (const p of processes) await p.join();
console.log('All workers finished');
console.log(`elapsed: ${((performance.now() - started) / 1000).toFixed(2)} s`);
