#include "simd.h"

namespace corepool {

const char* SimdLevel() {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
#if defined(COREPOOL_NO_CLONES) || defined(__clang__)
  return "sse2";
#else
  if (__builtin_cpu_supports("avx512f")) return "avx512f";
  if (__builtin_cpu_supports("avx2")) return "avx2";
  return "sse2";
#endif
#else
  return "portable";
#endif
}

}  // namespace corepool
