// Reductions over some axes of an n-dimensional view: one output per "line"
// (the elements over the reduced axes, in C order of those axes), each
// reduced exactly as the flat kernel reduces a contiguous array holding that
// line: the same kReduceBlock blocks, block function, TreeCombine order and
// finish. So results never depend on the thread count or on the layout.
// No N-API and no threads here; the binding splits items across the pool.
#pragma once

#include <cstddef>
#include <vector>

#include "reduce.h"
#include "strided.h"

namespace corepool {

struct ReduceAxisPlan {
  const ReduceKernel* kernel = nullptr;
  Operand a;            ///< the input TypedArray
  Geometry outer;       ///< kept axes; operand 0 is a's offset and strides
  Geometry inner;       ///< reduced axes; offset 0
  void* out = nullptr;  ///< C-contiguous result, `outputs` elements of out_dtype
  Dtype out_dtype = Dtype::kFloat64;
  std::size_t outputs = 0;
  std::size_t line = 0;             ///< elements per line
  std::size_t blocks_per_line = 0;  ///< kReduceBlock blocks of one line
  std::size_t panel = 1;            ///< adjacent outputs gathered together
  std::size_t panels = 0;
  std::size_t items_per_chunk = 1;  ///< items a work unit covers
  bool positional = false;          ///< argmin/argmax: the index is a position in the line
  bool in_place = false;            ///< a line is one unit-stride run: read it where it is
  bool columns = false;             ///< adjacent outputs are unit-stride columns: the kernel's ColumnsFn
};

/// Fills the derived fields of `plan` (kernel, a, outer, inner, out set).
void PlanReduceAxis(ReduceAxisPlan* plan);

/// Number of work units: chunks of (panel, block) items, fixed by the shape.
[[nodiscard]] std::size_t ReduceAxisChunks(const ReduceAxisPlan& plan);

/// Runs work unit `chunk`. With one block per line it writes finished
/// outputs; otherwise it stores block partials in `parts` (outputs x blocks).
void RunReduceAxisChunk(const ReduceAxisPlan& plan, std::size_t chunk, std::vector<Partial>& parts);

/// After every chunk: combines the stored partials (several blocks per
/// line) and writes the outputs, or writes the empty value for empty lines.
void FinishReduceAxis(const ReduceAxisPlan& plan, const std::vector<Partial>& parts);

/// Partials `parts` must hold: outputs x blocks_per_line when a line spans several blocks, else 0.
[[nodiscard]] std::size_t ReduceAxisPartCount(const ReduceAxisPlan& plan);

}  // namespace corepool
