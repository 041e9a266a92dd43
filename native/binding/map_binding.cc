#include "map_binding.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <string>

#include "../kernels/map.h"
#include "../pool/blocks.h"
#include "../pool/parallel.h"
#include "arg_checks.h"
#include "errors.h"
#include "operand.h"

namespace corepool {
namespace {

const char* const kInputNames[kMaxMapInputs] = {"x", "y", "z"};

MapCall ParseMapCall(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  MapCall call;
  const double id = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  // ToKernelId bounds the id first: casting 1e300 to size_t is undefined.
  std::size_t index = 0;
  call.kernel = ToKernelId(id, MapKernelCount(), &index) ? FindMapKernel(index) : nullptr;
  if (call.kernel == nullptr) throw CodedRangeError(env, kErrOutOfRange, "kernel must be a registered elementwise id");
  call.arity = call.kernel->arity;
  const Operand out = ReadOperand(env, info[1], "out");
  call.out = const_cast<void*>(out.data);  // our own view of a writable TypedArray
  call.out_dtype = out.dtype;
  call.length = out.length;
  Dtype first = out.dtype;
  for (int k = 0; k < call.arity; ++k) {
    if (info[2 + k].IsTypedArray()) {
      first = ReadOperand(env, info[2 + k], kInputNames[k]).dtype;
      break;
    }
  }
  call.plan = call.kernel->plan(out.dtype, first);
  if (call.plan.loop == nullptr) {
    throw CodedTypeError(
        env, kErrInvalidDtype, std::string("out has a dtype ") + call.kernel->name + " cannot produce");
  }
  for (int k = 0; k < call.arity; ++k) {
    MapInput& input = call.inputs[k];
    const Napi::Value value = info[2 + k];
    if (value.IsNumber()) {
      input.is_scalar = true;
      input.scalar = value.As<Napi::Number>().DoubleValue();
      // A double→integer cast outside the target range is undefined.
      if (!ScalarFits(input.scalar, call.plan.compute)) {
        throw CodedRangeError(env, kErrOutOfRange, std::string(kInputNames[k]) + " must fit the compute dtype");
      }
      continue;
    }
    input.array = ReadOperand(env, value, kInputNames[k]);
    if (input.array.length != call.length) {
      throw CodedRangeError(env, kErrLengthMismatch, std::string(kInputNames[k]) + " must have the length of out");
    }
    if (!IsSafeCast(input.array.dtype, call.plan.compute)) {
      throw CodedTypeError(
          env, kErrInvalidDtype, std::string(kInputNames[k]) + " must cast exactly to the compute dtype");
    }
  }
  return call;
}

class MapAsyncCall final : public AsyncCall {
 public:
  MapAsyncCall(const Napi::CallbackInfo& info, const MapCall& call, const std::int32_t* flag)
      : AsyncCall(info.Env()), call_(call), flag_(flag) {
    for (int k = 0; k < 1 + call.arity; ++k) {
      if (info[1 + k].IsObject()) Pin(info[1 + k]);
    }
    if (flag_ != nullptr) Pin(info[2 + call.arity]);
  }
  std::size_t Blocks() const override { return BlockCount(call_.length, kMapBlock); }
  void RunBlock(std::size_t index) override {
    // The flag is a JS Int32Array the caller sets on abort; read it between blocks.
    if (flag_ != nullptr && __atomic_load_n(flag_, __ATOMIC_RELAXED) != 0) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    const BlockRange r = BlockAt(call_.length, kMapBlock, index);
    RunMapBlock(call_, r.begin, r.end);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, !skipped_.load()); }

 private:
  MapCall call_;
  const std::int32_t* flag_;
  std::atomic<bool> skipped_{false};
};

}  // namespace

Napi::Value MapAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const MapCall call = ParseMapCall(info);
  const Napi::Value flag_value = info[2 + call.arity];
  const std::int32_t* flag = nullptr;
  if (!flag_value.IsUndefined()) {
    const Operand op = ReadOperand(info.Env(), flag_value, "cancelFlag");
    if (op.dtype != Dtype::kInt32 || op.length < 1) {
      throw CodedTypeError(info.Env(), kErrInvalidArgType, "cancelFlag must be an Int32Array of length >= 1");
    }
    flag = op.As<std::int32_t>();
  }
  return state.Start(info.Env(), std::make_unique<MapAsyncCall>(info, call, flag));
}

Napi::Value MapSync(const Napi::CallbackInfo& info) {
  const MapCall call = ParseMapCall(info);
  try {
    ParallelFor(ThreadPool::Shared(), 0, call.length, kMapBlock, [&](std::size_t lo, std::size_t hi) {
      RunMapBlock(call, lo, hi);
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return info.Env().Undefined();
}

}  // namespace corepool
