// Checks that a built addon runs on any x86-64 CPU: instructions beyond the
// baseline (SSE2) may appear only inside target_clones variants, which the
// ifunc resolver selects at load time for CPUs that have them.
//
//   node scripts/check_isa.mjs [build/Release/corepool.node] [--json]
//
// Needs objdump (Debian: binutils) and an unstripped binary: the symbol
// table is what tells clones apart. Exits 1 with the offending functions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// GCC names target_clones variants <symbol>.<isa> (".avx2", ".avx512f",
// ".arch_x86_64_v3"), next to <symbol>.default and <symbol>.resolver; later
// passes may append ".cold", ".part.0" and so on.
const CLONE_ISA = /^(avx512[a-z0-9_]*|avx2|avx|fma|f16c|bmi2?|arch_[a-z0-9_]+)$/;

// Everything x86-64 added after SSE2 that GCC can emit without a VEX/EVEX
// prefix, by extension. ("tzcnt" is absent on purpose: GCC emits `rep bsf`
// for generic tuning, which objdump prints as tzcnt and old CPUs run as bsf.)
const LEGACY_EXTENSIONS = {
  SSE3: 'addsubpd addsubps haddpd haddps hsubpd hsubps lddqu movddup movshdup movsldup fisttp monitor mwait',
  SSSE3: 'pabsb pabsw pabsd palignr phaddw phaddd phaddsw phsubw phsubd phsubsw pmaddubsw pmulhrsw pshufb psignb psignw psignd',
  'SSE4.1':
    'blendpd blendps blendvpd blendvps dppd dpps extractps insertps movntdqa mpsadbw packusdw pblendvb pblendw ' +
    'pcmpeqq pextrb pextrd pextrq phminposuw pinsrb pinsrd pinsrq pmaxsb pmaxsd pmaxud pmaxuw pminsb pminsd ' +
    'pminud pminuw pmovsxbw pmovsxbd pmovsxbq pmovsxwd pmovsxwq pmovsxdq pmovzxbw pmovzxbd pmovzxbq pmovzxwd ' +
    'pmovzxwq pmovzxdq pmuldq pmulld ptest roundpd roundps roundsd roundss',
  'SSE4.2': 'pcmpestri pcmpestrm pcmpistri pcmpistrm pcmpgtq crc32',
  POPCNT: 'popcnt',
  LZCNT: 'lzcnt',
  BMI: 'andn bextr blsi blsmsk blsr',
  BMI2: 'bzhi mulx pdep pext rorx sarx shlx shrx',
  MOVBE: 'movbe',
  ADX: 'adcx adox',
  CX16: 'cmpxchg16b',
};
const LEGACY = new Map(Object.entries(LEGACY_EXTENSIONS).flatMap(([ext, names]) => names.split(' ').map((name) => [name, ext])));

// AVX-512-only instruction families: an ".avx2" clone holding one of these
// would crash on an AVX2 CPU without AVX-512.
const EVEX_ONLY_FAMILIES = [
  'k[a-z]+', // mask-register instructions
  'vpternlog',
  'vperm[it]2',
  'vp?compress',
  'vp?expand',
  'valign',
  'vpermw',
  'vdbpsadbw',
  'vrndscale',
  'vgetexp',
  'vgetmant',
  'vscalef',
  'vfixupimm',
  'vrange',
  'vreduce',
  'vrcp14',
  'vrsqrt14',
  'vrcp28',
  'vrsqrt28',
  'vexp2',
  'vpro[lr]',
  'vpabsq',
  'vp(max|min)[su]q',
  'vpsraq',
  'vpsravq',
  'vps[lr]lvw',
  'vpsravw',
  'vcvtt?(u|[a-z0-9]+2u)', // conversions to and from unsigned
  'v(broadcast|extract|insert|shuf)[if](32|64)x',
  'vpmov[a-z]*2m',
  'vpmovm2',
  'vpmovu?s?(qd|qw|qb|dw|db|wb)$', // mask moves and narrowing moves
  'vp?blendm',
  'vpconflict',
  'vplzcnt',
  'vpopcnt',
  'vpmultishift',
  'vpmadd52',
  'vpsh[lr]d',
];
const EVEX_ONLY = new RegExp(`^(${EVEX_ONLY_FAMILIES.join('|')})`);
const FMA = /^vf(n?m(add|sub)|maddsub|msubadd)/;
// The one naming rule for fused multiply-adds: GEMM micro-kernels
// (native/kernels/matmul_tiles.cc) promise error bounds, not bit parity with
// a JS twin, so a function whose name contains "GemmFma" may fuse, and only
// in its vector clones (never plain code or the .default variant).
const FMA_ALLOWED = /GemmFma/;

