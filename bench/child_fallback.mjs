/**
 * The fallback backend's side of the side-by-side run, in its own process:
 *   COREPOOL_BACKEND=fallback COREPOOL_THREADS=2 node bench/child_fallback.mjs
 * Inputs live in SharedArrayBuffers so the workers read them in place (an
 * ordinary buffer would run inline in slices; inline_threshold.mjs times that).
 * Prints one JSON line on stdout.
 */
import * as cp from 'corepool';
import { emitJson, progress } from './lib/child.mjs';
import { LARGEST } from './lib/config.mjs';
import { sum4 } from './lib/js_loops.mjs';
import { paired } from './lib/paired.mjs';
import { benchCorepool, benchOverhead, makeInputs } from './reductions.mjs';

/**
 * The fallback target, paired: the single-threaded 4-accumulator loop over an
 * ordinary copy and cp.sum over the shared input, back to back in
 * alternating order. ratio = fallback time ÷ JS time.
 */
async function pairedVsJs(shared) {
  const plain = new Float64Array(shared);
  const out = {};
  for (const n of [1e7, LARGEST]) {
    const a = plain.subarray(0, n);
    const s = shared.subarray(0, n);
    out[n] = await paired(
      () => sum4(a),
      () => cp.sum(s),
      { pairs: n >= LARGEST ? 15 : 21 },
    );
    progress(`paired: fallback sum ${n} takes ${out[n].ratio.toFixed(2)}× the JS 4-acc loop`);
  }
  return out;
}

if (cp.backend !== 'fallback') {
  throw new Error(`child_fallback.mjs needs COREPOOL_BACKEND=fallback; running on '${cp.backend}'`);
}
const inputs = makeInputs(true);
emitJson({
  backend: cp.backend,
  threads: cp.threads,
  rows: await benchCorepool('fallback', inputs),
  overhead: await benchOverhead(),
  paired: await pairedVsJs(inputs.a),
});
