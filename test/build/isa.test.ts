/**
 * Prebuilt binaries must run on any x86-64 CPU, without SIGILL. Two views of
 * build/Release/corepool.node:
 * - static: scripts/check_isa.mjs disassembles it; anything beyond SSE2 must
 *   sit in a target_clones variant that only the ifunc resolver can pick;
 * - dynamic: qemu-user runs Node plus the addon as a baseline x86-64 CPU and
 *   as Haswell (AVX2), and every kernel x dtype must give the same bits as
 *   on the host, whichever clone the host picked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/child.js';

const ADDON = join(ROOT, 'build', 'Release', 'corepool.node');
const X64_LINUX = process.platform === 'linux' && process.arch === 'x64';
const QEMU_PACKAGE = 'qemu-user (or qemu-user-static)';

interface Offender {
  function: string;
  count: number;
  examples: string[];
}

/** The JSON that `node scripts/check_isa.mjs --json` prints. */
interface IsaReport {
  ok: boolean;
  error?: string;
  skipped?: string;
  clones?: Record<string, number>;
  missingClones?: string[];
  undispatched?: string[];
  offenders?: Offender[];
  avx2Offenders?: Offender[];
  fmaFunctions?: string[];
}

function explain(list: Offender[] | undefined): string {
  return (list ?? []).map((o) => `${o.function} (${o.count}):\n    ${o.examples.join('\n    ')}`).join('\n');
}