/** True when `fn` (a symbol) may hold fused multiply-adds. */
export function fmaAllowed(symbol) {
  const isa = cloneIsa(symbol);
  return FMA_ALLOWED.test(symbol) && isa !== null && isa !== 'default';
}
const PREFIXES = new Set([
  'rep',
  'repe',
  'repz',
  'repne',
  'repnz',
  'lock',
  'data16',
  'data32',
  'addr32',
  'cs',
  'ds',
  'es',
  'ss',
  'fs',
  'gs',
  'bnd',
  'notrack',
  'xacquire',
  'xrelease',
  '{vex}',
  '{vex3}',
  '{evex}',
  'rex',
  'rex.w',
  'rex.b',
  'rex.x',
  'rex.r',
]);

/** The ISA a clone was built for ("avx2"), "default", or null for plain code. */
export function cloneIsa(symbol) {
  const parts = symbol.split('.').slice(1);
  return parts.find((p) => CLONE_ISA.test(p)) ?? (parts.includes('default') ? 'default' : null);
}

/** Why an instruction needs more than baseline x86-64, or null if it does not. */
export function beyondBaseline(mnemonic, operands) {
  const wide = /\b([yz]mm)\d+\b/.exec(operands);
  if (wide) return `${wide[1]} register`;
  if (/\bk[0-7]\b/.test(operands)) return 'AVX-512 mask register';
  if (mnemonic.startsWith('v') && mnemonic !== 'verr' && mnemonic !== 'verw') return 'VEX/EVEX encoding';
  const ext = LEGACY.get(mnemonic.replace(/^crc32[bwlq]$/, 'crc32'));
  return ext ? ext : null;
}

/** Why an instruction needs AVX-512 (so must stay out of ".avx2" clones). */
export function needsAvx512(mnemonic, operands, line) {
  if (/\bzmm\d+\b/.test(operands)) return 'zmm register';
  if (/\bk[0-7]\b/.test(operands)) return 'AVX-512 mask register';
  if (/\b[xy]mm(1[6-9]|2\d|3[01])\b/.test(operands)) return 'register 16-31';
  if (line.includes('{evex}')) return 'EVEX encoding';
  if (mnemonic.startsWith('v') || mnemonic.startsWith('k')) {
    if (EVEX_ONLY.test(mnemonic)) return 'AVX-512 instruction';
  }
  return null;
}

/** Parses `objdump -d -M intel` output into functions with instructions. */
function parseDisassembly(text) {
  const functions = [];
  let current = { name: '<before first symbol>', instructions: [] };
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+ <(.+)>:$/.exec(line);
    if (header) {
      current = { name: header[1], instructions: [] };
      functions.push(current);
      continue;
    }
    const insn = /^\s+[0-9a-f]+:\t(.*)$/.exec(line);
    if (!insn) continue;
    // Drop "# 33b68 <sym+0x10>" comments and "<sym>" targets: symbol names
    // may contain anything, registers never look like that.
    const body = insn[1]
      .replace(/#.*$/, '')
      .replace(/<[^>]*>/g, '')
      .trim();
    const tokens = body.split(/\s+/);
    while (tokens.length > 1 && PREFIXES.has(tokens[0].toLowerCase())) tokens.shift();
    const mnemonic = (tokens.shift() ?? '').toLowerCase();
    if (mnemonic === '' || mnemonic === '(bad)') continue;
    current.instructions.push({ mnemonic, operands: tokens.join(' ').toLowerCase(), text: insn[1].trim() });
  }
  return functions;
}

