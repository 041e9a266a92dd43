/**
 * The module functions of concurrent.futures: asCompleted and wait.
 */
import { CorepoolTypeError, ErrorCode, TimeoutError } from '../errors.js';
import { checkOptions, optionError } from '../validate.js';
import { kHasError, kListen, type Future } from './future.js';

/** When wait() returns. Python equivalent: `concurrent.futures.FIRST_COMPLETED` etc. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** wait() options. */
export interface WaitOptions {
  /** Most ms to wait; undefined waits as long as it takes. */
  timeout?: number | undefined;
  /** Default 'ALL_COMPLETED'. */
  returnWhen?: ReturnWhen | undefined;
}

function checkTimeout(name: string, timeout: unknown): Error | undefined {
  if (timeout === undefined || timeout === null) return undefined;
  if (typeof timeout === 'number' && timeout >= 0) return undefined;
  return new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be a number >= 0 or undefined; got ${String(timeout)}`);
}

const WAIT_KEYS: ReadonlyArray<keyof WaitOptions> = ['timeout', 'returnWhen'];
const RETURN_WHEN: readonly unknown[] = [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED];

/** wait()'s options, or the error to reject with. */
function checkWaitOptions(options: unknown): WaitOptions | Error {
  try {
    const checked = checkOptions(options, 'wait', WAIT_KEYS) as WaitOptions;
    const { timeout, returnWhen } = checked;
    if (timeout !== undefined && timeout !== null && !(typeof timeout === 'number' && timeout >= 0)) {
      throw optionError('timeout', 'a number >= 0 or undefined', timeout, typeof timeout === 'number' ? 'range' : 'type');
    }
    if (returnWhen !== undefined && returnWhen !== null && !RETURN_WHEN.includes(returnWhen)) {
      throw optionError('returnWhen', "'FIRST_COMPLETED', 'FIRST_EXCEPTION' or 'ALL_COMPLETED'", returnWhen);
    }
    return checked;
  } catch (error) {
    return error as Error;
  }
}

/**
 * Yields the futures as they complete (finished or cancelled), those already
 * done first. Duplicates are yielded once. Python equivalent: `concurrent.futures.as_completed(fs, timeout)`.
 * @param futures - any iterable of Futures.
 * @param timeout - ms from the call; when it passes with futures unfinished, the iterator throws.
 * @returns an async iterator of Futures.
 * @throws (from next()) TimeoutError ERR_TIMEOUT naming how many futures are unfinished; TypeError for a bad timeout.
 */
export function asCompleted<T>(futures: Iterable<Future<T>>, timeout?: number): AsyncIterableIterator<Future<T>> {
  // Not an async generator: yielding a Future (a thenable) from one would await it.
  const bad = checkTimeout('timeout', timeout);
  const deadline = timeout === undefined || timeout === null ? Infinity : performance.now() + timeout;
  const all = new Set(futures);
  const ready: Array<Future<T>> = [];
  let wake: (() => void) | undefined;
  for (const f of all) {
    f[kListen]((done) => {
      ready.push(done);
      wake?.();
    });
  }
  let yielded = 0;
  const next = async (): Promise<IteratorResult<Future<T>>> => {
    if (bad !== undefined) throw bad;
    if (yielded >= all.size) return { done: true, value: undefined };
    if (ready.length === 0) await nextEvent(deadline, (w) => (wake = w), all.size - yielded, all.size);
    wake = undefined;
    yielded++;
    return { done: false, value: ready.shift()! };
  };
  const iterator: AsyncIterableIterator<Future<T>> = {
    next,
    return: async () => {
      yielded = all.size;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function nextEvent(deadline: number, setWake: (w: () => void) => void, unfinished: number, total: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    setWake(() => {
      clearTimeout(timer);
      resolve();
    });
    if (deadline === Infinity) return;
    timer = setTimeout(
      () => reject(new TimeoutError(ErrorCode.TIMEOUT, `${unfinished} (of ${total}) futures unfinished`)),
      Math.max(0, deadline - performance.now()),
    );
  });
}

/**
 * Waits for the futures per `returnWhen`. Python equivalent: `concurrent.futures.wait(fs, timeout, return_when)`.
 * @param futures - any iterable of Futures.
 * @param options - timeout (ms) and returnWhen ('FIRST_COMPLETED', 'FIRST_EXCEPTION' or 'ALL_COMPLETED', the default).
 * @returns a Promise of `{ done, notDone }` sets (a timeout resolves with what is done so far; it never rejects for it).
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE when `options` is not an object; ERR_INVALID_OPTION for an unknown key,
 *   a bad timeout or returnWhen.
 */
export function wait<T>(futures: Iterable<Future<T>>, options?: WaitOptions): Promise<{ done: Set<Future<T>>; notDone: Set<Future<T>> }> {
  const checked = checkWaitOptions(options);
  if (checked instanceof Error) return Promise.reject(checked);
  const { timeout } = checked;
  const returnWhen = checked.returnWhen ?? ALL_COMPLETED;
  const all = new Set(futures);
  const split = (): { done: Set<Future<T>>; notDone: Set<Future<T>> } => {
    const done = new Set<Future<T>>();
    const notDone = new Set<Future<T>>();
    for (const f of all) (f.done() ? done : notDone).add(f);
    return { done, notDone };
  };
  const satisfied = (f: Future<T> | undefined): boolean => {
    if (f !== undefined && returnWhen === FIRST_COMPLETED) return true;
    if (f !== undefined && returnWhen === FIRST_EXCEPTION && f[kHasError]()) return true;
    for (const g of all) if (!g.done()) return false;
    return true;
  };
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const removers: Array<() => void> = [];
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      for (const remove of removers) remove();
      resolve(split());
    };
    for (const f of all) if (f.done() && satisfied(f)) return finish();
    if (satisfied(undefined)) return finish();
    for (const f of all) removers.push(f[kListen]((d) => satisfied(d) && finish()));
    if (timeout !== undefined && timeout !== null) timer = setTimeout(finish, timeout);
  });
}
