/**
 * corepool: Python's multiprocessing model for Node.js, with native kernels underneath.
 *
 * The named exports live in exports.ts so the default export can be their
 * namespace without this module importing itself (an import cycle).
 */
import * as corepool from './exports.js';

export * from './exports.js';
/** Every named export as one object: `import corepool from 'corepool'`. */
export default corepool;
