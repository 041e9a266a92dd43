// workerpool's worker script: the same functions as pool_fns.mjs.
const workerpool = require('workerpool');

function work(iterations) {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + i * 1e-9) % 1e6;
  return x;
}
workerpool.worker({
  inc: (x) => x + 1,
  incChunk: (xs) => xs.map((x) => x + 1),
  touch: (a) => a.length,
  work,
});
