import { ErrorCode, Lock, Manager, Pool, Process, Queue, type DictProxy, type ListProxy } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const pool = new Pool({ processes: 2 });
const manager = Manager();
afterAll(async () => {
  await pool.terminate();
  await manager.shutdown();
});

describe('Manager proxies on the owning thread', () => {
  it('dict: Python dict methods, async and Sync forms', async () => {
    const d = manager.dict<string, number>({ a: 1 });
    await d.set('b', 2);
    d.setSync('c', 3);
    expect(await d.get('a')).toBe(1);
    expect(d.getSync('zz', 9)).toBe(9);
    expect(await d.has('b')).toBe(true);
    expect(await d.len()).toBe(3);
    expect(await d.keys()).toEqual(['a', 'b', 'c']);
    expect(await d.values()).toEqual([1, 2, 3]);
    expect(await d.pop('a')).toBe(1);
    expect(await d.pop('a', 0)).toBe(0);
    await expect(d.pop('a')).rejects.toMatchObject({ name: 'KeyError', code: ErrorCode.KEY_NOT_FOUND });
    await expect(d.delete('nope')).rejects.toMatchObject({ code: ErrorCode.KEY_NOT_FOUND });
    expect(await d.setDefault('s', 7)).toBe(7);
    expect(await d.setDefault('s', 8)).toBe(7);
    await d.update({ u: 10 });
    expect(await d.copy()).toEqual({ b: 2, c: 3, s: 7, u: 10 });
    await d.clear();
    expect(await d.len()).toBe(0);
  });

  it('list: Python list methods with negative indices and IndexError-like errors', async () => {
    const l = manager.list([1, 2, 3]);
    await l.append(4);
    await l.extend([5, 6]);
    expect(await l.get(-1)).toBe(6);
    await l.set(0, 10);
    await l.insert(1, 99);
    expect(await l.copy()).toEqual([10, 99, 2, 3, 4, 5, 6]);
    expect(await l.pop()).toBe(6);
    expect(await l.pop(1)).toBe(99);
    await l.remove(3);
    expect(await l.index(4)).toBe(2);
    expect(await l.count(10)).toBe(1);
    expect(await l.slice(1, 3)).toEqual([2, 4]);
    expect(l.lenSync()).toBe(4);
    await expect(l.get(10)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_RANGE });
    expect(() => l.getSync(-10)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
  });

  it('Namespace: named fields', async () => {
    const ns = manager.Namespace({ x: 1 });
    await ns.set('y', 'two');
    expect(await ns.copy()).toEqual({ x: 1, y: 'two' });
    expect(await ns.has('z')).toBe(false);
  });

  it('values are copies both ways: nested mutations do not propagate (Python semantics)', async () => {
    const d = manager.dict<string, { n: number[] }>();
    const local = { n: [1] };
    await d.set('k', local);
    local.n.push(2); // after set: the managed copy is unaffected
    const got = (await d.get('k'))!;
    expect(got).toEqual({ n: [1] });
    got.n.push(3); // a copy too
    expect(await d.get('k')).toEqual({ n: [1] });
    await d.set('k', got);
    expect(await d.get('k')).toEqual({ n: [1, 3] });
  });

  it('Queue, Lock and Value are corepool shared-memory objects', () => {
    expect(manager.Queue()).toBeInstanceOf(Queue);
    expect(manager.Lock()).toBeInstanceOf(Lock);
    expect(manager.Value('i', 3).value).toBe(3);
  });
});

describe('Manager proxies from workers', () => {
  it('pool tasks mutate one dict and list (program 10)', async () => {
    const d = manager.dict<number, number>();
    const l = manager.list<number>();
    await pool.starmap(
      (dd: DictProxy<number, number>, ll: ListProxy<number>, i: number) => {
        dd.setSync(i, i * i);
        ll.appendSync(i);
      },
      Array.from({ length: 10 }, (_, i) => [d, l, i] as [typeof d, typeof l, number]),
    );
    expect(new Map(await d.items())).toEqual(new Map(Array.from({ length: 10 }, (_, i) => [i, i * i])));
    expect((await l.copy()).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('read-modify-write under a Lock from several tasks gives the exact count; async forms work in workers', async () => {
    const d = manager.dict<string, number>({ n: 0 });
    const lock = manager.Lock();
    const bump = async (dd: DictProxy<string, number>, lk: Lock, times: number, useAsync: boolean): Promise<void> => {
      for (let i = 0; i < times; i++) {
        lk.acquireSync();
        if (useAsync) await dd.set('n', ((await dd.get('n')) as number) + 1);
        else dd.setSync('n', (dd.getSync('n') as number) + 1);
        lk.release();
      }
    };
    await pool.starmap(
      bump,
      [
        [d, lock, 200, false],
        [d, lock, 200, true],
        [d, lock, 200, false],
        [d, lock, 200, true],
      ],
      { chunksize: 1 },
    );
    expect(await d.get('n')).toBe(800);
  });

  it("a worker's error arrives with its code", async () => {
    const d = manager.dict();
    await expect(pool.apply((dd: DictProxy) => dd.deleteSync('missing'), [d])).rejects.toMatchObject({ code: ErrorCode.KEY_NOT_FOUND });
  });

  it('more concurrent callers than reply slots (10 processes) lose nothing', async () => {
    const l = manager.list<number>();
    const ps = Array.from(
      { length: 10 },
      (_, k) =>
        new Process({
          target: (ll: ListProxy<number>, base: number) => {
            for (let i = 0; i < 50; i++) ll.appendSync(base + i);
          },
          args: [l, k * 1000],
        }),
    );
    for (const p of ps) p.start();
    await Promise.all(ps.map((p) => p.join()));
    expect(ps.map((p) => p.exitCode)).toEqual(Array(10).fill(0));
    const got = (await l.copy()).sort((a, b) => a - b);
    expect(got).toEqual(Array.from({ length: 10 }, (_, k) => Array.from({ length: 50 }, (_, i) => k * 1000 + i)).flat());
  });

  it('a proxy returned by a task is the same managed object', async () => {
    const d = manager.dict<string, number>();
    const back = await pool.apply((dd: DictProxy<string, number>) => dd, [d]);
    await back.set('x', 1);
    expect(await d.get('x')).toBe(1);
  });
});

describe('shutdown', () => {
  it('calls after shutdown fail with ERR_MANAGER_CLOSED, on the owner and in workers', async () => {
    const m = Manager();
    const d = m.dict();
    await d.set('a', 1);
    await m.shutdown();
    await expect(d.get('a')).rejects.toMatchObject({ code: ErrorCode.MANAGER_CLOSED });
    expect(() => m.dict()).toThrow(expect.objectContaining({ code: ErrorCode.MANAGER_CLOSED }));
    await expect(pool.apply((dd: DictProxy) => dd.getSync('a'), [d])).rejects.toMatchObject({ code: ErrorCode.MANAGER_CLOSED });
  });

  it('an idle Manager does not keep the program alive', async () => {
    const r = await runNode(fixture('manager_idle.mjs'), [], {}, [], 30_000);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('value from worker: 42');
  });
});
