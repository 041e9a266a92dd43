// The reduce-over-axes engine (see reduce_axis.h). Work is split by output:
// an item is a panel of adjacent outputs times one block of their lines.
// A unit-stride line is handed to the block function in place, as a flat
// call would; any other line is gathered a block at a time into a per-thread
// buffer. Gathering a panel of adjacent outputs together reads whole cache
// lines when the reduced axis is strided (a column sum), instead of reading
// each line once per output.
#include "reduce_axis.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "../pool/blocks.h"

namespace corepool {
namespace {

/// Bytes of one gathered tile (a panel's block pieces): well inside L2.
constexpr std::size_t kTileBytes = 2048 * 1024;
constexpr std::size_t kMaxPanel = 64;
constexpr std::size_t kLineBytes = 64;
/// Elements one work unit covers, so tiny lines do not make tiny tasks.
constexpr std::size_t kChunkElements = 65536;

std::size_t SizeOf(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

std::int64_t OuterPosition(const Geometry& g, std::size_t index) {
  std::int64_t pos = g.offset[0];
  for (int d = g.ndim - 1; d >= 0; --d) {
    const auto extent = static_cast<std::size_t>(g.shape[d]);
    pos += static_cast<std::int64_t>(index % extent) * g.strides[0][d];
    index /= extent;
  }
  return pos;
}

// A finish value into the result dtype. The JS side picks dtypes that hold
// every value; out-of-range or NaN values become 0 rather than an undefined cast.
void Store(void* out, Dtype dtype, std::size_t i, double v) {
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      static_cast<T*>(out)[i] = static_cast<T>(v);
    } else {
      const bool fits = v >= static_cast<double>(std::numeric_limits<T>::min()) &&
                        v <= static_cast<double>(std::numeric_limits<T>::max());
      static_cast<T*>(out)[i] = fits ? static_cast<T>(v) : T{0};
    }
  });
}

// Prefetching a few rows ahead hides the latency of a strided walk, which
// the hardware prefetchers (they follow runs within a page) do not cover.
constexpr std::int64_t kPrefetchRows = 8;

template <typename T>
void GatherTile(
    const ReduceAxisPlan& plan, std::int64_t start, std::size_t count, BlockRange r, T* buf, std::size_t width) {
  const T* x = plan.a.As<T>();
  const std::int64_t sk = plan.outer.strides[0][plan.outer.ndim - 1];
  const std::int64_t st = plan.inner.strides[0][plan.inner.ndim - 1];
  const std::size_t row_bytes = count * sizeof(T);
  std::size_t k = 0;
  ForEachSegment(plan.inner, r.begin, r.end, [&](const std::int64_t* pos, std::size_t m) {
    const T* src = x + start + pos[0];
    if (sk == 1) {
      for (std::size_t i = 0; i < m; ++i, ++k) {
        const T* row = src + static_cast<std::int64_t>(i) * st;
        // A hint only: it never faults, even past the end of the array.
        const char* ahead = reinterpret_cast<const char*>(row + kPrefetchRows * st);
        for (std::size_t b = 0; b < row_bytes; b += kLineBytes) __builtin_prefetch(ahead + b);
        T* to = buf + k;
        for (std::size_t p = 0; p < count; ++p) to[p * width] = row[p];
      }
      return;
    }
    for (std::size_t i = 0; i < m; ++i, ++k) {
      const T* row = src + static_cast<std::int64_t>(i) * st;
      for (std::size_t p = 0; p < count; ++p) buf[p * width + k] = row[static_cast<std::int64_t>(p) * sk];
    }
  });
}

