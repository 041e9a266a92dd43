#include "expr_binding.h"

#include <atomic>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "../kernels/expr_vm.h"
#include "../pool/blocks.h"
#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
#include "arg_errors.h"
#include "cancel_flag.h"
#include "errors.h"
#include "expr_checks.h"
#include "operand.h"

namespace corepool {
namespace {

/// A checked program and the JS values that own its memory.
struct ExprArgs {
  std::unique_ptr<ExprProgram> program;
  std::vector<Napi::Value> arrays;
};

/// The names bad arrays are reported under, built once rather than per call.
const char* ArrayName(std::uint32_t i) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (int k = 0; k < kExprMaxBindings; ++k) all.push_back("arrays[" + std::to_string(k) + "]");
    return all;
  }();
  return names[i].c_str();
}

// Every JS getter of `arrays` runs first; from the first ReadOperand on no
// JS runs until the buffers are pinned, so no pointer read here can go stale.
ExprArgs ParseExpr(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[1].IsArray()) throw CodedTypeError(env, kErrInvalidArgType, "arrays must be an Array of TypedArrays");
  const Napi::Array list = info[1].As<Napi::Array>();
  const std::uint32_t n = list.Length();
  if (n > static_cast<std::uint32_t>(kExprMaxBindings)) {
    throw CodedRangeError(env, kErrLengthMismatch, "arrays must hold one TypedArray per binding (at most 32)");
  }
  ExprArgs args;
  for (std::uint32_t i = 0; i < n; ++i) args.arrays.push_back(list.Get(i));
  const Operand words = ReadOperand(env, info[0], "program");
  if (words.dtype != Dtype::kFloat64) throw CodedTypeError(env, kErrInvalidArgType, "program must be a Float64Array");
  ExprArrayInfo infos[kExprMaxBindings];
  void* data[kExprMaxBindings] = {};
  for (std::uint32_t i = 0; i < n; ++i) {
    const Operand op = ReadOperand(env, args.arrays[i], ArrayName(i));
    infos[i] = ExprArrayInfo{op.dtype, op.length};
    data[i] = const_cast<void*>(op.data);  // our own view of a writable TypedArray
  }
  // Checked on a copy: a SharedArrayBuffer's words could change between reads.
  const std::vector<double> copy(words.As<double>(), words.As<double>() + words.length);
  // Default-initialised, not value-initialised: zeroing ~40 KB per call
  // would cost more than a small expression (see expr_vm.h).
  args.program.reset(new ExprProgram);
  ThrowIfRejected(env, CheckExprProgram(copy.data(), copy.size(), infos, n, args.program.get()));
  for (std::uint32_t i = 0; i < n; ++i) args.program->bindings[i].data = data[i];
  return args;
}

double Finish(const ExprProgram& p, const std::vector<Partial>& parts) {
  if (p.mode == ExprMode::kStore) return 0;
  if (parts.empty()) return p.reduce->empty_value;
  // finish() reads the operand's dtype and length (mean divides by it).
  Operand whole;
  whole.length = p.size;
  whole.dtype = p.registers[p.result];
  return p.reduce->finish(TreeCombine(parts, 0, parts.size(), p.reduce->combine), &whole);
}

std::size_t PartCount(const ExprProgram& p) {
  return p.mode == ExprMode::kReduce ? ExprBlockCount(p) : 0;
}

class ExprCall final : public AsyncCall {
 public:
  ExprCall(const Napi::CallbackInfo& info, ExprArgs args, const std::int32_t* flag)
      : AsyncCall(info.Env()), program_(std::move(args.program)), parts_(PartCount(*program_)), flag_(flag) {
    Pin(info[0]);
    for (const Napi::Value& array : args.arrays) Pin(array);
    if (flag_ != nullptr) Pin(info[2]);
  }
  std::size_t Blocks() const override { return ExprBlockCount(*program_); }
  void RunBlock(std::size_t index) override {
    if (Cancelled(flag_)) {
      skipped_.store(true, std::memory_order_relaxed);
      return;
    }
    RunExprBlock(*program_, index, parts_.empty() ? nullptr : &parts_[index]);
  }
  // A cancelled call resolves NaN; the caller sees its own flag and rejects.
  Napi::Value Result(Napi::Env env) override {
    if (skipped_.load()) return Napi::Number::New(env, std::numeric_limits<double>::quiet_NaN());
    return Napi::Number::New(env, Finish(*program_, parts_));
  }

 private:
  std::unique_ptr<ExprProgram> program_;
  std::vector<Partial> parts_;
  const std::int32_t* flag_;
  std::atomic<bool> skipped_{false};
};

}  // namespace

Napi::Value ExprAsync(const Napi::CallbackInfo& info, EnvState& state) {
  ExprArgs args = ParseExpr(info);
  const std::int32_t* flag = ReadCancelFlag(info, 2);
  return state.Start(info.Env(), std::make_unique<ExprCall>(info, std::move(args), flag));
}

Napi::Value ExprSync(const Napi::CallbackInfo& info) {
  const ExprArgs args = ParseExpr(info);
  const ExprProgram& p = *args.program;
  std::vector<Partial> parts(PartCount(p));
  try {
    ParallelFor(ThreadPool::Shared(), 0, ExprBlockCount(p), 1, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t index = lo; index < hi; ++index) {
        RunExprBlock(p, index, parts.empty() ? nullptr : &parts[index]);
      }
    });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return Napi::Number::New(info.Env(), Finish(p, parts));
}

}  // namespace corepool
