#include "expr_util.h"

#include <cstring>
#include <memory>
#include <random>
#include <string>

#include "harness.h"
#include "kernels/expr_vm.h"
#include "kernels/map.h"
#include "kernels/reduce.h"
#include "pool/blocks.h"
#include "pool/parallel.h"
#include "pool/thread_pool.h"

namespace corepool::test {
namespace {

std::size_t SizeOf(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

/// Position of C-order element i of `view` over `shape`.
std::int64_t PositionOf(const std::vector<std::int64_t>& shape, const ExprView& view, std::size_t i) {
  std::int64_t pos = view.offset;
  for (std::size_t d = shape.size(); d-- > 0;) {
    const auto extent = static_cast<std::size_t>(shape[d]);
    pos += static_cast<std::int64_t>(i % extent) * view.strides[d];
    i /= extent;
  }
  return pos;
}

/// Binding b's elements in C order, contiguous in its own dtype.
std::vector<unsigned char> Materialize(const ExprSpec& spec, int b, const Buffer& buf) {
  const std::size_t n = spec.Size(), size = SizeOf(buf.dtype);
  std::vector<unsigned char> flat(n * size);
  for (std::size_t i = 0; i < n; ++i) {
    const auto at = static_cast<std::size_t>(PositionOf(spec.shape, spec.views[static_cast<std::size_t>(b)], i));
    std::memcpy(&flat[i * size], &buf.bytes[at * size], size);
  }
  return flat;
}

double FlatReduce(const ReduceKernel& kernel, const Operand& op) {
  if (op.length == 0) return kernel.empty_value;
  std::vector<Partial> parts(BlockCount(op.length, kReduceBlock));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const BlockRange r = BlockAt(op.length, kReduceBlock, i);
    parts[i] = kernel.block(&op, r.begin, r.end);
  }
  return kernel.finish(TreeCombine(parts, 0, parts.size(), kernel.combine), &op);
}

}  // namespace

std::size_t ExprSpec::Size() const {
  std::size_t n = 1;
  for (std::int64_t e : shape) n *= static_cast<std::size_t>(e);
  return n;
}

ExprView ExprSpec::Flat(std::int64_t offset) const {
  ExprView v;
  v.offset = offset;
  v.strides.assign(shape.size(), 1);
  for (std::size_t d = shape.size(); d-- > 1;) v.strides[d - 1] = v.strides[d] * shape[d];
  return v;
}

std::vector<double> ExprSpec::Words() const {
  std::vector<double> w = {1,
                           static_cast<double>(mode),
                           static_cast<double>(reduce),
                           static_cast<double>(bindings.size()),
                           static_cast<double>(registers.size()),
                           static_cast<double>(code.size()),
                           static_cast<double>(result)};
  w.push_back(static_cast<double>(shape.size()));
  w.push_back(static_cast<double>(views.size()));
  for (std::int64_t e : shape) w.push_back(static_cast<double>(e));
  for (const ExprView& v : views) {
    w.push_back(static_cast<double>(v.offset));
    for (std::int64_t s : v.strides) w.push_back(static_cast<double>(s));
  }
  for (Dtype t : bindings) w.push_back(static_cast<double>(t));
  for (Dtype t : registers) w.push_back(static_cast<double>(t));
  for (const ExprIns& ins : code) {
    w.push_back(static_cast<double>(ins.kernel));
    w.push_back(ins.dst);
    for (std::size_t k = 0; k < 3; ++k) {
      w.push_back(k < ins.ops.size() ? ins.ops[k].first : 0);
      w.push_back(k < ins.ops.size() ? ins.ops[k].second : 0);
    }
  }
  return w;
}

Buffer RandomBuffer(Dtype dtype, std::size_t length, unsigned seed) {
  Buffer buf;
  buf.dtype = dtype;
  buf.length = length;
  buf.bytes.resize(length * SizeOf(dtype) + 1);  // never empty, so data() of a view is valid
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> small(0, 60);
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = reinterpret_cast<T*>(buf.bytes.data());
    for (std::size_t i = 0; i < length; ++i) {
      const int v = small(rng);
      p[i] = IsFloat(dtype) ? static_cast<T>((v - 30) * 0.37) : static_cast<T>(v);
    }
  });
  return buf;
}

std::size_t MapId(const char* name) {
  for (std::size_t i = 0; i < MapKernelCount(); ++i) {
    if (std::string(FindMapKernel(i)->name) == name) return i;
  }
  ReportFailure(__FILE__, __LINE__, std::string("no map kernel ") + name);
  return 0;
}

int ReduceId(const char* name) {
  for (std::size_t i = 0; i < ReduceKernelCount(); ++i) {
    if (std::string(FindReduceKernel(i)->name) == name) return static_cast<int>(i);
  }
  ReportFailure(__FILE__, __LINE__, std::string("no reduce kernel ") + name);
  return 0;
}

