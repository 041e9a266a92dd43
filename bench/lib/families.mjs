/**
 * The kernel-family and API benches (bench/<family>.mjs). Each is a
 * standalone script printing markdown tables with its peers side by side;
 * `npm run bench` runs them in turn and appends their output to RESULTS.md.
 * A bench that also has figures worth charting writes them as JSON to the
 * file named by COREPOOL_BENCH_JSON (bench/pool.mjs does); they come back in
 * `data`, keyed by the script's name, for bench/report/results.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Family benches in report order, with the issue each one measures. */
export const FAMILY_BENCHES = [
  ['unary.mjs', 'Elementwise math (issue 3)'],
  ['fused.mjs', 'Fused ops, binary math and casts (issue 3)'],
  ['stats.mjs', 'Reductions II, scans, histogram (issue 3)'],
  ['random.mjs', 'Random (issue 3)'],
  ['sort.mjs', 'Sorting, native vs numpy and TypedArray.prototype.sort (issue 4)'],
  ['sort_fallback.mjs', 'Sorting on the fallback backend (issue 4)'],
  ['linalg.mjs', 'Linear algebra, native vs numpy/OpenBLAS (issue 4)'],
  ['linalg_fallback.mjs', 'Linear algebra on the fallback backend (issue 4)'],
  ['pool.mjs', 'Pool vs piscina, tinypool, workerpool, poolifier and Python (issue 5)'],
  ['sync.mjs', 'Locks and synchronisation (issue 6)'],
  ['queue.mjs', 'Queue and Pipe (issue 6)'],
  ['soak.mjs', 'Soak: memory over 1e5 kernel calls and 1e5 Pool tasks (issue 10)'],
  ['nd.mjs', 'n-dimensional arrays (issue 12)'],
  ['expr.mjs', 'Array expressions and vectorize (issue 13)'],
];

/** `--families=a,b` limits the run (names without .mjs); `--families=none` skips them. */
export function selectedFamilies(argv) {
  const arg = argv.find((a) => a.startsWith('--families='));
  if (arg === undefined) return FAMILY_BENCHES;
  const wanted = new Set(arg.split('=')[1].split(','));
  return FAMILY_BENCHES.filter(([file]) => wanted.has(file.replace(/\.mjs$/, '')));
}

function runScript(file, timeoutMs, jsonFile) {
  return new Promise((resolve) => {
    const env = { ...process.env, COREPOOL_BENCH_JSON: jsonFile };
    const child = spawn(process.execPath, [`bench/${file}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout });
    });
  });
}

/** The JSON a bench left in `file`, or undefined when it wrote none (or a broken one). */
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Runs each selected family bench; returns its markdown sections and the JSON
 * figures of those that write some (failures are reported, not thrown).
 */
export async function runFamilies(families, timeoutMs = 10 * 60_000) {
  const sections = [];
  const data = {};
  const dir = mkdtempSync(`${tmpdir()}/corepool-bench-`);
  for (const [file, title] of families) {
    if (!existsSync(`${ROOT}/bench/${file}`)) continue;
    console.log(`\n== ${title}: node bench/${file}`);
    const jsonFile = `${dir}/${file}.json`;
    const { status, signal, stdout } = await runScript(file, timeoutMs, jsonFile);
    const json = status === 0 ? readJson(jsonFile) : undefined;
    if (json !== undefined) data[file.replace(/\.mjs$/, '')] = json;
    const body = status === 0 ? stdout.trim() : `_failed (${signal ?? `exit ${status}`}); partial output:_\n\n${stdout.trim()}`;
    sections.push(`## ${title}\n\nCommand: \`node bench/${file}\` (run by \`npm run bench\`)\n\n${body}\n`);
  }
  rmSync(dir, { recursive: true, force: true });
  return { sections, data };
}
