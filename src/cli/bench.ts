/**
 * `corepool bench [flags]`: runs the benchmark orchestrator (bench/run.mjs) of
 * the corepool checkout this CLI belongs to, passing every flag through.
 *
 * bench/ is not in the published package (package.json `files`): the benches
 * compare against numpy, piscina, tinypool, workerpool and poolifier, which a
 * user's install does not have. From an installed package the command says
 * so and exits 2 (a usage error: nothing was measured) instead of running half
 * of a benchmark whose figures could not be compared with bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BENCH_USAGE = `usage: corepool bench [flags]   (from a corepool source checkout)

Runs bench/run.mjs (the same as npm run bench) and writes bench/RESULTS.md and
bench/report/results.json. Flags are passed through:
  --report           also render the charted report: bench/report/index.html + one SVG per chart
  --report-only      render the report from the last run's bench/report/results.json; measure nothing
  --families=a,b     run only these family benches (none: skip them)
  --wait-quiet[=S]   wait up to S s (default 120) for other processes to go idle first
Exits with the orchestrator's status, or 2 when there is no bench/ folder
(an npm-installed corepool: the benchmarks ship with the source only).
`;

/**
 * Runs `script` with `args`; returns the exit code for the CLI.
 * @param script - bench/run.mjs beside the CLI's own dist/ (or src/) folder
 */
export function bench(args: string[], script: string, write: (text: string) => void, writeError: (text: string) => void): number {
  if (args.includes('--help') || args.includes('-h')) {
    write(BENCH_USAGE);
    return 0;
  }
  if (!existsSync(script)) {
    writeError(
      `corepool bench: ${script} does not exist. The benchmarks are not in the npm package;\n` +
        'run them from a source checkout of corepool: npm ci && npx corepool bench [--report]\n',
    );
    return 2;
  }
  // The orchestrator records this as the command that produced the figures.
  const command = ['npx corepool bench', ...args].join(' ');
  const result = spawnSync(process.execPath, [script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, COREPOOL_BENCH_COMMAND: command },
  });
  if (result.error !== undefined) {
    writeError(`corepool bench: could not start ${script}: ${result.error.message}\n`);
    return 1;
  }
  return result.status ?? 1; // killed by a signal: a failure, not a usage error
}
