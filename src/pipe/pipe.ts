/** Pipe(): two connected ends over shared memory. */
import { allocateChannel } from '../queue/layout.js';
import { bufferBytesOption } from '../queue/options.js';
import { checkOptions, optionError } from '../validate.js';
import { Connection } from './connection.js';

export interface PipeOptions {
  /** true (default): both ends send and receive. false: the first end only receives, the second only sends. */
  duplex?: boolean;
  /** Bytes of shared ring per direction (default 1 MiB); it bounds one message's size and the memory in flight. */
  bufferBytes?: number;
}

/**
 * Creates a pipe and returns its two ends. Either end can be passed to a
 * worker (Process, Pool task, or `encodeShared` + postMessage) and arrives
 * there as the same end.
 * @param options `duplex` (default true) and `bufferBytes`.
 * @returns `[conn1, conn2]`; with `duplex: false`, conn1 receives what conn2 sends.
 * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object `options`; TypeError / RangeError
 *   ERR_INVALID_OPTION for an unknown option or a bad value.
 * Python equivalent: `multiprocessing.Pipe(duplex=True)`.
 */
export function Pipe(options?: PipeOptions): [Connection, Connection] {
  const o = checkOptions(options, 'Pipe', ['duplex', 'bufferBytes']);
  const bufferBytes = bufferBytesOption(o.bufferBytes);
  const { duplex = true } = o;
  if (typeof duplex !== 'boolean') throw optionError('duplex', 'a boolean', duplex);
  const toFirst = allocateChannel(0, bufferBytes, 1);
  if (!duplex) return [new Connection(toFirst, null), new Connection(null, toFirst)];
  const toSecond = allocateChannel(0, bufferBytes, 1);
  return [new Connection(toFirst, toSecond), new Connection(toSecond, toFirst)];
}