void RunItem(const ReduceAxisPlan& plan, std::size_t item, std::vector<Partial>& parts, std::vector<double>& buffer) {
  const std::size_t bpl = plan.blocks_per_line;
  const std::size_t q = item / bpl;
  const std::size_t b = item % bpl;
  const auto extent = static_cast<std::size_t>(plan.outer.shape[plan.outer.ndim - 1]);
  const std::size_t per_row = (extent + plan.panel - 1) / plan.panel;
  const std::size_t c0 = (q % per_row) * plan.panel;
  const std::size_t count = extent - c0 < plan.panel ? extent - c0 : plan.panel;
  const std::size_t first = (q / per_row) * extent + c0;
  const std::int64_t start = OuterPosition(plan.outer, first);
  const std::int64_t sk = plan.outer.strides[0][plan.outer.ndim - 1];
  const std::size_t size = SizeOf(plan.a.dtype);
  const BlockRange r = BlockAt(plan.line, kReduceBlock, b);
  const std::size_t width = plan.line < kReduceBlock ? plan.line : kReduceBlock;
  // Per thread, on the heap: a panel's partials are too large for a worker_thread's stack.
  thread_local std::vector<Partial> partials(kMaxPanel > kMaxColumns ? kMaxPanel : kMaxColumns);
  Partial* const results = partials.data();
  if (plan.columns) {
    const std::int64_t st = plan.inner.strides[0][0];
    plan.kernel->columns(plan.a, start + static_cast<std::int64_t>(r.begin) * st, st, r.end - r.begin, count, results);
    if (plan.positional) {
      for (std::size_t p = 0; p < count; ++p) results[p].index += static_cast<std::int64_t>(r.begin);
    }
  } else if (plan.in_place) {
    for (std::size_t p = 0; p < count; ++p) {
      const std::int64_t at = start + static_cast<std::int64_t>(p) * sk;
      const Operand op{
          static_cast<const char*>(plan.a.data) + at * static_cast<std::int64_t>(size), plan.line, plan.a.dtype};
      results[p] = plan.kernel->block(&op, r.begin, r.end);
    }
  } else {
    buffer.resize((count * width * size + sizeof(double) - 1) / sizeof(double));
    VisitDtype(plan.a.dtype, [&](auto tag) {
      using T = decltype(tag);
      GatherTile<T>(plan, start, count, r, reinterpret_cast<T*>(buffer.data()), width);
    });
    for (std::size_t p = 0; p < count; ++p) {
      const Operand op{reinterpret_cast<const char*>(buffer.data()) + p * width * size, width, plan.a.dtype};
      results[p] = plan.kernel->block(&op, 0, r.end - r.begin);
      // The block saw positions from 0; the line's positions start at r.begin.
      if (plan.positional) results[p].index += static_cast<std::int64_t>(r.begin);
    }
  }
  const Operand line_op{nullptr, plan.line, plan.a.dtype};
  for (std::size_t p = 0; p < count; ++p) {
    if (bpl == 1) {
      Store(plan.out, plan.out_dtype, first + p, plan.kernel->finish(results[p], &line_op));
    } else {
      parts[(first + p) * bpl + b] = results[p];
    }
  }
}

}  // namespace

void PlanReduceAxis(ReduceAxisPlan* plan) {
  plan->outputs = plan->outer.Size();
  plan->line = plan->inner.Size();
  plan->blocks_per_line = BlockCount(plan->line, kReduceBlock);
  plan->positional = std::strcmp(plan->kernel->name, "argmin") == 0 || std::strcmp(plan->kernel->name, "argmax") == 0;
  plan->in_place = plan->inner.ndim == 1 && plan->inner.strides[0][0] == 1;
  const std::size_t size = SizeOf(plan->a.dtype);
  const std::int64_t sk = plan->outer.strides[0][plan->outer.ndim - 1];
  const auto extent = static_cast<std::size_t>(plan->outer.shape[plan->outer.ndim - 1]);
  const std::size_t width = plan->line < kReduceBlock ? plan->line : kReduceBlock;
  plan->panel = 1;
  // A column reduction (a strided reduced axis, adjacent outputs one element
  // apart) streams whole rows through the kernel's ColumnsFn when it has one.
  plan->columns = plan->kernel->columns != nullptr && !plan->in_place && plan->inner.ndim == 1 && sk == 1 && width > 0;
  if (plan->columns) plan->panel = extent < kMaxColumns ? extent : kMaxColumns;
  const auto step_bytes = static_cast<std::size_t>(sk < 0 ? -sk : sk) * size;
  if (!plan->columns && !plan->in_place && width > 0 && step_bytes < kLineBytes) {
    std::size_t panel = kTileBytes / (width * size);
    if (panel > kMaxPanel) panel = kMaxPanel;
    if (panel > extent) panel = extent;
    plan->panel = panel < 1 ? 1 : panel;
  }
  plan->panels = plan->outputs == 0 ? 0 : (plan->outputs / extent) * ((extent + plan->panel - 1) / plan->panel);
  const std::size_t item_elements = plan->panel * (width > 0 ? width : 1);
  plan->items_per_chunk = item_elements >= kChunkElements ? 1 : kChunkElements / item_elements;
}

std::size_t ReduceAxisChunks(const ReduceAxisPlan& plan) {
  return BlockCount(plan.panels * plan.blocks_per_line, plan.items_per_chunk);
}

std::size_t ReduceAxisPartCount(const ReduceAxisPlan& plan) {
  return plan.blocks_per_line > 1 ? plan.outputs * plan.blocks_per_line : 0;
}

void RunReduceAxisChunk(const ReduceAxisPlan& plan, std::size_t chunk, std::vector<Partial>& parts) {
  thread_local std::vector<double> buffer;
  const BlockRange r = BlockAt(plan.panels * plan.blocks_per_line, plan.items_per_chunk, chunk);
  for (std::size_t item = r.begin; item < r.end; ++item) RunItem(plan, item, parts, buffer);
}

void FinishReduceAxis(const ReduceAxisPlan& plan, const std::vector<Partial>& parts) {
  const std::size_t bpl = plan.blocks_per_line;
  if (bpl == 1) return;
  const Operand line_op{nullptr, plan.line, plan.a.dtype};
  for (std::size_t o = 0; o < plan.outputs; ++o) {
    const double v =
        bpl == 0 ? plan.kernel->empty_value
                 : plan.kernel->finish(TreeCombine(parts, o * bpl, (o + 1) * bpl, plan.kernel->combine), &line_op);
    Store(plan.out, plan.out_dtype, o, v);
  }
}

}  // namespace corepool
