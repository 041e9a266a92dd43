#include "arg_checks.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace corepool {
namespace {

constexpr double kTwo32 = 4294967296.0;
constexpr double kTwo53 = 9007199254740992.0;

constexpr ArgVerdict Fail(ArgFault fault, const char* message) {
  return ArgVerdict{fault, message};
}

}  // namespace

bool IsIntegerIn(double v, double lo, double hi) {
  return v >= lo && v <= hi && v == std::trunc(v);
}

bool ToSize(double v, std::size_t* out) {
  if (!IsIntegerIn(v, 0, kTwo53 - 1)) return false;
  *out = static_cast<std::size_t>(v);
  return true;
}

bool ShapeMatches(std::size_t length, std::size_t rows, std::size_t cols) {
  std::size_t product = 0;
  // A wrapped product could equal a small length: 2^32 × 2^32 is 0 in 64 bits.
  return !__builtin_mul_overflow(rows, cols, &product) && product == length;
}

bool PartlyOverlaps(const void* a, const void* b, std::size_t bytes) {
  // Compared as integers: relational operators on pointers into different
  // objects are unspecified.
  const auto pa = reinterpret_cast<std::uintptr_t>(a);
  const auto pb = reinterpret_cast<std::uintptr_t>(b);
  if (pa == pb || bytes == 0) return false;
  return pa < pb ? pb - pa < bytes : pa - pb < bytes;
}

ArgVerdict CheckGemm(
    std::size_t a_len, std::size_t b_len, std::size_t c_len, std::size_t m, std::size_t k, std::size_t n) {
  if (!ShapeMatches(a_len, m, k)) return Fail(ArgFault::kLengthMismatch, "a must have the length its shape gives");
  if (!ShapeMatches(b_len, k, n)) return Fail(ArgFault::kLengthMismatch, "b must have the length its shape gives");
  if (!ShapeMatches(c_len, m, n)) return Fail(ArgFault::kLengthMismatch, "c must have the length its shape gives");
  return kArgOk;
}

namespace {

/// Every offset an integer with offset + extent <= length. The bound is
/// compared as an integer: length - extent as a double can round up.
bool OffsetsFit(const double* offsets, std::size_t count, std::size_t extent, std::size_t length) {
  if (extent > length) return count == 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t offset = 0;
    if (!ToSize(offsets[i], &offset) || offset > length - extent) return false;
  }
  return true;
}

}  // namespace

ArgVerdict CheckGemmBatch(std::size_t a_len,
                          std::size_t b_len,
                          std::size_t c_len,
                          std::size_t m,
                          std::size_t k,
                          std::size_t n,
                          const double* a_offsets,
                          const double* b_offsets,
                          std::size_t count) {
  std::size_t a_ext = 0, b_ext = 0, c_ext = 0, c_all = 0;
  if (__builtin_mul_overflow(m, k, &a_ext) || __builtin_mul_overflow(k, n, &b_ext) ||
      __builtin_mul_overflow(m, n, &c_ext) || __builtin_mul_overflow(c_ext, count, &c_all) || c_all != c_len) {
    return Fail(ArgFault::kLengthMismatch, "c must have count*m*n elements");
  }
  if (!OffsetsFit(a_offsets, count, a_ext, a_len)) return Fail(ArgFault::kOutOfRange, "a offsets must stay inside a");
  if (!OffsetsFit(b_offsets, count, b_ext, b_len)) return Fail(ArgFault::kOutOfRange, "b offsets must stay inside b");
  return kArgOk;
}

ArgVerdict CheckGemv(
    std::size_t a_len, std::size_t x_len, std::size_t y_len, std::size_t m, std::size_t n, bool trans) {
  if (!ShapeMatches(a_len, m, n)) return Fail(ArgFault::kLengthMismatch, "a must have the length its shape gives");
  if (x_len != (trans ? m : n)) return Fail(ArgFault::kLengthMismatch, "x must have the length its shape gives");
  if (y_len != (trans ? n : m)) return Fail(ArgFault::kLengthMismatch, "y must have the length its shape gives");
  return kArgOk;
}

ArgVerdict CheckTranspose(std::size_t a_len,
                          std::size_t out_len,
                          std::size_t rows,
                          std::size_t cols,
                          const void* a,
                          const void* out,
                          std::size_t elem_bytes) {
  if (!ShapeMatches(a_len, rows, cols))
    return Fail(ArgFault::kLengthMismatch, "a must have the length its shape gives");
  if (out_len != a_len) return Fail(ArgFault::kLengthMismatch, "out must have the length its shape gives");
  std::size_t bytes = 0;
  if (__builtin_mul_overflow(a_len, elem_bytes, &bytes) || PartlyOverlaps(a, out, bytes)) {
    return Fail(ArgFault::kOutOfRange, "out must be a itself or not overlap a");
  }
  return kArgOk;
}

ArgVerdict CheckOuter(std::size_t x_len, std::size_t y_len, std::size_t out_len) {
  if (!ShapeMatches(out_len, x_len, y_len)) {
    return Fail(ArgFault::kLengthMismatch, "out must have the length its shape gives");
  }
  return kArgOk;
}

