// The array-expression VM: runs a validated program (src/expr/program.ts)
// of map kernels over registers of one chunk, numexpr-style, so an
// expression like 2*a + 3*b*c streams its inputs once with no full-size
// temporaries. Programs are built and checked by
// native/binding/expr_checks.h; nothing here re-validates. No N-API and no
// threads here.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dtype.h"
#include "map.h"
#include "reduce.h"
#include "strided.h"

namespace corepool {

inline constexpr int kExprVersion = 1;
inline constexpr int kExprMaxBindings = 32;
inline constexpr int kExprMaxRegisters = 32;
inline constexpr int kExprMaxInstructions = 256;
/// Elements per block (the unit of parallel work and of reduce partials).
inline constexpr std::size_t kExprBlock = 16384;
/// Elements per chunk: registers hold one chunk each, so they stay in L1/L2.
inline constexpr std::size_t kExprChunk = 1024;

enum class ExprMode : std::uint8_t { kStore = 0, kReduce = 1 };
enum class ExprOperandKind : std::uint8_t { kRegister = 0, kBinding = 1, kScalar = 2 };

// The structs below leave their fields uninitialised: a program is ~40 KB,
// and zeroing it on every call would cost more than a small expression.
// CheckExprProgram sets every field the VM reads (within the counts).

/// One array: its memory and how the iteration space walks it.
struct ExprBinding {
  void* data;  ///< written only for binding 0 in store mode
  std::size_t length;
  Dtype dtype;
  /// Element i (C order) sits at offset + i: read and written in place.
  bool flat;
  std::int64_t offset;
  std::int64_t strides[kMaxDims];
};

struct ExprOperand {
  ExprOperandKind kind;
  /// Register or binding index; for a scalar, its fill slot.
  int index;
};

struct ExprInstruction {
  const MapKernel* kernel;
  MapPlan plan;
  int arity;
  int dst;  ///< a register, or -1 for binding 0
  Dtype dst_dtype;
  ExprOperand operands[kMaxMapInputs];
};

/// A scalar broadcast into a chunk buffer of `dtype` once per block.
struct ExprScalar {
  double value;  ///< fits `dtype` (ScalarFits)
  Dtype dtype;
};

struct ExprProgram {
  ExprMode mode = ExprMode::kStore;
  const ReduceKernel* reduce = nullptr;  ///< reduce mode only
  int result = -1;                       ///< reduce mode: the register reduced
  int ndim = 1;
  std::int64_t shape[kMaxDims];
  std::size_t size = 0;  ///< elements in the iteration space
  int n_bindings = 0;
  int n_registers = 0;
  int n_instructions = 0;
  int n_scalars = 0;
  ExprBinding bindings[kExprMaxBindings];
  Dtype registers[kExprMaxRegisters];
  ExprInstruction instructions[kExprMaxInstructions];
  ExprScalar scalars[kExprMaxInstructions * kMaxMapInputs];
};

/// Number of blocks: ceil(size / kExprBlock).
[[nodiscard]] std::size_t ExprBlockCount(const ExprProgram& program);

/// Evaluates elements [block * kExprBlock, ...) of the iteration space. In
/// store mode writes binding 0; in reduce mode sets *partial to the reduce
/// kernel's block function over the block's result values. Uses per-thread
/// scratch (grown once, then reused). Pure compute; any thread.
void RunExprBlock(const ExprProgram& program, std::size_t block, Partial* partial);

}  // namespace corepool
