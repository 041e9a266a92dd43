// Read-bandwidth baseline: how fast this machine can stream float64 from
// memory when every core reads, with no library in the way. bench/RESULTS.md
// states corepool's targets relative to this figure.
//
// Usage: read_bw [elements=5e7] [reps=15] [threads=hardware_concurrency]
//   Prints one JSON object on stdout.
// Usage: read_bw --serve [elements=5e7]
//   Prints "ready", then answers each stdin line "read" or "dot" with the
//   seconds one pass took. bench/lib/paired.mjs alternates these passes with
//   corepool calls, so both see the same load from other processes.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kAccumulators = 8;

// Eight independent accumulators hide the add latency, so the loop is bound
// by memory, not by the floating-point pipeline; -O3 vectorises it.
double SumRange(const double* x, std::size_t n) {
  double acc[kAccumulators] = {};
  std::size_t i = 0;
  for (; i + kAccumulators <= n; i += kAccumulators) {
    for (std::size_t j = 0; j < kAccumulators; ++j) acc[j] += x[i + j];
  }
  double total = 0;
  for (double a : acc) total += a;
  for (; i < n; ++i) total += x[i];
  return total;
}

double DotRange(const double* a, const double* b, std::size_t n) {
  double acc[kAccumulators] = {};
  std::size_t i = 0;
  for (; i + kAccumulators <= n; i += kAccumulators) {
    for (std::size_t j = 0; j < kAccumulators; ++j) acc[j] += a[i + j] * b[i + j];
  }
  double total = 0;
  for (double v : acc) total += v;
  for (; i < n; ++i) total += a[i] * b[i];
  return total;
}

// Splits [0, n) into `threads` contiguous ranges and runs body(lo, hi) on each,
// one std::thread per range; returns the wall time in seconds.
template <typename Body>
double TimeParallel(std::size_t n, unsigned threads, Body body) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    const std::size_t lo = n * t / threads;
    const std::size_t hi = n * (t + 1) / threads;
    pool.emplace_back([=, &body] { body(t, lo, hi); });
  }
  for (auto& th : pool) th.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Stats {
  double best_s;
  double median_s;
};

template <typename Run>
Stats BestOf(int reps, Run run) {
  std::vector<double> times;
  run();  // warm-up: page faults and thread start-up are not bandwidth
  for (int r = 0; r < reps; ++r) times.push_back(run());
  std::sort(times.begin(), times.end());
  return {times.front(), times[times.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  const bool serve = argc > 1 && std::strcmp(argv[1], "--serve") == 0;
  if (serve) {
    --argc;
    ++argv;
  }
  const std::size_t n = argc > 1 ? static_cast<std::size_t>(std::atof(argv[1])) : 50000000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 15;
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : hw;

  std::vector<double> a(n), b(n);
  // Touch the pages from the threads that will read them (first-touch NUMA placement).
  TimeParallel(n, threads, [&](unsigned, std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      a[i] = static_cast<double>(i % 1000) * 1e-3;
      b[i] = static_cast<double>(i % 997) * 1e-3;
    }
  });

  std::vector<double> partial(std::max(threads, 1u));
  double checksum = 0;
  auto sum_all = [&](unsigned use) {
    const double s = TimeParallel(
        n, use, [&](unsigned t, std::size_t lo, std::size_t hi) { partial[t] = SumRange(a.data() + lo, hi - lo); });
    for (unsigned t = 0; t < use; ++t) checksum += partial[t];
    return s;
  };
  auto dot_all = [&] {
    const double s = TimeParallel(n, threads, [&](unsigned t, std::size_t lo, std::size_t hi) {
      partial[t] = DotRange(a.data() + lo, b.data() + lo, hi - lo);
    });
    for (unsigned t = 0; t < threads; ++t) checksum += partial[t];
    return s;
  };

  if (serve) {
    sum_all(threads);  // warm-up
    std::printf("ready\n");
    std::fflush(stdout);
    char line[64];
    while (std::fgets(line, sizeof(line), stdin) != nullptr) {
      if (std::strncmp(line, "read", 4) == 0) {
        std::printf("%.9f\n", sum_all(threads));
      } else if (std::strncmp(line, "dot", 3) == 0) {
        std::printf("%.9f\n", dot_all());
      } else {
        break;
      }
      std::fflush(stdout);
    }
    std::printf("bye %.6e\n", checksum);  // keeps the sums observable
    return 0;
  }

  const Stats read = BestOf(reps, [&] { return sum_all(threads); });
  const Stats read1 = BestOf(std::max(3, reps / 3), [&] { return sum_all(1); });
  const Stats dot = BestOf(std::max(3, reps / 2), dot_all);
  const double bytes = 8.0 * static_cast<double>(n);
  std::printf("{\"elements\":%zu,\"threads\":%u,\"reps\":%d,\"bytes\":%.0f,"
              "\"readBestS\":%.9f,\"readMedianS\":%.9f,\"readGbs\":%.3f,\"readMedianGbs\":%.3f,"
              "\"read1ThreadGbs\":%.3f,\"dotBestS\":%.9f,\"dotGbs\":%.3f,\"checksum\":%.6e}\n",
              n,
              threads,
              reps,
              bytes,
              read.best_s,
              read.median_s,
              bytes / read.best_s / 1e9,
              bytes / read.median_s / 1e9,
              bytes / read1.best_s / 1e9,
              dot.best_s,
              2 * bytes / dot.best_s / 1e9,
              checksum);
  return 0;
}
