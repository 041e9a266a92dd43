/**
 * The report's charts as vega-lite specs, built from the results.json that
 * `npm run bench` saves (bench/run.mjs). Pure data → spec functions: drawing
 * is vega's job (lib/svg.mjs), so no chart here positions a single mark.
 *
 * Each chart: { id (the SVG's file name), title, caption, spec }. A chart
 * whose data the run did not collect (numpy missing, pool bench not run) is
 * left out rather than drawn empty. Speed-up is always reference median ÷
 * corepool native median, so above 1× means native is faster.
 */
import { KERNELS } from './config.mjs';
import { fmtSize } from './format.mjs';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 440;
const HEIGHT = 260;

/** 33.1M, 45.5k, 2.15, 0.077: three significant digits, SI suffix only from a thousand up. */
export function shortNumber(v) {
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (v >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** Powers of ten from the smallest to the largest of `ns`: the log axis's ticks, without 2e4, 3e4, … between. */
function decades(ns) {
  const out = [];
  for (let e = Math.floor(Math.log10(Math.min(...ns))); e <= Math.ceil(Math.log10(Math.max(...ns))); e++) out.push(10 ** e);
  return out;
}

/** One point per (size, reference) where both the native row and the reference row exist. */
export function speedupPoints(rows, references) {
  const points = [];
  for (const native of rows.filter((r) => r.impl === 'native')) {
    for (const [impl, label] of references) {
      const ref = rows.find((r) => r.impl === impl && r.size === native.size);
      if (ref === undefined) continue;
      points.push({ size: native.size, reference: label, speedup: ref.medianNs / native.medianNs });
    }
  }
  return points;
}

/**
 * Speed-up against size, log-log, with the break-even line at 1×. Vector
 * sizes are labelled 1e3, 1e4, … (as the tables write them, not d3's 1e+3);
 * matrix sides are labelled as they are.
 */
function speedupSpec({ title, values, references, matrix }) {
  const sizes = values.map((p) => p.size);
  const axis = matrix
    ? { values: [...new Set(sizes)], format: 'd' }
    : { values: decades(sizes), labelExpr: "replace(format(datum.value, '.0e'), '+', '')" };
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    title,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'size', type: 'quantitative', scale: { type: 'log' }, title: matrix ? 'matrix side (n × n)' : 'elements', axis },
          y: { field: 'speedup', type: 'quantitative', scale: { type: 'log' }, title: 'speed-up (×)' },
          color: { field: 'reference', type: 'nominal', title: 'vs', sort: references.map(([, l]) => l), legend: { labelLimit: 400 } },
          tooltip: [{ field: 'reference' }, { field: 'size' }, { field: 'speedup', format: '.2f' }],
        },
      },
      // The break-even line: a datum on the shared y scale, so it adds no axis or legend of its own.
      { mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { datum: 1 } } },
    ],
  };
}

/** (a) The reductions (bench/reductions.mjs): one chart per kernel. */
function reductionChart(rows, kernel) {
  const references = [
    ['numpy', 'numpy'],
    ['js-4acc', 'JS loop, 4 accumulators'],
    ['js-1acc', 'JS loop, 1 accumulator'],
    ['fallback', 'corepool fallback (2 workers)'],
  ];
  const mine = rows.filter((r) => r.kernel === kernel).map((r) => ({ ...r, size: r.n }));
  const values = speedupPoints(mine, references);
  if (values.length === 0) return undefined;
  return {
    id: `speedup_${kernel}`,
    title: `Reductions, ${kernel}: corepool native speed-up against size`,
    caption: `Reference median ÷ corepool native median for cp.${kernel} on float64 (above 1× = native is faster).`,
    spec: speedupSpec({ title: `cp.${kernel}(float64): native speed-up vs size`, values, references }),
  };
}

/** (a) The other families (bench/sweep.mjs): one chart per family, on its representative kernel. */
function familyChart(sweep, { family, kernel }) {
  const references = [
    ['numpy', 'numpy'],
    ['js', 'JS loop'],
    ['fallback', `corepool fallback (${sweep.threads?.fallback ?? 2} workers)`],
  ];
  const values = speedupPoints(
    sweep.rows.filter((r) => r.kernel === kernel),
    references,
  );
  if (values.length === 0) return undefined;
  const matrix = kernel === 'matmul';
  return {
    id: `speedup_${kernel}`,
    title: `${family[0].toUpperCase()}${family.slice(1)}, ${kernel}: corepool native speed-up against size`,
    caption: `Reference median ÷ corepool native median for cp.${kernel} on float64${matrix ? ' n × n matrices' : ''}, every side writing into a preallocated result (above 1× = native is faster).`,
    spec: speedupSpec({ title: `cp.${kernel}(float64): native speed-up vs size`, values, references, matrix }),
  };
}

