"""Python's multiprocessing.Pool on the five bench/pool.mjs scenarios.

Prints one JSON object: best-of-rounds figures (start-up and SAB in ms,
lower is better; the rest higher is better). Usage: python3 pool_python.py ROUNDS
"""
import json
import sys
import time
from multiprocessing import Pool

try:
    import numpy as np
except ImportError:  # the 80 MB hand-off row is skipped without numpy
    np = None


def inc(x):
    return x + 1


def work(iterations):
    x = 0.0
    for i in range(iterations):
        x = (x + i * 1e-9) % 1e6
    return x


def touch(a):
    return len(a)


def calibrate():
    n = 10000
    while True:
        t0 = time.perf_counter()
        work(n)
        ms = (time.perf_counter() - t0) * 1000
        if ms > 5:
            return round(n * 20 / ms)
        n *= 2


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    out = {"startup": [], "map": [], "apply": [], "cpu": [], "sab": []}
    for _ in range(rounds):
        t0 = time.perf_counter()
        with Pool(2) as p:
            p.apply(inc, (1,))
            out["startup"].append((time.perf_counter() - t0) * 1000)
    iterations = calibrate()
    data = list(range(100_000))
    arr = np.zeros(10 * 1024 * 1024) if np is not None else None
    with Pool(2) as p:
        p.map(inc, data)
        p.map(work, [iterations, iterations], chunksize=1)
        for _ in range(rounds):
            t0 = time.perf_counter()
            p.map(inc, data)
            out["map"].append(len(data) / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            rs = [p.apply_async(inc, (i,)) for i in range(100_000)]
            for r in rs:
                r.get()
            out["apply"].append(100_000 / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            for _ in range(64):
                work(iterations)
            serial = time.perf_counter() - t0
            t0 = time.perf_counter()
            p.map(work, [iterations] * 64, chunksize=1)
            out["cpu"].append(serial / (time.perf_counter() - t0))
            if arr is not None:
                t0 = time.perf_counter()
                p.apply(touch, (arr,))
                out["sab"].append((time.perf_counter() - t0) * 1000)
    best = {k: (min(v) if k in ("startup", "sab") else max(v)) if v else None for k, v in out.items()}
    print(json.dumps(best))


if __name__ == "__main__":
    main()
