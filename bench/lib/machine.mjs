/**
 * What machine the numbers came from, and how busy it was with other work
 * while they were taken. On a shared 2-core machine a parallel build in
 * another terminal halves what two threads can do, so RESULTS.md states the
 * load next to the tables instead of leaving the reader to guess.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

const TICKS_PER_S = 100; // USER_HZ; 100 on every mainstream Linux build

function readOr(path, fallback) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** CPU model, core count, memory, and tool versions. */
export function machineInfo() {
  const cpuinfo = readOr('/proc/cpuinfo', '');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const family = cpuinfo.match(/^cpu family\s*:\s*(\d+)$/m)?.[1];
  let nproc = availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep availableParallelism()
  }
  let gxx;
  try {
    gxx = execFileSync('g++', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    gxx = undefined;
  }
  return {
    nproc,
    cpuModel: family === undefined ? model : `${model} (family ${family})`,
    memGiB: totalmem() / 2 ** 30,
    node: process.version,
    gxx,
    kernel: readOr('/proc/sys/kernel/osrelease', 'unknown').trim(),
    loadavg: loadavg(),
  };
}

/** [busy ticks of all CPUs, ticks this process and its reaped children used]. */
function snapshot() {
  const cpu = readOr('/proc/stat', '').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal: busy excludes idle and iowait.
  const busy = cpu.length >= 8 ? cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] : NaN;
  const steal = cpu.length >= 8 ? cpu[7] : NaN;
  const self = readOr('/proc/self/stat', '');
  // Fields after the ")" of comm: utime is 14th overall, then stime, cutime, cstime.
  const f = self
    .slice(self.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const own = f.length > 14 ? f[11] + f[12] + f[13] + f[14] : NaN;
  return { busy, steal, own, wall: performance.now() };
}

/**
 * Measures, between start and stop, how many cores other processes kept busy
 * (system busy time minus this process tree's), and hypervisor steal time.
 * Children only count once reaped, so stop after they have exited.
 */
export class LoadMonitor {
  #start = snapshot();

  stop() {
    const end = snapshot();
    const wallS = (end.wall - this.#start.wall) / 1000;
    const foreignS = (end.busy - this.#start.busy - (end.own - this.#start.own)) / TICKS_PER_S;
    return {
      wallS,
      foreignCores: Math.max(0, foreignS / wallS),
      stealCores: (end.steal - this.#start.steal) / TICKS_PER_S / wallS,
    };
  }
}
