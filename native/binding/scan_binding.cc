// cumsum/cumprod on the pool in ONE pass over memory ("decoupled look-back"):
// block k computes its segments' totals, waits for block k-1 to publish the
// offset after it, chains its own segments and publishes, then finishes its
// block while it is still in cache. The offsets still chain in the fixed
// order of scans.h, so this is bit-identical to a two-pass scan. Blocks are claimed in ascending order
// and a claimed block is always running, so the wait cannot deadlock.
#include "scan_binding.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../kernels/scans.h"
#include "../pool/blocks.h"
#include "../pool/thread_pool.h"
#include "cancel_flag.h"
#include "errors.h"
#include "operand.h"

namespace corepool {
namespace {

ScanCall ParseScanCall(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double id = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  if (!(id >= 0 && id < static_cast<double>(ScanOp::kCount) && id == static_cast<int>(id))) {
    throw CodedRangeError(env, kErrOutOfRange, "kernel must be a registered scan id");
  }
  ScanCall call;
  call.op = static_cast<ScanOp>(static_cast<int>(id));
  const Operand out = ReadOperand(env, info[1], "out");
  call.x = ReadOperand(env, info[2], "x");
  const Dtype wanted = call.x.dtype == Dtype::kFloat32 ? Dtype::kFloat32 : Dtype::kFloat64;
  if (out.dtype != wanted) throw CodedTypeError(env, kErrInvalidDtype, "out must have the scan's result dtype");
  if (out.length != call.x.length) throw CodedRangeError(env, kErrLengthMismatch, "out must have the length of x");
  call.out = const_cast<void*>(out.data);  // our own view of a writable TypedArray
  call.out_dtype = out.dtype;
  call.length = out.length;
  return call;
}

/// The look-back state of one scan. RunBlock may be called from any thread.
class ScanChain {
 public:
  ScanChain(const ScanCall& call, const std::int32_t* flag)
      : call_(call),
        flag_(flag),
        blocks_(BlockCount(call.length, kScanBlock)),
        inclusive_(blocks_),
        state_(new std::atomic<int>[blocks_]) {
    for (std::size_t k = 0; k < blocks_; ++k) state_[k].store(kPending, std::memory_order_relaxed);
  }

  std::size_t blocks() const { return blocks_; }
  bool skipped() const { return skipped_.load(); }

  /// Runs block k. `stop()` is polled while waiting, so a cancelled job (whose
  /// earlier blocks may never run) cannot leave this block spinning.
  template <typename Stop>
  void Run(std::size_t k, Stop stop) {
    if (Cancelled(flag_)) return Poison(k);
    const BlockRange r = BlockAt(call_.length, kScanBlock, k);
    // float64 results hold the local values in place; float32 ones cannot.
    thread_local std::vector<double> scratch(kScanBlock);
    double* local = call_.out_dtype == Dtype::kFloat64 ? static_cast<double*>(call_.out) + r.begin : scratch.data();
    double totals[kScanSegmentsPerBlock];
    ScanLocal(call_, r.begin, r.end, local, totals);
    double offset = ScanIdentity(call_.op);
    if (k > 0) {
      int state;
      for (unsigned spins = 0; (state = state_[k - 1].load(std::memory_order_acquire)) == kPending; ++spins) {
        if (Cancelled(flag_) || stop()) return Poison(k);
        if (spins > 64) std::this_thread::yield();
      }
      if (state == kPoisoned) return Poison(k);
      offset = inclusive_[k - 1];
    }
    double offsets[kScanSegmentsPerBlock];
    for (std::size_t s = 0; s < BlockCount(r.end - r.begin, kScanSegment); ++s) {
      offsets[s] = offset;
      offset = ScanStep(call_.op, offset, totals[s]);
    }
    inclusive_[k] = offset;
    state_[k].store(kReady, std::memory_order_release);
    ScanApply(call_, r.begin, r.end, local, offsets);
  }

 private:
  static constexpr int kPending = 0;
  static constexpr int kReady = 1;
  static constexpr int kPoisoned = 2;

  void Poison(std::size_t k) {
    skipped_.store(true, std::memory_order_relaxed);
    state_[k].store(kPoisoned, std::memory_order_release);
  }

  ScanCall call_;
  const std::int32_t* flag_;
  std::size_t blocks_;
  std::vector<double> inclusive_;
  std::unique_ptr<std::atomic<int>[]> state_;
  std::atomic<bool> skipped_{false};
};

class ScanAsyncCall final : public AsyncCall {
 public:
  ScanAsyncCall(const Napi::CallbackInfo& info, const ScanCall& call, const std::int32_t* flag)
      : AsyncCall(info.Env()), chain_(call, flag) {
    Pin(info[1]);
    Pin(info[2]);
    if (flag != nullptr) Pin(info[3]);
  }
  std::size_t Blocks() const override { return chain_.blocks(); }
  void RunBlock(std::size_t index) override {
    chain_.Run(index, [this] { return job()->cancelled(); });
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, !chain_.skipped()); }

