"""numpy's side of bench/fused.mjs, as a server so that its passes can be
paired with corepool's: prints "ready", then answers each stdin line
"<kernel> <form>" with the seconds one call took ("out": numpy's out= form,
the fastest numpy offers; "alloc": the plain expression). numpy is
single-threaded for all of these.

Usage: python3 fused_numpy.py <elements>
"""
import sys
import time

import numpy as np


def main():
    n = int(float(sys.argv[1]))
    rng = np.random.default_rng(1)
    a = rng.uniform(-1000, 1000, n)
    b = rng.uniform(-1000, 1000, n)
    c = rng.uniform(-1000, 1000, n)
    t = rng.random(n)
    out = np.empty(n)
    tmp = np.empty(n)
    ints = np.empty(n, dtype=np.int32)
    mask = t < 0.5
    base = np.abs(a)
    s = 1.0000001

    def axpy_out():
        # y += s * x needs a temporary for s * x; out= reuses one.
        np.multiply(a, s, out=tmp)
        np.add(out, tmp, out=out)

    def fma_out():
        np.multiply(a, b, out=out)
        np.add(out, c, out=out)

    def where_out():
        # np.where has no out=; this is its two-pass out= equivalent.
        np.copyto(out, b)
        np.copyto(out, a, where=mask)

    def lerp_out():
        np.subtract(b, a, out=out)
        np.multiply(out, t, out=out)
        np.add(out, a, out=out)

    kernels = {
        ("fma", "out"): fma_out,
        ("fma", "alloc"): lambda: a * b + c,
        ("axpy", "out"): axpy_out,
        ("axpy", "alloc"): lambda: np.add(out, s * a, out=out),
        ("clip", "out"): lambda: np.clip(a, -100.0, 100.0, out=out),
        ("clip", "alloc"): lambda: np.clip(a, -100.0, 100.0),
        ("lerp", "out"): lerp_out,
        ("lerp", "alloc"): lambda: a + t * (b - a),
        ("where", "out"): where_out,
        ("where", "alloc"): lambda: np.where(mask, a, b),
        ("pow", "out"): lambda: np.power(base, t, out=out),
        ("pow", "alloc"): lambda: np.power(base, t),
        ("mod", "out"): lambda: np.mod(a, b, out=out),
        ("mod", "alloc"): lambda: np.mod(a, b),
        ("atan2", "out"): lambda: np.arctan2(a, b, out=out),
        ("atan2", "alloc"): lambda: np.arctan2(a, b),
        ("hypot", "out"): lambda: np.hypot(a, b, out=out),
        ("hypot", "alloc"): lambda: np.hypot(a, b),
        ("astype", "out"): lambda: np.copyto(ints, a, casting="unsafe"),
        ("astype", "alloc"): lambda: a.astype(np.int32),
    }
    for fn in kernels.values():  # touch every page and warm every path once
        fn()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if len(words) != 2:
            break
        fn = kernels[(words[0], words[1])]
        t0 = time.perf_counter()
        fn()
        print(f"{time.perf_counter() - t0:.9f}", flush=True)


if __name__ == "__main__":
    main()
