#include "reduce_binding.h"

#include <atomic>
#include <limits>
#include <string>
#include <vector>

#include "../kernels/reduce.h"
#include "../kernels/reduce_axis.h"
#include "../pool/blocks.h"
#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
#include "arg_checks.h"
#include "cancel_flag.h"
#include "errors.h"
#include "operand.h"

namespace corepool {
namespace {

struct ReduceArgs {
  const ReduceKernel* kernel = nullptr;
  Operand ops[2];
};

ReduceArgs ParseReduceArgs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ReduceArgs args;
  if (!info[0].IsNumber()) throw CodedTypeError(env, kErrInvalidArgType, "kernel must be a number");
  // ToKernelId bounds the id first: casting 1e300 to size_t is undefined.
  std::size_t index = 0;
  args.kernel = ToKernelId(info[0].As<Napi::Number>().DoubleValue(), ReduceKernelCount(), &index)
                    ? FindReduceKernel(index)
                    : nullptr;
  if (args.kernel == nullptr) throw CodedRangeError(env, kErrOutOfRange, "kernel must be a registered reduction id");
  args.ops[0] = ReadOperand(env, info[1], "a");
  if (args.kernel->arity == 2) {
    args.ops[1] = ReadOperand(env, info[2], "b");
    if (args.ops[1].dtype != args.ops[0].dtype) {
      throw CodedTypeError(env, kErrInvalidDtype, "b must have the same dtype as a");
    }
    if (args.ops[1].length != args.ops[0].length) {
      throw CodedRangeError(env, kErrLengthMismatch, "b must have the same length as a");
    }
  }
  if (args.ops[0].length == 0 && args.kernel->empty_is_error) {
    throw CodedRangeError(
        env, kErrEmptyInput, std::string("a must not be empty: ") + args.kernel->name + " has no identity");
  }
  return args;
}

double Finish(const ReduceKernel& kernel, const std::vector<Partial>& parts, const Operand* ops) {
  if (parts.empty()) return kernel.empty_value;
  return kernel.finish(TreeCombine(parts, 0, parts.size(), kernel.combine), ops);
}

class ReduceCall final : public AsyncCall {
 public:
  ReduceCall(const Napi::CallbackInfo& info, const ReduceArgs& args, const std::int32_t* flag)
      : AsyncCall(info.Env()), args_(args), parts_(BlockCount(args.ops[0].length, kReduceBlock)), flag_(flag) {
    for (int i = 0; i < args.kernel->arity; ++i) Pin(info[1 + i]);
    if (flag_ != nullptr) Pin(info[3]);
  }
  std::size_t Blocks() const override { return parts_.size(); }
  void RunBlock(std::size_t index) override {
    if (Cancelled(flag_)) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    const BlockRange r = BlockAt(args_.ops[0].length, kReduceBlock, index);
    parts_[index] = args_.kernel->block(args_.ops, r.begin, r.end);
  }
  // A cancelled call resolves NaN; the caller sees its own flag and rejects.
  Napi::Value Result(Napi::Env env) override {
    if (skipped_.load()) return Napi::Number::New(env, std::numeric_limits<double>::quiet_NaN());
    return Napi::Number::New(env, Finish(*args_.kernel, parts_, args_.ops));
  }

