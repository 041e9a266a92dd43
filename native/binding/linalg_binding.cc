// Parses each linear algebra call into a Work closure over raw spans (JS
// thread), then runs it either inline (sync) or as a one-block AsyncCall
// whose block drives the parallel algorithm on the shared pool.
#include "linalg_binding.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "arg_errors.h"
#include "async_call.h"
#include "cancel_flag.h"
#include "errors.h"
#include "gemm_driver.h"
#include "linalg_driver.h"
#include "operand.h"

namespace corepool {
namespace {

/// The parsed call: runs on any thread, returns false when stopped.
using Work = std::function<bool(const StopFn& stop)>;

struct Parsed {
  Work work;
  std::size_t operands;  // info[0 .. operands) are the buffers to pin
  std::size_t flag_at;   // index of the optional cancel flag
};

double ReadNumber(const Napi::CallbackInfo& info, std::size_t at, const char* name) {
  if (!info[at].IsNumber())
    throw CodedTypeError(info.Env(), kErrInvalidArgType, std::string(name) + " must be a number");
  return info[at].As<Napi::Number>().DoubleValue();
}

std::size_t ReadSize(const Napi::CallbackInfo& info, std::size_t at, const char* name) {
  std::size_t size = 0;
  if (!ToSize(ReadNumber(info, at, name), &size)) {
    throw CodedRangeError(info.Env(), kErrOutOfRange, std::string(name) + " must be a non-negative integer");
  }
  return size;
}

/// Reads a float operand of dtype `want` (or any float dtype when `want` is
/// null, which then becomes the call's dtype).
Operand ReadFloat(const Napi::CallbackInfo& info, std::size_t at, const char* name, const Dtype* want) {
  const Operand op = ReadOperand(info.Env(), info[at], name);
  if (!IsFloat(op.dtype) || (want != nullptr && op.dtype != *want)) {
    throw CodedTypeError(info.Env(),
                         kErrInvalidDtype,
                         std::string(name) + " must be a Float64Array or Float32Array like the other operands");
  }
  return op;
}

template <typename T>
T* Mutable(const Operand& op) {
  return static_cast<T*>(const_cast<void*>(op.data));  // our view of a writable TypedArray
}

Parsed ParseGemm(const Napi::CallbackInfo& info) {
  const Operand a = ReadFloat(info, 0, "a", nullptr);
  const Operand b = ReadFloat(info, 1, "b", &a.dtype);
  const Operand c = ReadFloat(info, 2, "c", &a.dtype);
  const std::size_t m = ReadSize(info, 3, "m"), k = ReadSize(info, 4, "k"), n = ReadSize(info, 5, "n");
  const bool ta = info[6].ToBoolean().Value(), tb = info[7].ToBoolean().Value();
  const double alpha = ReadNumber(info, 8, "alpha"), beta = ReadNumber(info, 9, "beta");
  ThrowIfRejected(info.Env(), CheckGemm(a.length, b.length, c.length, m, k, n));
  auto run = [=](auto zero) -> Work {
    using T = decltype(zero);
    const GemmArgs<T> g{
        a.As<T>(), b.As<T>(), Mutable<T>(c), m, k, n, ta, tb, static_cast<T>(alpha), static_cast<T>(beta)};
    return [g](const StopFn& stop) { return Gemm(g, ThreadPool::Shared(), stop); };
  };
  return {a.dtype == Dtype::kFloat64 ? run(double{}) : run(float{}), 3, 10};
}

/// gemm_batch(a, b, c, m, k, n, transA, transB, alpha, beta, aOffsets, bOffsets, flag?):
/// the offsets are Float64Arrays of element offsets, copied here on the JS
/// thread (so they need no pin).
Parsed ParseGemmBatch(const Napi::CallbackInfo& info) {
  const Operand a = ReadFloat(info, 0, "a", nullptr);
  const Operand b = ReadFloat(info, 1, "b", &a.dtype);
  const Operand c = ReadFloat(info, 2, "c", &a.dtype);
  const std::size_t m = ReadSize(info, 3, "m"), k = ReadSize(info, 4, "k"), n = ReadSize(info, 5, "n");
  const bool ta = info[6].ToBoolean().Value(), tb = info[7].ToBoolean().Value();
  const double alpha = ReadNumber(info, 8, "alpha"), beta = ReadNumber(info, 9, "beta");
  const Operand ao = ReadOperand(info.Env(), info[10], "aOffsets");
  const Operand bo = ReadOperand(info.Env(), info[11], "bOffsets");
  if (ao.dtype != Dtype::kFloat64 || bo.dtype != Dtype::kFloat64 || ao.length != bo.length) {
    throw CodedTypeError(info.Env(), kErrInvalidArgType, "aOffsets and bOffsets must be Float64Arrays of one length");
  }
  const double* a_off = ao.As<double>();
  const double* b_off = bo.As<double>();
  ThrowIfRejected(info.Env(), CheckGemmBatch(a.length, b.length, c.length, m, k, n, a_off, b_off, ao.length));
  auto run = [&](auto zero) -> Work {
    using T = decltype(zero);
    auto g = std::make_shared<GemmBatchArgs<T>>();
    g->base =
        GemmArgs<T>{a.As<T>(), b.As<T>(), Mutable<T>(c), m, k, n, ta, tb, static_cast<T>(alpha), static_cast<T>(beta)};
    g->a_offsets.assign(a_off, a_off + ao.length);
    g->b_offsets.assign(b_off, b_off + bo.length);
    return [g](const StopFn& stop) { return GemmBatch(*g, ThreadPool::Shared(), stop); };
  };
  return {a.dtype == Dtype::kFloat64 ? run(double{}) : run(float{}), 3, 12};
}

Parsed ParseGemv(const Napi::CallbackInfo& info) {
  const Operand a = ReadFloat(info, 0, "a", nullptr);
  const Operand x = ReadFloat(info, 1, "x", &a.dtype);
  const Operand y = ReadFloat(info, 2, "y", &a.dtype);
  const std::size_t m = ReadSize(info, 3, "m"), n = ReadSize(info, 4, "n");
  const bool trans = info[5].ToBoolean().Value();
  const double alpha = ReadNumber(info, 6, "alpha"), beta = ReadNumber(info, 7, "beta");
  ThrowIfRejected(info.Env(), CheckGemv(a.length, x.length, y.length, m, n, trans));
  auto run = [=](auto zero) -> Work {
    using T = decltype(zero);
    const T* ap = a.As<T>();
    const T* xp = x.As<T>();
    T* yp = Mutable<T>(y);
    const T al = static_cast<T>(alpha), be = static_cast<T>(beta);
    return [=](const StopFn& stop) { return Gemv(ap, xp, yp, m, n, trans, al, be, ThreadPool::Shared(), stop); };
  };
  return {a.dtype == Dtype::kFloat64 ? run(double{}) : run(float{}), 3, 8};
}

Parsed ParseTranspose(const Napi::CallbackInfo& info) {
  const Operand a = ReadFloat(info, 0, "a", nullptr);
  const Operand out = ReadFloat(info, 1, "out", &a.dtype);
  const std::size_t rows = ReadSize(info, 2, "rows"), cols = ReadSize(info, 3, "cols");
  ThrowIfRejected(
      info.Env(),
      CheckTranspose(a.length, out.length, rows, cols, a.data, out.data, a.dtype == Dtype::kFloat64 ? 8 : 4));
  auto run = [=](auto zero) -> Work {
    using T = decltype(zero);
    const T* src = a.As<T>();
    T* dst = Mutable<T>(out);
    return [=](const StopFn& stop) { return Transpose(src, dst, rows, cols, ThreadPool::Shared(), stop); };
  };
  return {a.dtype == Dtype::kFloat64 ? run(std::uint64_t{}) : run(std::uint32_t{}), 2, 4};
}

Parsed ParseOuter(const Napi::CallbackInfo& info) {
  const Operand x = ReadFloat(info, 0, "x", nullptr);
  const Operand y = ReadFloat(info, 1, "y", &x.dtype);
  const Operand out = ReadFloat(info, 2, "out", &x.dtype);
  ThrowIfRejected(info.Env(), CheckOuter(x.length, y.length, out.length));
  auto run = [=](auto zero) -> Work {
    using T = decltype(zero);
    const T* xp = x.As<T>();
    const T* yp = y.As<T>();
    T* op = Mutable<T>(out);
    const std::size_t nx = x.length, ny = y.length;
    return [=](const StopFn& stop) { return Outer(xp, yp, op, nx, ny, ThreadPool::Shared(), stop); };
  };
  return {x.dtype == Dtype::kFloat64 ? run(double{}) : run(float{}), 3, 3};
}

/// One block that runs the whole parallel algorithm (nested pool runs are
/// safe: the block's thread helps). Resolves false when stopped.
class LinalgCall final : public AsyncCall {
 public:
  LinalgCall(const Napi::CallbackInfo& info, Parsed parsed, const std::int32_t* flag)
      : AsyncCall(info.Env()), work_(std::move(parsed.work)), flag_(flag) {
    for (std::size_t i = 0; i < parsed.operands; ++i) Pin(info[i]);
    if (flag != nullptr) Pin(info[parsed.flag_at]);
  }
  std::size_t Blocks() const override { return 1; }
  void RunBlock(std::size_t) override {
    done_ = work_([this] { return Cancelled(flag_) || job()->cancelled(); });
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, done_); }

