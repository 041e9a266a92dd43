import v8 from 'node:v8';
import { BufferTooShort, EOFError, ErrorCode, Pipe, decodeShared, encodeShared, type Connection } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawnIn } from '../queue/workers.js';

const spawn = (scenario: string, data: Record<string, unknown>) => spawnIn('pipe_worker.mjs', scenario, data);

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

describe('Pipe on one thread', () => {
  it('is duplex by default: each end sends to the other, in order', async () => {
    const [a, b] = Pipe();
    expect([a.readable, a.writable, b.readable, b.writable]).toEqual([true, true, true, true]);
    await a.send({ hello: 'b' });
    await a.send([1, 2]);
    await b.send('to a');
    expect(await b.recv()).toEqual({ hello: 'b' });
    expect(await b.recv()).toEqual([1, 2]);
    expect(await a.recv()).toBe('to a');
  });

  it('with duplex: false, the first end only receives and the second only sends (Python order)', async () => {
    const [reader, writer] = Pipe({ duplex: false });
    expect([reader.readable, reader.writable, writer.readable, writer.writable]).toEqual([true, false, false, true]);
    await writer.send(42);
    expect(await reader.recv()).toBe(42);
    await expect(reader.send(1)).rejects.toMatchObject({ code: ErrorCode.CONNECTION_READ_ONLY });
    await expect(writer.recv()).rejects.toMatchObject({ code: ErrorCode.CONNECTION_WRITE_ONLY });
    expect(thrown(() => writer.pollSync(0)).code).toBe(ErrorCode.CONNECTION_WRITE_ONLY);
  });

  it('poll answers at once by default, waits up to a timeout, and sees a later send', async () => {
    const [a, b] = Pipe();
    expect(await b.poll()).toBe(false);
    expect(b.pollSync(0)).toBe(false);
    expect(await b.poll(30)).toBe(false);
    const waiting = b.poll(null);
    setTimeout(() => void a.send('now'), 10);
    expect(await waiting).toBe(true);
    expect(b.pollSync(0)).toBe(true);
    expect(await b.recv()).toBe('now');
    await expect(b.poll(-1)).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
  });

  it('sends bytes with offset and size, and receives them with recvBytes and recvBytesInto', async () => {
    const [a, b] = Pipe();
    const source = Buffer.from('0123456789');
    await a.sendBytes(source, 2, 5);
    await a.sendBytes(source.buffer.slice(source.byteOffset, source.byteOffset + 3));
    await a.sendBytes(new Uint16Array([0x4241]), 1);
    expect((await b.recvBytes()).toString()).toBe('23456');
    const target = new Uint8Array(8).fill(0x2e);
    expect(await b.recvBytesInto(target, 4)).toBe(3);
    expect(Buffer.from(target).toString()).toBe('....012.');
    expect((await b.recvBytes()).toString()).toBe('B');
    await expect(a.sendBytes(source, 11)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_RANGE });
    await expect(a.sendBytes(source, 4, 7)).rejects.toMatchObject({ code: ErrorCode.OUT_OF_RANGE });
    await expect(a.sendBytes('text' as unknown as Uint8Array)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });

  it('leaves a message longer than maxlength in the pipe, and consumes one too long for recvBytesInto', async () => {
    const [a, b] = Pipe();
    await a.sendBytes(Buffer.from('abcdef'));
    await expect(b.recvBytes(3)).rejects.toMatchObject({ code: ErrorCode.MESSAGE_TOO_LONG });
    expect((await b.recvBytes(6)).toString()).toBe('abcdef');
    await a.sendBytes(Buffer.from('abcdef'));
    await a.send('next');
    const error = await b.recvBytesInto(new Uint8Array(10), 6).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BufferTooShort);
    expect((error as BufferTooShort).code).toBe(ErrorCode.BUFFER_TOO_SHORT);
    expect(Buffer.from((error as BufferTooShort).data).toString()).toBe('abcdef');
    expect(await b.recv()).toBe('next');
  });

  it('crosses send() and the bytes calls: recv gives a Buffer, recvBytes the v8 serialization', async () => {
    const [a, b] = Pipe();
    await a.sendBytes(new Uint8Array([1, 2, 3]));
    const got = await b.recv();
    expect(Buffer.isBuffer(got)).toBe(true);
    expect([...(got as Buffer)]).toEqual([1, 2, 3]);
    const value = { x: [1, 'y'], z: new Map([[1, 2]]) };
    await a.send(value);
    expect(v8.deserialize(await b.recvBytes())).toEqual(value);
  });

  it('after close: the peer drains then gets EOFError, sends get BrokenPipeError, the closed end refuses', async () => {
    const [a, b] = Pipe();
    await a.send(1);
    a.close();
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(false);
    expect(await b.poll()).toBe(true);
    expect(await b.recv()).toBe(1);
    expect(await b.poll()).toBe(true); // EOF is "ready", as in Python
    const eof = await b.recv().catch((e: unknown) => e);
    expect(eof).toBeInstanceOf(EOFError);
    expect((eof as EOFError).code).toBe(ErrorCode.EOF);
    await expect(b.send(2)).rejects.toMatchObject({ name: 'BrokenPipeError', code: ErrorCode.BROKEN_PIPE });
    await expect(a.send(3)).rejects.toMatchObject({ code: ErrorCode.CONNECTION_CLOSED });
    await expect(a.recv()).rejects.toMatchObject({ code: ErrorCode.CONNECTION_CLOSED });
  });

  it('wakes a waiting recv with EOFError when the other end closes', async () => {
    const [a, b] = Pipe();
    const waiting = b.recv();
    setTimeout(() => a.close(), 10);
    await expect(waiting).rejects.toBeInstanceOf(EOFError);
  });

  it('refuses the blocking forms on the main thread, except a zero-timeout poll', () => {
    const [a] = Pipe();
    const calls: Array<() => unknown> = [
      () => a.sendSync(1),
      () => a.recvSync(),
      () => a.pollSync(10),
      () => a.recvBytesSync(),
      () => a.sendBytesSync(new Uint8Array(1)),
      () => a.recvBytesIntoSync(new Uint8Array(1)),
    ];
    for (const call of calls) expect(thrown(call).code).toBe(ErrorCode.BLOCKING_ON_MAIN_THREAD);
    expect(a.pollSync(0)).toBe(false);
  });

  it('rejects a message larger than the ring with ERR_ITEM_TOO_LARGE', async () => {
    const [a] = Pipe({ bufferBytes: 256 });
    await expect(a.send('x'.repeat(1000))).rejects.toMatchObject({ code: ErrorCode.ITEM_TOO_LARGE });
    await expect(a.sendBytes(new Uint8Array(249))).rejects.toMatchObject({ code: ErrorCode.ITEM_TOO_LARGE });
    await a.sendBytes(new Uint8Array(248));
    expect(thrown(() => Pipe({ duplex: 1 as unknown as boolean })).code).toBe(ErrorCode.INVALID_OPTION);
  });

  it('an end revived from its descriptor is the same end', async () => {
    const [a, b] = Pipe();
    const twin = decodeShared(encodeShared(b)) as Connection;
    await a.send('hi');
    expect(await twin.recv()).toBe('hi');
    twin.close();
    expect(b.closed).toBe(true);
  });
});

