/**
 * Module references: `task(url, exportName)` names a function that workers
 * import themselves, for work that needs imports or shared module state.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CorepoolTypeError, ErrorCode } from '../errors.js';

export const kTaskRef: unique symbol = Symbol.for('corepool.taskRef');

/** A function exported by a module, run in each worker after importing the module there. */
export interface TaskRef {
  readonly [kTaskRef]: true;
  /** The module's file: URL (or other URL Node can import). */
  readonly url: string;
  readonly exportName: string;
}

export function isTaskRef(value: unknown): value is TaskRef {
  return typeof value === 'object' && value !== null && (value as Partial<TaskRef>)[kTaskRef] === true;
}

/**
 * Names an exported function for Pool calls. The module may be ESM or
 * CommonJS (a named export or a property of `module.exports`), or TypeScript
 * when the program runs under a TS loader (workers inherit `execArgv`).
 * Python equivalent: passing a module-level function, which pickle sends by name.
 * @param url - the module: a URL (`new URL('./work.js', import.meta.url)`), a file: URL string, or a file path (relative paths resolve from the current directory).
 * @param exportName - the export to call; default `'default'`.
 * @returns a reference to pass wherever a Pool method takes `fn`.
 * @throws TypeError ERR_INVALID_ARG_TYPE for a bad `url` or `exportName`.
 */
export function task(url: URL | string, exportName = 'default'): TaskRef {
  let href: string;
  if (url instanceof URL) href = url.href;
  else if (typeof url === 'string' && /^[a-z][a-z0-9+.-]+:/i.test(url) && !isAbsolute(url)) href = url;
  else if (typeof url === 'string' && url.length > 0) href = pathToFileURL(resolve(url)).href;
  else throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `url must be a URL, a URL string or a file path; got ${typeof url}`);
  if (typeof exportName !== 'string' || exportName.length === 0) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `exportName must be a non-empty string; got ${typeof exportName}`);
  }
  return Object.freeze({ [kTaskRef]: true as const, url: href, exportName });
}
