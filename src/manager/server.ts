/**
 * The Manager's server on the owning thread: it holds the managed objects,
 * answers requests from workers in arrival order (one at a time, so each
 * method call is atomic), and serves the owning thread's own proxies
 * directly, with the same copy semantics.
 */
import { serializeError } from '../errors.js';
import { closedError, ManagerChannel } from './channel.js';
import { makeObject, type MethodTable } from './objects.js';
import type { ManagedKind, ManagerReply, ManagerRequest } from './types.js';

// Keyed through globalThis so any copy of this module on the owning thread finds the server.
const kServers = Symbol.for('corepool.managerServers');
type Registry = Map<string, ManagerServer>;
const registry: Registry = ((globalThis as { [kServers]?: Registry })[kServers] ??= new Map());

/** The server of manager `id` when it lives on this thread. */
export function localServer(id: string): ManagerServer | undefined {
  return registry.get(id);
}

export class ManagerServer {
  readonly id: string;
  readonly channel = ManagerChannel.create();
  readonly #objects = new Map<number, MethodTable>();
  #nextId = 1;
  #closed = false;
  readonly #done: Promise<void>;

  constructor(id: string) {
    this.id = id;
    registry.set(id, this);
    this.#done = this.#serve();
  }

  get closed(): boolean {
    return this.#closed;
  }

  create(kind: ManagedKind, init: unknown): number {
    if (this.#closed) throw closedError();
    const id = this.#nextId++;
    this.#objects.set(id, makeObject(kind, structuredClone(init)));
    return id;
  }

  /** A call from the owning thread: arguments and result are copied, as for a worker. */
  invoke(id: number, method: string, args: unknown[]): unknown {
    if (this.#closed) throw closedError();
    return structuredClone(this.#run(id, method, structuredClone(args)));
  }

  /** Stops serving: requests already queued are answered, later ones fail with ERR_MANAGER_CLOSED. */
  async shutdown(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.channel.parts.requests.close();
      this.channel.ring();
    }
    await this.#done;
    registry.delete(this.id);
  }

  #run(id: number, method: string, args: unknown[]): unknown {
    const table = this.#objects.get(id);
    const fn = table?.[method];
    if (fn === undefined) throw new TypeError(`managed object ${id} has no method '${method}'`);
    return (fn as (...a: unknown[]) => unknown)(...args);
  }

  async #serve(): Promise<void> {
    const { requests, bell } = this.channel.parts;
    for (let served = 0; ; ) {
      const seen = Atomics.load(bell, 0);
      let request: ManagerRequest;
      try {
        request = requests.getNowait() as ManagerRequest;
      } catch {
        if (this.#closed) return;
        // A bare waitAsync does not keep the event loop alive: an idle Manager
        // never holds the program open (a worker waiting for a reply does).
        const wait = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(bell, 0, seen);
        if (wait.async) await wait.value;
        continue;
      }
      this.#answer(request);
      // Under a steady stream of requests, still let the owning thread's other work run.
      if (++served % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #answer(request: ManagerRequest): void {
    const { replies } = this.channel.parts;
    let reply: ManagerReply;
    try {
      reply = { ok: true, value: this.#run(request.id, request.method, request.args) };
    } catch (error) {
      reply = { ok: false, error: serializeError(error) };
    }
    try {
      replies[request.slot]!.putNowait(reply);
    } catch (error) {
      // Too large for the reply ring, or not cloneable: the caller still gets an answer.
      replies[request.slot]!.putNowait({ ok: false, error: serializeError(error) });
    }
  }
}

type WaitAsync = (i32: Int32Array, index: number, value: number) => { async: false } | { async: true; value: Promise<unknown> };
