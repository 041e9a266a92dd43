// libFuzzer target for native/binding/arg_checks.h, the napi-free checks
// that stand between JS arguments and raw pointers. Built and run by
// scripts/fuzz_native.mjs (clang, -fsanitize=fuzzer,address,undefined).
//
// Invariants, each checked against an independent 128-bit model:
//   - every check accepts exactly the arguments its contract describes (so a
//     wrapped product or a rounded double can never slip through);
//   - whatever is accepted stays inside its buffers: for small accepted
//     shapes the target allocates buffers of exactly the given lengths and
//     touches every element the kernel would, so ASan sees any overrun;
//   - every double→integer conversion done after acceptance is defined
//     (UBSan's float-cast-overflow aborts otherwise);
//   - an expression program CheckExprProgram accepts runs on the VM over
//     buffers of exactly the declared lengths without touching anything else.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "binding/arg_checks.h"
#include "binding/expr_checks.h"
#include "kernels/expr_vm.h"
#include "pool/blocks.h"

namespace corepool {
namespace {

using u128 = unsigned __int128;

constexpr double kTwo53 = 9007199254740992.0;
// Buffers are only materialised below this many elements, to keep each
// execution in microseconds.
constexpr u128 kTouchMax = 1 << 14;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "arg_checks invariant broken: %s\n", what);
  std::abort();
}

void Expect(bool ok, const char* what) {
  if (!ok) Fail(what);
}

/// Sizes that hit the edges: small, near 2^32 and 2^53, and wild 64-bit.
std::size_t Size(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      return in.ConsumeIntegralInRange<std::size_t>(0, 70);
    case 1:
      return (std::size_t{1} << 32) + in.ConsumeIntegralInRange<int>(-2, 2);
    case 2:
      return (std::size_t{1} << in.ConsumeIntegralInRange<int>(0, 63)) + in.ConsumeIntegralInRange<int>(-1, 1);
    case 3:
      return in.ConsumeIntegralInRange<std::size_t>(0, 5000);
    default:
      return in.ConsumeIntegral<std::size_t>();
  }
}

/// Doubles as JS could pass them: integers, fractions, NaN, ±Inf, huge.
double Number(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      return static_cast<double>(in.ConsumeIntegralInRange<std::int64_t>(-300, 300));
    case 1:
      return static_cast<double>(Size(in));
    case 2:
      return kTwo53 + in.ConsumeIntegralInRange<int>(-3, 3);
    case 3: {
      const double special[] = {std::nan(""),
                                INFINITY,
                                -INFINITY,
                                -0.0,
                                0.5,
                                1e300,
                                -1e300,
                                4294967296.0,
                                2147483648.0,
                                -2147483649.0,
                                65535.5};
      return special[in.ConsumeIntegralInRange<std::size_t>(0, std::size(special) - 1)];
    }
    default:
      return in.ConsumeFloatingPoint<double>();
  }
}

Dtype AnyDtype(FuzzedDataProvider& in) {
  return static_cast<Dtype>(in.ConsumeIntegralInRange<int>(0, 8));
}

bool ModelShape(std::size_t length, std::size_t rows, std::size_t cols) {
  return u128{rows} * cols == length;
}

/// Reads and writes every element of a buffer of `len` elements. A check
/// that accepted too much shows up as an ASan heap-buffer-overflow here.
void TouchAll(std::size_t len, std::size_t last_index_used) {
  std::vector<float> buf(len);
  if (len > 0) buf[last_index_used] = 1.0f;
}

void FuzzSizes(FuzzedDataProvider& in) {
  const double v = Number(in);
  std::size_t size = 0;
  const bool model = v >= 0 && v < kTwo53 && v == std::trunc(v);
  Expect(ToSize(v, &size) == model, "ToSize accepts exactly the integers in [0, 2^53)");
  if (model) Expect(static_cast<double>(size) == v, "ToSize is exact");
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 300);
  std::size_t id = 0;
  if (ToKernelId(v, count, &id)) {
    Expect(id < count && static_cast<double>(id) == v, "ToKernelId stays below count");
  }
}

