/**
 * corepool: Python's multiprocessing model for Node.js, with native kernels underneath.
 *
 * The named exports live in exports.ts so the default export can be a
 * namespace without this module importing itself (an import cycle). The
 * default is the namespace of values.ts, the values alone: see there why
 * types stay out of it.
 */
import * as corepool from './values.js';

export * from './exports.js';
/** Every named export's value as one object: `import corepool from 'corepool'`. */
export default corepool;
