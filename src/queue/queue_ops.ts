/**
 * put/get for the Queue family, in their three forms (Promise, blocking,
 * non-blocking), mapping channel outcomes to Full / Empty / Closed.
 */
import { Closed, CorepoolRangeError, Empty, ErrorCode, Full } from '../errors.js';
import { CLOSED, EMPTY, OK, type Channel, type PutResult } from './channel.js';
import { encodeItem, type Encoded } from './codec.js';
import { assertMayBlock } from './futex.js';
import { FOREVER, NOWAIT, planWait, type QueueKind, type WaitOptions, type WaitPlan } from './options.js';

/** Checks that a payload of `length` bytes can ever fit the ring. */
export function checkFits(channel: Channel, length: number, what: string): void {
  const max = channel.ring.maxPayloadBytes;
  if (length <= max) return;
  throw new CorepoolRangeError(
    ErrorCode.ITEM_TOO_LARGE,
    `${what} must encode to at most ${max} bytes (the ring's bufferBytes minus 8); it takes ${length}. Raise options.bufferBytes`,
  );
}

/** Encodes an item and checks it can ever fit the ring. */
export function encodeFor(channel: Channel, item: unknown, what = 'item'): Encoded {
  const encoded = encodeItem(item);
  checkFits(channel, encoded.length, what);
  return encoded;
}

function putFailure(result: PutResult, plan: WaitPlan): Error {
  if (result === CLOSED) return new Closed('the queue is closed');
  if (!plan.block || plan.budget === 0) return new Full('the queue is full');
  return new Full(`the queue was still full after ${plan.budget} ms`);
}

function getFailure(result: unknown, plan: WaitPlan): Error {
  if (result === CLOSED) return new Closed('the queue is closed and drained');
  if (!plan.block || plan.budget === 0) return new Empty('the queue is empty');
  return new Empty(`the queue was still empty after ${plan.budget} ms`);
}

function asPlan(options: WaitOptions | WaitPlan | undefined, owner: QueueKind, call: string): WaitPlan {
  if (options === NOWAIT) return NOWAIT;
  if (options === undefined) return FOREVER;
  return planWait(options as WaitOptions, owner, `${call}Sync`);
}

/** A handle that called close() may not put any more, whatever other handles do. */
function checkOpen(handleClosed: boolean): void {
  if (handleClosed) throw new Closed('this queue handle was closed; it cannot put any more');
}

export async function putAsync(
  channel: Channel,
  handleClosed: boolean,
  item: unknown,
  options: WaitOptions | undefined,
  owner: QueueKind,
): Promise<void> {
  checkOpen(handleClosed);
  const plan = planWait(options, owner, 'put');
  const result = await channel.putAsync(encodeFor(channel, item), plan.block, plan.deadline);
  if (result !== OK) throw putFailure(result, plan);
}

/** @param options a plan from {@link planWait}, or the options to make one from. */
export function putSync(
  channel: Channel,
  handleClosed: boolean,
  item: unknown,
  options: WaitOptions | WaitPlan | undefined,
  owner: QueueKind,
  call: string,
): void {
  checkOpen(handleClosed);
  const plan = asPlan(options, owner, call);
  assertMayBlock(`${call}Sync()`, `${call}()`, plan.budget);
  const result = channel.putSync(encodeFor(channel, item), plan.block, plan.deadline);
  if (result !== OK) throw putFailure(result, plan);
}

export async function getAsync(channel: Channel, options: WaitOptions | undefined, owner: QueueKind): Promise<unknown> {
  const plan = planWait(options, owner, 'get');
  const result = await channel.getAsync(plan.block, plan.deadline);
  if (result === EMPTY || result === CLOSED) throw getFailure(result, plan);
  return result;
}

export function getSync(channel: Channel, options: WaitOptions | WaitPlan | undefined, owner: QueueKind, call: string): unknown {
  const plan = asPlan(options, owner, call);
  assertMayBlock(`${call}Sync()`, `${call}()`, plan.budget);
  const result = channel.getSync(plan.block, plan.deadline);
  if (result === EMPTY || result === CLOSED) throw getFailure(result, plan);
  return result;
}
