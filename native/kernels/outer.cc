// Outer product: one multiplication per output element, so the only cost is
// writing out; rows vectorise in every clone and round identically.
#include "linalg.h"
#include "simd.h"

namespace corepool {
namespace {

template <typename T>
__attribute__((always_inline)) inline void Body(
    const T* x, const T* y, T* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  for (std::size_t i = lo; i < hi; ++i) {
    const T xi = x[i];
    T* row = out + i * ny;
    for (std::size_t j = 0; j < ny; ++j) row[j] = xi * y[j];
  }
}

COREPOOL_CLONES void OuterF64(
    const double* x, const double* y, double* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  Body(x, y, out, ny, lo, hi);
}
COREPOOL_CLONES void OuterF32(
    const float* x, const float* y, float* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  Body(x, y, out, ny, lo, hi);
}

void Outer(const double* x, const double* y, double* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  OuterF64(x, y, out, ny, lo, hi);
}
void Outer(const float* x, const float* y, float* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  OuterF32(x, y, out, ny, lo, hi);
}

}  // namespace

template <typename T>
void OuterRows(const T* x, const T* y, T* out, std::size_t ny, std::size_t lo, std::size_t hi) {
  Outer(x, y, out, ny, lo, hi);
}

template void OuterRows<double>(const double*, const double*, double*, std::size_t, std::size_t, std::size_t);
template void OuterRows<float>(const float*, const float*, float*, std::size_t, std::size_t, std::size_t);

}  // namespace corepool
