/**
 * The Node flags a worker (thread or child process) is started with.
 *
 * By default a Worker inherits `process.execArgv` and `child_process.fork`
 * passes it on, which breaks when the parent was started from an entry that
 * is not a file: `node --input-type=module -e '…'` makes every worker fail
 * with ERR_INPUT_TYPE_NOT_ALLOWED, and a forked child given `-e <script>`
 * runs the user's script again instead of its entry (which creates a Pool,
 * which forks again: a fork bomb). So the flags that choose or alter the
 * entry script (`-e`, `-p`, `--input-type`, `-i`, `--test`, `-c`, `--watch`…)
 * are dropped; the rest (heap size, loaders, `--conditions`, `--expose-gc`,
 * `--enable-source-maps`, `--experimental-*`…) are kept.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Flags dropped together with the value that follows them (unless written `--flag=value`). */
const DROP_WITH_VALUE = new Set([
  '-e',
  '--eval',
  '-p',
  '--print',
  '-pe',
  '--input-type',
  '--watch-path',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-concurrency',
  '--test-shard',
  '--test-timeout',
  '--test-coverage-include',
  '--test-coverage-exclude',
]);

/** Flags dropped alone. */
const DROP = new Set([
  '-i',
  '--interactive',
  '-c',
  '--check',
  '--test',
  '--watch',
  '--watch-preserve-output',
  '--inspect-brk',
  '--inspect-wait',
]);

/** Kept flags whose value may follow as the next token: kept together, so the value is never read as a flag. */
const KEEP_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--env-file',
  '--title',
]);

function dropped(name: string): boolean {
  return (
    DROP.has(name) ||
    DROP_WITH_VALUE.has(name) ||
    name.startsWith('--test-') ||
    name.startsWith('--experimental-test-') ||
    name.startsWith('--inspect-brk') ||
    name.startsWith('--inspect-wait')
  );
}

/**
 * `argv` without the flags that select or alter the entry script.
 * @param argv - Node flags, as in `process.execArgv`.
 * @returns the flags a worker or forked child may take.
 */
export function filterExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = name !== arg;
    if (dropped(name)) {
      if (DROP_WITH_VALUE.has(name) && !inlineValue) i++;
      continue;
    }
    out.push(arg);
    if (KEEP_WITH_VALUE.has(name) && !inlineValue && i + 1 < argv.length) out.push(argv[++i]!);
  }
  return out;
}

/** The flags for a forked child (every Node and V8 flag is valid on a command line). */
export function childExecArgv(): string[] {
  return filterExecArgv(process.execArgv);
}

/**
 * The `execArgv` option for a worker thread: undefined (inherit the parent's,
 * V8 flags included) when nothing needs dropping, else the filtered list
 * without the process-wide flags a Worker refuses (see {@link withoutRefused}).
 */
export function threadExecArgv(): string[] | undefined {
  const filtered = filterExecArgv(process.execArgv);
  return filtered.length === process.execArgv.length ? undefined : filtered;
}

/**
 * `argv` without the flags named by a Worker's ERR_WORKER_INVALID_EXEC_ARGV
 * error (V8 and other process-wide flags such as `--max-old-space-size` or
 * `--expose-gc`, which apply to every thread anyway), or undefined when
 * `error` is not that error.
 */
export function withoutRefused(argv: readonly string[], error: unknown): string[] | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return undefined;
  const listed = String((error as Error).message)
    .split(': ')
    .slice(1)
    .join(': ');
  const refused = new Set(listed.split(', ').map((s) => s.trim()));
  const out = argv.filter((arg) => !refused.has(arg));
  return out.length === argv.length ? undefined : out;
}

/**
 * `new Worker(entry, options)` with the parent's flags minus the entry
 * ones; a flag the Worker refuses as process-wide is dropped and the start
 * retried once.
 */
export function newWorker(entry: URL | string, options: WorkerOptions): Worker {
  const execArgv = threadExecArgv();
  if (execArgv === undefined) return new Worker(entry, options);
  try {
    return new Worker(entry, { ...options, execArgv });
  } catch (error) {
    const retry = withoutRefused(execArgv, error);
    if (retry === undefined) throw error;
    return new Worker(entry, { ...options, execArgv: retry });
  }
}