/** Disassembles `file` and returns the findings as plain data. */
export function checkIsa(file) {
  if (!existsSync(file)) return { ok: false, error: `${file} does not exist (build it first)` };
  const dump = spawnSync('objdump', ['-d', '-M', 'intel', '--no-show-raw-insn', '-w', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (dump.error || dump.status !== 0) {
    return { ok: false, error: `objdump failed (Debian: apt-get install binutils): ${dump.error?.message ?? dump.stderr}` };
  }
  if (!/file format elf64-x86-64/.test(dump.stdout)) return { ok: true, skipped: 'not an x86-64 ELF binary' };
  const functions = parseDisassembly(dump.stdout);
  const symtab = spawnSync('objdump', ['-t', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (!/\.text/.test(symtab.stdout ?? '') || /no symbols/i.test(symtab.stdout ?? '')) {
    return { ok: false, error: `${file} has no symbol table (stripped?); check the unstripped build` };
  }

  const offenders = []; // non-baseline code outside clones
  const avx2Offenders = []; // AVX-512 code inside ".avx2" clones
  const fmaFunctions = [];
  const fusedGemm = new Set(); // FMA where the naming rule allows it
  const clones = {};
  for (const fn of functions) {
    const isa = cloneIsa(fn.name);
    if (isa !== null) (clones[isa] ??= []).push(fn.name);
    const hits = [];
    const avx512Hits = [];
    for (const insn of fn.instructions) {
      const reason = isa === null || isa === 'default' ? beyondBaseline(insn.mnemonic, insn.operands) : null;
      if (reason) hits.push(`${insn.text}   [${reason}]`);
      // x86-64-v3 (AVX2+FMA) clones must stay free of AVX-512 just like ".avx2" ones.
      const wide = isa === 'avx2' || isa === 'arch_x86_64_v3' ? needsAvx512(insn.mnemonic, insn.operands, insn.text) : null;
      if (wide) avx512Hits.push(`${insn.text}   [${wide}]`);
      if (FMA.test(insn.mnemonic) && !fmaFunctions.includes(fn.name)) {
        if (fmaAllowed(fn.name)) fusedGemm.add(fn.name);
        else fmaFunctions.push(fn.name);
      }
    }
    if (hits.length > 0) offenders.push({ function: fn.name, count: hits.length, examples: hits.slice(0, 5) });
    if (avx512Hits.length > 0) {
      avx2Offenders.push({ function: fn.name, count: avx512Hits.length, examples: avx512Hits.slice(0, 5) });
    }
  }

  // Every vector clone needs its default and its resolver, or nothing
  // dispatches to it.
  const names = new Set(functions.map((f) => f.name));
  const undispatched = Object.entries(clones)
    .filter(([isa]) => isa !== 'default')
    .flatMap(([isa, list]) => list.filter((n) => !n.includes('.cold') && !n.includes('.part.')).map((n) => [isa, n]))
    .map(([isa, n]) => n.slice(0, n.indexOf(`.${isa}`)))
    .filter((base) => !names.has(`${base}.default`) || !names.has(`${base}.resolver`));
  const count = (isa) => (clones[isa] ?? []).length;
  const missing = ['avx2', 'avx512f'].filter((isa) => count(isa) === 0);
  const ok =
    offenders.length === 0 && avx2Offenders.length === 0 && fmaFunctions.length === 0 && missing.length === 0 && undispatched.length === 0;
  return {
    ok,
    file,
    functions: functions.length,
    clones: Object.fromEntries(Object.entries(clones).map(([isa, list]) => [isa, list.length])),
    missingClones: missing,
    undispatched: [...new Set(undispatched)],
    offenders,
    avx2Offenders,
    fmaFunctions,
    fusedGemm: [...fusedGemm],
  };
}

// One stream, so the verdict never lands before the findings it sums up.
function printReport(report) {
  if (report.error) return console.log(`check_isa: ${report.error}`);
  if (report.skipped) return console.log(`check_isa: skipped, ${report.skipped}`);
  console.log(`check_isa: ${report.file}: ${report.functions} functions; clones ${JSON.stringify(report.clones)}`);
  const section = (title, list) => {
    if (list.length === 0) return;
    console.log(`\n${title}`);
    for (const o of list) {
      console.log(`  ${o.function} (${o.count} instructions), e.g.`);
      for (const e of o.examples) console.log(`      ${e}`);
    }
  };
  section('Beyond baseline x86-64 outside a target_clones variant (SIGILL on old CPUs):', report.offenders);
  section('AVX-512 inside an .avx2 clone (SIGILL on AVX2-only CPUs):', report.avx2Offenders);
  if (report.fmaFunctions.length > 0) {
    console.log('\nFused multiply-add (breaks bit parity with the JS twins; builds use -ffp-contract=off):');
    for (const f of report.fmaFunctions) console.log(`  ${f}`);
  }
  if (report.missingClones.length > 0) console.log(`\nNo ${report.missingClones.join(' or ')} clones: run-time dispatch is missing`);
  if (report.undispatched.length > 0) console.log(`\nClones without .default or .resolver: ${report.undispatched.join(', ')}`);
  console.log(report.ok ? 'check_isa: ok' : 'check_isa: FAILED');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const file = args.find((a) => !a.startsWith('--')) ?? 'build/Release/corepool.node';
  const report = checkIsa(file);
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
  process.exit(report.ok ? 0 : 1);
}
