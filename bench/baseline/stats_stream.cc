// STREAM-class baselines for bench/stats.mjs: how fast every core together
// can copy (c[i] = a[i], STREAM "Copy": one read and one write stream) and
// read (a sum) float64 arrays, with no library in the way.
//
// Usage: stats_stream <elements> <reps>   Prints one JSON object on stdout.
// Usage: stats_stream --serve <elements>  Prints "ready", then answers each
//   stdin line "copy" with the seconds one all-core copy pass took, so
//   bench/stats.mjs can interleave passes with corepool calls.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

template <typename Body>
double Best(std::size_t n, unsigned threads, int reps, Body body) {
  double best = 1e30;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([=, &body] { body(n * t / threads, n * (t + 1) / threads); });
    }
    for (auto& th : pool) th.join();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const bool serve = argc > 1 && std::strcmp(argv[1], "--serve") == 0;
  const int arg = serve ? 2 : 1;
  const std::size_t n = argc > arg ? std::strtoull(argv[arg], nullptr, 10) : 50000000;
  const int reps = !serve && argc > 2 ? std::atoi(argv[2]) : 10;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<double> a(n), c(n);
  // First touch from every thread, as the timed loops will use the pages.
  Best(n, threads, 1, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) a[i] = 1.0 + static_cast<double>(i % 7), c[i] = 0.0;
  });
  auto copy_pass = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) c[i] = a[i];
  };
  if (serve) {
    Best(n, threads, 2, copy_pass);
    std::printf("ready\n");
    std::fflush(stdout);
    for (std::string line; std::getline(std::cin, line) && line == "copy";) {
      std::printf("%.9f\n", Best(n, threads, 1, copy_pass));
      std::fflush(stdout);
    }
    return c[n / 2] > 0 ? 0 : 1;
  }
  const double copy = Best(n, threads, reps, copy_pass);
  std::vector<double> sums(threads);
  const double read = Best(n, threads, reps, [&](std::size_t lo, std::size_t hi) {
    double acc[8] = {};
    for (std::size_t i = lo; i + 8 <= hi; i += 8) {
      for (int j = 0; j < 8; ++j) acc[j] += a[i + j];
    }
    sums[lo * threads / n] = acc[0] + acc[7];
  });
  std::printf("{\"elements\":%zu,\"threads\":%u,\"copyS\":%.9f,\"readS\":%.9f,\"check\":%g}\n",
              n,
              threads,
              copy,
              read,
              sums[0] + c[n / 2]);
  return 0;
}
