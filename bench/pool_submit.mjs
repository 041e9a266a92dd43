// Two Pool submission figures of the scheduler issue (14):
//  - a new inline arrow per applyAsync against one reused function (the
//    function check is cached by source text; target >= 0.8x);
//  - how long a quick result waits when the next task on its worker blocks
//    (applyAsync(snooze, [0]) then applyAsync(snooze, [1500]) on one warm
//    worker; the result must not wait for the 1500 ms task).
// Usage: npm run build:ts && node bench/pool_submit.mjs [--rounds 3]
import { Pool } from 'corepool';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const TASKS = 20_000;

async function rate(submit) {
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < TASKS; i++) pending.push(submit(i).get());
  await Promise.all(pending);
  return TASKS / ((performance.now() - started) / 1000);
}

const two = new Pool({ processes: 2 });
await two.apply((x) => x, [1]);
for (let r = 0; r < ROUNDS; r++) {
  const fresh = await rate((i) => two.applyAsync((x) => x + 1, [i]));
  const reusedFn = (x) => x + 1;
  const reused = await rate((i) => two.applyAsync(reusedFn, [i]));
  console.log(
    `round ${r + 1}: new arrow per call ${Math.round(fresh)} tasks/s, reused function ${Math.round(reused)} tasks/s, ratio ${(fresh / reused).toFixed(2)}`,
  );
}
await two.terminate();

const one = new Pool({ processes: 1 });
const snooze = (ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return ms;
};
await one.apply(snooze, [0]);
for (let r = 0; r < ROUNDS; r++) {
  const started = performance.now();
  const quick = one.applyAsync(snooze, [0]);
  const slow = one.applyAsync(snooze, [1500]);
  await quick.get();
  const waited = performance.now() - started;
  await slow.get();
  console.log(`round ${r + 1}: quick result after ${waited.toFixed(1)} ms while the next task blocks 1500 ms`);
}
await one.terminate();
