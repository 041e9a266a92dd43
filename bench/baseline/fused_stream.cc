// STREAM-class baselines for bench/fused.mjs: how fast every core together
// runs plain loops with the memory traffic of each fused kernel, with no
// library in the way (g++ -O3 -march=native, so the widest vectors).
//   scale d[i] = s·a[i]             1 read, 1 write   (clip's traffic)
//   triad y[i] = s·x[i] + y[i]      2 reads, 1 write  (axpy's traffic)
//   fma   d[i] = a[i]·b[i] + c[i]   3 reads, 1 write  (fma's traffic)
//   copy  d[i] = a[i]               1 read, 1 write, for reference only: g++
//         turns it into memcpy, whose non-temporal stores skip reading the
//         destination first; plain stores (corepool's, numpy's, the loops
//         above) pay that read, so scale is clip's like-for-like limit.
//
// Usage: fused_stream <elements> <reps>   Prints one JSON object on stdout.
// Usage: fused_stream --serve <elements>
//   Prints "ready", then answers each stdin line "copy", "scale", "triad" or "fma"
//   with the seconds one all-core pass took, so bench/fused.mjs can pair
//   baseline passes with corepool calls under the same load.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

// Runs body(lo, hi) over contiguous ranges, one thread each; seconds for the pass.
template <typename Body>
double Pass(std::size_t n, unsigned threads, Body body) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([=, &body] { body(n * t / threads, n * (t + 1) / threads); });
  for (auto& th : pool) th.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A warm-up pass, then `reps` timed passes: (best, median) seconds.
template <typename Body>
std::pair<double, double> Time(std::size_t n, unsigned threads, int reps, Body body) {
  Pass(n, threads, body);
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) times.push_back(Pass(n, threads, body));
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
  const int reps = argc > 2 ? std::atoi(argv[2]) : 9;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<double> a(n), b(n), c(n), d(n);
  Pass(n, threads, [&](std::size_t lo, std::size_t hi) {  // first touch from the threads that use the pages
    for (std::size_t i = lo; i < hi; ++i) {
      a[i] = static_cast<double>(i % 1000) * 1e-3;
      b[i] = static_cast<double>(i % 997) * 1e-3;
      c[i] = static_cast<double>(i % 991) * 1e-3;
      d[i] = 0;
    }
  });
  const double s = 1.0000001;
  auto copy = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) d[i] = a[i];
  };
  auto scale = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) d[i] = s * a[i];
  };
  auto triad = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) d[i] = s * a[i] + d[i];
  };
  auto fma = [&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) d[i] = a[i] * b[i] + c[i];
  };
  double check = 0;
  if (serve) {
    std::printf("ready\n");
    std::fflush(stdout);
    char line[64];
    while (std::fgets(line, sizeof(line), stdin) != nullptr) {
      if (std::strncmp(line, "copy", 4) == 0) {
        std::printf("%.9f\n", Pass(n, threads, copy));
      } else if (std::strncmp(line, "scale", 5) == 0) {
        std::printf("%.9f\n", Pass(n, threads, scale));
      } else if (std::strncmp(line, "triad", 5) == 0) {
        std::printf("%.9f\n", Pass(n, threads, triad));
      } else if (std::strncmp(line, "fma", 3) == 0) {
        std::printf("%.9f\n", Pass(n, threads, fma));
      } else {
        break;
      }
      std::fflush(stdout);
    }
    for (std::size_t i = 0; i < n; i += 4096) check += d[i];
    std::printf("bye %.6e\n", check);  // keeps the results observable
    return 0;
  }
  const auto copied = Time(n, threads, reps, copy);
  const auto scaled = Time(n, threads, reps, scale);
  const auto triads = Time(n, threads, reps, triad);
  const auto fmas = Time(n, threads, reps, fma);
  for (std::size_t i = 0; i < n; i += 4096) check += d[i];
  const double gb = 8.0 * static_cast<double>(n) / 1e9;  // GB per array pass
  std::printf("{\"elements\":%zu,\"threads\":%u,\"reps\":%d,"
              "\"copyBestS\":%.9f,\"copyMedianS\":%.9f,\"copyGbs\":%.3f,"
              "\"scaleBestS\":%.9f,\"scaleMedianS\":%.9f,\"scaleGbs\":%.3f,"
              "\"triadBestS\":%.9f,\"triadMedianS\":%.9f,\"triadGbs\":%.3f,"
              "\"fmaBestS\":%.9f,\"fmaMedianS\":%.9f,\"fmaGbs\":%.3f,\"check\":%.6e}\n",
              n,
              threads,
              reps,
              copied.first,
              copied.second,
              2 * gb / copied.first,
              scaled.first,
              scaled.second,
              2 * gb / scaled.first,
              triads.first,
              triads.second,
              3 * gb / triads.first,
              fmas.first,
              fmas.second,
              4 * gb / fmas.first,
              check);
  return 0;
}