ArgVerdict CheckHistogram(double mode,
                          std::size_t bins,
                          std::size_t a_len,
                          bool has_weights,
                          std::size_t weights_len,
                          bool edges_float64,
                          std::size_t edges_len) {
  if (!(mode == 0 || mode == 1 || mode == 2)) return Fail(ArgFault::kOutOfRange, "mode must be 0, 1 or 2");
  if (has_weights && weights_len != a_len) {
    return Fail(ArgFault::kLengthMismatch, "weights must have the length of a");
  }
  // bincount (mode 2) has no edges; the kernel bounds its values by `bins`.
  // Compared as edges_len - 1: bins + 1 wraps to 0 for bins = SIZE_MAX (the
  // fuzzer's first find; no TypedArray is that long, but the check must not
  // depend on its caller for that).
  if (mode != 2 && (!edges_float64 || bins == 0 || edges_len == 0 || edges_len - 1 != bins)) {
    return Fail(ArgFault::kLengthMismatch, "edges must be a Float64Array of bins + 1 values");
  }
  return kArgOk;
}

bool ScalarFits(double v, Dtype dtype) {
  if (IsFloat(dtype)) return true;
  return VisitDtype(dtype, [v](auto tag) {
    using T = decltype(tag);
    return IsIntegerIn(
        v, static_cast<double>(std::numeric_limits<T>::min()), static_cast<double>(std::numeric_limits<T>::max()));
  });
}

ArgVerdict CheckRandom(double kind,
                       std::size_t kind_count,
                       std::size_t length,
                       double start,
                       bool integers,
                       double low,
                       double range,
                       Dtype dtype) {
  if (!IsIntegerIn(kind, 0, static_cast<double>(kind_count) - 1)) {
    return Fail(ArgFault::kOutOfRange, "kind must be a registered random kernel id");
  }
  // Counter positions are exact doubles only up to 2^53. The length is
  // bounded first: above 2^53 its conversion to double could round down.
  constexpr std::size_t kMaxLength = std::size_t{1} << 53;
  if (length > kMaxLength || !IsIntegerIn(start, 0, kTwo53 - static_cast<double>(length))) {
    return Fail(ArgFault::kOutOfRange, "start must be an integer with start + out.length <= 2^53");
  }
  if (!integers) return kArgOk;
  // The kernel turns `low` into int64 and `range` into uint64, and every
  // value in [low, low + range) is stored as the dtype: all must fit.
  // Exact in doubles: both terms are at most 2^32 in magnitude.
  const bool fits =
      !IsFloat(dtype) && IsIntegerIn(range, 1, kTwo32) && ScalarFits(low, dtype) && ScalarFits(low + range - 1, dtype);
  if (!fits) {
    return Fail(ArgFault::kOutOfRange, "a and b must be an integer low and range that fit out's dtype");
  }
  return kArgOk;
}

bool ToKernelId(double id, std::size_t count, std::size_t* out) {
  if (!IsIntegerIn(id, 0, static_cast<double>(count) - 1)) return false;
  *out = static_cast<std::size_t>(id);
  return true;
}

ArgVerdict CheckGeometry(
    const double* words, std::size_t count, int operands, const std::size_t* lengths, Geometry* out) {
  constexpr ArgVerdict kBad = Fail(ArgFault::kOutOfRange, "geometry must describe views inside their arrays");
  if (count < 2 || operands < 1 || operands > kMaxStridedOperands) return kBad;
  if (!IsIntegerIn(words[0], 1, kMaxDims) || words[1] != operands) return kBad;
  const int ndim = static_cast<int>(words[0]);
  // A longer array is a reused buffer: the words past the layout are ignored.
  if (count < 2 + static_cast<std::size_t>(ndim) * (1 + operands) + operands) return kBad;
  Geometry g;
  g.ndim = ndim;
  g.operands = operands;
  std::size_t size = 1;
  for (int d = 0; d < ndim; ++d) {
    std::size_t extent = 0;
    if (!ToSize(words[2 + d], &extent) || __builtin_mul_overflow(size, extent, &size)) return kBad;
    g.shape[d] = static_cast<std::int64_t>(extent);
  }
  if (size > static_cast<std::size_t>(kTwo53)) return kBad;
  const double* view = words + 2 + ndim;
  for (int p = 0; p < operands; ++p, view += 1 + ndim) {
    // Doubles up to 2^53 hold every reach exactly; checking the sums as they
    // grow keeps them there.
    if (!IsIntegerIn(view[0], -kTwo53, kTwo53)) return kBad;
    double low = view[0];
    double high = view[0];
    for (int d = 0; d < ndim; ++d) {
      if (!IsIntegerIn(view[1 + d], -kTwo53, kTwo53)) return kBad;
      g.strides[p][d] = static_cast<std::int64_t>(view[1 + d]);
      const double reach = view[1 + d] * static_cast<double>(g.shape[d] - 1);
      if (g.shape[d] > 0) (reach < 0 ? low : high) += reach;
      if (low < -kTwo53 || high > kTwo53) return kBad;
    }
    g.offset[p] = static_cast<std::int64_t>(view[0]);
    if (size > 0 && (low < 0 || high >= static_cast<double>(lengths[p]))) return kBad;
  }
  *out = g;
  return kArgOk;
}

}  // namespace corepool