ExprOutcome RunReference(const ExprSpec& spec, const std::vector<Buffer>& buffers) {
  const std::size_t n = spec.Size();
  std::vector<std::vector<unsigned char>> flat;
  for (std::size_t b = 0; b < buffers.size(); ++b) flat.push_back(Materialize(spec, static_cast<int>(b), buffers[b]));
  std::vector<std::vector<unsigned char>> regs(spec.registers.size());
  std::vector<unsigned char> stored;
  for (const ExprIns& ins : spec.code) {
    const MapKernel* kernel = FindMapKernel(ins.kernel);
    MapCall call;
    call.kernel = kernel;
    call.arity = kernel->arity;
    call.out_dtype = ins.dst < 0 ? spec.bindings[0] : spec.registers[static_cast<std::size_t>(ins.dst)];
    call.length = n;
    Dtype first = call.out_dtype;
    bool found = false;
    for (int k = 0; k < call.arity; ++k) {
      const auto [kind, value] = ins.ops[static_cast<std::size_t>(k)];
      MapInput& input = call.inputs[k];
      if (kind == kScalar) {
        input.is_scalar = true;
        input.scalar = value;
        continue;
      }
      const auto i = static_cast<std::size_t>(value);
      input.array =
          kind == kReg ? Operand{regs[i].data(), n, spec.registers[i]} : Operand{flat[i].data(), n, spec.bindings[i]};
      if (!found) first = input.array.dtype;
      found = true;
    }
    call.plan = kernel->plan(call.out_dtype, first);
    std::vector<unsigned char> out(n * SizeOf(call.out_dtype) + 1);
    call.out = out.data();
    if (n > 0) RunMapBlock(call, 0, n);
    (ins.dst < 0 ? stored : regs[static_cast<std::size_t>(ins.dst)]) = std::move(out);
  }
  ExprOutcome outcome;
  if (spec.mode == 1) {
    const auto r = static_cast<std::size_t>(spec.result);
    outcome.value = FlatReduce(*FindReduceKernel(static_cast<std::size_t>(spec.reduce)),
                               Operand{regs[r].data(), n, spec.registers[r]});
    return outcome;
  }
  outcome.out = buffers[0].bytes;
  const std::size_t size = SizeOf(spec.bindings[0]);
  for (std::size_t i = 0; i < n; ++i) {
    const auto at = static_cast<std::size_t>(PositionOf(spec.shape, spec.views[0], i));
    std::memcpy(&outcome.out[at * size], &stored[i * size], size);
  }
  return outcome;
}

namespace {

double RunProgram(const ExprProgram& p, std::size_t threads) {
  std::vector<Partial> parts(p.mode == ExprMode::kReduce ? ExprBlockCount(p) : 0);
  Partial* at = parts.data();
  auto run = [&](std::size_t index) { RunExprBlock(p, index, parts.empty() ? nullptr : at + index); };
  if (threads == 0) {
    for (std::size_t i = 0; i < ExprBlockCount(p); ++i) run(i);
  } else {
    ThreadPool pool(threads);
    ParallelFor(pool, 0, ExprBlockCount(p), 1, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) run(i);
    });
  }
  if (p.mode == ExprMode::kStore) return 0;
  if (parts.empty()) return p.reduce->empty_value;
  const Operand whole{nullptr, p.size, p.registers[p.result]};
  return p.reduce->finish(TreeCombine(parts, 0, parts.size(), p.reduce->combine), &whole);
}

}  // namespace

ExprOutcome RunVm(const ExprSpec& spec, const std::vector<Buffer>& buffers, std::size_t threads) {
  std::vector<Buffer> copies = buffers;
  std::vector<ExprArrayInfo> infos;
  for (const Buffer& b : copies) infos.push_back(ExprArrayInfo{b.dtype, b.length});
  const std::vector<double> words = spec.Words();
  auto program = std::make_unique<ExprProgram>();
  const ArgVerdict verdict = CheckExprProgram(words.data(), words.size(), infos.data(), infos.size(), program.get());
  if (!verdict.ok()) {
    ReportFailure(__FILE__, __LINE__, std::string("program refused: ") + verdict.message);
    return {};
  }
  for (std::size_t b = 0; b < copies.size(); ++b) program->bindings[b].data = copies[b].data();
  ExprOutcome outcome;
  outcome.value = RunProgram(*program, threads);
  outcome.out = copies[0].bytes;
  return outcome;
}

void RunAccepted(ExprProgram* program, std::vector<Buffer> buffers) {
  for (int b = 0; b < program->n_bindings; ++b) {
    // Exactly the declared length: ASan flags a read one past it.
    auto& bytes = buffers[static_cast<std::size_t>(b)].bytes;
    bytes.resize(buffers[static_cast<std::size_t>(b)].length * SizeOf(buffers[static_cast<std::size_t>(b)].dtype));
    bytes.shrink_to_fit();
    program->bindings[b].data = bytes.empty() ? nullptr : bytes.data();
  }
  (void)RunProgram(*program, 0);
}

}  // namespace corepool::test