void FuzzGemm(FuzzedDataProvider& in) {
  const std::size_t m = Size(in), k = Size(in), n = Size(in);
  const bool honest = in.ConsumeBool();
  // Half the cases pass consistent lengths, so acceptance is reached often.
  const std::size_t a = honest ? m * k : Size(in), b = honest ? k * n : Size(in), c = honest ? m * n : Size(in);
  const bool model = ModelShape(a, m, k) && ModelShape(b, k, n) && ModelShape(c, m, n);
  const ArgVerdict v = CheckGemm(a, b, c, m, k, n);
  Expect(v.ok() == model, "CheckGemm accepts exactly a=m*k, b=k*n, c=m*n");
  if (v.ok() && u128{m} * k + u128{k} * n + u128{m} * n <= kTouchMax && m > 0 && k > 0 && n > 0) {
    TouchAll(a, (m - 1) * k + (k - 1));
    TouchAll(b, (k - 1) * n + (n - 1));
    TouchAll(c, (m - 1) * n + (n - 1));
  }
}

/// An offset for gemm_batch: in bounds, at the edge, past it, or not an integer.
double Offset(FuzzedDataProvider& in, std::size_t length, std::size_t extent) {
  const std::size_t room = extent <= length ? length - extent : 0;
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return static_cast<double>(in.ConsumeIntegralInRange<std::size_t>(0, room));
    case 1:
      return static_cast<double>(room) + in.ConsumeIntegralInRange<int>(-1, 2);
    case 2:
      return in.ConsumeFloatingPoint<double>();
    default:
      return static_cast<double>(Size(in));
  }
}

/// The model of an offset: an integer below 2^53 with offset + extent <= length.
bool ModelOffset(double v, std::size_t length, std::size_t extent) {
  if (!(v >= 0 && v <= kTwo53 - 1 && std::floor(v) == v)) return false;
  return u128{static_cast<std::uint64_t>(v)} + extent <= length;
}

void FuzzGemmBatch(FuzzedDataProvider& in) {
  const std::size_t m = Size(in), k = Size(in), n = Size(in);
  const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 4);
  const bool honest = in.ConsumeBool();
  const std::size_t a = honest ? m * k * (1 + count) : Size(in), b = honest ? k * n * 2 : Size(in);
  const std::size_t c = honest ? m * n * count : Size(in);
  std::vector<double> ao(count), bo(count);
  for (std::size_t i = 0; i < count; ++i) {
    ao[i] = Offset(in, a, m * k);
    bo[i] = Offset(in, b, k * n);
  }
  const u128 mk = u128{m} * k, kn = u128{k} * n, mn = u128{m} * n;
  const u128 limit = u128{1} << 64;
  bool model = mk < limit && kn < limit && mn < limit && mn * count == c;
  for (std::size_t i = 0; model && i < count; ++i) {
    model = ModelOffset(ao[i], a, m * k) && ModelOffset(bo[i], b, k * n);
  }
  const ArgVerdict v = CheckGemmBatch(a, b, c, m, k, n, ao.data(), bo.data(), count);
  Expect(v.ok() == model, "CheckGemmBatch accepts exactly c=count*m*n and in-bounds integer offsets");
  if (v.ok() && count > 0 && m > 0 && k > 0 && n > 0 && u128{a} + b + c <= kTouchMax) {
    for (std::size_t i = 0; i < count; ++i) {
      TouchAll(a, static_cast<std::size_t>(ao[i]) + m * k - 1);
      TouchAll(b, static_cast<std::size_t>(bo[i]) + k * n - 1);
    }
    TouchAll(c, count * m * n - 1);
  }
}

