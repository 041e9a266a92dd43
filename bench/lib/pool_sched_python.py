"""Python's ProcessPoolExecutor(2) on bench/pool_sched.mjs's scheduling scenarios.

Reads one JSON object on stdin: {"rounds": R, "lists": {"a": [ms, ...], ...},
"cancel": {"tasks": 10, "ms": 100, "wait": 20, "cancel": [2, 8]}} and prints
one JSON object: for each task list, every round's completion time of each
task (ms from submission, in submission order) and its makespan; for the
cancel scenario, every round's cancel() returns and how often each task ran.
Tasks busy-wait (they block their process) for their length in ms.
Usage: python3 pool_sched_python.py < spec.json
"""
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing import Array

WORKERS = 2
_runs = None


def spin(ms):
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass
    return ms


def _init(runs):
    global _runs
    _runs = runs


def counted_spin(i, ms):
    with _runs.get_lock():
        _runs[i] += 1
    return spin(ms)


def warm(ex, fn, *args):
    """Starts both worker processes and runs fn in each a few times."""
    for _ in range(3):
        wait([ex.submit(fn, *args) for _ in range(WORKERS)])


def timed(ex, lengths):
    done = [None] * len(lengths)
    t0 = time.perf_counter()

    def record(i):
        return lambda _f: done.__setitem__(i, (time.perf_counter() - t0) * 1000)

    futures = [ex.submit(spin, ms) for ms in lengths]
    for i, f in enumerate(futures):
        f.add_done_callback(record(i))
    wait(futures)
    # Callbacks run in the executor's management thread; wait() may return a hair earlier.
    while None in done:
        time.sleep(0.0001)
    return {"done": done, "makespan": max(done)}


def cancel_round(spec):
    runs = Array("i", spec["tasks"])
    with ProcessPoolExecutor(WORKERS, initializer=_init, initargs=(runs,)) as ex:
        warm(ex, spin, 5)
        t0 = time.perf_counter()
        futures = [ex.submit(counted_spin, i, spec["ms"]) for i in range(spec["tasks"])]
        time.sleep(spec["wait"] / 1000)
        returned = [futures[i].cancel() for i in spec["cancel"]]
        wait(futures)
        makespan = (time.perf_counter() - t0) * 1000
    return {
        "returned": returned,
        "cancelled": [futures[i].cancelled() for i in spec["cancel"]],
        "runs": list(runs),
        "makespan": makespan,
    }


def main():
    spec = json.load(sys.stdin)
    out = {"lists": {}, "cancel": []}
    with ProcessPoolExecutor(WORKERS) as ex:
        warm(ex, spin, 5)
        for key, lengths in spec["lists"].items():
            out["lists"][key] = [timed(ex, lengths) for _ in range(spec["rounds"])]
    out["cancel"] = [cancel_round(spec["cancel"]) for _ in range(spec["rounds"])]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
