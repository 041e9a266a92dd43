import { Pool } from 'corepool';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, run } from '../helpers/child.js';

interface PythonFacts {
  firstError: Record<string, string>;
  earlyError: string;
  imapUnordered: number[];
  imap: number[];
}

let python: PythonFacts;
beforeAll(async () => {
  const r = await run('python3', [fixture('pool_parity.py')], { timeoutMs: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  python = JSON.parse(r.stdout) as PythonFacts;
});

const failing = (x: number): number => {
  if (x === 3 || x === 7) throw new Error(`bad ${x}`);
  return x;
};
const gated = ([i, gate]: [number, Int32Array]): number => {
  if (i === 0) while (Atomics.load(gate, 0) === 0) Atomics.wait(gate, 0, 0, 50);
  return i;
};
const newGate = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));
const open = (gate: Int32Array): void => {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
};

describe('Python parity', () => {
  it.each([1, 2, 4, 10])('map raises the error of the first failing chunk (chunksize %i)', async (chunksize) => {
    const pool = new Pool({ processes: 1 });
    const error = await pool
      .map(
        failing,
        Array.from({ length: 10 }, (_, i) => i),
        { chunksize },
      )
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(python.firstError[String(chunksize)]);
    await pool.terminate();
  });

  it('map fails as soon as the first failure arrives, without waiting for a stuck chunk', async () => {
    const pool = new Pool({ processes: 2 });
    const gate = newGate();
    const items = Array.from({ length: 10 }, (_, i) => [i, gate] as [number, Int32Array]);
    const errors: unknown[] = [];
    const result = pool.mapAsync(
      ([i, g]: [number, Int32Array]) => {
        if (i === 0) while (Atomics.load(g, 0) === 0) Atomics.wait(g, 0, 0, 50);
        if (i === 3 || i === 7) throw new Error(`bad ${i}`);
        return i;
      },
      items,
      { chunksize: 4, errorCallback: (e) => errors.push(e) },
    );
    const error = await result.get().catch((e: Error) => e);
    expect((error as Error).message).toBe(python.earlyError);
    expect(errors).toHaveLength(1);
    open(gate);
    await pool.terminate();
  });

  it('imapUnordered yields in completion order and imap in input order, as CPython does', async () => {
    const pool = new Pool({ processes: 2 });
    const gate = newGate();
    const it = pool.imapUnordered(
      gated,
      [0, 1, 2].map((i) => [i, gate] as [number, Int32Array]),
    );
    const first = (await it.next()).value;
    const second = (await it.next()).value;
    open(gate);
    const third = (await it.next()).value;
    expect([first, second, third]).toEqual(python.imapUnordered);
    const ordered: number[] = [];
    for await (const v of pool.imap(
      gated,
      [0, 1, 2].map((i) => [i, gate] as [number, Int32Array]),
    ))
      ordered.push(v);
    expect(ordered).toEqual(python.imap);
    await pool.terminate();
  });
});
