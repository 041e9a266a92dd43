/**
 * The inline-threshold section of RESULTS.md, and the constants it supports
 * for src/backend/thresholds.ts. The rules are written out next to the
 * numbers so a reader can re-derive the choice from a later run.
 */
import { fmtRatio, fmtTime, mdTable } from './format.mjs';

const log2 = (n) => `2^${Math.log2(n)}`;
const sizeLabel = (n) => (Number.isInteger(Math.log2(n)) ? `${n} (${log2(n)})` : n.toExponential(0).replace('+', ''));

/** Smallest n from which `wins(row)` holds at every larger measured size. */
function stableCrossover(rows, wins) {
  let at;
  for (let i = rows.length - 1; i >= 0 && wins(rows[i]); i--) at = rows[i].n;
  return at;
}

/**
 * Native rule: inline while handing off (async − sync) costs more than the
 * work itself (sync); the threshold is the largest such size.
 */
export function nativeRecommendation(rows) {
  // asyncRatio is the median per-round async ÷ sync; > 2 means hand-off > work.
  const inlineWins = rows.filter((r) => r.asyncRatio > 2);
  const largest = inlineWins.length === 0 ? undefined : Math.max(...inlineWins.map((r) => r.n));
  const comparable = stableCrossover(rows, (r) => r.asyncRatio <= 1.25);
  return { inlineMax: largest, comparableFrom: comparable };
}

/** Fallback rule: inline until the workers win at this size and every larger one. */
export function fallbackRecommendation(rows) {
  const from = stableCrossover(rows, (r) => r.workersRatio <= 1);
  const below =
    from === undefined
      ? undefined
      : rows
          .filter((r) => r.n < from)
          .map((r) => r.n)
          .pop();
  return { workersFrom: from, inlineMax: below ?? (from === undefined ? rows.at(-1).n : undefined) };
}

function nativeSection(native) {
  const rows = native.rows.map((r) => [
    sizeLabel(r.n),
    fmtTime(r.syncNs),
    fmtTime(r.asyncNs),
    fmtRatio(r.asyncRatio),
    fmtTime(r.asyncNs - r.syncNs),
    fmtTime(r.publicNs),
    fmtTime(r.queueNs),
    fmtTime(r.js4Ns),
  ]);
  const rec = nativeRecommendation(native.rows);
  return [
    `### Native backend (${native.threads} pool threads): blocking vs async sum`,
    '',
    mdTable(
      [
        'n',
        'sumSync (blocking)',
        'reduce_async (raw)',
        'async ÷ sync',
        'hand-off cost (async − sync)',
        'await cp.sum (public)',
        'JS thread busy in reduce_async',
        'JS 4-acc loop',
      ],
      rows,
    ),
    '',
    'Each row: 21 rounds, each timing one batch of every column in rotating order; times are medians over rounds and',
    '"async ÷ sync" is the median of the per-round ratios, so a burst of load from other processes hits both sides.',
    '',
    'Rule: run inline while the hand-off costs more than the work, i.e. async ÷ sync > 2 (async − sync > sync).',
    `Largest size where that holds: **${rec.inlineMax === undefined ? 'none measured' : sizeLabel(rec.inlineMax)}**.`,
    `Async stays within 1.25× of the blocking call from: ${rec.comparableFrom === undefined ? 'not reached up to 2^20' : sizeLabel(rec.comparableFrom)}.`,
    '"JS thread busy" is the median time reduce_async takes to return its Promise; after that the event loop is free.',
  ].join('\n');
}

function fallbackSharedSection(fallback) {
  const rows = fallback.shared.map((r) => [
    sizeLabel(r.n),
    fmtTime(r.inlineNs),
    fmtTime(r.workersNs),
    fmtRatio(r.workersRatio),
    fmtTime(r.publicNs),
  ]);
  const rec = fallbackRecommendation(fallback.shared);
  return [
    `### Fallback backend (${fallback.threads} workers), SharedArrayBuffer input: inline vs workers`,
    '',
    mdTable(
      ['n', 'inline (sumSync)', `${fallback.threads} workers (raw task messages)`, 'workers ÷ inline', 'await cp.sum (public)'],
      rows,
    ),
    '',
    'Rounds as in the native table; "workers ÷ inline" is the median of per-round ratios.',
    '',
    `Workers at least as fast as inline at every size from: **${rec.workersFrom === undefined ? 'not reached up to 2^22' : sizeLabel(rec.workersFrom)}**.`,
  ].join('\n');
}

function fallbackOrdinarySection(fallback) {
  const rows = fallback.ordinary.rows.map((r) => [
    sizeLabel(r.n),
    fmtTime(r.slicedNs),
    fmtTime(r.copyNs),
    fmtTime(r.copyWorkersNs),
    fmtTime(r.workersNs),
    fmtTime(r.inlineNs),
    r.slicedNs <= r.copyWorkersNs
      ? `sliced inline, ${fmtRatio(r.copyWorkersNs / r.slicedNs)} faster`
      : `copy + workers, ${fmtRatio(r.slicedNs / r.copyWorkersNs)} faster`,
  ]);
  return [
    '### Fallback backend, ordinary (non-shared) Float64Array: sliced inline vs copy to shared memory',
    '',
    mdTable(
      [
        'n',
        '(a) await cp.sum(a): sliced inline',
        'copy into new SharedArrayBuffer',
        '(b) copy + await cp.sum(shared)',
        'workers alone (already shared)',
        'sumSync (inline, unsliced)',
        'faster',
      ],
      rows,
    ),
    '',
    `One slice of FALLBACK_SLICE_BLOCKS = 16 blocks (262144 elements) holds the event loop for about ${fmtTime(fallback.ordinary.sliceNs)}.`,
  ].join('\n');
}

/** The whole "Inline thresholds" section. */
export function renderThresholds({ native, fallback }) {
  return [nativeSection(native), fallbackSharedSection(fallback), fallbackOrdinarySection(fallback)].join('\n\n');
}
