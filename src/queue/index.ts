/** The Queue family (imported for its side effect too: registering the revivers). */
export { Queue } from './queue.js';
export { JoinableQueue } from './joinable_queue.js';
export { SimpleQueue, type SimpleQueueOptions } from './simple_queue.js';
export type { QueueOptions, WaitOptions } from './options.js';
export type { QueueDescriptor, ConnectionDescriptor } from './types.js';