 private:
  Work work_;
  const std::int32_t* flag_;
  bool done_ = false;
};

Napi::Value StartAsync(const Napi::CallbackInfo& info, EnvState& state, Parsed parsed) {
  const std::int32_t* flag = ReadCancelFlag(info, parsed.flag_at);
  return state.Start(info.Env(), std::make_unique<LinalgCall>(info, std::move(parsed), flag));
}

/// Runs inline; the caller's thread joins the pool's work.
Napi::Value RunSync(const Napi::CallbackInfo& info, const Parsed& parsed) {
  try {
    (void)parsed.work(nullptr);
  } catch (const std::bad_alloc&) {
    throw CodedError(info.Env(), kErrKernelFailed, "kernel failed: out of memory");
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return info.Env().Undefined();
}

}  // namespace

Napi::Value GemmAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseGemm(info));
}
Napi::Value GemmSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseGemm(info));
}
Napi::Value GemmBatchAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseGemmBatch(info));
}
Napi::Value GemmBatchSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseGemmBatch(info));
}
Napi::Value GemvAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseGemv(info));
}
Napi::Value GemvSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseGemv(info));
}
Napi::Value TransposeAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseTranspose(info));
}
Napi::Value TransposeSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseTranspose(info));
}
Napi::Value OuterAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseOuter(info));
}
Napi::Value OuterSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseOuter(info));
}

}  // namespace corepool
