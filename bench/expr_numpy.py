"""numpy's and numexpr's side of bench/expr.mjs, as a server so that their
passes can be paired with corepool's (bench/lib/paired.mjs).

Prints one JSON line describing itself (python, numpy and numexpr versions,
numexpr's threads, or why numexpr is missing), then "ready", then answers
each stdin line with the seconds one pass took:

  "<row> <form>"   one pass of row's expression over the big arrays, form:
      numpy      the plain numpy expression, with its full-size temporaries
      numpy_out  the same with out= and one scratch array (numpy's fastest)
      numexpr    numexpr.evaluate(expression, out=out) (numexpr's threads)
  "micro first"   seconds per numexpr.evaluate of a fresh 10-node expression
                  on 1000 elements (a distinct string each call: numexpr
                  parses and compiles it)
  "micro reused"  seconds per numexpr.evaluate of one 10-node expression on
                  1000 elements (numexpr's cache hit)

Inputs are a, b, c uniform in [-2, 2), float64, as bench/expr.mjs builds
its own. numpy is single-threaded for every row except dot (BLAS).

Usage: /usr/bin/python3 expr_numpy.py <elements>
Debian's python3 has Debian's numexpr (apt-get install python3-numexpr).
"""
import json
import os
import platform
import sys
import time

import numpy as np

try:
    import numexpr as ne
except ImportError as error:
    ne = None
    ne_missing = str(error)


def main():
    n = int(float(sys.argv[1]))
    rng = np.random.default_rng(1)
    a = rng.uniform(-2, 2, n)
    b = rng.uniform(-2, 2, n)
    c = rng.uniform(-2, 2, n)
    out = np.empty(n)
    tmp = np.empty(n)
    mask = np.empty(n, dtype=np.bool_)
    env = {"a": a, "b": b, "c": c}
    if ne is not None:
        ne.set_num_threads(os.cpu_count() or 1)

    def fma_out():
        np.multiply(b, c, out=out)
        np.multiply(out, 3.0, out=out)
        np.multiply(a, 2.0, out=tmp)
        np.add(out, tmp, out=out)

    def trig_out():
        np.sin(a, out=out)
        np.square(out, out=out)
        np.cos(b, out=tmp)
        np.square(tmp, out=tmp)
        np.add(out, tmp, out=out)

    def cmp_out():
        np.multiply(a, b, out=out)
        np.multiply(a, 4.1, out=tmp)
        np.subtract(out, tmp, out=out)
        np.multiply(b, 2.5, out=tmp)
        np.greater(out, tmp, out=mask)

    def hypot_out():
        np.multiply(a, a, out=out)
        np.multiply(b, b, out=tmp)
        np.add(out, tmp, out=out)
        np.sqrt(out, out=out)

    def heavy_out():
        np.multiply(a, a, out=out)
        np.multiply(out, -0.5, out=out)
        np.exp(out, out=out)
        np.multiply(b, 3.0, out=tmp)
        np.sin(tmp, out=tmp)
        np.multiply(out, tmp, out=out)
        np.multiply(a, b, out=tmp)
        np.cos(tmp, out=tmp)
        np.add(out, tmp, out=out)

    # row -> (numexpr string, numpy expression, numpy out= chain, numexpr's out)
    rows = {
        "fma": ("2*a + 3*b*c", lambda: 2 * a + 3 * b * c, fma_out, out),
        "trig": ("sin(a)**2 + cos(b)**2", lambda: np.sin(a) ** 2 + np.cos(b) ** 2, trig_out, out),
        "cmp": ("a*b - 4.1*a > 2.5*b", lambda: a * b - 4.1 * a > 2.5 * b, cmp_out, mask),
        "dot": ("sum(a*b)", lambda: np.sum(a * b), lambda: np.dot(a, b), None),
        "hypot": ("sqrt(a*a + b*b)", lambda: np.sqrt(a * a + b * b), hypot_out, out),
        "heavy": (
            "exp(-0.5*a*a)*sin(3*b) + cos(a*b)",
            lambda: np.exp(-0.5 * a * a) * np.sin(3 * b) + np.cos(a * b),
            heavy_out,
            out,
        ),
    }
    calls = {}
    for row, (text, plain, chain, dest) in rows.items():
        calls[(row, "numpy")] = plain
        calls[(row, "numpy_out")] = chain
        if ne is not None:
            if dest is None:
                calls[(row, "numexpr")] = lambda text=text: ne.evaluate(text, local_dict=env)
            else:
                calls[(row, "numexpr")] = lambda text=text, dest=dest: ne.evaluate(text, local_dict=env, out=dest)

    small = {"a": a[:1000].copy(), "b": b[:1000].copy(), "c": c[:1000].copy()}
    small_out = np.empty(1000)
    counter = [0]

    def micro(form):
        # abs(a*b + c) * (a - k): 10 nodes, as bench/expr.mjs's row.
        reps = 2000 if form == "reused" else 500
        texts = []
        for _ in range(reps):
            counter[0] += 1
            texts.append(f"abs(a*b + c) * (a - {counter[0] if form == 'first' else 2}.5)")
        t0 = time.perf_counter()
        for text in texts:
            ne.evaluate(text, local_dict=small, out=small_out)
        return (time.perf_counter() - t0) / reps

    for fn in calls.values():  # touch every page and warm every path once
        fn()
    info = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "numpy": np.__version__,
        "numexpr": None if ne is None else ne.__version__,
        "numexprThreads": None if ne is None else ne.get_num_threads() if hasattr(ne, "get_num_threads") else ne.nthreads,
        "numexprMissing": None if ne is not None else ne_missing,
    }
    print(json.dumps(info), flush=True)
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if len(words) != 2:
            break
        if words[0] == "micro":
            if ne is None:
                print("nan", flush=True)
                continue
            print(f"{micro(words[1]):.12f}", flush=True)
            continue
        fn = calls.get((words[0], words[1]))
        if fn is None:
            print("nan", flush=True)
            continue
        t0 = time.perf_counter()
        fn()
        print(f"{time.perf_counter() - t0:.9f}", flush=True)


if __name__ == "__main__":
    main()
