// Blocked transposes. Elements are moved as unsigned integers of their size,
// so NaN payloads and -0 survive bit for bit.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "linalg.h"

namespace corepool {
namespace {

constexpr std::size_t kTile = kTransposeTile;
/// Register block: 8 source rows are read in 8-element runs and written as
/// 8-element runs, so both sides stream whole cache lines; a plain tile loop
/// strides one side and collapses on power-of-two sizes (cache set conflicts).
constexpr std::size_t kSub = 8;

template <typename T>
struct Block {
  T v[kSub][kSub];
};

template <typename T>
inline void LoadBlock(const T* a, std::size_t lda, Block<T>& b) {
  for (std::size_t x = 0; x < kSub; ++x) std::memcpy(b.v[x], a + x * lda, sizeof(b.v[x]));
}

template <typename T>
inline void StoreTransposed(const Block<T>& b, T* out, std::size_t ldo) {
  for (std::size_t y = 0; y < kSub; ++y) {
    T* o = out + y * ldo;
    for (std::size_t x = 0; x < kSub; ++x) o[x] = b.v[x][y];
  }
}

/// out tile = a tile^T for a tile of h x w elements.
template <typename T>
void CopyTile(const T* a, std::size_t lda, T* out, std::size_t ldo, std::size_t h, std::size_t w) {
  if (h == kTile && w == kTile) {
    for (std::size_t i = 0; i < kTile; i += kSub) {
      for (std::size_t j = 0; j < kTile; j += kSub) {
        Block<T> b;
        LoadBlock(a + i * lda + j, lda, b);
        StoreTransposed(b, out + j * ldo + i, ldo);
      }
    }
    return;
  }
  for (std::size_t i = 0; i < h; ++i) {
    for (std::size_t j = 0; j < w; ++j) out[j * ldo + i] = a[i * lda + j];
  }
}

/// Swaps the tile at (r, c) with the transpose of the tile at (c, r), r != c.
template <typename T>
void SwapTiles(T* a, std::size_t n, std::size_t r, std::size_t c) {
  const std::size_t h = std::min(kTile, n - r);
  const std::size_t w = std::min(kTile, n - c);
  if (h == kTile && w == kTile) {
    for (std::size_t i = 0; i < kTile; i += kSub) {
      for (std::size_t j = 0; j < kTile; j += kSub) {
        Block<T> upper, lower;
        LoadBlock(a + (r + i) * n + c + j, n, upper);
        LoadBlock(a + (c + j) * n + r + i, n, lower);
        StoreTransposed(upper, a + (c + j) * n + r + i, n);
        StoreTransposed(lower, a + (r + i) * n + c + j, n);
      }
    }
    return;
  }
  for (std::size_t i = 0; i < h; ++i) {
    for (std::size_t j = 0; j < w; ++j) std::swap(a[(r + i) * n + c + j], a[(c + j) * n + r + i]);
  }
}
/// Transposes the diagonal tile at (d, d) in place.
template <typename T>
void DiagonalTile(T* a, std::size_t n, std::size_t d) {
  const std::size_t h = std::min(kTile, n - d);
  for (std::size_t i = 0; i < h; ++i) {
    for (std::size_t j = i + 1; j < h; ++j) std::swap(a[(d + i) * n + d + j], a[(d + j) * n + d + i]);
  }
}

}  // namespace

template <typename T>
void TransposeRows(const T* a, T* out, std::size_t rows, std::size_t cols, std::size_t lo, std::size_t hi) {
  for (std::size_t i = lo; i < hi; i += kTile) {
    const std::size_t h = std::min(kTile, hi - i);
    for (std::size_t j = 0; j < cols; j += kTile) {
      CopyTile(a + i * cols + j, cols, out + j * rows + i, rows, h, std::min(kTile, cols - j));
    }
  }
}

template <typename T>
void TransposeSquareTiles(T* a, std::size_t n, std::size_t lo, std::size_t hi) {
  for (std::size_t tr = lo; tr < hi; ++tr) {
    const std::size_t r = tr * kTile;
    DiagonalTile(a, n, r);
    for (std::size_t c = r + kTile; c < n; c += kTile) SwapTiles(a, n, r, c);
  }
}

template void TransposeRows<std::uint64_t>(
    const std::uint64_t*, std::uint64_t*, std::size_t, std::size_t, std::size_t, std::size_t);
template void TransposeRows<std::uint32_t>(
    const std::uint32_t*, std::uint32_t*, std::size_t, std::size_t, std::size_t, std::size_t);
template void TransposeSquareTiles<std::uint64_t>(std::uint64_t*, std::size_t, std::size_t, std::size_t);
template void TransposeSquareTiles<std::uint32_t>(std::uint32_t*, std::size_t, std::size_t, std::size_t);

}  // namespace corepool
