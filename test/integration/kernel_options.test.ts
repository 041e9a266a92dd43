import { describe, expect, it } from 'vitest';
import * as cp from 'corepool';
import * as sync from 'corepool/sync';

// Every kernel corepool exports (found from the exports, never a hand list, so
// a new kernel is covered the day it is exported): its *Sync twin in
// corepool/sync, and its Promise form of the same name in corepool.
type Fn = (...args: unknown[]) => unknown;
interface Kernel {
  readonly name: string;
  readonly async: Fn;
  readonly sync: Fn;
}

function listKernels(): Kernel[] {
  const list: Kernel[] = [];
  for (const [syncName, member] of Object.entries(sync)) {
    const name = syncName.replace(/Sync$/, '');
    const api = (cp as Record<string, unknown>)[name];
    if (typeof member === 'function') {
      list.push({ name, async: api as Fn, sync: member as Fn });
    } else if (member !== null && typeof member === 'object') {
      for (const [method, fn] of Object.entries(member)) {
        const asyncFn = (api as Record<string, unknown>)[method];
        if (typeof fn === 'function' && fn !== asyncFn) list.push({ name: `${name}.${method}`, async: asyncFn as Fn, sync: fn as Fn });
      }
    }
  }
  return list;
}

const KERNELS = listKernels();
const f64 = (): Float64Array => Float64Array.from([1, 2, 3, 4]);
// Positional arguments some kernel accepts; the first that reaches the options check is used.
const CANDIDATES: ReadonlyArray<() => unknown[]> = [
  () => [f64()],
  () => [f64(), f64()],
  () => [f64(), f64(), f64()],
  () => [f64(), 'int32'],
  () => [2, f64(), f64()],
  () => [f64(), 1],
  () => [4],
  () => ['a * 2', { a: f64() }],
];
// Public aliases report the kernel they are.
const OWNER: Record<string, string> = { var: 'variance' };

function message(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

/** Arguments of `kernel` with which an unknown option key is what it rejects. */
function argsFor(kernel: Kernel): () => unknown[] {
  const found = CANDIDATES.find((args) => /is not an option of/.test(message(() => kernel.sync(...args(), { signl: 1 }))));
  if (found === undefined) throw new Error(`no candidate arguments reach the options check of ${kernel.name}`);
  return found;
}

describe(`every kernel checks its options strictly (${cp.backend})`, () => {
  it('enumerates every kernel: elementwise, reductions, linalg, sorting, random', () => {
    const names = KERNELS.map((k) => k.name);
    expect(names.length).toBeGreaterThanOrEqual(85);
    for (const name of [
      'exp',
      'add',
      'hypot',
      'sum',
      'variance',
      'matmul',
      'sort',
      'cumsum',
      'histogram',
      'random.uniform',
      'astype',
      'axpy',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(KERNELS.map((k) => [k.name, k] as const))(
    '%s: an unknown key names the nearest valid one; a non-object is ERR_INVALID_ARG_TYPE',
    async (name, kernel) => {
      const args = argsFor(kernel);
      const owner = OWNER[name] ?? name;
      const unknown = {
        code: 'ERR_INVALID_OPTION',
        name: 'TypeError',
        message: `options.signl is not an option of ${owner}; did you mean signal?`,
      };
      expect(() => kernel.sync(...args(), { signl: 1 })).toThrow(expect.objectContaining(unknown));
      let pending: unknown;
      expect(() => {
        pending = kernel.async(...args(), { signl: 1 });
      }).not.toThrow();
      await expect(pending).rejects.toMatchObject(unknown);
      const notObject = {
        code: 'ERR_INVALID_ARG_TYPE',
        name: 'TypeError',
        message: expect.stringMatching(/^options must be an object or undefined; got 5$/),
      };
      expect(() => kernel.sync(...args(), 5)).toThrow(expect.objectContaining(notObject));
      await expect(kernel.async(...args(), 5)).rejects.toMatchObject(notObject);
    },
  );

  it('names the kernel and the nearest key, as the issue asks', async () => {
    await expect(cp.exp(f64(), { outt: f64() } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: 'options.outt is not an option of exp; did you mean out?',
    });
    expect(() => sync.sortSync(f64(), { decending: true } as never)).toThrow(
      'options.decending is not an option of sort; did you mean descending?',
    );
    await expect(cp.random.normal(4, { seeed: 1 } as never)).rejects.toThrow(
      'options.seeed is not an option of random.normal; did you mean seed?',
    );
  });

  it('a bad value names options.X with ERR_INVALID_OPTION', async () => {
    await expect(cp.exp(f64(), { signal: 1 } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: /^options\.signal must be an AbortSignal/,
    });
    await expect(cp.sum(f64(), { signal: 'x' } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: /^options\.signal must be an AbortSignal/,
    });
  });
});
