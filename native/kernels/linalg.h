// Level-2 kernels and data movement for the dense linear algebra family:
// gemv, transpose and outer. Pure compute over half-open ranges; the
// parallel split lives in native/binding/linalg_driver.cc.
#pragma once

#include <cstddef>

namespace corepool {

/// y[i] = alpha * dot(A row i, x) + beta * y[i] for i in [lo, hi); A is
/// m x n row-major. beta == 0 never reads y.
template <typename T>
void GemvRows(const T* a, const T* x, T* y, std::size_t n, T alpha, T beta, std::size_t lo, std::size_t hi);

/// y[j] = alpha * sum_i A[i, j] x[i] + beta * y[j] for j in [lo, hi) (the
/// A^T x product); A is m x n row-major. Sums run over i in ascending order.
template <typename T>
void GemvColumns(
    const T* a, const T* x, T* y, std::size_t m, std::size_t n, T alpha, T beta, std::size_t lo, std::size_t hi);

/// out[j*rows + i] = a[i*cols + j] for rows i in [lo, hi), all columns. T is
/// an unsigned integer of the element size: a transpose only moves bits.
template <typename T>
void TransposeRows(const T* a, T* out, std::size_t rows, std::size_t cols, std::size_t lo, std::size_t hi);

/// In-place transpose of the square n x n matrix a, tile rows [lo, hi) of
/// the kTransposeTile grid: swaps each tile above the diagonal with its
/// mirror and transposes diagonal tiles.
template <typename T>
void TransposeSquareTiles(T* a, std::size_t n, std::size_t lo, std::size_t hi);
inline constexpr std::size_t kTransposeTile = 64;

/// out[i*ny + j] = x[i] * y[j] for rows i in [lo, hi).
template <typename T>
void OuterRows(const T* x, const T* y, T* out, std::size_t ny, std::size_t lo, std::size_t hi);

}  // namespace corepool
