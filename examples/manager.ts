/**
 * python-reference.md, program 10: Manager.
 *
 * A Manager() dict and list are mutated by several pool workers and end in
 * the expected state. The dict and list live on the main thread; the workers
 * reach them through proxies (blocking `…Sync` calls are fine in a worker).
 * As in Python, a nested object read from a proxy is a copy: changing it
 * changes nothing until it is set back.
 *
 * Run: npx tsx examples/manager.ts [tasks=8]
 */
import { Manager, Pool, type DictProxy, type ListProxy } from 'corepool';

const tasks = Number(process.argv[2] ?? 8);

function work(d: DictProxy<number, number>, l: ListProxy<number>, i: number): void {
  d.setSync(i, i * i);
  l.appendSync(i);
}

await using manager = Manager();
const d = manager.dict<number, number>();
const l = manager.list<number>();
await using pool = new Pool({ processes: 4 });
await pool.starmap(
  work,
  Array.from({ length: tasks }, (_, i) => [d, l, i] as [typeof d, typeof l, number]),
);

const entries = (await d.items()).sort((a, b) => a[0] - b[0]);
console.log('dict:', JSON.stringify(Object.fromEntries(entries)));
console.log('list (sorted):', JSON.stringify((await l.copy()).sort((a, b) => a - b)));
console.log('list length:', await l.len());

// Mutation semantics: a nested object read through a proxy is a copy.
const cfg = manager.dict<string, { retries: number }>({ net: { retries: 1 } });
const net = (await cfg.get('net'))!;
net.retries = 5; // changes the local copy only
console.log('after mutating the copy:', (await cfg.get('net'))!.retries);
await cfg.set('net', net); // set it back to change the managed value
console.log('after setting it back:', (await cfg.get('net'))!.retries);

const ns = manager.Namespace({ x: 1 });
await pool.apply((n: typeof ns) => n.setSync('x', (n.getSync('x') as number) + 41), [ns]);
console.log('namespace x:', await ns.get('x'));
