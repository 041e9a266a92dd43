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

// Arguments: (id, [geometry,] out, ...inputs[, flag]); `first` is out's
// index, 2 when a geometry comes first. With a geometry the operands' lengths
// need not match: the geometry says which elements each one reads.
MapCall ParseMapCall(const Napi::CallbackInfo& info, int first = 1) {
  Napi::Env env = info.Env();
  const bool strided = first == 2;
  MapCall call;
  const double id = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  // ToKernelId bounds the id first: casting 1e300 to size_t is undefined.
  std::size_t index = 0;
  call.kernel = ToKernelId(id, MapKernelCount(), &index) ? FindMapKernel(index) : nullptr;
  if (call.kernel == nullptr) throw CodedRangeError(env, kErrOutOfRange, "kernel must be a registered elementwise id");
  call.arity = call.kernel->arity;
  const Operand out = ReadOperand(env, info[first], "out");
  call.out = const_cast<void*>(out.data);  // our own view of a writable TypedArray
  call.out_dtype = out.dtype;
  call.length = out.length;
  Dtype first_dtype = out.dtype;
  for (int k = 0; k < call.arity; ++k) {
    if (info[first + 1 + k].IsTypedArray()) {
      first_dtype = ReadOperand(env, info[first + 1 + k], kInputNames[k]).dtype;
      break;
    }
  }
  call.plan = call.kernel->plan(out.dtype, first_dtype);
  if (call.plan.loop == nullptr) {
    throw CodedTypeError(
        env, kErrInvalidDtype, std::string("out has a dtype ") + call.kernel->name + " cannot produce");
  }
  for (int k = 0; k < call.arity; ++k) {
    MapInput& input = call.inputs[k];
    const Napi::Value value = info[first + 1 + k];
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
    if (!strided && input.array.length != call.length) {
      throw CodedRangeError(env, kErrLengthMismatch, std::string(kInputNames[k]) + " must have the length of out");
    }
    if (!IsSafeCast(input.array.dtype, call.plan.compute)) {
      throw CodedTypeError(
          env, kErrInvalidDtype, std::string(kInputNames[k]) + " must cast exactly to the compute dtype");
    }
  }
  return call;
}

// A strided call's layout: operand 0 is out, 1 + k input k. A scalar
// input's entry is checked against a one-element length: JS sends zeros.
Geometry ParseGeometry(const Napi::CallbackInfo& info, const MapCall& call) {
  Napi::Env env = info.Env();
  const Operand words = ReadOperand(env, info[1], "geometry");
  if (words.dtype != Dtype::kFloat64) throw CodedTypeError(env, kErrInvalidArgType, "geometry must be a Float64Array");
  std::size_t lengths[kMaxStridedOperands] = {call.length, 1, 1, 1};
  for (int k = 0; k < call.arity; ++k) {
    if (!call.inputs[k].is_scalar) lengths[1 + k] = call.inputs[k].array.length;
  }
  Geometry g;
  const ArgVerdict verdict = CheckGeometry(words.As<double>(), words.length, 1 + call.arity, lengths, &g);
  if (!verdict.ok()) throw CodedRangeError(env, kErrOutOfRange, verdict.message);
  return g;
}

const std::int32_t* ParseFlag(const Napi::CallbackInfo& info, std::size_t index) {
  const Napi::Value flag_value = info[index];
  if (flag_value.IsUndefined()) return nullptr;
  const Operand op = ReadOperand(info.Env(), flag_value, "cancelFlag");
  if (op.dtype != Dtype::kInt32 || op.length < 1) {
    throw CodedTypeError(info.Env(), kErrInvalidArgType, "cancelFlag must be an Int32Array of length >= 1");
  }
  return op.As<std::int32_t>();
}

// Flat calls run over out's length; strided ones over the geometry's size,
// in the same fixed blocks, so neither depends on the thread count.
class MapAsyncCall final : public AsyncCall {
 public:
  MapAsyncCall(const Napi::CallbackInfo& info, const MapCall& call, int first, const Geometry* g)
      : AsyncCall(info.Env()), call_(call), strided_(g != nullptr) {
    if (strided_) {
      geometry_ = *g;
      plan_ = PlanStridedMap(geometry_);
    }
    size_ = call.length;
    for (int k = 0; k < 1 + call.arity; ++k) {
      if (info[first + k].IsObject()) Pin(info[first + k]);
    }
    const std::size_t flag_index = static_cast<std::size_t>(first + 1 + call.arity);
    flag_ = ParseFlag(info, flag_index);
    if (flag_ != nullptr) Pin(info[flag_index]);
  }
  std::size_t Blocks() const override { return strided_ ? plan_.blocks : BlockCount(size_, kMapBlock); }
  void RunBlock(std::size_t index) override {
    // The flag is a JS Int32Array the caller sets on abort; read it between blocks.
    if (flag_ != nullptr && __atomic_load_n(flag_, __ATOMIC_RELAXED) != 0) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    if (strided_) {
      RunStridedMapBlock(call_, geometry_, plan_, index);
      return;
    }
    const BlockRange r = BlockAt(size_, kMapBlock, index);
    RunMapBlock(call_, r.begin, r.end);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, !skipped_.load()); }

 private:
  MapCall call_;
  bool strided_;
  Geometry geometry_;
  StridedPlan plan_;
  std::size_t size_ = 0;
  const std::int32_t* flag_ = nullptr;
  std::atomic<bool> skipped_{false};
};

void RunMapSync(const Napi::CallbackInfo& info, const MapCall& call, const Geometry* g) {
  try {
    if (g != nullptr) {
      const StridedPlan plan = PlanStridedMap(*g);
      ParallelFor(ThreadPool::Shared(), 0, plan.blocks, 1, [&](std::size_t lo, std::size_t hi) {
        for (std::size_t index = lo; index < hi; ++index) RunStridedMapBlock(call, *g, plan, index);
      });
      return;
    }
    ParallelFor(ThreadPool::Shared(), 0, call.length, kMapBlock, [&](std::size_t lo, std::size_t hi) {
      RunMapBlock(call, lo, hi);
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
}

}  // namespace

Napi::Value MapAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const MapCall call = ParseMapCall(info);
  return state.Start(info.Env(), std::make_unique<MapAsyncCall>(info, call, 1, nullptr));
}

Napi::Value MapSync(const Napi::CallbackInfo& info) {
  RunMapSync(info, ParseMapCall(info), nullptr);
  return info.Env().Undefined();
}

Napi::Value MapStridedAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const MapCall call = ParseMapCall(info, 2);
  const Geometry g = ParseGeometry(info, call);
  return state.Start(info.Env(), std::make_unique<MapAsyncCall>(info, call, 2, &g));
}

Napi::Value MapStridedSync(const Napi::CallbackInfo& info) {
  const MapCall call = ParseMapCall(info, 2);
  const Geometry g = ParseGeometry(info, call);
  RunMapSync(info, call, &g);
  return info.Env().Undefined();
}

}  // namespace corepool
