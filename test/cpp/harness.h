// A deliberately tiny test harness, so the C++ tests build offline with
// nothing but the compiler: tests register themselves, checks may run on any
// thread, and a watchdog turns a deadlock into a failure instead of a hang.
#pragma once

#include <cstddef>
#include <sstream>
#include <string>
#include <type_traits>

namespace corepool::test {

/// A test body. It passes when it returns without a failed check.
using TestFn = void (*)();

/// Adds `fn` to the list main() runs; used through COREPOOL_TEST.
struct Registrar {
  Registrar(const char* name, TestFn fn);
};

/// Records one failed check. Thread-safe: pool threads may call it.
void ReportFailure(const char* file, int line, const std::string& message);

/// Streams a value for failure messages; bytes print as numbers.
template <typename T>
std::string Show(const T& value) {
  std::ostringstream out;
  out.precision(17);
  if constexpr (sizeof(T) == 1 && std::is_integral_v<T>) {
    out << static_cast<int>(value);
  } else {
    out << value;
  }
  return out.str();
}

}  // namespace corepool::test

/// Defines and registers a test called `name`.
#define COREPOOL_TEST(name)                                                                                            \
  static void name();                                                                                                  \
  static const ::corepool::test::Registrar name##_registrar(#name, name);                                              \
  static void name()

/// Fails the current test (and continues) unless `cond` holds.
#define EXPECT_TRUE(cond)                                                                                              \
  do {                                                                                                                 \
    if (!(cond)) ::corepool::test::ReportFailure(__FILE__, __LINE__, "expected " #cond);                               \
  } while (0)

/// Fails the current test (and continues) unless a == b; prints both sides.
#define EXPECT_EQ(a, b)                                                                                                \
  do {                                                                                                                 \
    const auto& expect_a_ = (a);                                                                                       \
    const auto& expect_b_ = (b);                                                                                       \
    if (!(expect_a_ == expect_b_)) {                                                                                   \
      ::corepool::test::ReportFailure(__FILE__,                                                                        \
                                      __LINE__,                                                                        \
                                      "expected " #a " == " #b ", got " + ::corepool::test::Show(expect_a_) + " vs " + \
                                          ::corepool::test::Show(expect_b_));                                          \
    }                                                                                                                  \
  } while (0)

/// Like EXPECT_TRUE but returns from the test: later checks would be noise.
#define ASSERT_TRUE(cond)                                                                                              \
  do {                                                                                                                 \
    if (!(cond)) {                                                                                                     \
      ::corepool::test::ReportFailure(__FILE__, __LINE__, "expected " #cond);                                          \
      return;                                                                                                          \
    }                                                                                                                  \
  } while (0)
