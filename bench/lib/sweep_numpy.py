"""numpy's side of bench/sweep.mjs: the same kernels at the same sizes.

Usage: python3 sweep_numpy.py '<json list of cases>'  (bench/lib/sweep_cases.mjs)
Prints one JSON object on stdout. Timing policy and sampling are those of
numpy_bench.py (imported), so the numpy figures compare with corepool's.
"""
import json
import sys

import numpy as np

from numpy_bench import measure, sampling


def call(kernel, size, rng):
    """One timed call, writing into a preallocated result as corepool's `out` does."""
    if kernel == "matmul":
        a, b = rng.random((size, size)), rng.random((size, size))
        out = np.empty((size, size))
        return lambda: np.matmul(a, b, out=out), size**3
    a, b, out = rng.random(size), rng.random(size), np.empty(size)
    if kernel == "add":
        return lambda: np.add(a, b, out=out), size
    if kernel == "exp":
        return lambda: np.exp(a, out=out), size

    def sort():
        out[:] = a
        out.sort()

    return sort, size


def main():
    rng = np.random.default_rng(1)
    rows = []
    for case in json.loads(sys.argv[1]):
        for size in case["sizes"]:
            size = int(size)
            fn, work = call(case["kernel"], size, rng)
            stats = measure(fn, **sampling(work))
            rows.append(dict(impl="numpy", family=case["family"], kernel=case["kernel"], size=size, **stats))
            print(f"  numpy {case['kernel']} {size}: {stats['medianNs'] / 1e3:.1f} us", file=sys.stderr)
    print(json.dumps(dict(version=np.__version__, rows=rows)))


if __name__ == "__main__":
    main()
