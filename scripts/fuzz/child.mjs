// One fuzz run on one backend (COREPOOL_BACKEND), in its own process so that
// a native crash ends this process with a signal instead of the test runner.
// Prints one JSON report on stdout; writes each case's id to stderr first,
// so the parent can name the case that was running when a crash or hang hit.
//
//   node scripts/fuzz/child.mjs --seed 1 --runs 1000 [--during] [--dist dist]
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { build, buildOptions, caseArb } from './values.mjs';
import { listKernels, perturb } from './kernels.mjs';
import { classify, settleWithin } from './verdict.mjs';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '1000' },
    during: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist' },
    'hang-ms': { type: 'string', default: '20000' },
    // Leave out cases that mention these bad-value names (to measure past a known hang).
    skip: { type: 'string', default: '' },
  },
});
const dist = pathToFileURL(`${resolve(flags.dist)}/`);
const api = await import(new URL('index.js', dist).href);
const syncApi = await import(new URL('sync.js', dist).href);
const codes = new Set(Object.values(api.ErrorCode));
const kernels = listKernels(api, syncApi);
const hangMs = Number(flags['hang-ms']);

/** Arguments for one call; rebuilt for every call because calls consume them. */
function argsFor(c, kernel) {
  const ctx = { theme: c.theme, arrays: [], api };
  const count = Math.max(0, kernel.positional + c.extra);
  const args = c.args.slice(0, count).map((spec) => build(spec, ctx));
  const opts = buildOptions(c.options, ctx, unknownKeys.get(kernel.name));
  if (!opts.omit) args.push(opts.value);
  return { args, ctx };
}

// Option keys each kernel rejected as not its own (learned from its errors),
// which later cases then mostly leave out.
const unknownKeys = new Map();
const NOT_AN_OPTION = /^options\.(\w+) is not an option of /;

const violations = [];
const tally = { cases: 0, calls: 0, results: 0, codedErrors: 0 };
function record(kind, kernel, form, detail, c) {
  violations.push({ kind, kernel: kernel.name, form, detail, case: c });
}

async function runAsync(kernel, c) {
  const { args, ctx } = argsFor(c, kernel);
  let pending;
  try {
    pending = kernel.async(...args);
  } catch (error) {
    record('sync-throw', kernel, 'async', describe(error), c);
    return;
  }
  if (!(pending instanceof Promise)) {
    record('not-a-promise', kernel, 'async', typeof pending, c);
    return;
  }
  if (flags.during) perturb(ctx.arrays, c.kernel);
  const outcome = await settleWithin(pending, hangMs);
  judge(outcome, kernel, 'async', c);
}

function runSync(kernel, c) {
  const { args } = argsFor(c, kernel);
  try {
    judge({ value: kernel.sync(...args) }, kernel, 'sync', c);
  } catch (error) {
    judge({ error }, kernel, 'sync', c);
  }
}

function judge(outcome, kernel, form, c) {
  tally.calls++;
  if (outcome.hang) return record('hang', kernel, form, `not settled after ${hangMs} ms`, c);
  if (!('error' in outcome)) return void tally.results++;
  const unknown = NOT_AN_OPTION.exec(outcome.error?.message ?? '');
  if (unknown !== null) unknownKeys.set(kernel.name, (unknownKeys.get(kernel.name) ?? new Set()).add(unknown[1]));
  const verdict = classify(outcome.error, codes);
  if (verdict === 'ok') tally.codedErrors++;
  else record(verdict, kernel, form, describe(outcome.error), c);
}

function describe(error) {
  if (!(error instanceof Error)) return `non-Error ${String(error)}`;
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
  return `${error.name}${error.code ? ` ${error.code}` : ''}: ${error.message}${cause}`;
}

const cases = fc.sample(caseArb(kernels.length, flags.during), { seed: Number(flags.seed), numRuns: Number(flags.runs) });
const skipped = flags.skip === '' ? [] : flags.skip.split(',').map((k) => `"k":"${k}"`);
for (const [index, c] of cases.entries()) {
  const kernel = kernels[c.kernel];
  if (skipped.some((s) => JSON.stringify(c).includes(s))) continue;
  writeSync(2, `case ${index} ${kernel.name} ${JSON.stringify(c)}\n`);
  tally.cases++;
  await runAsync(kernel, c);
  runSync(kernel, c);
}
const report = { backend: api.backend, kernels: kernels.length, names: kernels.map((k) => k.name), ...tally, violations };
process.stdout.write(
  `${JSON.stringify(report, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v))}\n`,
);
// Kernel workers keep the process alive; the report is complete.
process.exit(0);
