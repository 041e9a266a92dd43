/**
 * python-reference.md, program 7: Queue producer and consumer.
 *
 * Part 1: one Process puts items and another gets them, in FIFO order; put
 * and get with timeouts raise Full and Empty.
 * Part 2 (Python's Pool variant): a writer puts the characters of
 * "helloworld" and a reader gets them, both started through a Pool with a
 * plain Queue. Python needs Manager().Queue() for that; a corepool Queue is
 * shared memory, so it can be passed to Pool tasks directly.
 *
 * Run: npx tsx examples/queue.ts [items=5]
 */
import { Empty, Full, Pool, Process, Queue } from 'corepool';

const items = Number(process.argv[2] ?? 5);

// Both run in their own worker, where the blocking forms (putSync/getSync) are fine.
function producer(q: Queue, n: number): void {
  for (let i = 0; i < n; i++) {
    q.putSync(`item ${i}`, { timeout: 5000 });
    console.log(`produced item ${i}`);
  }
  q.putSync(null); // sentinel: no more items
}

function consumer(q: Queue, out: Queue): void {
  const got: unknown[] = [];
  for (;;) {
    const item = q.getSync({ timeout: 5000 });
    if (item === null) break;
    got.push(item);
  }
  out.putSync(got);
}

const q = new Queue(2); // small maxsize: the producer waits for the consumer (backpressure)
const out = new Queue();
const ps = [new Process({ target: producer, args: [q, items] }), new Process({ target: consumer, args: [q, out] })];
for (const p of ps) p.start();
for (const p of ps) await p.join();
console.log('consumed in order:', JSON.stringify(await out.get()));

// Timeouts: put on a full queue raises Full, get on an empty one raises Empty.
const small = new Queue(1);
await small.put('only');
try {
  await small.put('one too many', { timeout: 50 });
} catch (error) {
  console.log(`put timed out: ${error instanceof Full ? 'Full' : String(error)}`);
}
await small.get();
try {
  await small.get({ timeout: 50 });
} catch (error) {
  console.log(`get timed out: ${error instanceof Empty ? 'Empty' : String(error)}`);
}

// The Pool variant, with a plain Queue.
function writer(queue: Queue, text: string): void {
  for (const ch of text) queue.putSync(ch);
}
function reader(queue: Queue, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += queue.getSync({ timeout: 5000 }) as string;
  return s;
}
await using pool = new Pool({ processes: 2 });
const text = 'helloworld';
const shared = new Queue();
const [, read] = await Promise.all([pool.apply(writer, [shared, text]), pool.apply(reader, [shared, text.length])]);
console.log(`pool reader got: ${read}`);
