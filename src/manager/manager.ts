/**
 * Manager(): Python's multiprocessing.Manager, served by the thread that
 * creates it. dict(), list() and Namespace() live on that thread and are
 * reached through proxies; Queue(), Lock() and Value() hand out corepool's
 * shared-memory objects, which every worker can already use directly.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from '../queue/queue.js';
import type { QueueOptions } from '../queue/options.js';
import type { SynchronizedOptions } from '../shared/lock_option.js';
import type { TypecodeLike } from '../shared/typecodes.js';
import { Value as makeValue } from '../shared/value.js';
import { Lock, RLock, type NoOptions } from '../sync/lock.js';
import { checkOptions } from '../validate.js';
import { closedError } from './channel.js';
import { makeProxy, type DictProxy, type ListProxy, type NamespaceProxy } from './proxy.js';
import { ManagerServer } from './server.js';
import type { ManagedKind } from './types.js';

/**
 * A server for shared dicts, lists and namespaces. Shut it down with
 * `shutdown()` or `await using` (Python's `with Manager() as m:`).
 * Python equivalent: `multiprocessing.Manager()` (a SyncManager).
 */
export class SyncManager implements AsyncDisposable {
  readonly #server = new ServerHolder();

  /**
   * @param options none yet: Python's `address`, `authkey`… have no meaning for a
   *   thread-served manager, so any key is refused rather than ignored.
   * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object argument, ERR_INVALID_OPTION for any key.
   */
  constructor(options?: NoOptions) {
    checkOptions(options, 'Manager', []);
  }

  /**
   * A new managed dict, optionally filled from a plain object, a Map or entries.
   * @returns its proxy. @throws ERR_MANAGER_CLOSED after shutdown().
   * Python equivalent: `manager.dict()`.
   */
  dict<K = string, V = unknown>(init?: Record<string, V> | Map<K, V> | Array<[K, V]>): DictProxy<K, V> {
    return this.#make('dict', Array.isArray(init) ? new Map(init) : init) as DictProxy<K, V>;
  }

  /** A new managed list. @returns its proxy. Python equivalent: `manager.list()`. */
  list<T = unknown>(init?: Iterable<T>): ListProxy<T> {
    return this.#make('list', init === undefined ? undefined : [...init]) as ListProxy<T>;
  }

  /** A new managed namespace. @returns its proxy. Python equivalent: `manager.Namespace()`. */
  Namespace(init?: Record<string, unknown>): NamespaceProxy {
    return this.#make('namespace', init) as NamespaceProxy;
  }

  /** A corepool Queue (shared memory; no proxy needed). Python equivalent: `manager.Queue(maxsize)`. */
  Queue(maxsize = 0, options?: QueueOptions): Queue {
    this.#server.check();
    return new Queue(maxsize, options);
  }

  /** A corepool Lock (shared memory). Python equivalent: `manager.Lock()`. */
  Lock(): Lock {
    this.#server.check();
    return new Lock();
  }

  /** A corepool RLock (shared memory). Python equivalent: `manager.RLock()`. */
  RLock(): RLock {
    this.#server.check();
    return new RLock();
  }

  /** A corepool Value (shared memory, with a lock by default). Python equivalent: `manager.Value(typecode, value)`. */
  Value(typecode: TypecodeLike, init?: number | bigint, options?: SynchronizedOptions): ReturnType<typeof makeValue> {
    this.#server.check();
    return makeValue(typecode, init, options);
  }

  /** Stops the server once queued requests are answered; later calls fail with ERR_MANAGER_CLOSED. */
  shutdown(): Promise<void> {
    return this.#server.shutdown();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  #make(kind: ManagedKind, init: unknown): unknown {
    const server = this.#server.get();
    return makeProxy(server.id, server.create(kind, init), kind, server.channel);
  }
}

/** Starts the server on first use, so a Manager that only hands out Queues costs nothing. */
class ServerHolder {
  #server: ManagerServer | undefined;
  #closed = false;

  check(): void {
    if (this.#closed) throw closedError();
  }

  get(): ManagerServer {
    this.check();
    return (this.#server ??= new ManagerServer(randomUUID()));
  }

  async shutdown(): Promise<void> {
    this.#closed = true;
    await this.#server?.shutdown();
  }
}

/**
 * Creates a Manager served by the calling thread.
 * Python equivalent: `multiprocessing.Manager()`.
 * @param options none yet (see {@link SyncManager}).
 * @returns a started {@link SyncManager}.
 * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object argument, ERR_INVALID_OPTION for any key.
 */
export function Manager(options?: NoOptions): SyncManager {
  return new SyncManager(options);
}
