/** Manager and its proxies (imported for its side effect too: registering the proxy reviver). */
export { Manager, SyncManager } from './manager.js';
export { BaseProxy, type DictProxy, type ListProxy, type NamespaceProxy } from './proxy.js';
