/**
 * One end of a Pipe. Each direction of a pipe is a channel (the queue's
 * shared ring), so an end works the same in any thread and can be handed to
 * a worker, where it arrives as the same end. Closing an end closes it for
 * every thread holding it.
 */
import { BrokenPipeError, BufferTooShort, CorepoolError, EOFError, ErrorCode } from '../errors.js';
import { kShare, registerShareable, type ShareDescriptor, type Shareable } from '../shared/shareable.js';
import { BROKEN, CLOSED, Channel, OK, type PutResult } from '../queue/channel.js';
import { encodedBytes, Tag, type Encoded } from '../queue/codec.js';
import { assertMayBlock } from '../queue/futex.js';
import { channelBuffer } from '../queue/handoff.js';
import { planTimeout } from '../queue/options.js';
import { checkFits, encodeFor } from '../queue/queue_ops.js';
import type { ConnectionDescriptor } from '../queue/types.js';
import { TooLong, TooShort, bytesToFill, bytesToSend, maxLength, takeBytes, takeBytesInto } from './bytes.js';

type Bytes = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

/**
 * A connection object returned by {@link Pipe}. Every call has a Promise
 * form (anywhere; the event loop keeps running) and a `…Sync` blocking form
 * (workers only; on the main thread it throws ERR_BLOCKING_ON_MAIN_THREAD
 * unless it cannot wait, e.g. `pollSync(0)`).
 *
 * Python equivalent: `multiprocessing.connection.Connection`.
 */
export class Connection implements Shareable {
  readonly #in: Channel | null;
  readonly #out: Channel | null;

  /** Made by {@link Pipe} (or by reviving a shared end); not meant to be called directly. */
  constructor(incoming: SharedArrayBuffer | null, outgoing: SharedArrayBuffer | null) {
    this.#in = incoming === null ? null : new Channel(incoming);
    this.#out = outgoing === null ? null : new Channel(outgoing);
  }

  /** Whether this end can receive. Python equivalent: `conn.readable`. */
  get readable(): boolean {
    return this.#in !== null;
  }

  /** Whether this end can send. Python equivalent: `conn.writable`. */
  get writable(): boolean {
    return this.#out !== null;
  }

