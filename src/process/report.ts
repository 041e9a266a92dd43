/** How an error that escaped a Process target is reported (shared by both sides). */

/**
 * Prints `Process <name>:` and the error's stack to stderr, the way Python
 * prints "Process Process-1:" and the traceback.
 */
export function reportError(name: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`Process ${name}:\n${text}\n`);
}
