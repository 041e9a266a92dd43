/** Pipe and Connection (imported for its side effect too: registering the reviver). */
export { Pipe, type PipeOptions } from './pipe.js';
export { Connection } from './connection.js';
