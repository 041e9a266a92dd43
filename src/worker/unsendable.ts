/**
 * What a pool worker does when a batch of results cannot be posted: it
 * posts them one by one, and a result that still cannot be (structured
 * clone, or the child-process serializer, refuses a function, a symbol, a
 * WeakMap…) is replaced by the error the caller gets as a MaybeEncodingError
 * (ERR_RESULT_NOT_CLONEABLE). Only that task fails; the worker lives on, as
 * in Python's pool. Imports nothing from the main-thread pool.
 */
import { encodeError } from '../pool/error_codec.js';
import { culprit } from '../pool/type_name.js';
import type { DoneMessage, Transferable } from '../pool/types.js';

type Post = (message: DoneMessage, transfer: Transferable[]) => void;

function single(message: DoneMessage, k: number): DoneMessage {
  const at = (list: number[] | undefined): number[] | undefined => (list?.includes(k) ? [0] : undefined);
  const table = message.tables?.[k];
  return {
    type: 'done',
    first: message.first + k,
    heapMb: message.heapMb,
    values: [message.values[k]],
    failed: at(message.failed),
    skipped: at(message.skipped),
    times: [message.times[k]!],
    tables: table === undefined ? undefined : [table],
    unsendable: undefined,
  };
}

/** The stand-in for a result `error` kept from being sent: the clone error as cause, the value's type as `valueType`. */
function notSent(value: unknown, error: unknown, k: number, message: DoneMessage): DoneMessage {
  const valueType = culprit(value);
  const wire = encodeError(Object.assign(new Error(`the result (${valueType}) could not be sent`, { cause: error }), { valueType }));
  return {
    type: 'done',
    first: message.first + k,
    values: [wire],
    failed: [0],
    skipped: undefined,
    times: [message.times[k]!],
    tables: undefined,
    unsendable: [0],
  };
}

/**
 * Posts `message` value by value, each with the buffers it moves, replacing
 * the values that cannot be posted.
 * @param transfers - per value, the buffers its result moves.
 */
export function postEach(message: DoneMessage, transfers: Transferable[][], post: Post): void {
  for (let k = 0; k < message.values.length; k++) {
    try {
      post(single(message, k), transfers[k] ?? []);
    } catch (error) {
      post(notSent(message.values[k], error, k, message), []);
    }
  }
}
