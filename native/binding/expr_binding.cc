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
// Checks the program into *program (default-initialised, not value-
// initialised: zeroing ~40 KB per call would cost more than a small
// expression, see expr_vm.h) and returns the arrays.
std::vector<Napi::Value> ParseExpr(const Napi::CallbackInfo& info, ExprProgram* program) {
  Napi::Env env = info.Env();
  if (!info[1].IsArray()) throw CodedTypeError(env, kErrInvalidArgType, "arrays must be an Array of TypedArrays");
  const Napi::Array list = info[1].As<Napi::Array>();
  const std::uint32_t n = list.Length();
  if (n > static_cast<std::uint32_t>(kExprMaxBindings)) {
    throw CodedRangeError(env, kErrLengthMismatch, "arrays must hold one TypedArray per binding (at most 32)");
  }
  std::vector<Napi::Value> arrays;
  arrays.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) arrays.push_back(list.Get(i));
  const Operand words = ReadOperand(env, info[0], "program");
  if (words.dtype != Dtype::kFloat64) throw CodedTypeError(env, kErrInvalidArgType, "program must be a Float64Array");
  ExprArrayInfo infos[kExprMaxBindings];
  void* data[kExprMaxBindings] = {};
  for (std::uint32_t i = 0; i < n; ++i) {
    const Operand op = ReadOperand(env, arrays[i], ArrayName(i));
    infos[i] = ExprArrayInfo{op.dtype, op.length};
    data[i] = const_cast<void*>(op.data);  // our own view of a writable TypedArray
  }
  // Checked on a copy: a SharedArrayBuffer's words could change between reads.
  thread_local std::vector<double> copy;
  copy.assign(words.As<double>(), words.As<double>() + words.length);
  ThrowIfRejected(env, CheckExprProgram(copy.data(), copy.size(), infos, n, program));
  for (std::uint32_t i = 0; i < n; ++i) program->bindings[i].data = data[i];
  return arrays;
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
  ExprCall(const Napi::CallbackInfo& info,
           std::unique_ptr<ExprProgram> program,
           const std::vector<Napi::Value>& arrays,
           const std::int32_t* flag)
      : AsyncCall(info.Env()), program_(std::move(program)), parts_(PartCount(*program_)), flag_(flag) {
    Pin(info[0]);
    for (const Napi::Value& array : arrays) Pin(array);
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
  std::unique_ptr<ExprProgram> program(new ExprProgram);
  const std::vector<Napi::Value> arrays = ParseExpr(info, program.get());
  const std::int32_t* flag = ReadCancelFlag(info, 2);
  return state.Start(info.Env(), std::make_unique<ExprCall>(info, std::move(program), arrays, flag));
}

Napi::Value ExprSync(const Napi::CallbackInfo& info) {
  // One program per JS thread, reused: a blocking call finishes before the
  // next one on this thread starts, and small calls are most of them.
  thread_local std::unique_ptr<ExprProgram> reused(new ExprProgram);
  ExprProgram& p = *reused;
  ParseExpr(info, &p);
  std::vector<Partial> parts(PartCount(p));
  const std::size_t blocks = ExprBlockCount(p);
  try {
    if (blocks == 1) {
      RunExprBlock(p, 0, parts.empty() ? nullptr : &parts[0]);
    } else {
      ParallelFor(ThreadPool::Shared(), 0, blocks, 1, [&](std::size_t lo, std::size_t hi) {
        for (std::size_t index = lo; index < hi; ++index)
          RunExprBlock(p, index, parts.empty() ? nullptr : &parts[index]);
      });
    }
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return Napi::Number::New(info.Env(), Finish(p, parts));
}

}  // namespace corepool
