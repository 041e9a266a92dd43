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
import { ROOT, run } from '../helpers/child.js';

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
  fusedGemm?: string[];
}

function explain(list: Offender[] | undefined): string {
  return (list ?? []).map((o) => `${o.function} (${o.count}):\n    ${o.examples.join('\n    ')}`).join('\n');
}

describe.skipIf(!X64_LINUX)('instruction sets in build/Release/corepool.node', () => {
  let report: IsaReport;

  beforeAll(async () => {
    if (!existsSync(ADDON)) throw new Error(`${ADDON} is missing: run \`npm run build:native\` first`);
    // Async: objdump over the whole addon takes seconds, too long to block the test worker.
    const result = await run(process.execPath, ['scripts/check_isa.mjs', '--json', ADDON]);
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
    expect(report.clones?.avx2 ?? 0).toBeGreaterThan(0);
    expect(report.clones?.avx512f ?? 0).toBeGreaterThan(0);
    expect(report.undispatched).toEqual([]);
  });

  it('contains no fused multiply-add (the kernels promise bit parity with the JS twins)', () => {
    expect(report.fmaFunctions).toEqual([]);
  });

  it('fuses multiply-adds only in the vector clones of the GemmFma micro-kernels', () => {
    // The naming rule of scripts/check_isa.mjs; every fused symbol must be
    // an arch clone (the resolver guards it), and both families must fuse.
    const fused = report.fusedGemm ?? [];
    for (const name of fused) expect(name).toMatch(/GemmFma.*\.arch_x86_64_v[34]/);
    expect(fused.some((n) => n.endsWith('.arch_x86_64_v3'))).toBe(true);
    expect(fused.some((n) => n.endsWith('.arch_x86_64_v4'))).toBe(true);
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
// One block and a tail: every vector path and remainder runs; emulation is slow.
const n = 16384 + 77;
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
// logaddexp calls glibc exp and log1p, which pick FMA code paths by CPU.
const LIBM_BACKED = /^map (pow|atan2|logaddexp|asin|acos|atan)\//;

function findQemu(): string | null {
  for (const name of ['qemu-x86_64', 'qemu-x86_64-static']) {
    if (!spawnSync(name, ['--version']).error) return name;
  }
  return null;
}

/** Runs PROBE on the host, or under `qemu -cpu <cpu>` when given (async: emulated Node is slow). */
async function probe(qemu: string | null, cpu: string | null): Promise<ProbeResult> {
  const node = [process.execPath, '-e', PROBE, ADDON];
  const [command, ...args] = qemu && cpu ? [qemu, '-cpu', cpu, ...node] : node;
  // Emulated Node is 10-50x slower, more on a busy machine.
  const result = await run(command!, args, { timeoutMs: EMULATED_MS });
  // qemu warns on stderr about host-only CPUID bits; only a failure matters.
  if (result.status !== 0) {
    throw new Error(`${cpu ?? 'host'}: exit ${result.status ?? result.signal}\n${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(result.stdout) as ProbeResult;
}

const EMULATED_MS = 200_000;

describe.skipIf(!X64_LINUX)('the addon under qemu-user CPU models', () => {
  const qemu = findQemu();
  let host: ProbeResult;

  beforeAll(async () => {
    if (!existsSync(ADDON)) throw new Error(`${ADDON} is missing: run \`npm run build:native\` first`);
    if (qemu) host = await probe(null, null);
    else console.warn(`isa.test.ts: qemu-user tests skipped; install the Debian package ${QEMU_PACKAGE}`);
  });

  it.for([
    // x86-64 v1: qemu64 minus the SSE3, CMPXCHG16B and LAHF it adds.
    { label: 'baseline x86-64', cpu: 'qemu64,-pni,-cx16,-lahf-lm', simd: 'sse2' },
    { label: 'Haswell (AVX2, no AVX-512)', cpu: 'Haswell', simd: 'avx2' },
  ])('runs as $label, picks $simd and matches the host bit for bit', { timeout: EMULATED_MS + 20_000 }, async ({ cpu, simd }, ctx) => {
    if (!qemu) ctx.skip(`qemu-user is not installed (Debian package ${QEMU_PACKAGE})`);
    const emulated = await probe(qemu, cpu);
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

// Dense linear algebra under qemu: gemm takes a different micro-kernel family
// per CPU (and FMA only in the vector ones), so it is checked against an
// exact-ish JS reference within a k-scaled bound; gemv, transpose and outer
// use lane-wise arithmetic in every clone, so their bits must match the host.
const LINALG_PROBE = `
const { createHash } = require('node:crypto');
const m = require(process.argv[1]);
let seed = 7;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
const fill = (T, n) => T.from({ length: n }, rnd);
const hash = (x) => createHash('sha256').update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex');
let gemmErr = 0;
const exact = {};
for (const T of [Float64Array, Float32Array]) {
  const eps = T === Float64Array ? 2 ** -52 : 2 ** -23;
  for (const [M, K, N] of [[1, 1, 1], [13, 300, 53], [37, 5, 97]]) {
    for (let t = 0; t < 4; t++) {
      const ta = (t & 1) === 1, tb = (t & 2) === 2;
      const a = fill(T, M * K), b = fill(T, K * N), c = new T(M * N);
      m.gemm_sync(a, b, c, M, K, N, ta, tb, 1, 0);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
        let s = 0, mag = 0;
        for (let p = 0; p < K; p++) {
          const v = (ta ? a[p * M + i] : a[i * K + p]) * (tb ? b[j * K + p] : b[p * N + j]);
          s += v; mag += Math.abs(v);
        }
        gemmErr = Math.max(gemmErr, Math.abs(c[i * N + j] - s) / (2 * (K + 2) * eps * mag + Number.MIN_VALUE));
      }
    }
  }
  const a = fill(T, 70 * 45), x = fill(T, 45), xt = fill(T, 70), y = new T(70), yt = new T(45);
  m.gemv_sync(a, x, y, 70, 45, false, 1.5, 0);
  m.gemv_sync(a, xt, yt, 70, 45, true, 1, 0);
  const o = new T(70 * 45);
  m.transpose_sync(a, o, 70, 45);
  const u = new T(70 * 45);
  m.outer_sync(xt, x, u);
  exact[T.name] = [hash(y), hash(yt), hash(o), hash(u)];
}
console.log(JSON.stringify({ gemmErr, exact }));
`;

describe.skipIf(!X64_LINUX)('linear algebra under qemu-user CPU models', () => {
  const qemu = findQemu();
  const probeLinalg = async (cpu: string | null): Promise<{ gemmErr: number; exact: Record<string, string[]> }> => {
    const node = [process.execPath, '-e', LINALG_PROBE, ADDON];
    const [command, ...args] = qemu && cpu ? [qemu, '-cpu', cpu, ...node] : node;
    const result = await run(command!, args, { timeoutMs: EMULATED_MS });
    if (result.status !== 0) throw new Error(`${cpu ?? 'host'}: exit ${result.status ?? result.signal}\n${result.stderr.slice(-2000)}`);
    return JSON.parse(result.stdout);
  };

  it.for([
    { label: 'baseline x86-64', cpu: 'qemu64,-pni,-cx16,-lahf-lm' },
    { label: 'Haswell (AVX2, no AVX-512)', cpu: 'Haswell' },
  ])(
    'runs gemm within error bounds and gemv/transpose/outer bit for bit as $label',
    { timeout: EMULATED_MS + 20_000 },
    async ({ cpu }, ctx) => {
      if (!qemu) ctx.skip(`qemu-user is not installed (Debian package ${QEMU_PACKAGE})`);
      const host = await probeLinalg(null);
      const emulated = await probeLinalg(cpu);
      expect(host.gemmErr).toBeLessThanOrEqual(1);
      expect(emulated.gemmErr).toBeLessThanOrEqual(1);
      expect(emulated.exact).toEqual(host.exact);
    },
  );
});
