/**
 * Paired comparisons for the targets. On a shared machine the load from
 * other processes changes from second to second, so comparing a median taken
 * now with one taken a minute ago mostly measures the neighbours. Here two
 * contenders run back to back, many times, in alternating order; each pair
 * gives one ratio, and the median ratio is reported. A pair sees the same
 * conditions on both sides, so the ratio is stable even when the times are not.
 */
import { median, nowNs, quantile } from './stats.mjs';

async function timeNs(fn) {
  const t0 = nowNs();
  await fn();
  return nowNs() - t0;
}

/**
 * Times `a` and `b` `pairs` times each, alternating which goes first.
 * `a`/`b` may report their own time (resolve with { ns }) when it is taken
 * elsewhere, as the C++ baseline does.
 * @returns median times and the median of per-pair ratios b / a.
 */
export async function paired(a, b, { pairs = 15, warmup = 2 } = {}) {
  const run = async (fn) => {
    let own;
    const wall = await timeNs(async () => {
      own = await fn();
    });
    return typeof own === 'object' && own !== null && 'ns' in own ? own.ns : wall;
  };
  for (let i = 0; i < warmup; i++) {
    await run(a);
    await run(b);
  }
  const ta = [];
  const tb = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      ta.push(await run(a));
      tb.push(await run(b));
    } else {
      tb.push(await run(b));
      ta.push(await run(a));
    }
  }
  const ratios = tb.map((t, i) => t / ta[i]);
  return {
    aMedianNs: median(ta),
    bMedianNs: median(tb),
    aMinNs: Math.min(...ta),
    bMinNs: Math.min(...tb),
    ratio: median(ratios),
    ratioP10: quantile(ratios, 0.1),
    ratioP90: quantile(ratios, 0.9),
    pairs,
  };
}
