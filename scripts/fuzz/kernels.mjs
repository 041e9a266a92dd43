// The kernels under fuzz, enumerated from the package's exports (never a hand
// list, so a new kernel is fuzzed the day it is exported): every function of
// corepool/sync is a blocking twin whose name without "Sync" is the async
// kernel in corepool; a namespace object (randomSync) pairs method by method.

/** [{ name, async, sync, positional }] in export order. */
export function listKernels(api, syncApi) {
  const kernels = [];
  for (const [syncName, member] of Object.entries(syncApi)) {
    const base = syncName.replace(/Sync$/, '');
    if (typeof member === 'function') {
      kernels.push(pair(base, api[base], member));
    } else if (member !== null && typeof member === 'object') {
      for (const [method, fn] of Object.entries(member)) {
        // Plain helpers shared by both namespaces (random.newSeed) are not kernels.
        if (typeof fn !== 'function' || fn === api[base]?.[method]) continue;
        kernels.push(pair(`${base}.${method}`, api[base]?.[method], fn));
      }
    }
  }
  return kernels;
}

function pair(name, asyncFn, syncFn) {
  if (typeof asyncFn !== 'function') throw new Error(`fuzz: corepool/sync exports ${name}Sync but corepool has no ${name}`);
  // The last declared parameter is options; the others are positional.
  return { name, async: asyncFn, sync: syncFn, positional: Math.max(1, syncFn.length - 1) };
}

/**
 * Detaches or resizes the case's arrays while the async call runs ("during
 * the call"), choosing by the case so that a run is reproducible.
 */
export function perturb(arrays, selector) {
  for (const [i, a] of arrays.entries()) {
    const buffer = a.buffer;
    const mode = (selector + i) % 3;
    if (mode === 0 && !(buffer instanceof SharedArrayBuffer)) structuredClone(buffer, { transfer: [buffer] });
    else if (mode === 1 && buffer.resizable) buffer.resize(0);
    else if (mode === 2 && buffer.growable) buffer.grow(buffer.maxByteLength);
  }
}
