// Measures the longest event-loop stall of each test file (finding 11 of
// issue 10): `npm run test:stalls -- [vitest args, e.g. --project native files…]`
// runs vitest with test/stalls/stall_monitor.ts and prints the worst files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'corepool-stalls-'));
const log = join(dir, 'stalls.jsonl');
const args = ['vitest', 'run', '--config', 'test/stalls/vitest.stalls.config.ts', '--reporter', 'dot', ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, COREPOOL_STALL_LOG: log } });
let rows = [];
try {
  rows = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  console.error('no stall records were written');
}
rmSync(dir, { recursive: true, force: true });
rows.sort((a, b) => b.maxMs - a.maxMs);
console.log('\nlongest event-loop stall per test file (ms), worst first');
console.log('| max stall ms | project | file | test |');
console.log('|---:|---|---|---|');
for (const r of rows.slice(0, Number(process.env.STALLS_TOP ?? 25))) {
  console.log(`| ${r.maxMs} | ${r.project} | ${relative(process.cwd(), r.file)} | ${r.test} |`);
}
process.exit(run.status ?? 1);
