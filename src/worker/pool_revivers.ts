/**
 * Imported by the pool worker entry for its side effects: each module listed
 * here registers the revivers of shareable classes (src/shared/shareable.ts),
 * so a Lock, Queue, Value, Pipe end… passed to a Pool task arrives as the
 * same shared object. Add the module of every new shareable family here.
 */
import '../sync/index.js';
import '../queue/index.js';
import '../pipe/index.js';
import '../shared/value.js';
import '../shared/shared_array.js';
import '../manager/proxy.js';
import '../nd/share.js';
