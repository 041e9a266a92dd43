/**
 * Runs a benchmark in a child process and collects its JSON result. The
 * backend is chosen once per process, so each backend gets its own child;
 * children write progress to stderr (passed through) and exactly one JSON
 * document, on the last line of stdout.
 */
import { spawn } from 'node:child_process';

/** Spawns `command args` with extra `env`; resolves with the parsed last stdout line. */
export function runJsonChild(command, args, { env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last));
      } catch (error) {
        reject(new Error(`${command} ${args.join(' ')} printed no JSON result: ${last.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}

/** Writes `result` as the one JSON line a parent reads. */
export function emitJson(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress for the person watching; stdout is reserved for the result. */
export function progress(message) {
  process.stderr.write(`  ${message}\n`);
}
