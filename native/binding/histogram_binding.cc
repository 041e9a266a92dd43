// histogram/bincount on the pool: one job block per part (histogram.h), each
// counting into its own array; the arrays are then added in part order, so
// weighted sums never depend on which thread ran which part.
#include "histogram_binding.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "../kernels/histogram.h"
#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
#include "arg_errors.h"
#include "cancel_flag.h"
#include "errors.h"
#include "operand.h"

namespace corepool {
namespace {

struct HistArgs {
  HistSpec spec;
  double* counts = nullptr;
};

HistArgs ParseHistArgs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double mode = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  if (!(mode == 0 || mode == 1 || mode == 2)) throw CodedRangeError(env, kErrOutOfRange, "mode must be 0, 1 or 2");
  HistArgs args;
  args.spec.mode = static_cast<HistMode>(static_cast<int>(mode));
  const Operand counts = ReadOperand(env, info[1], "counts");
  if (counts.dtype != Dtype::kFloat64) throw CodedTypeError(env, kErrInvalidDtype, "counts must be a Float64Array");
  args.counts = static_cast<double*>(const_cast<void*>(counts.data));  // our own writable view
  args.spec.bins = counts.length;
  args.spec.a = ReadOperand(env, info[2], "a");
  const bool has_weights = !info[3].IsUndefined();
  if (has_weights) args.spec.weights = ReadOperand(env, info[3], "weights");
  Operand edges;
  if (args.spec.mode != HistMode::kBincount) edges = ReadOperand(env, info[4], "edges");
  ThrowIfRejected(env,
                  CheckHistogram(mode,
                                 counts.length,
                                 args.spec.a.length,
                                 has_weights,
                                 args.spec.weights.length,
                                 edges.dtype == Dtype::kFloat64,
                                 edges.length));
  if (args.spec.a.length == 0) args.spec.weights = Operand{};
  if (args.spec.mode != HistMode::kBincount) args.spec.edges = edges.As<double>();
  return args;
}

/// The parts of one call and their private arrays; part 0 counts into the result.
class HistRun {
 public:
  HistRun(const HistArgs& args, const std::int32_t* flag)
      : args_(args),
        flag_(flag),
        parts_(HistParts(args.spec.a.length, args.spec.bins)),
        scratch_((parts_ - 1) * args.spec.bins, 0.0) {}

  std::size_t parts() const { return parts_; }
  bool skipped() const { return skipped_.load(); }

  void Run(std::size_t p) {
    double* counts = p == 0 ? args_.counts : scratch_.data() + (p - 1) * args_.spec.bins;
    const BlockRange r = HistPart(args_.spec.a.length, parts_, p);
    for (std::size_t lo = r.begin; lo < r.end; lo += kReduceBlock) {
      if (Cancelled(flag_)) {
        skipped_.store(true, std::memory_order_relaxed);
        return;
      }
      HistCount(args_.spec, lo, std::min(r.end, lo + kReduceBlock), counts);
    }
  }

  /// Adds the private arrays into the result in part order. After every Run.
  void Merge() {
    if (skipped()) return;
    const std::size_t bins = args_.spec.bins;
    for (std::size_t p = 1; p < parts_; ++p) {
      const double* part = scratch_.data() + (p - 1) * bins;
      for (std::size_t j = 0; j < bins; ++j) args_.counts[j] += part[j];
    }
  }

 private:
  HistArgs args_;
  const std::int32_t* flag_;
  std::size_t parts_;
  std::vector<double> scratch_;
  std::atomic<bool> skipped_{false};
};

class HistAsyncCall final : public AsyncCall {
 public:
  HistAsyncCall(const Napi::CallbackInfo& info, const HistArgs& args, const std::int32_t* flag)
      : AsyncCall(info.Env()), parts_(args, flag) {
    for (std::size_t k = 1; k <= 5; ++k) {
      if (info[k].IsObject()) Pin(info[k]);
    }
  }
  std::size_t Blocks() const override { return parts_.parts(); }
  void RunBlock(std::size_t index) override { parts_.Run(index); }
  Napi::Value Result(Napi::Env env) override {
    parts_.Merge();
    return Napi::Boolean::New(env, !parts_.skipped());
  }

 private:
  HistRun parts_;
};

}  // namespace

Napi::Value HistAsync(const Napi::CallbackInfo& info, EnvState& state) {
  const HistArgs args = ParseHistArgs(info);
  const std::int32_t* flag = ReadCancelFlag(info, 5);
  return state.Start(info.Env(), std::make_unique<HistAsyncCall>(info, args, flag));
}

Napi::Value HistSync(const Napi::CallbackInfo& info) {
  HistRun parts(ParseHistArgs(info), nullptr);
  try {
    ParallelFor(ThreadPool::Shared(), 0, parts.parts(), 1, [&](std::size_t lo, std::size_t) { parts.Run(lo); });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  parts.Merge();
  return info.Env().Undefined();
}

}  // namespace corepool