describe('Pipe across workers', () => {
  it.each(['sync', 'async'])('a worker echoes 2000 messages (%s forms) until EOF', async (mode) => {
    const [here, there] = Pipe();
    const echo = spawn('echo', { conn: there, mode });
    for (let i = 0; i < 2000; i++) {
      await here.send({ i, payload: 'x'.repeat(i % 100) });
      expect(await here.recv()).toEqual({ i, payload: 'x'.repeat(i % 100) });
    }
    here.close();
    expect(await echo.next()).toEqual({ echoed: 2000, name: 'EOFError', code: ErrorCode.EOF });
  });

  it('each end goes to a different worker: 50k ordered messages over a one-way pipe with backpressure', async () => {
    const [reader, writer] = Pipe({ duplex: false, bufferBytes: 1024 });
    const receiver = spawn('receive', { conn: reader });
    const sender = spawn('send', { conn: writer, count: 50_000 });
    expect(await sender.next()).toEqual({ sent: 50_000 });
    expect(await receiver.next()).toEqual({
      count: 50_000,
      sum: (50_000 * 49_999) / 2,
      ordered: true,
      name: 'EOFError',
      code: ErrorCode.EOF,
    });
  });

  it('a worker receives bytes into a buffer at an offset and sends them back reversed', async () => {
    const [here, there] = Pipe();
    const worker = spawn('bytes', { conn: there, count: 20 });
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => i + 1);
      await here.sendBytes(bytes);
      expect([...(await here.recvBytes())]).toEqual([...bytes].reverse());
    }
    expect(await worker.next()).toEqual({ done: true });
  });

  it('a worker polls with a timeout, then waits until the main thread sends', async () => {
    const [here, there] = Pipe();
    const worker = spawn('poll', { conn: there, timeoutMs: 30 });
    expect(await worker.next()).toEqual({ before: false });
    await here.send('late');
    expect(await worker.next()).toEqual({ ready: true, message: 'late' });
  });
});