void FuzzGemv(FuzzedDataProvider& in) {
  const std::size_t m = Size(in), n = Size(in);
  const bool trans = in.ConsumeBool();
  const std::size_t a = in.ConsumeBool() ? m * n : Size(in);
  const std::size_t x = in.ConsumeBool() ? (trans ? m : n) : Size(in);
  const std::size_t y = in.ConsumeBool() ? (trans ? n : m) : Size(in);
  const bool model = ModelShape(a, m, n) && x == (trans ? m : n) && y == (trans ? n : m);
  const ArgVerdict v = CheckGemv(a, x, y, m, n, trans);
  Expect(v.ok() == model, "CheckGemv accepts exactly a=m*n and x, y by trans");
  if (v.ok() && u128{m} * n <= kTouchMax && m > 0 && n > 0) {
    TouchAll(a, m * n - 1);
    TouchAll(x, (trans ? m : n) - 1);
    TouchAll(y, (trans ? n : m) - 1);
  }
}

void FuzzTranspose(FuzzedDataProvider& in) {
  const std::size_t rows = Size(in), cols = Size(in);
  const std::size_t a_len = in.ConsumeBool() ? rows * cols : Size(in);
  const std::size_t out_len = in.ConsumeBool() ? a_len : Size(in);
  const std::size_t elem = in.ConsumeBool() ? 8 : 4;
  // Both operands live in one arena, at fuzzed byte offsets, as two views of
  // one ArrayBuffer would.
  const std::size_t a_off = in.ConsumeIntegralInRange<std::size_t>(0, 4096);
  const std::size_t out_off = in.ConsumeBool() ? a_off : in.ConsumeIntegralInRange<std::size_t>(0, 4096);
  static unsigned char arena[1];
  const auto base = reinterpret_cast<std::uintptr_t>(arena);
  const void* pa = reinterpret_cast<const void*>(base + a_off);
  const void* po = reinterpret_cast<const void*>(base + out_off);
  const ArgVerdict v = CheckTranspose(a_len, out_len, rows, cols, pa, po, elem);
  const u128 bytes = u128{a_len} * elem;
  const u128 gap = a_off > out_off ? a_off - out_off : out_off - a_off;
  const bool apart = a_off == out_off || bytes == 0 || gap >= bytes;
  const bool model = ModelShape(a_len, rows, cols) && out_len == a_len && bytes <= SIZE_MAX && apart;
  Expect(v.ok() == model, "CheckTranspose accepts exactly equal shapes that are the same or apart");
  if (v.ok() && a_len <= kTouchMax && a_off != out_off && a_len > 0) {
    // Materialise the arena and copy as the kernel does: no byte of the
    // write may land in the read range.
    const std::size_t size = std::max(a_off, out_off) + a_len * elem;
    std::vector<unsigned char> real(size);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        const std::size_t from = a_off + (r * cols + c) * elem, to = out_off + (c * rows + r) * elem;
        Expect(to + elem <= a_off || to >= a_off + a_len * elem, "transpose writes outside what it reads");
        std::memcpy(&real[to], &real[from], elem);
      }
    }
  }
}

void FuzzOuter(FuzzedDataProvider& in) {
  const std::size_t x = Size(in), y = Size(in);
  const std::size_t out = in.ConsumeBool() ? x * y : Size(in);
  Expect(CheckOuter(x, y, out).ok() == ModelShape(out, x, y), "CheckOuter accepts exactly out=x*y");
}

void FuzzHistogram(FuzzedDataProvider& in) {
  const double mode = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(-1, 3) : Number(in);
  const std::size_t bins = Size(in), a = Size(in);
  const bool has_weights = in.ConsumeBool();
  const std::size_t weights = in.ConsumeBool() ? a : Size(in);
  const bool f64 = in.ConsumeBool();
  const std::size_t edges = in.ConsumeBool() ? bins + 1 : Size(in);
  const ArgVerdict v = CheckHistogram(mode, bins, a, has_weights, weights, f64, edges);
  const bool mode_ok = mode == 0 || mode == 1 || mode == 2;
  const bool model =
      mode_ok && (!has_weights || weights == a) && (mode == 2 || (f64 && bins > 0 && u128{edges} == u128{bins} + 1));
  Expect(v.ok() == model, "CheckHistogram accepts exactly its contract");
  if (v.ok() && mode != 2 && edges <= kTouchMax) {
    // The kernel reads edges[0 .. bins] and writes counts[0 .. bins).
    std::vector<double> e(edges);
    std::vector<double> counts(bins);
    counts[bins - 1] = e[bins];
  }
}

