// CheckExprProgram (native/binding/expr_checks.h) against malformed
// programs: each targeted one-word corruption must be refused, and a sweep
// of odd values through every word must never crash; whatever it accepts is
// run over buffers of exactly the declared lengths (ASan sees any overrun).
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "expr_util.h"
#include "harness.h"
#include "kernels/expr_vm.h"
#include "kernels/map.h"
#include "kernels/reduce.h"

namespace corepool::test {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// A store program over a broadcast row, a transposed and a reversed view:
/// out = a*bt + c with shape 5×7 (word offsets are spelled out below).
ExprSpec StoreBase() {
  ExprSpec s;
  s.shape = {5, 7};
  s.views = {s.Flat(), {2, {0, 1}}, {0, {1, 5}}, {6, {7, -1}}};
  s.bindings = {Dtype::kFloat64, Dtype::kFloat32, Dtype::kFloat64, Dtype::kInt16};
  s.registers = {Dtype::kFloat64};
  s.code = {{MapId("mul"), 0, {{kBind, 1}, {kBind, 2}}}, {MapId("add"), -1, {{kReg, 0}, {kBind, 3}}}};
  return s;
}

std::vector<Buffer> StoreBuffers() {
  return {RandomBuffer(Dtype::kFloat64, 35, 1),
          RandomBuffer(Dtype::kFloat32, 9, 2),
          RandomBuffer(Dtype::kFloat64, 35, 3),
          RandomBuffer(Dtype::kInt16, 35, 4)};
}

/// sum(a*b - 7) in int32 registers over int16 inputs, 100 elements.
ExprSpec ReduceBase() {
  ExprSpec s;
  s.mode = 1;
  s.reduce = ReduceId("sum");
  s.result = 1;
  s.shape = {100};
  s.views = {s.Flat(), s.Flat()};
  s.bindings = {Dtype::kInt16, Dtype::kInt16};
  s.registers = {Dtype::kInt32, Dtype::kInt32};
  s.code = {{MapId("mul"), 0, {{kBind, 0}, {kBind, 1}}}, {MapId("sub"), 1, {{kReg, 0}, {kScalar, 7}}}};
  return s;
}

std::vector<Buffer> ReduceBuffers() {
  return {RandomBuffer(Dtype::kInt16, 100, 5), RandomBuffer(Dtype::kInt16, 100, 6)};
}

/// Checks `words` against `buffers`; runs the program when it is accepted.
ArgVerdict CheckAndRun(const std::vector<double>& words, const std::vector<Buffer>& buffers) {
  std::vector<ExprArrayInfo> infos;
  for (const Buffer& b : buffers) infos.push_back(ExprArrayInfo{b.dtype, b.length});
  auto program = std::make_unique<ExprProgram>();
  const ArgVerdict v = CheckExprProgram(words.data(), words.size(), infos.data(), infos.size(), program.get());
  if (v.ok()) RunAccepted(program.get(), buffers);
  return v;
}

using Corrupt = std::function<void(std::vector<double>&)>;

void ExpectRefused(const ExprSpec& base, const std::vector<Buffer>& buffers, const char* what, const Corrupt& corrupt) {
  std::vector<double> words = base.Words();
  corrupt(words);
  const ArgVerdict v = CheckAndRun(words, buffers);
  if (v.ok()) ReportFailure(__FILE__, __LINE__, std::string("accepted: ") + what);
}

COREPOOL_TEST(ExprChecksAcceptTheBasePrograms) {
  EXPECT_TRUE(CheckAndRun(StoreBase().Words(), StoreBuffers()).ok());
  EXPECT_TRUE(CheckAndRun(ReduceBase().Words(), ReduceBuffers()).ok());
}

// Store base layout: header 0-6; geometry 7 (ndim), 8 (B), 9-10 (shape),
// views at 11, 14, 17, 20 (offset, 2 strides); binding dtypes 23-26;
// register dtype 27; instruction 0 at 28-35, instruction 1 at 36-43.
COREPOOL_TEST(ExprChecksRefuseEachMalformedStoreField) {
  const ExprSpec s = StoreBase();
  const std::vector<Buffer> bufs = StoreBuffers();
  const auto set = [](std::size_t at, double v) { return [at, v](std::vector<double>& w) { w[at] = v; }; };
  const double kernels = static_cast<double>(MapKernelCount());
  const struct {
    const char* what;
    Corrupt corrupt;
  } cases[] = {
      {"version 2", set(0, 2)},
      {"version NaN", set(0, kNaN)},
      {"mode 2", set(1, 2)},
      {"mode 0.5", set(1, 0.5)},
      {"a reduction in store mode", set(2, 0)},
      {"fewer bindings than arrays", set(3, 3)},
      {"more bindings than arrays", set(3, 5)},
      {"33 bindings", set(3, 33)},
      {"33 registers", set(4, 33)},
      {"no registers for the code", set(4, 0)},
      {"0 instructions", set(5, 0)},
      {"257 instructions", set(5, 257)},
      {"huge instruction count", set(5, 1e300)},
      {"a result register in store mode", set(6, 0)},
      {"0 axes", set(7, 0)},
      {"33 axes", set(7, 33)},
      {"geometry binding count", set(8, 3)},
      {"shape past the arrays", set(9, 6)},
      {"negative extent", set(9, -1)},
      {"fractional extent", set(10, 6.5)},
      {"infinite extent", set(10, kInf)},
      {"offset past the array", set(14, 8)},
      {"negative offset", set(17, -1)},
      {"reversed view turned forward", set(22, 1)},
      {"broadcast output", set(12, 0)},
      {"output revisiting elements", [](std::vector<double>& w) { w[12] = 1, w[13] = 1; }},
      {"binding dtype not the array's", set(24, 0)},
      {"binding dtype 9", set(23, 9)},
      {"register dtype 9", set(27, 9)},
      {"register dtype NaN", set(27, kNaN)},
      {"kernel id past the registry", set(28, kernels)},
      {"kernel id -1", set(28, -1)},
      {"kernel id 0.5", set(28, 0.5)},
      {"a non-last write to binding 0", set(29, -1)},
      {"a write to a missing register", set(29, 1)},
      {"a last write to a register", set(37, 0)},
      {"operand kind 3", set(30, 3)},
      {"a register read before its write", [](std::vector<double>& w) { w[30] = kReg, w[31] = 0; }},
      {"a binding index past B", set(31, 4)},
      {"a register index past R", set(39, 1)},
      {"an inexact cast (float64 into float32)", set(27, static_cast<double>(Dtype::kFloat32))},
      {"an extra word", [](std::vector<double>& w) { w.push_back(0); }},
      {"a missing word", [](std::vector<double>& w) { w.pop_back(); }},
  };
  for (const auto& c : cases) ExpectRefused(s, bufs, c.what, c.corrupt);
}

// Reduce base layout: header 0-6; geometry 7-8, shape 9, views 10-11 and
// 12-13; binding dtypes 14-15; register dtypes 16-17; instructions at 18, 26.
COREPOOL_TEST(ExprChecksRefuseEachMalformedReduceField) {
  const ExprSpec s = ReduceBase();
  const std::vector<Buffer> bufs = ReduceBuffers();
  const auto set = [](std::size_t at, double v) { return [at, v](std::vector<double>& w) { w[at] = v; }; };
  const struct {
    const char* what;
    Corrupt corrupt;
  } cases[] = {
      {"reduction argmin", set(2, ReduceId("argmin"))},
      {"reduction dot (two operands)", set(2, ReduceId("dot"))},
      {"reduction any", set(2, ReduceId("any"))},
      {"reduction id past the registry", set(2, static_cast<double>(ReduceKernelCount()))},
      {"reduction -1 in reduce mode", set(2, -1)},
      {"result register past R", set(6, 2)},
      {"result register -1", set(6, -1)},
      {"a write to binding 0 in reduce mode", set(27, -1)},
      {"a scalar outside int32", set(31, 1e10)},
      {"a fractional scalar for int32", set(31, 0.5)},
      {"a NaN scalar for int32", set(31, kNaN)},
      {"a kernel without that output dtype", set(18, static_cast<double>(MapId("lt")))},
  };
  for (const auto& c : cases) ExpectRefused(s, bufs, c.what, c.corrupt);
  // A result register nothing writes.
  ExprSpec unwritten = s;
  unwritten.registers.push_back(Dtype::kFloat64);
  unwritten.result = 2;
  EXPECT_TRUE(!CheckAndRun(unwritten.Words(), bufs).ok());
}

// where with a float mask into a uint32 register computes in float64 and
// converts the chosen value back: int16 data (-2) could not be stored, uint16
// always can (the fuzzer's first find).
COREPOOL_TEST(ExprChecksRequireWhereDataToFitTheDestination) {
  ExprSpec s;
  s.mode = 1;
  s.reduce = ReduceId("sum");
  s.result = 0;
  s.shape = {4};
  s.views = {s.Flat(), s.Flat()};
  s.bindings = {Dtype::kFloat64, Dtype::kInt16};
  s.registers = {Dtype::kUint32};
  s.code = {{MapId("where"), 0, {{kBind, 0}, {kBind, 1}, {kScalar, 0}}}};
  std::vector<Buffer> bufs = {RandomBuffer(Dtype::kFloat64, 4, 1), RandomBuffer(Dtype::kInt16, 4, 2)};
  EXPECT_TRUE(CheckAndRun(s.Words(), bufs).fault == ArgFault::kInvalidDtype);
  s.bindings[1] = Dtype::kUint16;
  bufs[1] = RandomBuffer(Dtype::kUint16, 4, 2);
  EXPECT_TRUE(CheckAndRun(s.Words(), bufs).ok());
  s.code[0].ops[2] = {kScalar, -1};
  EXPECT_TRUE(!CheckAndRun(s.Words(), bufs).ok());
}

/// Every word replaced by each odd value: no crash, and accepted programs run
/// in bounds.
void Sweep(const ExprSpec& s, const std::vector<Buffer>& bufs) {
  const std::vector<double> base = s.Words();
  const double odd[] = {kNaN, kInf, -kInf, -1, -2, 0, 1, 2, 0.5, 9, 31, 33, 257, 1e300, -1e300, 9007199254740992.0};
  for (std::size_t i = 0; i < base.size(); ++i) {
    for (double v : odd) {
      for (double value : {v, base[i] + 1, base[i] - 1}) {
        std::vector<double> words = base;
        words[i] = value;
        (void)CheckAndRun(words, bufs);
      }
    }
  }
}

COREPOOL_TEST(ExprChecksSurviveEveryOneWordCorruption) {
  Sweep(StoreBase(), StoreBuffers());
  Sweep(ReduceBase(), ReduceBuffers());
}

}  // namespace
}  // namespace corepool::test
