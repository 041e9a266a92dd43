// cumsum and cumprod blocks; the order is documented in scans.h.
#include "scans.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "simd.h"

namespace corepool {
namespace {

// Each segment's running chain is serial by definition. Running the eight
// chains of a block side by side (for instruction-level parallelism) was
// measured slower on 5e7 elements: sixteen memory streams per thread starve
// the prefetchers, while one chain (2 cycles an add) keeps up with memory.
template <bool kProd, typename T>
void LocalChains(const T* x, double* local, std::size_t n, double* totals) {
  for (std::size_t at = 0, s = 0; at < n; at += kScanSegment, ++s) {
    const std::size_t end = std::min(n, at + kScanSegment);
    double acc = kProd ? 1.0 : -0.0;
    for (std::size_t i = at; i < end; ++i) {
      const double v = static_cast<double>(x[i]);
      acc = kProd ? acc * v : acc + v;
      local[i] = acc;
    }
    totals[s] = acc;
  }
}

// Pass 2 over a segment that is still in cache: vectorised.
COREPOOL_CLONES void AddOffset(const double* local, double* out, std::size_t n, double offset) {
  for (std::size_t i = 0; i < n; ++i) out[i] = offset + local[i];
}
COREPOOL_CLONES void MulOffset(const double* local, double* out, std::size_t n, double offset) {
  for (std::size_t i = 0; i < n; ++i) out[i] = offset * local[i];
}
COREPOOL_CLONES void AddOffsetF32(const double* local, float* out, std::size_t n, double offset) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(offset + local[i]);
}
COREPOOL_CLONES void MulOffsetF32(const double* local, float* out, std::size_t n, double offset) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(offset * local[i]);
}

// -0 + v == v and 1 * v == v for every v, so an in-place pass 2 may be skipped.
bool IsIdentity(ScanOp op, double offset) {
  if (op == ScanOp::k_cumprod) return offset == 1.0;
  return offset == 0.0 && std::signbit(offset);
}

// One line (width 1): a scalar chain, no scratch traffic.
template <bool kProd, typename T, typename O>
void LineScan(const T* x, O* out, std::size_t n, std::size_t stride) {
  const double id = kProd ? 1.0 : -0.0;
  double acc = id;
  double offset = id;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && i % kScanSegment == 0) {
      offset = kProd ? offset * acc : offset + acc;
      acc = id;
    }
    acc = kProd ? acc * static_cast<double>(x[i * stride]) : acc + static_cast<double>(x[i * stride]);
    out[i * stride] = static_cast<O>(kProd ? offset * acc : offset + acc);
  }
}

template <bool kProd, typename T, typename O>
COREPOOL_CLONES void PanelRow(
    const T* x, O* out, std::size_t width, double* __restrict acc, const double* __restrict offset) {
  for (std::size_t j = 0; j < width; ++j) {
    const double v = static_cast<double>(x[j]);
    const double a = kProd ? acc[j] * v : acc[j] + v;
    acc[j] = a;
    out[j] = static_cast<O>(kProd ? offset[j] * a : offset[j] + a);
  }
}

template <bool kProd, typename T, typename O>
void Panel(const T* x, O* out, std::size_t n, std::size_t stride, std::size_t width, double* acc, double* offset) {
  if (width == 1) return LineScan<kProd>(x, out, n, stride);
  const double id = kProd ? 1.0 : -0.0;
  std::fill(acc, acc + width, id);
  std::fill(offset, offset + width, id);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && i % kScanSegment == 0) {
      for (std::size_t j = 0; j < width; ++j) {
        offset[j] = kProd ? offset[j] * acc[j] : offset[j] + acc[j];
        acc[j] = id;
      }
    }
    PanelRow<kProd>(x + i * stride, out + i * stride, width, acc, offset);
  }
}

template <typename O>
void PanelOut(const ScanCall& call,
              std::size_t base,
              O* out,
              std::size_t n,
              std::size_t stride,
              std::size_t width,
              double* acc,
              double* offset) {
  const bool prod = call.op == ScanOp::k_cumprod;
  VisitDtype(call.x.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* x = call.x.As<T>() + base;
    prod ? Panel<true>(x, out, n, stride, width, acc, offset) : Panel<false>(x, out, n, stride, width, acc, offset);
  });
}

}  // namespace

void ScanPanel(const ScanCall& call,
               std::size_t base,
               std::size_t n,
               std::size_t stride,
               std::size_t width,
               double* acc,
               double* offset) {
  if (call.out_dtype == Dtype::kFloat32) {
    PanelOut(call, base, static_cast<float*>(call.out) + base, n, stride, width, acc, offset);
  } else {
    PanelOut(call, base, static_cast<double*>(call.out) + base, n, stride, width, acc, offset);
  }
}

double ScanIdentity(ScanOp op) {
  return op == ScanOp::k_cumprod ? 1.0 : -0.0;
}

double ScanStep(ScanOp op, double offset, double total) {
  return op == ScanOp::k_cumprod ? offset * total : offset + total;
}

void ScanLocal(const ScanCall& call, std::size_t begin, std::size_t end, double* local, double* totals) {
  const bool prod = call.op == ScanOp::k_cumprod;
  VisitDtype(call.x.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* x = call.x.As<T>() + begin;
    if (prod) {
      LocalChains<true>(x, local, end - begin, totals);
    } else {
      LocalChains<false>(x, local, end - begin, totals);
    }
  });
}

void ScanApply(const ScanCall& call, std::size_t begin, std::size_t end, const double* local, const double* offsets) {
  const bool prod = call.op == ScanOp::k_cumprod;
  for (std::size_t at = 0, s = 0; at < end - begin; at += kScanSegment, ++s) {
    const std::size_t n = std::min(end - begin - at, kScanSegment);
    if (call.out_dtype == Dtype::kFloat32) {
      float* out = static_cast<float*>(call.out) + begin + at;
      prod ? MulOffsetF32(local + at, out, n, offsets[s]) : AddOffsetF32(local + at, out, n, offsets[s]);
      continue;
    }
    double* out = static_cast<double*>(call.out) + begin + at;
    if (out == local + at && IsIdentity(call.op, offsets[s])) continue;
    prod ? MulOffset(local + at, out, n, offsets[s]) : AddOffset(local + at, out, n, offsets[s]);
  }
}

}  // namespace corepool
