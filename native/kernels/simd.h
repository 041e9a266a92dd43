// Run-time choice of vector width. Hot loops are compiled several times with
// target_clones; the loader picks one per CPU, so a binary built for baseline
// x86-64 never executes an instruction the CPU lacks.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__) &&                           \
    !defined(COREPOOL_NO_CLONES)
#define COREPOOL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define COREPOOL_CLONES
#endif

namespace corepool {

/// "avx512f", "avx2", "sse2" or "portable": the widest clone this CPU runs.
[[nodiscard]] const char* SimdLevel();

}  // namespace corepool
