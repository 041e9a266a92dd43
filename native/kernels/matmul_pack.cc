// Packing of op(A) and op(B) blocks into the panel layout of matmul.h.
// Transposition is absorbed here: a view's strides say where (r, c) lives,
// so the macro-kernels only ever see one layout.
#include <algorithm>
#include <cstring>

#include "matmul.h"

namespace corepool {
namespace {

/// Copies a `rows` x `width` slice (row p at src + p*row_stride, element j at
/// + j*col_stride) into a panel of `width_padded` columns, zero-padding.
template <typename T>
void PackPanel(const T* src,
               std::size_t row_stride,
               std::size_t col_stride,
               std::size_t rows,
               std::size_t width,
               std::size_t width_padded,
               T* out) {
  for (std::size_t p = 0; p < rows; ++p) {
    const T* s = src + p * row_stride;
    T* o = out + p * width_padded;
    if (col_stride == 1) {
      std::memcpy(o, s, width * sizeof(T));
    } else {
      for (std::size_t j = 0; j < width; ++j) o[j] = s[j * col_stride];
    }
    for (std::size_t j = width; j < width_padded; ++j) o[j] = T(0);
  }
}

/// Panel from a source whose panel-width direction is the slow one (row
/// stride `row_stride` per panel element, `p` contiguous): a small
/// transposition, done in 8-deep strips so each source row is read in runs.
template <typename T>
void PackPanelTransposed(
    const T* src, std::size_t panel_stride, std::size_t rows, std::size_t width, std::size_t width_padded, T* out) {
  constexpr std::size_t kStrip = 8;
  for (std::size_t p0 = 0; p0 < rows; p0 += kStrip) {
    const std::size_t p1 = std::min(rows, p0 + kStrip);
    for (std::size_t j = 0; j < width; ++j) {
      const T* s = src + j * panel_stride;
      for (std::size_t p = p0; p < p1; ++p) out[p * width_padded + j] = s[p];
    }
    for (std::size_t p = p0; p < p1; ++p) {
      for (std::size_t j = width; j < width_padded; ++j) out[p * width_padded + j] = T(0);
    }
  }
}

}  // namespace

template <typename T>
void GemmPackA(MatrixView<T> a, std::size_t mc, std::size_t kc, std::size_t mr, T* out) {
  for (std::size_t r = 0; r < mc; r += mr) {
    const std::size_t width = std::min(mr, mc - r);
    const T* src = a.data + r * a.rs;
    T* panel = out + r * kc;
    // Panel element (p, i) = op(A)(r+i, p): i runs along rs, p along cs.
    if (a.cs == 1 && a.rs != 1) {
      PackPanelTransposed(src, a.rs, kc, width, mr, panel);
    } else {
      PackPanel(src, a.cs, a.rs, kc, width, mr, panel);
    }
  }
}

template <typename T>
void GemmPackB(MatrixView<T> b, std::size_t kc, std::size_t nc, std::size_t nr, T* out) {
  for (std::size_t s = 0; s < nc; s += nr) {
    const std::size_t width = std::min(nr, nc - s);
    const T* src = b.data + s * b.cs;
    T* panel = out + s * kc;
    // Panel element (p, j) = op(B)(p, s+j): p runs along rs, j along cs.
    if (b.rs == 1 && b.cs != 1) {
      PackPanelTransposed(src, b.cs, kc, width, nr, panel);
    } else {
      PackPanel(src, b.rs, b.cs, kc, width, nr, panel);
    }
  }
}

template void GemmPackA<double>(MatrixView<double>, std::size_t, std::size_t, std::size_t, double*);
template void GemmPackA<float>(MatrixView<float>, std::size_t, std::size_t, std::size_t, float*);
template void GemmPackB<double>(MatrixView<double>, std::size_t, std::size_t, std::size_t, double*);
template void GemmPackB<float>(MatrixView<float>, std::size_t, std::size_t, std::size_t, float*);

}  // namespace corepool