void FuzzScalar(FuzzedDataProvider& in) {
  const double v = Number(in);
  const Dtype dtype = AnyDtype(in);
  if (!ScalarFits(v, dtype)) return;
  // The conversion the map kernels then do; UBSan aborts if it is undefined.
  VisitDtype(dtype, [v, dtype](auto tag) {
    using T = decltype(tag);
    const T converted = static_cast<T>(v);
    if (!IsFloat(dtype)) Expect(static_cast<double>(converted) == v, "ScalarFits scalars convert exactly");
  });
}

void FuzzRandom(FuzzedDataProvider& in) {
  const double kind = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(-1, 4) : Number(in);
  const std::size_t count = 3;
  const std::size_t length = Size(in);
  const double start =
      in.ConsumeBool() ? kTwo53 - static_cast<double>(length) + in.ConsumeIntegralInRange<int>(-1, 1) : Number(in);
  const bool integers = in.ConsumeBool();
  const double low = Number(in), range = Number(in);
  const Dtype dtype = AnyDtype(in);
  const ArgVerdict v = CheckRandom(kind, count, length, start, integers, low, range, dtype);
  if (!v.ok()) return;
  std::size_t id = 0;
  Expect(ToKernelId(kind, count, &id), "CheckRandom kinds are kernel ids");
  Expect(start >= 0 && start == std::trunc(start), "CheckRandom starts are integers");
  const auto first = static_cast<std::uint64_t>(start);
  Expect(u128{first} + length <= (u128{1} << 53), "CheckRandom keeps start + length within 2^53");
  if (!integers) return;
  Expect(!IsFloat(dtype), "CheckRandom integers have an integer dtype");
  // The conversions the integer kernel does; each must be defined and fit.
  const auto lo = static_cast<std::int64_t>(low);
  const auto span = static_cast<std::uint64_t>(range);
  Expect(span >= 1 && span <= (std::uint64_t{1} << 32), "CheckRandom ranges are 1 .. 2^32");
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    const __int128 top = static_cast<__int128>(lo) + span - 1;
    Expect(lo >= std::numeric_limits<T>::min() && top <= std::numeric_limits<T>::max(),
           "CheckRandom integers fit the dtype");
  });
}

/// A layout word: mostly small integers (strides may be negative or 0), at
/// times anything Number() gives.
double LayoutWord(FuzzedDataProvider& in) {
  return in.ConsumeIntegralInRange<int>(0, 3) == 0 ? Number(in)
                                                   : static_cast<double>(in.ConsumeIntegralInRange<int>(-40, 40));
}

