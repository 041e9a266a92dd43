"""numpy's side of bench/run.mjs: times a.sum(), np.dot(a, b) and a.min().

Usage: python3 numpy_bench.py '<json config>'  (sizes, kernels, overhead_n)
Prints one JSON object on stdout. Uses the same policy as bench/lib/stats.mjs:
warm-up, batches long enough to dwarf the clock, samples until a time budget
is spent, and the median of per-call times.
"""
import json
import statistics
import sys
import time

import numpy as np


def sampling(n):
    # Mirrors sampling() in bench/lib/config.mjs.
    if n <= 1e4:
        return dict(warmup=200, budget_s=0.25, min_samples=15, max_samples=2000, min_batch_s=200e-6)
    if n <= 1e6:
        return dict(warmup=20, budget_s=0.25, min_samples=15, max_samples=2000, min_batch_s=500e-6)
    return dict(warmup=2, budget_s=0.35, min_samples=7, max_samples=40, min_batch_s=0)


def measure(fn, warmup, budget_s, min_samples, max_samples, min_batch_s):
    single = float("inf")
    for _ in range(warmup):
        t0 = time.perf_counter_ns()
        fn()
        single = min(single, time.perf_counter_ns() - t0)
    batch = max(1, min(20000, int(-(-min_batch_s * 1e9 // max(single, 1)))))
    samples = []
    start = time.perf_counter()
    while len(samples) < max_samples and (len(samples) < min_samples or time.perf_counter() - start < budget_s):
        t0 = time.perf_counter_ns()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter_ns() - t0) / batch)
    return dict(medianNs=statistics.median(samples), minNs=min(samples), samples=len(samples), batch=batch,
                calls=len(samples) * batch)


def main():
    config = json.loads(sys.argv[1])
    largest = int(max(config["sizes"]))
    rng = np.random.default_rng(1)
    a = rng.random(largest)
    b = rng.random(largest)
    rows = []
    for kernel in config["kernels"]:
        for n in config["sizes"]:
            n = int(n)
            x, y = a[:n], b[:n]
            fn = {"sum": lambda: x.sum(), "dot": lambda: np.dot(x, y), "min": lambda: x.min()}[kernel]
            stats = measure(fn, **sampling(n))
            rows.append(dict(impl="numpy", kernel=kernel, n=n, **stats))
            print(f"  numpy {kernel} {n}: {stats['medianNs'] / 1e3:.1f} us", file=sys.stderr)
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except Exception:  # older numpy has no mode="dicts"
        blas = "unknown"
    print(json.dumps(dict(version=np.__version__, python=sys.version.split()[0], blas=blas, rows=rows)))


if __name__ == "__main__":
    main()
