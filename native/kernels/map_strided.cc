// The elementwise engine over n-dimensional views: the same chunk loops as
// map_engine.cc, fed runs along the last axis. A unit-stride run of the
// compute type is read in place, like a flat call; any other run is
// gathered (casting on the way) into the chunk buffers, and a strided
// output is scattered from one. No whole-array copy is ever made.
#include "map.h"

namespace corepool {
namespace {

constexpr std::size_t kChunk = 1024;
constexpr std::size_t kLineBytes = 64;

template <typename To>
void Gather(const Operand& from, std::int64_t start, std::int64_t stride, std::size_t n, To* dst) {
  VisitDtype(from.dtype, [&](auto tag) {
    using From = decltype(tag);
    const From* src = from.As<From>() + start;
    for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<To>(src[static_cast<std::int64_t>(i) * stride]);
  });
}

void Scatter(Dtype dtype, const void* src, void* out, std::int64_t start, std::int64_t stride, std::size_t n) {
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* from = static_cast<const T*>(src);
    T* dst = static_cast<T*>(out) + start;
    for (std::size_t i = 0; i < n; ++i) dst[static_cast<std::int64_t>(i) * stride] = from[i];
  });
}

std::size_t SizeOf(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

}  // namespace

void RunStridedMapRange(const MapCall& call, const Geometry& g, std::size_t begin, std::size_t end) {
  VisitDtype(call.plan.compute, [&](auto tag) {
    using C = decltype(tag);
    alignas(kLineBytes) C buffers[kMaxMapInputs][kChunk];
    alignas(kLineBytes) double scratch[kChunk];  // the widest output dtype
    // A broadcast (stride 0) run repeats one value: its buffer is filled once
    // per run, not per chunk. It holds `filled[k]` copies of the element at
    // `filled_at[k]`.
    std::int64_t filled_at[kMaxMapInputs] = {-1, -1, -1};
    std::size_t filled[kMaxMapInputs] = {0, 0, 0};
    const std::size_t most = end - begin < kChunk ? end - begin : kChunk;
    for (int k = 0; k < call.arity; ++k) {
      const MapInput& input = call.inputs[k];
      if (input.is_scalar) {
        for (std::size_t i = 0; i < most; ++i) buffers[k][i] = static_cast<C>(input.scalar);
      }
    }
    const int last = g.ndim - 1;
    const std::size_t out_size = SizeOf(call.out_dtype);
    const std::int64_t out_stride = g.strides[0][last];
    ForEachSegment(g, begin, end, [&](const std::int64_t* pos, std::size_t n) {
      for (std::size_t done = 0; done < n;) {
        const std::size_t m = n - done < kChunk ? n - done : kChunk;
        const void* in[kMaxMapInputs] = {nullptr, nullptr, nullptr};
        for (int k = 0; k < call.arity; ++k) {
          const MapInput& input = call.inputs[k];
          const std::int64_t stride = g.strides[1 + k][last];
          const std::int64_t start = pos[1 + k] + static_cast<std::int64_t>(done) * stride;
          in[k] = buffers[k];
          if (input.is_scalar) continue;
          if (stride == 1 && input.array.dtype == call.plan.compute) {
            in[k] = input.array.As<C>() + start;
          } else if (stride == 0) {
            if (filled_at[k] != start || filled[k] < m) {
              C value;
              Gather<C>(input.array, start, 0, 1, &value);
              filled[k] = n < kChunk ? n : kChunk;
              for (std::size_t i = 0; i < filled[k]; ++i) buffers[k][i] = value;
              filled_at[k] = start;
            }
          } else {
            Gather<C>(input.array, start, stride, m, buffers[k]);
          }
        }
        const std::int64_t out_start = pos[0] + static_cast<std::int64_t>(done) * out_stride;
        if (out_stride == 1) {
          call.plan.loop(in, static_cast<char*>(call.out) + out_start * static_cast<std::int64_t>(out_size), m);
        } else {
          call.plan.loop(in, scratch, m);
          Scatter(call.out_dtype, scratch, call.out, out_start, out_stride, m);
        }
        done += m;
      }
    });
  });
}

namespace {

// A stride this long puts each element on its own 64-byte line, whatever the dtype.
constexpr std::int64_t kLongStride = 64;
constexpr std::size_t kPanelRows = 16;
constexpr std::size_t kTileCols = 128;

}  // namespace

StridedPlan PlanStridedMap(const Geometry& g) {
  StridedPlan plan;
  const std::size_t size = g.Size();
  const int last = g.ndim - 1;
  bool long_stride = false;
  for (int p = 0; p < g.operands && last >= 1; ++p) {
    const std::int64_t s = g.strides[p][last];
    if (s >= kLongStride || s <= -kLongStride) long_stride = true;
  }
  if (!long_stride || size == 0 || g.shape[last] < static_cast<std::int64_t>(kTileCols) || g.shape[last - 1] < 2) {
    plan.blocks = (size + kMapBlock - 1) / kMapBlock;
    return plan;
  }
  plan.tiled = true;
  plan.panel_rows = kPanelRows;
  plan.tile_cols = kTileCols;
  const auto rows = static_cast<std::size_t>(g.shape[last - 1]);
  const std::size_t panels = (rows + kPanelRows - 1) / kPanelRows;
  plan.blocks = size / (rows * static_cast<std::size_t>(g.shape[last])) * panels;
  return plan;
}

void RunStridedMapBlock(const MapCall& call, const Geometry& g, const StridedPlan& plan, std::size_t index) {
  const std::size_t size = g.Size();
  if (!plan.tiled) {
    const std::size_t begin = index * kMapBlock;
    RunStridedMapRange(call, g, begin, begin + kMapBlock < size ? begin + kMapBlock : size);
    return;
  }
  const int last = g.ndim - 1;
  const auto rows = static_cast<std::size_t>(g.shape[last - 1]);
  const auto cols = static_cast<std::size_t>(g.shape[last]);
  const std::size_t panels = (rows + plan.panel_rows - 1) / plan.panel_rows;
  const std::size_t outer = index / panels;
  const std::size_t first_row = index % panels * plan.panel_rows;
  const std::size_t end_row = first_row + plan.panel_rows < rows ? first_row + plan.panel_rows : rows;
  for (std::size_t col = 0; col < cols; col += plan.tile_cols) {
    const std::size_t width = cols - col < plan.tile_cols ? cols - col : plan.tile_cols;
    for (std::size_t row = first_row; row < end_row; ++row) {
      const std::size_t begin = (outer * rows + row) * cols + col;
      RunStridedMapRange(call, g, begin, begin + width);
    }
  }
}

}  // namespace corepool
