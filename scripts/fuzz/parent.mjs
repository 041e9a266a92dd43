// Runs scripts/fuzz/child.mjs for one backend and turns its outcome into a
// summary and a list of problems: violations from the report, or the crash
// (signal or exit code) or hang with the case that was running at the time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));

/** @returns {Promise<{ report: object | undefined, summary: string, problems: string[] }>} */
export function runFuzzChild({ backend, seed, runs, during = false, skip = '', timeoutMs = 600_000 }) {
  const args = [CHILD, '--seed', String(seed), '--runs', String(runs), ...(during ? ['--during'] : []), ...(skip ? ['--skip', skip] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, COREPOOL_BACKEND: backend } });
    let stdout = '';
    let lastCase = '';
    let errTail = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      errTail = (errTail + chunk).slice(-8192);
      const lines = errTail.split('\n').filter((l) => l.startsWith('case '));
      if (lines.length > 0) lastCase = lines[lines.length - 1];
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve(outcome(stdout, status, signal, lastCase, errTail));
    });
  });
}

function outcome(stdout, status, signal, lastCase, errTail) {
  let report;
  try {
    report = JSON.parse(stdout.trim().split('\n').pop() ?? '');
  } catch {
    report = undefined;
  }
  if (status !== 0 || report === undefined) {
    const how = signal ? `killed by ${signal} (a crash, or the time limit)` : `exited with ${status}`;
    const tail = errTail
      .split('\n')
      .filter((l) => !l.startsWith('case '))
      .slice(-10)
      .join('\n');
    return { report, summary: `child ${how}`, problems: [`child ${how} during ${lastCase || 'start-up'}`, ...(tail ? [tail] : [])] };
  }
  const problems = report.violations.map((v) => `${v.kind} from ${v.kernel} (${v.form}): ${v.detail}\n    case ${JSON.stringify(v.case)}`);
  const summary = `${report.cases} cases over ${report.kernels} kernels (${report.calls} calls: ${report.results} results, ${report.codedErrors} coded errors), ${report.violations.length} violations`;
  return { report, summary, problems };
}
