// The argument checks that protect memory, without N-API: sizes, shapes,
// lengths, ids and numeric ranges, decided on plain numbers. The bindings
// read JS values, call these and throw the coded error they return; the
// libFuzzer target (test/fuzz/native/arg_checks_fuzz.cc) drives them
// directly, asserting that whatever they accept stays inside its buffers.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../kernels/dtype.h"
#include "../kernels/strided.h"

namespace corepool {

/// Why a check refused its arguments; the binding maps each to errors.h's code.
enum class ArgFault : std::uint8_t {
  kNone = 0,
  kOutOfRange,      // ERR_OUT_OF_RANGE
  kLengthMismatch,  // ERR_LENGTH_MISMATCH
  kInvalidDtype,    // ERR_INVALID_DTYPE
  kEmptyInput,      // ERR_EMPTY_INPUT
};

/// A check's verdict: kNone, or a fault and the message for the JS error.
struct ArgVerdict {
  ArgFault fault = ArgFault::kNone;
  const char* message = "";

  [[nodiscard]] bool ok() const { return fault == ArgFault::kNone; }
};

inline constexpr ArgVerdict kArgOk{};

/// `v` as a size: a non-negative integer up to 2^53 - 1. NaN and
/// fractions fail, since a double→size_t cast of those is undefined.
[[nodiscard]] bool ToSize(double v, std::size_t* out);

/// True when `v` is an integer in [lo, hi].
[[nodiscard]] bool IsIntegerIn(double v, double lo, double hi);

/// True when `length == rows * cols` exactly, with no overflow in the product.
[[nodiscard]] bool ShapeMatches(std::size_t length, std::size_t rows, std::size_t cols);

/// True when the byte ranges [a, a + bytes) and [b, b + bytes) overlap
/// without being the same range.
[[nodiscard]] bool PartlyOverlaps(const void* a, const void* b, std::size_t bytes);

/// gemm: a is m×k, b is k×n and c is m×n elements (transposes keep lengths).
[[nodiscard]] ArgVerdict CheckGemm(
    std::size_t a_len, std::size_t b_len, std::size_t c_len, std::size_t m, std::size_t k, std::size_t n);

/// gemm_batch: `count` items; item i reads m*k elements of a from
/// a_offsets[i] and k*n of b from b_offsets[i] (integers, in bounds) and
/// writes m*n of c from i*m*n; c has count*m*n elements.
[[nodiscard]] ArgVerdict CheckGemmBatch(std::size_t a_len,
                                        std::size_t b_len,
                                        std::size_t c_len,
                                        std::size_t m,
                                        std::size_t k,
                                        std::size_t n,
                                        const double* a_offsets,
                                        const double* b_offsets,
                                        std::size_t count);

/// gemv: a is m×n; x and y have n and m elements (swapped when `trans`).
[[nodiscard]] ArgVerdict CheckGemv(
    std::size_t a_len, std::size_t x_len, std::size_t y_len, std::size_t m, std::size_t n, bool trans);

/// transpose: a and out are rows×cols of `elem_bytes` each, and out is a
/// itself or apart from it (a partial overlap would read what it wrote).
[[nodiscard]] ArgVerdict CheckTranspose(std::size_t a_len,
                                        std::size_t out_len,
                                        std::size_t rows,
                                        std::size_t cols,
                                        const void* a,
                                        const void* out,
                                        std::size_t elem_bytes);

/// outer: out is x_len×y_len.
[[nodiscard]] ArgVerdict CheckOuter(std::size_t x_len, std::size_t y_len, std::size_t out_len);

/// histogram (mode 0 or 1) and bincount (mode 2): the mode, optional weights
/// of a's length, and for histogram bins + 1 float64 edges with bins >= 1.
/// `weights_len` and `edges_len` are ignored when absent.
[[nodiscard]] ArgVerdict CheckHistogram(double mode,
                                        std::size_t bins,
                                        std::size_t a_len,
                                        bool has_weights,
                                        std::size_t weights_len,
                                        bool edges_float64,
                                        std::size_t edges_len);

/// random: the kind id, the stream position (start + length <= 2^53) and,
/// for the integers kind, a low and range whose stores fit `dtype`.
[[nodiscard]] ArgVerdict CheckRandom(double kind,
                                     std::size_t kind_count,
                                     std::size_t length,
                                     double start,
                                     bool integers,
                                     double low,
                                     double range,
                                     Dtype dtype);

/// True when the scalar `v` converts to `dtype` without undefined behaviour
/// (an integer inside its range; any double for float dtypes).
[[nodiscard]] bool ScalarFits(double v, Dtype dtype);

/// A packed n-dimensional layout (src/nd/geometry.ts): words = [ndim,
/// operands, shape..., then per operand offset and ndim strides], possibly
/// followed by unused words. Accepts it
/// when it has `operands` operands, 1..kMaxDims axes of integer lengths whose
/// product fits, and every element each operand p addresses lies in
/// [0, lengths[p]). An empty layout addresses nothing, so any offset passes.
[[nodiscard]] ArgVerdict CheckGeometry(
    const double* words, std::size_t count, int operands, const std::size_t* lengths, Geometry* out);

/// A registered kernel id below `count`, as an index.
[[nodiscard]] bool ToKernelId(double id, std::size_t count, std::size_t* out);

}  // namespace corepool