 private:
  ScanChain chain_;
};

/// A scan along the middle axis of a contiguous [outer, n, inner] array, cut
/// into units of one panel (up to kScanPanel lines side by side) and blocks of
/// whole units. Lines are independent, so the blocking (a function of the
/// shape only) cannot change a bit.
class ScanLines {
 public:
  ScanLines(const ScanCall& call, std::size_t n, std::size_t inner, const std::int32_t* flag)
      : call_(call), n_(n), inner_(inner), flag_(flag) {
    if (call.length == 0) return;
    panels_ = (inner + kScanPanel - 1) / kScanPanel;
    units_ = call.length / (n * inner) * panels_;
    per_block_ = std::max<std::size_t>(1, kScanBlock / (n * std::min(inner, kScanPanel)));
  }
  std::size_t blocks() const { return BlockCount(units_, per_block_); }
  bool skipped() const { return skipped_.load(); }

  void Run(std::size_t k) {
    if (Cancelled(flag_)) return skipped_.store(true);
    thread_local std::vector<double> scratch(2 * kScanPanel);
    const BlockRange r = BlockAt(units_, per_block_, k);
    for (std::size_t u = r.begin; u < r.end; ++u) {
      const std::size_t o = u / panels_;
      const std::size_t first = (u % panels_) * kScanPanel;
      const std::size_t width = std::min(kScanPanel, inner_ - first);
      ScanPanel(call_, o * n_ * inner_ + first, n_, inner_, width, scratch.data(), scratch.data() + kScanPanel);
    }
  }

 private:
  ScanCall call_;
  std::size_t n_;
  std::size_t inner_;
  const std::int32_t* flag_;
  std::size_t panels_ = 0;
  std::size_t units_ = 0;
  std::size_t per_block_ = 1;
  std::atomic<bool> skipped_{false};
};

std::size_t ReadExtent(Napi::Env env, const Napi::Value& value, const char* name) {
  const double v = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : -1;
  if (!(v >= 0 && v <= 9007199254740991.0 && v == static_cast<double>(static_cast<std::size_t>(v)))) {
    throw CodedRangeError(env, kErrOutOfRange, std::string(name) + " must be a non-negative integer");
  }
  return static_cast<std::size_t>(v);
}

/// The scan call and the [outer, n, inner] shape, which must cover x exactly.
ScanLines* ParseScanLines(const Napi::CallbackInfo& info, const std::int32_t* flag) {
  const ScanCall call = ParseScanCall(info);
  const std::size_t outer = ReadExtent(info.Env(), info[3], "outer");
  const std::size_t n = ReadExtent(info.Env(), info[4], "n");
  const std::size_t inner = ReadExtent(info.Env(), info[5], "inner");
  const double cover = static_cast<double>(outer) * static_cast<double>(n) * static_cast<double>(inner);
  if (cover != static_cast<double>(call.length)) {
    throw CodedRangeError(info.Env(), kErrLengthMismatch, "outer * n * inner must be the length of x");
  }
  return new ScanLines(call, n, inner, flag);
}

class ScanLinesAsyncCall final : public AsyncCall {
 public:
  ScanLinesAsyncCall(const Napi::CallbackInfo& info, const std::int32_t* flag)
      : AsyncCall(info.Env()), lines_(ParseScanLines(info, flag)) {
    Pin(info[1]);
    Pin(info[2]);
    if (flag != nullptr) Pin(info[6]);
  }
  std::size_t Blocks() const override { return lines_->blocks(); }
  void RunBlock(std::size_t index) override {
    if (!job()->cancelled()) lines_->Run(index);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, !lines_->skipped()); }

 private:
  std::unique_ptr<ScanLines> lines_;
};

}  // namespace

Napi::Value ScanLinesAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const std::int32_t* flag = ReadCancelFlag(info, 6);
  return state.Start(info.Env(), std::make_unique<ScanLinesAsyncCall>(info, flag));
}

Napi::Value ScanLinesSync(const Napi::CallbackInfo& info) {
  std::unique_ptr<ScanLines> lines(ParseScanLines(info, nullptr));
  auto job = std::make_shared<Job>(lines->blocks(), [&](std::size_t k) { lines->Run(k); });
  ThreadPool::Shared().Run(job);
  if (job->failed()) throw CodedError(info.Env(), kErrKernelFailed, "kernel failed: " + job->error());
  return info.Env().Undefined();
}

Napi::Value ScanAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const ScanCall call = ParseScanCall(info);
  const std::int32_t* flag = ReadCancelFlag(info, 3);
  return state.Start(info.Env(), std::make_unique<ScanAsyncCall>(info, call, flag));
}

Napi::Value ScanSync(const Napi::CallbackInfo& info) {
  ScanChain chain(ParseScanCall(info), nullptr);
  Job* self = nullptr;
  auto job =
      std::make_shared<Job>(chain.blocks(), [&](std::size_t k) { chain.Run(k, [&] { return self->cancelled(); }); });
  self = job.get();
  ThreadPool::Shared().Run(job);
  if (job->failed()) throw CodedError(info.Env(), kErrKernelFailed, "kernel failed: " + job->error());
  return info.Env().Undefined();
}

}  // namespace corepool
