// Argument checks and async plumbing of the sort family. The TS layer has
// validated everything already; these checks protect memory against direct
// binding calls. Each call is one pool block that runs the multi-phase
// algorithm of sort_driver.h (nested ParallelFor: the block's thread helps).
#include "sort_binding.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../pool/parallel.h"
#include "../pool/thread_pool.h"
#include "cancel_flag.h"
#include "errors.h"
#include "operand.h"
#include "sort_driver.h"

namespace corepool {
namespace {

/// The parsed call: the work, and which arguments hold buffers to pin.
struct SortWork {
  std::function<bool(const SortStop&)> run;
  std::vector<std::size_t> buffers;
};

constexpr double kTwo32 = 4294967296.0;

bool ReadBool(Napi::Env env, const Napi::Value& value, const char* name) {
  if (!value.IsBoolean()) throw CodedTypeError(env, kErrInvalidArgType, std::string(name) + " must be a boolean");
  return value.As<Napi::Boolean>().Value();
}

/// Reads an index output of `length` slots for indices into `positions` elements.
IndexOut ReadIndexOut(
    Napi::Env env, const Napi::Value& value, const char* name, std::size_t positions, std::size_t length) {
  const Operand op = ReadOperand(env, value, name);
  const bool wide = static_cast<double>(positions) >= kTwo32;
  if (op.dtype != (wide ? Dtype::kFloat64 : Dtype::kUint32)) {
    throw CodedTypeError(
        env, kErrInvalidDtype, std::string(name) + " must be a Uint32Array (a Float64Array from 2^32 elements)");
  }
  if (op.length != length) {
    throw CodedRangeError(
        env, kErrLengthMismatch, std::string(name) + " must have " + std::to_string(length) + " elements");
  }
  return IndexOut{const_cast<void*>(op.data), wide};  // our own view of a writable TypedArray
}

/// Reads a values output: the dtype of `like` and `length` elements.
void* ReadValuesOut(Napi::Env env, const Napi::Value& value, const Operand& like, std::size_t length) {
  const Operand op = ReadOperand(env, value, "values");
  if (op.dtype != like.dtype) throw CodedTypeError(env, kErrInvalidDtype, "values must have the dtype of a");
  if (op.length != length) {
    throw CodedRangeError(env, kErrLengthMismatch, "values must have " + std::to_string(length) + " elements");
  }
  return const_cast<void*>(op.data);
}

std::size_t ReadK(Napi::Env env, const Napi::Value& value, std::size_t max, const char* expectation) {
  const double k = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : -1;
  if (!(k >= 0 && k <= static_cast<double>(max) && k == std::floor(k))) {
    throw CodedRangeError(env, kErrOutOfRange, std::string("k must be ") + expectation);
  }
  return static_cast<std::size_t>(k);
}

SortWork ParseSort(const Napi::CallbackInfo& info) {
  const Operand a = ReadOperand(info.Env(), info[0], "a");
  const bool descending = ReadBool(info.Env(), info[1], "descending");
  return {[=](const SortStop& stop) {
            return SortInPlace(ThreadPool::Shared(), const_cast<void*>(a.data), a.length, a.dtype, descending, stop);
          },
          {0}};
}

SortWork ParseArgsort(const Napi::CallbackInfo& info) {
  const Operand a = ReadOperand(info.Env(), info[0], "a");
  const IndexOut out = ReadIndexOut(info.Env(), info[1], "out", a.length, a.length);
  const bool descending = ReadBool(info.Env(), info[2], "descending");
  return {[=](const SortStop& stop) {
            return Argsort(ThreadPool::Shared(), a.data, a.length, a.dtype, descending, out, stop);
          },
          {0, 1}};
}

SortWork ParsePartition(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Operand a = ReadOperand(env, info[0], "a");
  if (a.length == 0) throw CodedRangeError(env, kErrEmptyInput, "a must not be empty");
  const std::size_t k = ReadK(env, info[1], a.length - 1, "an integer from 0 to a.length - 1");
  void* values = ReadValuesOut(env, info[2], a, a.length);
  const IndexOut indices = ReadIndexOut(env, info[3], "indices", a.length, a.length);
  return {[=](const SortStop& stop) {
            return Partition(ThreadPool::Shared(), a.data, a.length, a.dtype, k, values, indices, stop);
          },
          {0, 2, 3}};
}

SortWork ParseTopk(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Operand a = ReadOperand(env, info[0], "a");
  const std::size_t k = ReadK(env, info[1], a.length, "an integer from 0 to a.length");
  const bool largest = ReadBool(env, info[2], "largest");
  void* values = ReadValuesOut(env, info[3], a, k);
  const IndexOut indices = ReadIndexOut(env, info[4], "indices", a.length, k);
  return {[=](const SortStop& stop) {
            return Topk(ThreadPool::Shared(), a.data, a.length, a.dtype, k, largest, values, indices, stop);
          },
          {0, 3, 4}};
}

SortWork ParseSearchsorted(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Operand sorted = ReadOperand(env, info[0], "sorted");
  const Operand values = ReadOperand(env, info[1], "values");
  if (values.dtype != sorted.dtype) throw CodedTypeError(env, kErrInvalidDtype, "values must have the dtype of sorted");
  const bool right = ReadBool(env, info[2], "right");
  const IndexOut out = ReadIndexOut(env, info[3], "out", sorted.length, values.length);
  return {[=](const SortStop& stop) {
            return SearchSorted(ThreadPool::Shared(),
                                sorted.data,
                                sorted.length,
                                values.data,
                                values.length,
                                sorted.dtype,
                                right,
                                out,
                                stop);
          },
          {0, 1, 3}};
}

std::size_t ElementBytes(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

/// Lines of `line` elements per parallel chunk: about one scan block of
/// elements, a function of the shape only (lines are independent anyway).
std::size_t LinesPerChunk(std::size_t line) {
  return std::max<std::size_t>(1, 16384 / std::max<std::size_t>(1, line));
}

/// sort_lines(op, line, a, k, flag, values, indices): the flat kernel `op`
/// (0 sort, in place or, given values, into values; 1 argsort, 2 partition, 3 topk) on each contiguous line
/// of `line` elements of a. Chunks of lines run in parallel; each line runs
/// the flat algorithm (a single long line still sorts in parallel inside).
SortWork ParseLines(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::size_t op = ReadK(env, info[0], 3, "a sort_lines op from 0 to 3");
  const Operand a = ReadOperand(env, info[2], "a");
  const std::size_t line = ReadK(env, info[1], a.length, "a line length dividing a.length");
  if (line == 0 ? a.length != 0 : a.length % line != 0) {
    throw CodedRangeError(env, kErrLengthMismatch, "line must divide a.length");
  }
  const std::size_t lines = line == 0 ? 0 : a.length / line;
  const bool partition = op == 2;
  const std::size_t k =
      op < 2 ? 0 : ReadK(env, info[3], partition ? (line == 0 ? 0 : line - 1) : line, "a rank within a line");
  const bool flag = ReadBool(env, info[4], "flag");
  const std::size_t per = op == 3 ? k : line;
  // sort with `values`: each line is copied there and sorted while in cache (a is only read).
  const bool into = op == 0 && !info[5].IsUndefined();
  void* values = op >= 2 || into ? ReadValuesOut(env, info[5], a, lines * per) : nullptr;
  const IndexOut indices = op >= 1 ? ReadIndexOut(env, info[6], "indices", line, lines * per) : IndexOut{};
  const std::size_t a_bytes = ElementBytes(a.dtype);
  const std::size_t i_bytes = indices.f64 ? 8 : 4;
  std::vector<std::size_t> buffers{2};
  if (op >= 2 || into) buffers.push_back(5);
  if (op >= 1) buffers.push_back(6);
  return {[=](const SortStop& stop) {
            ThreadPool& pool = ThreadPool::Shared();
            std::atomic<bool> stopped{false};
            ParallelFor(pool, 0, lines, LinesPerChunk(line), [&](std::size_t lo, std::size_t hi) {
              for (std::size_t i = lo; i < hi && !stopped.load(std::memory_order_relaxed); ++i) {
                void* in = static_cast<char*>(const_cast<void*>(a.data)) + i * line * a_bytes;
                const IndexOut idx{
                    indices.data == nullptr ? nullptr : static_cast<char*>(indices.data) + i * per * i_bytes,
                    indices.f64};
                void* vals = values == nullptr ? nullptr : static_cast<char*>(values) + i * per * a_bytes;
                bool done = true;
                if (op == 0 && into) {
                  std::memcpy(vals, in, line * a_bytes);
                  done = SortInPlace(pool, vals, line, a.dtype, flag, stop);
                } else if (op == 0) {
                  done = SortInPlace(pool, in, line, a.dtype, flag, stop);
                }
                if (op == 1) done = Argsort(pool, in, line, a.dtype, flag, idx, stop);
                if (op == 2) done = Partition(pool, in, line, a.dtype, k, vals, idx, stop);
                if (op == 3) done = Topk(pool, in, line, a.dtype, k, flag, vals, idx, stop);
                if (!done) stopped.store(true);
              }
            });
            return !stopped.load();
          },
          buffers};
}

/// One pool block running the whole algorithm; it stops early on the cancel
/// flag or when the environment cancels the job.
class SortFamilyCall final : public AsyncCall {
 public:
  SortFamilyCall(const Napi::CallbackInfo& info, SortWork work, const std::int32_t* flag, std::size_t flag_at)
      : AsyncCall(info.Env()), work_(std::move(work)), flag_(flag) {
    for (const std::size_t at : work_.buffers) Pin(info[at]);
    if (flag != nullptr) Pin(info[flag_at]);
  }
  std::size_t Blocks() const override { return 1; }
  void RunBlock(std::size_t) override {
    const SortStop stop = [this] { return Cancelled(flag_) || job()->cancelled(); };
    completed_ = work_.run(stop);
  }
  Napi::Value Result(Napi::Env env) override { return Napi::Boolean::New(env, completed_); }

 private:
  SortWork work_;
  const std::int32_t* flag_;
  bool completed_ = false;  // written by the block, read on the JS thread after it
};

Napi::Value StartAsync(const Napi::CallbackInfo& info, EnvState& state, SortWork work, std::size_t flag_at) {
  const std::int32_t* flag = ReadCancelFlag(info, flag_at);
  return state.Start(info.Env(), std::make_unique<SortFamilyCall>(info, std::move(work), flag, flag_at));
}

Napi::Value RunSync(const Napi::CallbackInfo& info, const SortWork& work) {
  try {
    work.run([] { return false; });
  } catch (const std::exception& e) {
    throw CodedError(info.Env(), kErrKernelFailed, std::string("kernel failed: ") + e.what());
  }
  return info.Env().Undefined();
}

}  // namespace

Napi::Value SortAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseSort(info), 2);
}
Napi::Value SortSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseSort(info));
}
Napi::Value ArgsortAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseArgsort(info), 3);
}
Napi::Value ArgsortSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseArgsort(info));
}
Napi::Value PartitionAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParsePartition(info), 4);
}
Napi::Value PartitionSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParsePartition(info));
}
Napi::Value TopkAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseTopk(info), 5);
}
Napi::Value TopkSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseTopk(info));
}
Napi::Value SortLinesAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseLines(info), 7);
}
Napi::Value SortLinesSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseLines(info));
}
Napi::Value SearchsortedAsync(const Napi::CallbackInfo& info, EnvState& state) {
  return StartAsync(info, state, ParseSearchsorted(info), 4);
}
Napi::Value SearchsortedSync(const Napi::CallbackInfo& info) {
  return RunSync(info, ParseSearchsorted(info));
}

}  // namespace corepool
