/**
 * How a task's own error crosses back to the caller. Imported by both sides
 * (it depends on nothing else), so the worker entry stays free of main-thread
 * modules.
 *
 * The caller receives the original error re-created, as Python re-raises the
 * original exception: the same built-in class when it is one (so `instanceof
 * TypeError` holds), the same `name`, `message`, `code` and worker-side
 * `stack`, the own data properties that survive structured clone, and the
 * `cause` chain.
 */
import type { WireError } from './types.js';

const MAX_DEPTH = 4;

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function ownProps(error: Error): Record<string, unknown> | undefined {
  let props: Record<string, unknown> | undefined;
  for (const key of Object.keys(error)) {
    if (key === 'cause' || key === 'errors' || key === 'code') continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    if (!cloneable(value)) continue;
    Object.defineProperty((props ??= {}), key, { value, writable: true, enumerable: true, configurable: true });
  }
  return props;
}

/** Captures what survives a thread hop; never throws. */
export function encodeError(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) {
    const thrown = cloneable(error) ? error : String(error);
    return {
      name: 'Error',
      message: String(error),
      stack: undefined,
      code: undefined,
      props: undefined,
      cause: undefined,
      errors: undefined,
      thrown,
    };
  }
  const code = (error as { code?: unknown }).code;
  const nested = depth < MAX_DEPTH;
  const members = (error as { errors?: unknown }).errors;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    code: typeof code === 'string' ? code : undefined,
    props: ownProps(error),
    cause: nested && error.cause !== undefined ? encodeError(error.cause, depth + 1) : undefined,
    errors: nested && Array.isArray(members) ? members.map((e) => encodeError(e, depth + 1)) : undefined,
  };
}

const BUILTIN: Record<string, new (message: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Re-creates the error a task threw (or returns the non-Error value it threw). */
export function decodeError(wire: WireError): unknown {
  if ('thrown' in wire) return wire.thrown;
  const error =
    wire.name === 'AggregateError'
      ? new AggregateError((wire.errors ?? []).map(decodeError), wire.message)
      : new (BUILTIN[wire.name] ?? Error)(wire.message);
  if (error.name !== wire.name) {
    Object.defineProperty(error, 'name', { value: wire.name, writable: true, configurable: true });
  }
  if (wire.stack !== undefined) error.stack = wire.stack;
  if (wire.code !== undefined) (error as Error & { code?: string }).code = wire.code;
  // Own data properties: Object.assign would run setters, and a '__proto__' key (JSON.parse makes one) would swap the prototype.
  if (wire.props !== undefined) {
    for (const [key, value] of Object.entries(wire.props))
      Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
  }
  if (wire.cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: decodeError(wire.cause), writable: true, configurable: true });
  }
  return error;
}