/** (b) Pool scenarios: one row of bars per scenario, corepool highlighted, each with its own scale. */
function poolChart(pool) {
  if (pool === undefined) return undefined;
  const label = (s) => `${s.title} (${s.lower ? 'lower' : 'higher'} is better)`;
  const values = [];
  for (const s of pool.scenarios) {
    for (const [library, figures] of Object.entries(pool.results)) {
      const v = figures[s.key]?.value;
      if (v === undefined || v === null) continue;
      // As in pool.mjs's table: a figure taken while other processes were busy says so.
      const foreign = figures[s.key].foreign ?? 0;
      const text = `${shortNumber(v)}${foreign >= pool.quiet ? ` (load ${foreign.toFixed(2)})` : ''}`;
      values.push({ scenario: label(s), library, value: v, text });
    }
  }
  if (values.length === 0) return undefined;
  return {
    id: 'pool',
    title: 'Pool against piscina, tinypool, workerpool, poolifier and Python',
    caption: `bench/pool.mjs: ${pool.workers} workers each, best of ${pool.rounds} rounds (quiet rounds first; "load x" marks a figure taken while other processes kept x cores busy). Each row has its own scale.`,
    spec: {
      $schema: SCHEMA,
      title: `Pool throughput and latency, ${pool.workers} workers`,
      data: { values },
      facet: {
        row: {
          field: 'scenario',
          type: 'nominal',
          title: null,
          sort: pool.scenarios.map(label),
          header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' },
        },
      },
      resolve: { scale: { x: 'independent' } },
      spec: {
        width: WIDTH,
        height: { step: 16 },
        encoding: {
          y: { field: 'library', type: 'nominal', title: null, sort: Object.keys(pool.results) },
          x: { field: 'value', type: 'quantitative', title: null, axis: { format: '~s' } },
        },
        layer: [
          {
            mark: 'bar',
            encoding: {
              color: { condition: { test: "datum.library === 'corepool'", value: '#e45756' }, value: '#4c78a8' },
              tooltip: [{ field: 'library' }, { field: 'value', format: ',.3~f' }],
            },
          },
          // The figure itself at the end of each bar: python's 300 ms row squeezes the others to slivers.
          { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'text' } } },
        ],
      },
    },
  };
}

/** (c) Thread scaling: speed-up over one thread against thread count, with the ideal y = x. */
function scalingChart(scaling) {
  if (scaling === undefined || scaling.runs.length === 0) return undefined;
  const values = scaling.runs.map((r) => {
    const one = scaling.runs.find((o) => o.backend === r.backend && o.kernel === r.kernel && o.threads === 1);
    return { threads: r.threads, series: `${r.backend} ${r.kernel}`, speedup: one.medianNs / r.medianNs };
  });
  const ideal = Array.from({ length: scaling.maxThreads }, (_, i) => ({ threads: i + 1, speedup: i + 1 }));
  return {
    id: 'scaling',
    title: 'Thread scaling',
    caption: `Speed-up over one thread with COREPOOL_THREADS = 1 … ${scaling.maxThreads}, ${fmtSize(scaling.n)} float64 elements per call (dashed: ideal).`,
    spec: {
      $schema: SCHEMA,
      width: WIDTH,
      height: HEIGHT,
      title: `Thread scaling, ${fmtSize(scaling.n)} float64 per call`,
      encoding: {
        x: { field: 'threads', type: 'quantitative', title: 'threads (COREPOOL_THREADS)', axis: { tickMinStep: 1, format: 'd' } },
        y: { field: 'speedup', type: 'quantitative', title: 'speed-up over 1 thread (×)' },
      },
      layer: [
        { data: { values: ideal }, mark: { type: 'line', strokeDash: [4, 4], color: 'gray' } },
        {
          data: { values },
          mark: { type: 'line', point: true },
          encoding: {
            color: { field: 'series', type: 'nominal', title: 'backend, kernel' },
            tooltip: [{ field: 'series' }, { field: 'threads' }, { field: 'speedup', format: '.2f' }],
          },
        },
      ],
    },
  };
}

/**
 * Every chart the results have data for, in report order, and a line for
 * each expected chart left out (so a failed bench is said, not just absent).
 */
export function chartsFor(results) {
  const expected = [
    ...KERNELS.map((kernel) => [`speedup_${kernel}`, 'bench/reductions.mjs', () => reductionChart(results.rows ?? [], kernel)]),
    ...(results.sweep?.cases ?? []).map((c) => [`speedup_${c.kernel}`, 'bench/sweep.mjs', () => familyChart(results.sweep, c)]),
    ['pool', 'bench/pool.mjs (not run, or failed: see bench/RESULTS.md)', () => poolChart(results.families?.pool)],
    ['scaling', 'bench/scaling.mjs', () => scalingChart(results.scaling)],
  ];
  const charts = [];
  const missing = [];
  for (const [id, source, make] of expected) {
    const chart = make();
    if (chart === undefined) missing.push(`${id}: no figures from ${source}`);
    else charts.push(chart);
  }
  return { charts, missing };
}