 private:
  ReduceArgs args_;
  std::vector<Partial> parts_;
  const std::int32_t* flag_;
  std::atomic<bool> skipped_{false};
};

// reduce_axis_*(id, geometry, outerDims, a, out[, flag]): the geometry lays
// out a with the kept axes first (outerDims of them) and the reduced ones
// after, offset 0 on the reduced part; out holds one element per output.
ReduceAxisPlan ParseReduceAxis(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ReduceAxisPlan plan;
  std::size_t index = 0;
  const double id = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  plan.kernel = ToKernelId(id, ReduceKernelCount(), &index) ? FindReduceKernel(index) : nullptr;
  if (plan.kernel == nullptr || plan.kernel->arity != 1) {
    throw CodedRangeError(env, kErrOutOfRange, "kernel must be a registered one-operand reduction id");
  }
  const Operand words = ReadOperand(env, info[1], "geometry");
  if (words.dtype != Dtype::kFloat64) throw CodedTypeError(env, kErrInvalidArgType, "geometry must be a Float64Array");
  plan.a = ReadOperand(env, info[3], "a");
  const Operand out = ReadOperand(env, info[4], "out");
  Geometry g;
  const ArgVerdict verdict = CheckGeometry(words.As<double>(), words.length, 1, &plan.a.length, &g);
  if (!verdict.ok()) throw CodedRangeError(env, kErrOutOfRange, verdict.message);
  const double outer_dims = info[2].IsNumber() ? info[2].As<Napi::Number>().DoubleValue() : 0;
  if (!(outer_dims >= 1 && outer_dims < g.ndim && outer_dims == static_cast<int>(outer_dims))) {
    throw CodedRangeError(env, kErrOutOfRange, "outerDims must split the geometry's axes");
  }
  const int split = static_cast<int>(outer_dims);
  plan.outer.ndim = split;
  plan.inner.ndim = g.ndim - split;
  plan.outer.operands = plan.inner.operands = 1;
  plan.outer.offset[0] = g.offset[0];
  for (int d = 0; d < g.ndim; ++d) {
    Geometry& part = d < split ? plan.outer : plan.inner;
    const int at = d < split ? d : d - split;
    part.shape[at] = g.shape[d];
    part.strides[0][at] = g.strides[0][d];
  }
  plan.out = const_cast<void*>(out.data);  // our own view of a writable TypedArray
  plan.out_dtype = out.dtype;
  PlanReduceAxis(&plan);
  if (out.length < plan.outputs) throw CodedRangeError(env, kErrLengthMismatch, "out must hold one element per output");
  if (plan.line == 0 && plan.outputs > 0 && plan.kernel->empty_is_error) {
    throw CodedRangeError(
        env, kErrEmptyInput, std::string("a must not be empty: ") + plan.kernel->name + " has no identity");
  }
  return plan;
}

class ReduceAxisCall final : public AsyncCall {
 public:
  ReduceAxisCall(const Napi::CallbackInfo& info, const ReduceAxisPlan& plan, const std::int32_t* flag)
      : AsyncCall(info.Env()), plan_(plan), parts_(ReduceAxisPartCount(plan)), flag_(flag) {
    Pin(info[1]);
    Pin(info[3]);
    Pin(info[4]);
    if (flag_ != nullptr) Pin(info[5]);
  }
  std::size_t Blocks() const override { return ReduceAxisChunks(plan_); }
  void RunBlock(std::size_t index) override {
    if (Cancelled(flag_)) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    RunReduceAxisChunk(plan_, index, parts_);
  }
  // Combining several blocks per line is O(outputs x blocks), a small
  // fraction of the reads: it runs here, on the JS thread.
  Napi::Value Result(Napi::Env env) override {
    if (skipped_.load()) return Napi::Boolean::New(env, false);
    FinishReduceAxis(plan_, parts_);
    return Napi::Boolean::New(env, true);
  }

 private:
  ReduceAxisPlan plan_;
  std::vector<Partial> parts_;
  const std::int32_t* flag_;
  std::atomic<bool> skipped_{false};
};

}  // namespace

Napi::Value ReduceAxisAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const ReduceAxisPlan plan = ParseReduceAxis(info);
  const std::int32_t* flag = ReadCancelFlag(info, 5);
  return state.Start(info.Env(), std::make_unique<ReduceAxisCall>(info, plan, flag));
}

Napi::Value ReduceAxisSync(const Napi::CallbackInfo& info) {
  const ReduceAxisPlan plan = ParseReduceAxis(info);
  std::vector<Partial> parts(ReduceAxisPartCount(plan));
  try {
    ParallelFor(ThreadPool::Shared(), 0, ReduceAxisChunks(plan), 1, [&](std::size_t lo, std::size_t) {
      RunReduceAxisChunk(plan, lo, parts);
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  FinishReduceAxis(plan, parts);
  return info.Env().Undefined();
}

Napi::Value ReduceAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const ReduceArgs args = ParseReduceArgs(info);
  const std::int32_t* flag = ReadCancelFlag(info, 3);
  return state.Start(info.Env(), std::make_unique<ReduceCall>(info, args, flag));
}

Napi::Value ReduceSync(const Napi::CallbackInfo& info) {
  const ReduceArgs args = ParseReduceArgs(info);
  const std::size_t n = args.ops[0].length;
  std::vector<Partial> parts(BlockCount(n, kReduceBlock));
  try {
    ParallelFor(ThreadPool::Shared(), 0, n, kReduceBlock, [&](std::size_t lo, std::size_t hi) {
      parts[lo / kReduceBlock] = args.kernel->block(args.ops, lo, hi);
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return Napi::Number::New(info.Env(), Finish(*args.kernel, parts, args.ops));
}

}  // namespace corepool
