/**
 * A Pool (and a Process) started from an entry that is not a plain file:
 * `-e`, `-p`, stdin, `--input-type=module`, a TS loader. Workers must not
 * inherit the flags that pick the entry script (ISSUE10 finding 8: threads
 * failed with ERR_INPUT_TYPE_NOT_ALLOWED, forked children re-ran the user's
 * script: a fork bomb), and must keep the others (`--max-old-space-size`).
 * Each run is a child in its own process group, killed whole on timeout;
 * the fixture's env guard makes a re-run child exit at once.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../helpers/child.js';

const SCRIPT = readFileSync(fixture('entry_mode.mjs'), 'utf8');
const HEAP = '--max-old-space-size=300';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin?: string, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CP_ENTRY_RAN;
    const child = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdin.end(stdin ?? '');
    // The whole group: a regression's grandchildren go too.
    const kill = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(kill, timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      kill();
      resolve({ status, stdout, stderr });
    });
  });
}

function result(r: Run): Record<string, { argv: string[]; heap: number } | number> {
  expect(r.stdout).not.toContain('RERUN');
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  expect(line, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBeDefined();
  return JSON.parse(line!.slice('RESULT '.length));
}

function expectWorking(r: Run, heapFlag: boolean): void {
  const out = result(r);
  expect(out.threadProcess).toBe(0);
  expect(out.processProcess).toBe(0);
  for (const context of ['thread', 'process'] as const) {
    const worker = out[context] as { argv: string[]; heap: number };
    expect(worker.argv.some((a) => a === '-e' || a === '-p' || a.startsWith('--input-type'))).toBe(false);
    // The heap limit reaches both: a process-wide V8 flag for threads, a flag of the child's own for processes.
    if (heapFlag) expect(worker.heap).toBe(out.heap);
  }
  if (heapFlag) expect((out.process as { argv: string[] }).argv).toContain(HEAP);
  expect(r.status).toBe(0);
}

describe('entry modes (ISSUE10 finding 8)', () => {
  it('node --input-type=module -e', async () => {
    expectWorking(await run([HEAP, '--input-type=module', '-e', SCRIPT]), true);
  });

  it('node --eval= (inline form) and -p', async () => {
    expectWorking(await run(['--input-type=module', `--eval=${SCRIPT}`]), false);
    // -p evaluates CommonJS text; the fixture is imported from it.
    expectWorking(await run([HEAP, '-p', `import(${JSON.stringify(fixture('entry_mode.mjs'))}).then(() => 'printed')`]), true);
  });

  it('node --input-type=module < script (stdin)', async () => {
    expectWorking(await run([HEAP, '--input-type=module'], SCRIPT), true);
  });

  it('node --import tsx file.ts', async () => {
    expectWorking(await run([HEAP, '--import', 'tsx', fixture('entry_mode_ts.ts')]), true);
  });
});
