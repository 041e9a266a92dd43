#include "reduce_binding.h"

#include <string>
#include <vector>

#include "../kernels/reduce.h"
#include "../pool/blocks.h"
#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
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
  const double id = info[0].As<Napi::Number>().DoubleValue();
  args.kernel = id >= 0 && id == static_cast<double>(static_cast<std::size_t>(id))
                    ? FindReduceKernel(static_cast<std::size_t>(id))
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
    throw CodedRangeError(env, kErrEmptyInput,
                          std::string("a must not be empty: ") + args.kernel->name + " has no identity");
  }
  return args;
}

double Finish(const ReduceKernel& kernel, const std::vector<Partial>& parts, const Operand* ops) {
  if (parts.empty()) return kernel.empty_value;
  return kernel.finish(TreeCombine(parts, 0, parts.size(), kernel.combine), ops);
}

class ReduceCall final : public AsyncCall {
 public:
  ReduceCall(const Napi::CallbackInfo& info, const ReduceArgs& args)
      : AsyncCall(info.Env()), args_(args), parts_(BlockCount(args.ops[0].length, kReduceBlock)) {
    for (int i = 0; i < args.kernel->arity; ++i) Pin(info[1 + i]);
  }
  std::size_t Blocks() const override { return parts_.size(); }
  void RunBlock(std::size_t index) override {
    const BlockRange r = BlockAt(args_.ops[0].length, kReduceBlock, index);
    parts_[index] = args_.kernel->block(args_.ops, r.begin, r.end);
  }
  Napi::Value Result(Napi::Env env) override {
    return Napi::Number::New(env, Finish(*args_.kernel, parts_, args_.ops));
  }

 private:
  ReduceArgs args_;
  std::vector<Partial> parts_;
};

}  // namespace

Napi::Value ReduceAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const ReduceArgs args = ParseReduceArgs(info);
  return state.Start(info.Env(), std::make_unique<ReduceCall>(info, args));
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
