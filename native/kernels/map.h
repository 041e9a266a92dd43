// The contract of elementwise ("map") kernels, numexpr-style: inputs are
// cast chunk by chunk into the kernel's compute type (never a full-size
// temporary), a loop runs on the chunk, and writes land directly in `out`.
// No N-API and no threads here.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dtype.h"
#include "strided.h"

namespace corepool {

/// Up to three inputs: arrays, or scalars broadcast over the output.
inline constexpr int kMaxMapInputs = 3;

/// A chunk loop: `in[k]` points at n values of the compute type, `out` at n
/// values of the output type.
using MapLoop = void (*)(const void* const* in, void* out, std::size_t n);

/// How a kernel runs for a given output dtype: the type its inputs are cast
/// to, and the loop. `loop` is null when the kernel has no such output.
struct MapPlan {
  Dtype compute = Dtype::kFloat64;
  MapLoop loop = nullptr;
};

struct MapKernel {
  const char* name;
  int arity;
  /// `first` is the dtype of the first array input (casts need it).
  MapPlan (*plan)(Dtype out, Dtype first);
};

/// One input of a call: an array (data, dtype) or a scalar.
struct MapInput {
  Operand array;  ///< used when !is_scalar
  bool is_scalar = false;
  double scalar = 0;  ///< already representable in the compute type
};

/// Everything a call needs, fixed on the JS thread before any block runs.
struct MapCall {
  const MapKernel* kernel = nullptr;
  MapPlan plan;
  int arity = 0;
  MapInput inputs[kMaxMapInputs];
  void* out = nullptr;
  Dtype out_dtype = Dtype::kFloat64;
  std::size_t length = 0;
};

/// Elements per elementwise block (the unit of parallel work).
inline constexpr std::size_t kMapBlock = 16384;

/// True when every value of `from` is exactly representable in `to`, the only
/// casts the engine performs on inputs.
[[nodiscard]] bool IsSafeCast(Dtype from, Dtype to);

/// Runs `call` over elements [begin, end). Pure compute; any thread.
void RunMapBlock(const MapCall& call, std::size_t begin, std::size_t end);

/// Runs `call` over elements [begin, end) in C order of `g`, whose operand 0
/// is `out` and operand 1 + k is input k (a scalar input's entry is unused).
/// Inputs are gathered a chunk at a time into L1 buffers when their last
/// axis is not unit-stride in the compute type, and results scattered when
/// out's is not. Pure compute; any thread.
void RunStridedMapRange(const MapCall& call, const Geometry& g, std::size_t begin, std::size_t end);

/// How a strided call is cut into parallel blocks. Usually runs of kMapBlock
/// elements in C order. When an operand walks the last axis with a long
/// stride (a transposed view), each element it reads sits on its own cache
/// line, so blocks are panels of `panel_rows` rows of the last two axes,
/// walked in tiles of `tile_cols` columns: the lines one row of a tile loads
/// serve the panel's next rows too.
struct StridedPlan {
  bool tiled = false;
  std::size_t blocks = 0;
  std::size_t panel_rows = 0;
  std::size_t tile_cols = 0;
};

[[nodiscard]] StridedPlan PlanStridedMap(const Geometry& g);

/// Runs block `index` of `plan`. Pure compute; any thread.
void RunStridedMapBlock(const MapCall& call, const Geometry& g, const StridedPlan& plan, std::size_t index);

/// Number of kernels in registry.def's map list, and lookup by wire id.
[[nodiscard]] std::size_t MapKernelCount();
[[nodiscard]] const MapKernel* FindMapKernel(std::size_t id);

#define COREPOOL_MAP(name, arity, stem) MapKernel Make_##name##_Map();
#include "registry_map.def"
#undef COREPOOL_MAP

}  // namespace corepool