describe.skipIf(!X64_LINUX)('instruction sets in build/Release/corepool.node', () => {
  let report: IsaReport;

  beforeAll(() => {
    if (!existsSync(ADDON)) throw new Error(`${ADDON} is missing: run \`npm run build:native\` first`);
    const result = spawnSync(process.execPath, ['scripts/check_isa.mjs', '--json', ADDON], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    report = JSON.parse(result.stdout) as IsaReport;
    if (report.error) throw new Error(`check_isa: ${report.error}`);
  });

  it('uses nothing beyond baseline x86-64 outside target_clones variants', () => {
    expect(report.skipped).toBeUndefined();
    expect(report.offenders, explain(report.offenders)).toEqual([]);
  });

  it('keeps AVX-512 out of the .avx2 clones', () => {
    expect(report.avx2Offenders, explain(report.avx2Offenders)).toEqual([]);
  });

  it('has avx2 and avx512f clones, each with a default and a resolver (run-time dispatch)', () => {
    expect(report.missingClones).toEqual([]);
    expect(report.clones?.['avx2'] ?? 0).toBeGreaterThan(0);
    expect(report.clones?.['avx512f'] ?? 0).toBeGreaterThan(0);
    expect(report.undispatched).toEqual([]);
  });

  it('contains no fused multiply-add (the kernels promise bit parity with the JS twins)', () => {
    expect(report.fmaFunctions).toEqual([]);
  });
});

// Runs every registered kernel over every dtype and prints each result's bits
// (a hash of the output for elementwise kernels; the error code where a dtype
// is refused). Sizes straddle the 16384-element block; data is a fixed LCG.
const PROBE = `
const { createHash } = require('node:crypto');
const m = require(process.argv[1]);
const names = m.kernel_names();
const reduceNames = Array.isArray(names) ? names : names.reduce;
const mapNames = Array.isArray(names) || typeof m.map_sync !== 'function' ? [] : (names.map ?? []);
const kinds = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array,
  Int8Array, Uint8Array, Uint8ClampedArray];
let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const bits = (r) => Buffer.from(new Float64Array([r]).buffer).toString('hex');
const attempt = (fn) => { try { return fn(); } catch (e) { return 'throws ' + (e.code ?? e.message); } };
const n = 3 * 16384 + 77;
const results = {};
for (const Kind of kinds) {
  const a = new Kind(n);
  const b = new Kind(n);
  for (let i = 0; i < n; i++) { a[i] = (rnd() - 0.5) * 2000; b[i] = (rnd() - 0.5) * 2000; }
  const withNaN = Kind.from(a);
  withNaN[20000] = NaN;  // integer arrays store 0
  for (const [label, x] of [['', a], ['+nan', withNaN]]) {
    const key = (name) => name + '/' + Kind.name + label;
    reduceNames.forEach((name, id) => {
      results['reduce ' + key(name)] = attempt(() => bits(m.reduce_sync(id, x, b)));  // unary kernels ignore b
    });
    mapNames.forEach((name, id) => {
      const run = (Out) => {
        const out = new Out(n);
        m.map_sync(id, out, x, b);
        return Out.name + ' ' + createHash('sha256').update(new Uint8Array(out.buffer)).digest('hex');
      };
      // The first output dtype the kernel accepts: comparisons write bytes,
      // integer division writes doubles.
      results['map ' + key(name)] = attempt(() => {
        let error;
        for (const Out of [Kind, Uint8Array, Float64Array]) {
          try { return run(Out); } catch (e) { error = e; }
        }
        throw error;
      });
    });
  }
}
console.log(JSON.stringify({ simd: m.pool_info().simd, results }));
`;

interface ProbeResult {
  simd: string;
  results: Record<string, string>;
}

/** Result keys of kernels computed by glibc's libm (see the comment in the test). */
const LIBM_BACKED = /^map (pow|atan2|asin|acos|atan)\//;

function findQemu(): string | null {
  for (const name of ['qemu-x86_64', 'qemu-x86_64-static']) {
    if (!spawnSync(name, ['--version']).error) return name;
  }
  return null;
}

/** Runs PROBE on the host, or under `qemu -cpu <cpu>` when given. */
function probe(qemu: string | null, cpu: string | null): ProbeResult {
  const node = [process.execPath, '-e', PROBE, ADDON];
  const [command, ...args] = qemu && cpu ? [qemu, '-cpu', cpu, ...node] : node;
  const result = spawnSync(command!, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  // qemu warns on stderr about host-only CPUID bits; only a failure matters.
  if (result.status !== 0) {
    throw new Error(`${cpu ?? 'host'}: exit ${result.status ?? result.signal}\n${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(result.stdout) as ProbeResult;
}

describe.skipIf(!X64_LINUX)('the addon under qemu-user CPU models', () => {
  const qemu = findQemu();
  let host: ProbeResult;

  beforeAll(() => {
    if (!existsSync(ADDON)) throw new Error(`${ADDON} is missing: run \`npm run build:native\` first`);
    if (qemu) host = probe(null, null);
    else console.warn(`isa.test.ts: qemu-user tests skipped; install the Debian package ${QEMU_PACKAGE}`);
  });

  it.for([
    // x86-64 v1: qemu64 minus the SSE3, CMPXCHG16B and LAHF it adds.
    { label: 'baseline x86-64', cpu: 'qemu64,-pni,-cx16,-lahf-lm', simd: 'sse2' },
    { label: 'Haswell (AVX2, no AVX-512)', cpu: 'Haswell', simd: 'avx2' },
  ])('runs as $label, picks $simd and matches the host bit for bit', ({ cpu, simd }, ctx) => {
    if (!qemu) ctx.skip(`qemu-user is not installed (Debian package ${QEMU_PACKAGE})`);
    const emulated = probe(qemu, cpu);
    expect(emulated.simd).toBe(simd);
    // Refused dtypes are compared too, but most runs must have computed.
    const computed = Object.values(host.results).filter((r) => !r.startsWith('throws'));
    expect(computed.length).toBeGreaterThan(Object.keys(host.results).length / 2);
    // Kernels that call glibc's libm (pow, atan2, asin, acos, atan) may differ
    // in the last bit across CPUs: glibc itself picks FMA variants at run
    // time. They must still run (no SIGILL) and compute; every other kernel
    // must match the host bit for bit.
    const exact = (results: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(results).filter(([key]) => !LIBM_BACKED.test(key)));
    expect(exact(emulated.results)).toEqual(exact(host.results));
    for (const [key, value] of Object.entries(host.results)) {
      if (LIBM_BACKED.test(key)) expect(emulated.results[key]?.startsWith('throws')).toBe(value.startsWith('throws'));
    }
  });
});