  /** Whether this end was closed (by any thread holding it). Python equivalent: `conn.closed`. */
  get closed(): boolean {
    return (this.#in?.isReadClosed() ?? false) || (this.#out?.isWriteClosed() ?? false);
  }

  /**
   * Sends `obj` (anything structured clone copies) to the other end, waiting for room if the pipe is full.
   * @returns a Promise rejecting with BrokenPipeError (ERR_BROKEN_PIPE) when the other end is closed,
   *   ERR_CONNECTION_CLOSED / ERR_CONNECTION_READ_ONLY for this end, ERR_ITEM_TOO_LARGE, ERR_INVALID_ARG_TYPE.
   * Python equivalent: `conn.send(obj)`.
   */
  async send(obj: unknown): Promise<void> {
    const out = this.#writer();
    settleSend(await out.putAsync(encodeFor(out, obj, 'obj'), true, Infinity));
  }

  /** Blocking {@link send}, for workers. Python equivalent: `conn.send(obj)`. */
  sendSync(obj: unknown): void {
    assertMayBlock('sendSync()', 'send()', Infinity);
    const out = this.#writer();
    settleSend(out.putSync(encodeFor(out, obj, 'obj'), true, Infinity));
  }

  /**
   * Sends bytes from `buf` (`offset` and `size` in bytes), received as they are by recvBytes.
   * The bytes are copied before the Promise settles, so `buf` may be reused at once.
   * Python equivalent: `conn.send_bytes(buf, offset, size)`.
   */
  async sendBytes(buf: Bytes, offset?: number, size?: number): Promise<void> {
    const out = this.#writer();
    const item = this.#bytesItem(out, bytesToSend(buf, offset, size).slice());
    settleSend(await out.putAsync(item, true, Infinity));
  }

  /** Blocking {@link sendBytes}, for workers. */
  sendBytesSync(buf: Bytes, offset?: number, size?: number): void {
    assertMayBlock('sendBytesSync()', 'sendBytes()', Infinity);
    const out = this.#writer();
    settleSend(out.putSync(this.#bytesItem(out, bytesToSend(buf, offset, size)), true, Infinity));
  }

  /**
   * Receives the next message sent with send() (a sendBytes message arrives as a Buffer).
   * @returns a Promise rejecting with EOFError (ERR_EOF) once the other end is closed and nothing is left.
   * Python equivalent: `conn.recv()`.
   */
  async recv(): Promise<unknown> {
    return this.#settleRecv(await this.#reader().getAsync(true, Infinity));
  }

  /** Blocking {@link recv}, for workers. Python equivalent: `conn.recv()`. */
  recvSync(): unknown {
    assertMayBlock('recvSync()', 'recv()', Infinity);
    return this.#settleRecv(this.#reader().getSync(true, Infinity));
  }

  /**
   * Receives the next message as bytes (a send() message as its node:v8 serialization).
   * @param maxlength Longest message accepted; a longer one rejects with ERR_MESSAGE_TOO_LONG
   *   and stays in the pipe (Python instead raises OSError and closes the connection).
   * Python equivalent: `conn.recv_bytes(maxlength)`.
   */
  async recvBytes(maxlength?: number): Promise<Buffer> {
    const take = takeBytes(maxLength(maxlength));
    return this.#settleRecv(await this.#reader().getAsync(true, Infinity, take)) as Buffer;
  }

  /** Blocking {@link recvBytes}, for workers. */
  recvBytesSync(maxlength?: number): Buffer {
    assertMayBlock('recvBytesSync()', 'recvBytes()', Infinity);
    return this.#settleRecv(this.#reader().getSync(true, Infinity, takeBytes(maxLength(maxlength)))) as Buffer;
  }

  /**
   * Receives the next message into `buf` from byte `offset`.
   * @returns a Promise of the message's length in bytes. When it does not fit, the message is
   *   consumed and the Promise rejects with BufferTooShort (ERR_BUFFER_TOO_SHORT) holding it in `data`.
   * Python equivalent: `conn.recv_bytes_into(buf, offset)`.
   */
  async recvBytesInto(buf: ArrayBufferView | ArrayBuffer | SharedArrayBuffer, offset?: number): Promise<number> {
    const take = takeBytesInto(bytesToFill(buf, offset));
    return this.#settleRecv(await this.#reader().getAsync(true, Infinity, take)) as number;
  }

  /** Blocking {@link recvBytesInto}, for workers. */
  recvBytesIntoSync(buf: ArrayBufferView | ArrayBuffer | SharedArrayBuffer, offset?: number): number {
    assertMayBlock('recvBytesIntoSync()', 'recvBytesInto()', Infinity);
    const take = takeBytesInto(bytesToFill(buf, offset));
    return this.#settleRecv(this.#reader().getSync(true, Infinity, take)) as number;
  }

  /**
   * Whether a message (or the end of the stream) is ready to receive, waiting up to `timeoutMs`.
   * @param timeoutMs 0 (default): answer now; null or Infinity: wait until ready.
   * @returns a Promise of true when a recv would not wait (a message, or EOF), false on timeout.
   * Python equivalent: `conn.poll(timeout)`.
   */
  async poll(timeoutMs: number | null = 0): Promise<boolean> {
    const plan = planTimeout(timeoutMs, 'timeoutMs');
    return this.#reader().pollAsync(plan.deadline);
  }

  /** Blocking {@link poll}, for workers; `pollSync(0)` works on any thread. */
  pollSync(timeoutMs: number | null = 0): boolean {
    const plan = planTimeout(timeoutMs, 'timeoutMs');
    assertMayBlock('pollSync()', 'poll()', plan.budget);
    return this.#reader().pollSync(plan.deadline);
  }

  /**
   * Closes this end, in every thread that holds it. The other end then gets
   * EOFError once it has received what was already sent, and BrokenPipeError on send.
   * Python equivalent: `conn.close()`.
   */
  close(): void {
    this.#in?.closeRead();
    this.#out?.closeWrite();
  }

  [kShare](): ConnectionDescriptor {
    return { __corepool: 'Connection', incoming: this.#in?.sab ?? null, outgoing: this.#out?.sab ?? null };
  }

  #writer(): Channel {
    if (this.#out === null) throw new CorepoolError(ErrorCode.CONNECTION_READ_ONLY, 'this connection is read-only');
    if (this.closed) throw closedError();
    return this.#out;
  }

  #reader(): Channel {
    if (this.#in === null) throw new CorepoolError(ErrorCode.CONNECTION_WRITE_ONLY, 'this connection is write-only');
    if (this.closed) throw closedError();
    return this.#in;
  }

  #bytesItem(out: Channel, bytes: Uint8Array): Encoded {
    checkFits(out, bytes.byteLength, 'the message');
    return encodedBytes(Tag.BYTES, bytes);
  }

  #settleRecv(result: unknown): unknown {
    if (result === CLOSED) throw this.#in?.isReadClosed() === true ? closedError() : new EOFError();
    if (result instanceof TooLong) {
      throw new CorepoolError(ErrorCode.MESSAGE_TOO_LONG, `the next message is ${result.length} bytes, longer than maxlength`);
    }
    if (result instanceof TooShort) throw new BufferTooShort(result.data, result.room);
    return result;
  }
}

function closedError(): CorepoolError {
  return new CorepoolError(ErrorCode.CONNECTION_CLOSED, 'this connection is closed');
}

function settleSend(result: PutResult): void {
  if (result === OK) return;
  throw result === BROKEN ? new BrokenPipeError() : closedError();
}

function optionalBuffer(d: ShareDescriptor, value: unknown): SharedArrayBuffer | null {
  return value === null ? null : channelBuffer(d, value);
}

registerShareable('Connection', (d: ShareDescriptor) => new Connection(optionalBuffer(d, d.incoming), optionalBuffer(d, d.outgoing)));
