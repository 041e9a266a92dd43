// Runner for the tests registered with COREPOOL_TEST. Usage:
//   thread_pool_test [substring...]   runs the tests whose name contains one
// Environment: COREPOOL_TEST_TIMEOUT (seconds per test, default 60);
// COREPOOL_TEST_SHARD=i/n runs every n-th test from the i-th (ctest starts
// one shard per core: one sanitized process would leave a core idle).
#include "harness.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace corepool::test {
namespace {

struct TestCase {
  const char* name;
  TestFn fn;
};

std::vector<TestCase>& Tests() {
  // Function-local so registration from other files' static initialisers
  // never sees an unconstructed vector.
  static std::vector<TestCase> tests;
  return tests;
}

std::mutex g_print_mutex;
std::atomic<int> g_failures{0};

bool Selected(const char* name, int argc, char** argv) {
  if (argc <= 1) return true;
  for (int i = 1; i < argc; ++i) {
    if (std::string(name).find(argv[i]) != std::string::npos) return true;
  }
  return false;
}

// A deadlocked pool would otherwise hang ctest until its own timeout, with
// no hint of which test hung. The watchdog names the test and exits.
class Watchdog {
 public:
  explicit Watchdog(std::chrono::seconds limit) : limit_(limit), thread_([this] { Loop(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void Arm(const char* name, int passed, int failed) {
    std::lock_guard<std::mutex> lock(mutex_);
    name_ = name;
    passed_ = passed;
    failed_ = failed;
    deadline_ = std::chrono::steady_clock::now() + limit_;
    ++generation_;
    cv_.notify_all();
  }
  void Disarm() {
    std::lock_guard<std::mutex> lock(mutex_);
    name_ = nullptr;
    ++generation_;
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!quit_) {
      if (name_ == nullptr) {
        cv_.wait(lock);
        continue;
      }
      const unsigned long generation = generation_;
      if (cv_.wait_until(lock, deadline_, [&] { return quit_ || generation_ != generation; })) continue;
      std::printf("TIMEOUT %s: no result after %lld s (deadlock?)\n", name_, static_cast<long long>(limit_.count()));
      std::printf("%d passed, %d failed\n", passed_, failed_ + 1);
      std::fflush(nullptr);
      std::_Exit(1);
    }
  }

  const std::chrono::seconds limit_;
  std::mutex mutex_;
  std::condition_variable cv_;
  const char* name_ = nullptr;
  int passed_ = 0;
  int failed_ = 0;
  unsigned long generation_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  bool quit_ = false;
  std::thread thread_;  // last: starts after every field it reads exists
};

/// {index, count} from COREPOOL_TEST_SHARD ("i/n"); {0, 1} when unset or malformed.
std::pair<long, long> ShardFromEnv() {
  const char* env = std::getenv("COREPOOL_TEST_SHARD");
  if (env == nullptr) return {0, 1};
  char* slash = nullptr;
  const long index = std::strtol(env, &slash, 10);
  if (slash == nullptr || *slash != '/') return {0, 1};
  const long count = std::strtol(slash + 1, nullptr, 10);
  if (count < 1 || index < 0 || index >= count) return {0, 1};
  return {index, count};
}

std::chrono::seconds TimeoutFromEnv() {
  const char* env = std::getenv("COREPOOL_TEST_TIMEOUT");
  const long seconds = env != nullptr ? std::strtol(env, nullptr, 10) : 0;
  return std::chrono::seconds(seconds > 0 ? seconds : 60);
}

}  // namespace

Registrar::Registrar(const char* name, TestFn fn) {
  Tests().push_back({name, fn});
}

void ReportFailure(const char* file, int line, const std::string& message) {
  g_failures.fetch_add(1, std::memory_order_relaxed);
  // stdout, like the per-test lines, so the two never interleave out of order.
  std::lock_guard<std::mutex> lock(g_print_mutex);
  std::printf("  %s:%d: %s\n", file, line, message.c_str());
  std::fflush(stdout);
}

}  // namespace corepool::test

int main(int argc, char** argv) {
  using corepool::test::g_failures;
  using corepool::test::Tests;
  int passed = 0;
  int failed = 0;
  corepool::test::Watchdog watchdog(corepool::test::TimeoutFromEnv());
  const auto [shard, shards] = corepool::test::ShardFromEnv();
  long position = -1;
  for (const auto& test : Tests()) {
    if (++position % shards != shard) continue;
    if (!corepool::test::Selected(test.name, argc, argv)) continue;
    const int before = g_failures.load();
    const auto start = std::chrono::steady_clock::now();
    watchdog.Arm(test.name, passed, failed);
    try {
      test.fn();
    } catch (const std::exception& e) {
      corepool::test::ReportFailure(__FILE__, __LINE__, std::string("uncaught exception: ") + e.what());
    } catch (...) {
      corepool::test::ReportFailure(__FILE__, __LINE__, "uncaught non-standard exception");
    }
    watchdog.Disarm();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    const bool ok = g_failures.load() == before;
    (ok ? passed : failed)++;
    std::lock_guard<std::mutex> lock(corepool::test::g_print_mutex);
    std::printf("%s %s (%lld ms)\n", ok ? "ok  " : "FAIL", test.name, static_cast<long long>(ms.count()));
    std::fflush(stdout);
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
