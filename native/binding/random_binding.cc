#include "random_binding.h"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "../kernels/random.h"
#include "../pool/blocks.h"
#include "../pool/parallel.h"
#include "arg_errors.h"
#include "errors.h"
#include "operand.h"

namespace corepool {
namespace {

constexpr double kTwo32 = 4294967296.0;

double NumberArg(const Napi::CallbackInfo& info, std::size_t index, const char* name) {
  if (!info[index].IsNumber())
    throw CodedTypeError(info.Env(), kErrInvalidArgType, std::string(name) + " must be a number");
  return info[index].As<Napi::Number>().DoubleValue();
}

RandomCall ParseRandomCall(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  RandomCall call;
  const double kind = NumberArg(info, 0, "kind");
  // Checked before the cast below and again, with the rest, in CheckRandom.
  ThrowIfRejected(env, CheckRandom(kind, kRandomKindCount, 0, 0, false, 0, 0, Dtype::kFloat64));
  call.kind = static_cast<RandomKind>(kind);
  const Operand out = ReadOperand(env, info[1], "out");
  if (!RandomSupports(call.kind, out.dtype)) {
    throw CodedTypeError(env, kErrInvalidDtype, "out has a dtype this random kernel cannot produce");
  }
  call.out = const_cast<void*>(out.data);  // our own view of a writable TypedArray
  call.dtype = out.dtype;
  call.length = out.length;
  const double key0 = NumberArg(info, 2, "key0");
  const double key1 = NumberArg(info, 3, "key1");
  if (!IsIntegerIn(key0, 0, kTwo32 - 1) || !IsIntegerIn(key1, 0, kTwo32 - 1)) {
    throw CodedRangeError(env, kErrOutOfRange, "key0 and key1 must be integers from 0 to 2^32 - 1");
  }
  call.key[0] = static_cast<std::uint32_t>(key0);
  call.key[1] = static_cast<std::uint32_t>(key1);
  const double start = NumberArg(info, 4, "start");
  call.a = NumberArg(info, 5, "a");
  call.b = NumberArg(info, 6, "b");
  ThrowIfRejected(
      env,
      CheckRandom(
          kind, kRandomKindCount, call.length, start, call.kind == RandomKind::kIntegers, call.a, call.b, call.dtype));
  call.start = static_cast<std::uint64_t>(start);
  return call;
}

class RandomAsyncCall final : public AsyncCall {
 public:
  RandomAsyncCall(const Napi::CallbackInfo& info, const RandomCall& call, const std::int32_t* flag)
      : AsyncCall(info.Env()), call_(call), flag_(flag) {
    Pin(info[1]);
    if (flag_ != nullptr) Pin(info[7]);
  }
  std::size_t Blocks() const override { return BlockCount(call_.length, kRandomBlock); }
  void RunBlock(std::size_t index) override {
    // The flag is a JS Int32Array the caller sets on abort; read it between blocks.
    if (flag_ != nullptr && __atomic_load_n(flag_, __ATOMIC_RELAXED) != 0) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    const BlockRange r = BlockAt(call_.length, kRandomBlock, index);
    RunRandomBlock(call_, r.begin, r.end);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, !skipped_.load()); }

 private:
  RandomCall call_;
  const std::int32_t* flag_;
  std::atomic<bool> skipped_{false};
};

}  // namespace

Napi::Value RandomAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const RandomCall call = ParseRandomCall(info);
  const std::int32_t* flag = nullptr;
  if (!info[7].IsUndefined()) {
    const Operand op = ReadOperand(info.Env(), info[7], "cancelFlag");
    if (op.dtype != Dtype::kInt32 || op.length < 1) {
      throw CodedTypeError(info.Env(), kErrInvalidArgType, "cancelFlag must be an Int32Array of length >= 1");
    }
    flag = op.As<std::int32_t>();
  }
  return state.Start(info.Env(), std::make_unique<RandomAsyncCall>(info, call, flag));
}

Napi::Value RandomSync(const Napi::CallbackInfo& info) {
  const RandomCall call = ParseRandomCall(info);
  try {
    ParallelFor(ThreadPool::Shared(), 0, call.length, kRandomBlock, [&](std::size_t lo, std::size_t hi) {
      RunRandomBlock(call, lo, hi);
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return info.Env().Undefined();
}

}  // namespace corepool