void FuzzGeometry(FuzzedDataProvider& in) {
  const int operands = in.ConsumeIntegralInRange<int>(1, kMaxStridedOperands);
  const int ndim = in.ConsumeIntegralInRange<int>(0, 5);
  std::vector<double> words;
  words.push_back(in.ConsumeIntegralInRange<int>(0, 9) == 0 ? Number(in) : ndim);
  words.push_back(in.ConsumeIntegralInRange<int>(0, 9) == 0 ? Number(in) : operands);
  for (int d = 0; d < ndim; ++d) {
    words.push_back(in.ConsumeBool() ? static_cast<double>(in.ConsumeIntegralInRange<int>(0, 6)) : LayoutWord(in));
  }
  for (int p = 0; p < operands; ++p) {
    for (int w = 0; w <= ndim; ++w) words.push_back(LayoutWord(in));
  }
  const std::size_t extra = in.ConsumeIntegralInRange<std::size_t>(0, 2);
  for (std::size_t i = 0; i < extra; ++i) words.push_back(LayoutWord(in));
  const std::size_t dropped = in.ConsumeIntegralInRange<std::size_t>(0, 1);
  const std::size_t count = words.size() > dropped ? words.size() - dropped : 0;
  std::size_t lengths[kMaxStridedOperands] = {};
  for (int p = 0; p < operands; ++p) lengths[p] = in.ConsumeIntegralInRange<std::size_t>(0, 400);
  Geometry g;
  if (!CheckGeometry(words.data(), count, operands, lengths, &g).ok()) return;
  Expect(g.ndim >= 1 && g.ndim <= kMaxDims && g.operands == operands,
         "CheckGeometry keeps its axis and operand counts");
  const std::size_t size = g.Size();
  if (size > kTouchMax) return;
  // Walk every element in odd-sized pieces, as blocks do, and read it from
  // a buffer of exactly the operand's length: ASan sees any overrun.
  std::vector<std::vector<float>> buffers;
  for (int p = 0; p < operands; ++p) buffers.emplace_back(lengths[p]);
  float sink = 0;
  for (std::size_t begin = 0; begin < size; begin += 7) {
    const std::size_t end = begin + 7 < size ? begin + 7 : size;
    ForEachSegment(g, begin, end, [&](const std::int64_t* pos, std::size_t n) {
      for (int p = 0; p < operands; ++p) {
        for (std::size_t i = 0; i < n; ++i) {
          const std::int64_t at = pos[p] + static_cast<std::int64_t>(i) * g.strides[p][g.ndim - 1];
          Expect(at >= 0 && static_cast<std::size_t>(at) < lengths[p], "an accepted geometry stays inside its arrays");
          sink += buffers[static_cast<std::size_t>(p)][static_cast<std::size_t>(at)];
        }
      }
    });
  }
  Expect(sink == 0, "buffers start zeroed");
}

/// An expression program word: the structured value `v`, or (one time in
/// 16) anything Number() gives.
double ExprWord(FuzzedDataProvider& in, double v) {
  return in.ConsumeIntegralInRange<int>(0, 15) == 0 ? Number(in) : v;
}

/// Fills a binding with small values (and NaN in floats): kernels must be
/// defined on any data, and the target is about where the VM reads.
void FillPattern(Dtype dtype, void* data, std::size_t length) {
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(data);
    for (std::size_t i = 0; i < length; ++i) {
      const double v = IsFloat(dtype) && i % 11 == 5 ? std::nan("") : static_cast<double>(i % 7) - 3;
      p[i] = IsFloat(dtype) ? static_cast<T>(v) : static_cast<T>(static_cast<std::int64_t>(v));
    }
  });
}

/// Runs an accepted program over buffers of exactly the declared lengths,
/// so ASan sees any access outside them.
void RunExpr(ExprProgram* p, const std::vector<ExprArrayInfo>& arrays) {
  std::vector<std::unique_ptr<unsigned char[]>> buffers;
  for (int b = 0; b < p->n_bindings; ++b) {
    const ExprArrayInfo& a = arrays[static_cast<std::size_t>(b)];
    const std::size_t bytes = a.length * VisitDtype(a.dtype, [](auto tag) { return sizeof(tag); });
    buffers.emplace_back(bytes == 0 ? nullptr : new unsigned char[bytes]);
    FillPattern(a.dtype, buffers.back().get(), a.length);
    p->bindings[b].data = buffers.back().get();
  }
  std::vector<Partial> parts(ExprBlockCount(*p));
  for (std::size_t i = 0; i < parts.size(); ++i) RunExprBlock(*p, i, &parts[i]);
  if (p->mode == ExprMode::kReduce && !parts.empty()) {
    const Operand whole{nullptr, p->size, p->registers[p->result]};
    (void)p->reduce->finish(TreeCombine(parts, 0, parts.size(), p->reduce->combine), &whole);
  }
}

