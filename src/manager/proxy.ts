/**
 * Proxies to a Manager's objects. Each method exists in two forms:
 * `name(...)` returns a Promise (any thread), `nameSync(...)` returns the
 * value (worker threads, where blocking is fine, and the owning thread,
 * which the server answers at once). A proxy is shareable: passed to a Pool
 * task or a Process it arrives as a proxy to the same managed object.
 */
import { kShare, registerShareable, type ShareDescriptor, type Shareable } from '../shared/shareable.js';
import { ManagerChannel } from './channel.js';
import { METHODS } from './objects.js';
import { localServer } from './server.js';
import type { ManagedKind } from './types.js';

// One channel per manager per thread, however many proxies arrive.
const channels = new Map<string, ManagerChannel>();

/** A proxy to one managed object. */
export class BaseProxy implements Shareable {
  readonly #manager: string;
  readonly #id: number;
  readonly #kind: ManagedKind;
  readonly #channel: ManagerChannel;

  /** @internal Built by Manager methods and by the reviver, not by users. */
  constructor(manager: string, id: number, kind: ManagedKind, channel: ManagerChannel) {
    this.#manager = manager;
    this.#id = id;
    this.#kind = kind;
    this.#channel = channel;
  }

  /** 'dict', 'list' or 'namespace'. */
  get kind(): ManagedKind {
    return this.#kind;
  }

  /** Calls `method` on the managed object; the result is a copy. */
  call(method: string, args: unknown[] = []): Promise<unknown> {
    const server = localServer(this.#manager);
    if (server === undefined) return this.#channel.call(this.#id, method, args);
    try {
      return Promise.resolve(server.invoke(this.#id, method, args));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The blocking form of {@link call}; on the owning thread it does not block. */
  callSync(method: string, args: unknown[] = []): unknown {
    const server = localServer(this.#manager);
    return server === undefined ? this.#channel.callSync(this.#id, method, args) : server.invoke(this.#id, method, args);
  }

  [kShare](): ShareDescriptor {
    return { __corepool: 'ManagerProxy', manager: this.#manager, id: this.#id, kind: this.#kind, channel: this.#channel.encode() };
  }
}

type Async<F> = F extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : never;
type WithSync<T> = { [K in keyof T]: Async<T[K]> } & { [K in keyof T as `${K & string}Sync`]: T[K] };

interface DictMethods<K, V> {
  get(key: K, dflt?: V): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
  has(key: K): boolean;
  keys(): K[];
  values(): V[];
  items(): Array<[K, V]>;
  len(): number;
  update(other: Record<string, V> | Array<[K, V]>): void;
  pop(key: K, dflt?: V): V;
  setDefault(key: K, dflt: V): V;
  clear(): void;
  copy(): Record<string, V>;
}

interface ListMethods<T> {
  get(i: number): T;
  set(i: number, value: T): void;
  append(value: T): void;
  extend(values: T[]): void;
  insert(i: number, value: T): void;
  pop(i?: number): T;
  remove(value: T): void;
  index(value: T): number;
  count(value: T): number;
  len(): number;
  slice(start?: number, end?: number): T[];
  clear(): void;
  copy(): T[];
}

interface NamespaceMethods {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  delete(name: string): void;
  has(name: string): boolean;
  copy(): Record<string, unknown>;
}

/** Proxy to a managed dict (a Map underneath: keys keep their type). Python equivalent: `DictProxy`. */
export type DictProxy<K = string, V = unknown> = BaseProxy & WithSync<DictMethods<K, V>>;
/** Proxy to a managed list; negative indices count from the end. Python equivalent: `ListProxy`. */
export type ListProxy<T = unknown> = BaseProxy & WithSync<ListMethods<T>>;
/** Proxy to a managed namespace (named fields). Python equivalent: `Namespace` proxy (attribute access becomes get/set). */
export type NamespaceProxy = BaseProxy & WithSync<NamespaceMethods>;

const classes = {} as Record<ManagedKind, new (m: string, id: number, kind: ManagedKind, ch: ManagerChannel) => BaseProxy>;
for (const kind of Object.keys(METHODS) as ManagedKind[]) {
  const cls = class extends BaseProxy {};
  for (const method of METHODS[kind]) {
    Object.defineProperty(cls.prototype, method, {
      value(this: BaseProxy, ...args: unknown[]) {
        return this.call(method, args);
      },
    });
    Object.defineProperty(cls.prototype, `${method}Sync`, {
      value(this: BaseProxy, ...args: unknown[]) {
        return this.callSync(method, args);
      },
    });
  }
  classes[kind] = cls;
}

/** @internal A proxy of the right class for `kind`. */
export function makeProxy(manager: string, id: number, kind: ManagedKind, channel: ManagerChannel): BaseProxy {
  return new classes[kind](manager, id, kind, channel);
}

registerShareable('ManagerProxy', (d) => {
  const manager = d.manager as string;
  let channel = channels.get(manager);
  if (channel === undefined) {
    channel = ManagerChannel.decode(d.channel);
    channels.set(manager, channel);
  }
  return makeProxy(manager, d.id as number, d.kind as ManagedKind, channel);
});
