#include "expr_checks.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace corepool {
namespace {

constexpr ArgVerdict Fail(ArgFault fault, const char* message) {
  return ArgVerdict{fault, message};
}

constexpr ArgVerdict Bad(const char* message) {
  return Fail(ArgFault::kOutOfRange, message);
}

constexpr int kDtypeCount = 9;

bool ToInt(double v, int lo, int hi, int* out) {
  if (!IsIntegerIn(v, lo, hi)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ToDtype(double v, Dtype* out) {
  int code = 0;
  if (!ToInt(v, 0, kDtypeCount - 1, &code)) return false;
  *out = static_cast<Dtype>(code);
  return true;
}

/// The header: version, mode, reduction, counts and result register.
ArgVerdict CheckHeader(const double* w, std::size_t count, std::size_t n_arrays, ExprProgram* p) {
  if (count < kExprHeaderWords + 2) return Bad("program must hold a header and a geometry");
  if (w[0] != kExprVersion) return Bad("program must be format version 1");
  int mode = 0;
  if (!ToInt(w[1], 0, 1, &mode)) return Bad("program must have mode 0 (store) or 1 (reduce)");
  p->mode = static_cast<ExprMode>(mode);
  if (!ToInt(w[3], 1, kExprMaxBindings, &p->n_bindings)) return Bad("program must have 1 to 32 bindings");
  if (static_cast<std::size_t>(p->n_bindings) != n_arrays) {
    return Fail(ArgFault::kLengthMismatch, "program must have one binding per array");
  }
  if (!ToInt(w[4], 0, kExprMaxRegisters, &p->n_registers)) return Bad("program must have 0 to 32 registers");
  if (!ToInt(w[5], 1, kExprMaxInstructions, &p->n_instructions)) {
    return Bad("program must have 1 to 256 instructions");
  }
  if (p->mode == ExprMode::kStore) {
    if (w[2] != -1) return Bad("program must have reduction -1 in store mode");
    if (w[6] != -1) return Bad("program must have result register -1 in store mode");
    return kArgOk;
  }
  std::size_t id = 0;
  p->reduce = ToKernelId(w[2], ReduceKernelCount(), &id) ? FindReduceKernel(id) : nullptr;
  if (p->reduce == nullptr || p->reduce->arity != 1) return Bad("program must reduce with a registered reduction");
  const char* const allowed[] = {"sum", "mean", "prod", "min", "max"};
  bool named = false;
  for (const char* name : allowed) named = named || std::strcmp(name, p->reduce->name) == 0;
  if (!named) return Bad("program must reduce with sum, mean, prod, min or max");
  if (!ToInt(w[6], 0, p->n_registers - 1, &p->result)) return Bad("program must reduce a valid register");
  return kArgOk;
}

/// True when no two elements of the layout share a position: sorted by
/// |stride|, each axis must step past everything the smaller ones reach
/// (numpy's sufficient test for internal overlap). Writes need it.
bool NoSelfOverlap(const Geometry& g) {
  std::int64_t steps[kMaxDims];
  std::int64_t extents[kMaxDims];
  int axes = 0;
  for (int d = 0; d < g.ndim; ++d) {
    if (g.shape[d] <= 1) continue;
    steps[axes] = std::llabs(g.strides[0][d]);
    extents[axes++] = g.shape[d];
  }
  int order[kMaxDims];
  for (int a = 0; a < axes; ++a) order[a] = a;
  std::sort(order, order + axes, [&](int x, int y) { return steps[x] < steps[y]; });
  // In-bounds layouts keep reach below 2^53: no overflow.
  std::int64_t reach = 0;
  for (int a = 0; a < axes; ++a) {
    if (steps[order[a]] <= reach) return false;
    reach += steps[order[a]] * (extents[order[a]] - 1);
  }
  return true;
}

/// True when element i sits at offset + i (axes of extent 1 may stride anyhow).
bool IsFlat(const Geometry& g) {
  std::int64_t expected = 1;
  for (int d = g.ndim - 1; d >= 0; --d) {
    if (g.shape[d] != 1 && g.strides[0][d] != expected) return false;
    expected *= g.shape[d];
  }
  return true;
}

/// The geometry (ndim, B, shape, then offset and strides per binding), each
/// binding checked as CheckGeometry checks a one-operand layout. Sets *next
/// to the first word after it.
ArgVerdict CheckLayouts(
    const double* w, std::size_t count, const ExprArrayInfo* arrays, ExprProgram* p, std::size_t* next) {
  const double* g = w + kExprHeaderWords;
  const std::size_t avail = count - kExprHeaderWords;
  int ndim = 0;
  if (!ToInt(g[0], 1, kMaxDims, &ndim)) return Bad("program must have a geometry of 1 to 32 axes");
  if (g[1] != p->n_bindings) return Bad("program must have a geometry of one view per binding");
  const std::size_t per = 1 + static_cast<std::size_t>(ndim);
  const std::size_t words = 2 + static_cast<std::size_t>(ndim) + per * static_cast<std::size_t>(p->n_bindings);
  if (avail < words) return Bad("program must hold its whole geometry");
  double one[2 + kMaxDims + 1 + kMaxDims];
  one[0] = ndim;
  one[1] = 1;
  std::memcpy(one + 2, g + 2, sizeof(double) * static_cast<std::size_t>(ndim));
  for (int b = 0; b < p->n_bindings; ++b) {
    std::memcpy(one + 2 + ndim, g + 2 + ndim + per * static_cast<std::size_t>(b), sizeof(double) * per);
    ExprBinding& binding = p->bindings[b];
    binding.data = nullptr;
    binding.length = arrays[b].length;
    Geometry layout;
    if (!CheckGeometry(one, 2 + ndim + per, 1, &binding.length, &layout).ok()) {
      return Bad("program must have a geometry whose views lie inside their arrays");
    }
    binding.flat = IsFlat(layout);
    binding.offset = layout.offset[0];
    for (int d = 0; d < ndim; ++d) binding.strides[d] = layout.strides[0][d];
    if (b == 0) {
      p->ndim = ndim;
      for (int d = 0; d < ndim; ++d) p->shape[d] = layout.shape[d];
      p->size = layout.Size();
      const bool writes = p->mode == ExprMode::kStore && p->size > 0;
      if (writes && !NoSelfOverlap(layout)) {
        return Bad("program must not write binding 0 through a view that repeats elements");
      }
    }
  }
  *next = kExprHeaderWords + words;
  return kArgOk;
}

ArgVerdict CheckDtypes(const double* w, const ExprArrayInfo* arrays, ExprProgram* p) {
  for (int b = 0; b < p->n_bindings; ++b) {
    if (!ToDtype(w[b], &p->bindings[b].dtype) || p->bindings[b].dtype != arrays[b].dtype) {
      return Fail(ArgFault::kInvalidDtype, "program must give each binding its array's dtype code");
    }
  }
  for (int r = 0; r < p->n_registers; ++r) {
    if (!ToDtype(w[p->n_bindings + r], &p->registers[r])) return Bad("program must give registers valid dtype codes");
  }
  return kArgOk;
}

/// Interns a scalar already checked to fit `dtype` as a fill slot.
int ScalarSlot(ExprProgram* p, double value, Dtype dtype) {
  for (int s = 0; s < p->n_scalars; ++s) {
    const ExprScalar& have = p->scalars[s];
    if (have.dtype == dtype && std::memcmp(&have.value, &value, sizeof value) == 0) return s;
  }
  p->scalars[p->n_scalars] = ExprScalar{value, dtype};
  return p->n_scalars++;
}

Dtype OperandDtype(const ExprProgram& p, const ExprOperand& op) {
  return op.kind == ExprOperandKind::kRegister ? p.registers[op.index] : p.bindings[op.index].dtype;
}

/// The kernel id and destination (words 0 and 1) of instruction `at`.
ArgVerdict CheckTarget(const double* w, int at, ExprProgram* p) {
  ExprInstruction& ins = p->instructions[at];
  std::size_t id = 0;
  ins.kernel = ToKernelId(w[0], MapKernelCount(), &id) ? FindMapKernel(id) : nullptr;
  if (ins.kernel == nullptr) return Bad("program must use registered elementwise kernel ids");
  ins.arity = ins.kernel->arity;
  if (p->mode == ExprMode::kStore && at == p->n_instructions - 1) {
    if (w[1] != -1) return Bad("program must end in store mode with a write to binding 0 (-1)");
    ins.dst = -1;
    ins.dst_dtype = p->bindings[0].dtype;
    return kArgOk;
  }
  if (!ToInt(w[1], 0, p->n_registers - 1, &ins.dst)) return Bad("program must write valid registers");
  ins.dst_dtype = p->registers[ins.dst];
  return kArgOk;
}

/// The operand pairs in use: kinds, and registers (written earlier) or
/// bindings in range. Scalars are checked once the compute dtype is known.
ArgVerdict CheckOperands(const double* w, const bool* written, const ExprProgram& p, ExprInstruction* ins) {
  for (int k = 0; k < ins->arity; ++k) {
    int kind = 0;
    if (!ToInt(w[2 + 2 * k], 0, 2, &kind)) return Bad("program must use operand kinds 0, 1 or 2");
    ExprOperand& op = ins->operands[k];
    op.kind = static_cast<ExprOperandKind>(kind);
    const double v = w[3 + 2 * k];
    if (op.kind == ExprOperandKind::kRegister) {
      if (!ToInt(v, 0, p.n_registers - 1, &op.index) || !written[op.index]) {
        return Bad("program must read only registers an earlier instruction wrote");
      }
    } else if (op.kind == ExprOperandKind::kBinding) {
      if (!ToInt(v, 0, p.n_bindings - 1, &op.index)) return Bad("program must read valid bindings");
    }
  }
  return kArgOk;
}

/// The plan, exactly as a map call picks it, and every operand's cast into
/// its compute dtype.
ArgVerdict CheckPlan(const double* w, ExprProgram* p, ExprInstruction* ins) {
  Dtype first = ins->dst_dtype;
  for (int k = ins->arity - 1; k >= 0; --k) {
    if (ins->operands[k].kind != ExprOperandKind::kScalar) first = OperandDtype(*p, ins->operands[k]);
  }
  ins->plan = ins->kernel->plan(ins->dst_dtype, first);
  if (ins->plan.loop == nullptr) return Fail(ArgFault::kInvalidDtype, "program must use kernels for their dtypes");
  // where with a mask that does not cast into the destination computes in
  // float64 and converts the chosen value back: a value the destination
  // cannot hold (-2 into uint32) would be undefined, so its data operands
  // must fit the destination too.
  const bool passes_values = ins->plan.compute != ins->dst_dtype && std::strcmp(ins->kernel->name, "where") == 0;
  for (int k = 0; k < ins->arity; ++k) {
    ExprOperand& op = ins->operands[k];
    const bool data = passes_values && k > 0;
    if (op.kind == ExprOperandKind::kScalar) {
      const double v = w[3 + 2 * k];
      if (!ScalarFits(v, ins->plan.compute) || (data && !ScalarFits(v, ins->dst_dtype))) {
        return Bad("program must use scalars that fit the compute dtype");
      }
      op.index = ScalarSlot(p, v, ins->plan.compute);
      continue;
    }
    const Dtype dtype = OperandDtype(*p, op);
    if (!IsSafeCast(dtype, ins->plan.compute) || (data && !IsSafeCast(dtype, ins->dst_dtype))) {
      return Fail(ArgFault::kInvalidDtype, "program must cast operands exactly to the compute dtype");
    }
  }
  return kArgOk;
}

/// One instruction's 8 words; `written` marks registers set so far.
ArgVerdict CheckInstruction(const double* w, int at, bool* written, ExprProgram* p) {
  ExprInstruction& ins = p->instructions[at];
  ArgVerdict v = CheckTarget(w, at, p);
  if (v.ok()) v = CheckOperands(w, written, *p, &ins);
  if (v.ok()) v = CheckPlan(w, p, &ins);
  if (v.ok() && ins.dst >= 0) written[ins.dst] = true;
  return v;
}

}  // namespace

ArgVerdict CheckExprProgram(
    const double* words, std::size_t count, const ExprArrayInfo* arrays, std::size_t n_arrays, ExprProgram* out) {
  ExprProgram& p = *out;
  // Only the scalars below need a start value: every other field is set
  // before it is read (expr_vm.h leaves them uninitialised on purpose).
  p.reduce = nullptr;
  p.result = -1;
  p.size = 0;
  p.n_scalars = 0;
  ArgVerdict v = CheckHeader(words, count, n_arrays, &p);
  if (!v.ok()) return v;
  std::size_t at = 0;
  v = CheckLayouts(words, count, arrays, &p, &at);
  if (!v.ok()) return v;
  const std::size_t rest = static_cast<std::size_t>(p.n_bindings + p.n_registers) +
                           kExprInstructionWords * static_cast<std::size_t>(p.n_instructions);
  if (count - at != rest) return Bad("program must have exactly the words its counts give");
  v = CheckDtypes(words + at, arrays, &p);
  if (!v.ok()) return v;
  at += static_cast<std::size_t>(p.n_bindings + p.n_registers);
  bool written[kExprMaxRegisters] = {};
  for (int i = 0; i < p.n_instructions; ++i, at += kExprInstructionWords) {
    v = CheckInstruction(words + at, i, written, &p);
    if (!v.ok()) return v;
  }
  if (p.mode == ExprMode::kReduce) {
    if (!written[p.result]) return Bad("program must write the register it reduces");
    if (p.size == 0 && p.reduce->empty_is_error) {
      return Fail(ArgFault::kEmptyInput, "program must not reduce an empty shape with min or max");
    }
  }
  return kArgOk;
}

}  // namespace corepool