/// Program words (src/expr/program.ts) built field by field, mostly well
/// formed, each word at times replaced by an odd number, over fake arrays.
void FuzzExpr(FuzzedDataProvider& in) {
  const int bindings = in.ConsumeIntegralInRange<int>(1, 4);
  const int registers = in.ConsumeIntegralInRange<int>(0, 4);
  const int count = in.ConsumeIntegralInRange<int>(1, 6);
  const int ndim = in.ConsumeIntegralInRange<int>(1, 3);
  const bool reduce = in.ConsumeBool();
  std::vector<ExprArrayInfo> arrays(static_cast<std::size_t>(bindings));
  for (ExprArrayInfo& a : arrays) {
    a.dtype = AnyDtype(in);
    a.length = in.ConsumeIntegralInRange<std::size_t>(0, 64);
  }
  const int top = registers > 0 ? registers - 1 : 0;
  std::vector<double> w;
  const auto push = [&](double v) { w.push_back(ExprWord(in, v)); };
  push(1);
  push(reduce ? 1 : 0);
  push(reduce ? in.ConsumeIntegralInRange<int>(0, 9) : -1);
  push(bindings);
  push(registers);
  push(count);
  push(reduce ? in.ConsumeIntegralInRange<int>(0, top) : -1);
  push(ndim);
  push(bindings);
  for (int d = 0; d < ndim; ++d) push(in.ConsumeIntegralInRange<int>(0, 6));
  for (int b = 0; b < bindings; ++b) {
    push(in.ConsumeIntegralInRange<int>(0, 40));
    for (int d = 0; d < ndim; ++d) push(in.ConsumeIntegralInRange<int>(-8, 8));
  }
  for (const ExprArrayInfo& a : arrays) push(static_cast<double>(in.ConsumeBool() ? a.dtype : AnyDtype(in)));
  for (int r = 0; r < registers; ++r) push(static_cast<double>(AnyDtype(in)));
  for (int i = 0; i < count; ++i) {
    push(in.ConsumeIntegralInRange<int>(0, static_cast<int>(MapKernelCount()) - 1));
    push(!reduce && i == count - 1 ? -1 : in.ConsumeIntegralInRange<int>(0, top));
    for (int k = 0; k < 3; ++k) {
      const int kind = in.ConsumeIntegralInRange<int>(0, 2);
      push(kind);
      push(kind == 0   ? in.ConsumeIntegralInRange<int>(0, top)
           : kind == 1 ? in.ConsumeIntegralInRange<int>(0, bindings - 1)
                       : in.ConsumeIntegralInRange<int>(-3, 3));
    }
  }
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) w.push_back(0);
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) w.pop_back();
  auto program = std::make_unique<ExprProgram>();
  if (!CheckExprProgram(w.data(), w.size(), arrays.data(), arrays.size(), program.get()).ok()) return;
  Expect(program->n_bindings == bindings, "CheckExprProgram binds one array per binding");
  for (int b = 0; b < bindings; ++b) {
    Expect(program->bindings[b].dtype == arrays[static_cast<std::size_t>(b)].dtype,
           "CheckExprProgram keeps each array's own dtype");
  }
  if (program->size > kTouchMax) return;
  RunExpr(program.get(), arrays);
}

}  // namespace
}  // namespace corepool

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corepool;  // NOLINT: one entry point dispatching to this file's helpers
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 10)) {
    case 0:
      FuzzSizes(in);
      break;
    case 8:
      FuzzGemmBatch(in);
      break;
    case 1:
      FuzzGemm(in);
      break;
    case 2:
      FuzzGemv(in);
      break;
    case 3:
      FuzzTranspose(in);
      break;
    case 4:
      FuzzOuter(in);
      break;
    case 5:
      FuzzHistogram(in);
      break;
    case 6:
      FuzzScalar(in);
      break;
    case 7:
      FuzzGeometry(in);
      break;
    case 10:
      FuzzExpr(in);
      break;
    default:
      FuzzRandom(in);
      break;
  }
  return 0;
}
