/**
 * The self-containment check a function passes before its source may be
 * sent to another thread (Pool task functions, Process targets, Barrier
 * actions). Depends only on the free-variable walker, so the sync
 * primitives can use it without loading the pool.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { freeVariables } from './free_vars.js';

/** A function's shippable source. */
export interface SourceShape {
  type: 'source';
  source: string;
  /** Written as a method (`square(x) { … }`), which is not an expression by itself. */
  method: boolean;
}

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

function notSelfContained(message: string, names: string[] = []): CorepoolTypeError {
  const error = new CorepoolTypeError(ErrorCode.FN_NOT_SELF_CONTAINED, message);
  return Object.assign(error, { freeVariables: names });
}

type Parsed = { method: boolean; free: string[] } | Error;

function parseShape(source: string): Parsed {
  try {
    return { method: false, free: freeVariables(source, false) };
  } catch {
    // Method shorthand (`{ square(x) { … } }.square`) is not an expression by itself.
    try {
      return { method: true, free: freeVariables(source, true) };
    } catch (error) {
      return error as Error;
    }
  }
}

// `pool.applyAsync((x) => x + 1, [i])` in a loop makes a new function object
// per call with the same source, and parsing it again cost 17–30 µs a call.
// The parse depends only on the text, so it is cached by text; the bound
// keeps generated sources from growing the cache without end.
const PARSED = new Map<string, Parsed>();
const PARSED_LIMIT = 1024;

function parsedSource(source: string): Parsed {
  let parsed = PARSED.get(source);
  if (parsed === undefined) {
    parsed = parseShape(source);
    if (PARSED.size >= PARSED_LIMIT) PARSED.delete(PARSED.keys().next().value as string);
    PARSED.set(source, parsed);
  }
  return parsed;
}

/**
 * The source of `fn` if it is self-contained, else the error saying why not
 * (TypeError ERR_FN_NOT_SELF_CONTAINED, `freeVariables` naming the outside names).
 * Never throws.
 */
export function sourceShape(fn: (...args: never[]) => unknown, argName = 'fn'): SourceShape | CorepoolTypeError {
  const source = Function.prototype.toString.call(fn);
  if (NATIVE.test(source)) {
    return notSelfContained(
      `${argName} (${fn.name || 'anonymous'}) is a native or bound function, so its source cannot be sent to a worker; wrap it: (x) => Math.sqrt(x)`,
    );
  }
  const parsed = parsedSource(source);
  if (parsed instanceof Error) {
    return notSelfContained(`${argName}'s source could not be parsed to send it to a worker: ${parsed.message}`);
  }
  if (parsed.free.length > 0) {
    const names = parsed.free.map((n) => `'${n}'`).join(', ');
    return notSelfContained(
      `${argName} uses ${names}, defined outside the function (a closure or module variable); a function sent to a worker must be ` +
        'self-contained: pass the value as an argument, or export the function from a module and use task(url, name)',
      parsed.free,
    );
  }
  return { type: 'source', source, method: parsed.method };
}
