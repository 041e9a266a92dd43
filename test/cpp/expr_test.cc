// The expression VM (native/kernels/expr_vm.h) against its reference: the
// same map kernels run one after another over full-size temporaries, then
// the flat reduction. Every result must match bit for bit, for any pool size.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "expr_util.h"
#include "harness.h"
#include "kernels/expr_vm.h"
#include "test_util.h"

namespace corepool::test {
namespace {

// Around the chunk (1024) and block (16384) edges, and 0.
constexpr std::size_t kSizes[] = {0, 1, 1023, 1024, 1025, 16383, 16384, 16385, 3 * 16384 + 77};

void ExpectSame(const ExprSpec& spec, const std::vector<Buffer>& buffers, const char* what) {
  const ExprOutcome want = RunReference(spec, buffers);
  for (std::size_t threads : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const ExprOutcome got = RunVm(spec, buffers, threads);
    if (spec.mode == 1) {
      if (std::memcmp(&got.value, &want.value, sizeof(double)) != 0) {
        ReportFailure(
            __FILE__, __LINE__, std::string(what) + ": reduced " + Show(got.value) + " vs " + Show(want.value));
      }
    } else if (got.out != want.out) {
      ReportFailure(__FILE__, __LINE__, std::string(what) + ": stored bytes differ");
    }
  }
}

/// out = 2*a + 3*b*c over flat views starting `offset` elements in.
ExprSpec Chain(std::size_t n, std::int64_t offset, Dtype out, Dtype a, Dtype b, Dtype c, Dtype reg) {
  ExprSpec s;
  s.shape = {static_cast<std::int64_t>(n)};
  for (int i = 0; i < 4; ++i) s.views.push_back(s.Flat(offset));
  s.bindings = {out, a, b, c};
  s.registers = {reg, reg};
  const std::size_t mul = MapId("mul"), add = MapId("add");
  s.code = {{mul, 0, {{kScalar, 2}, {kBind, 1}}},
            {mul, 1, {{kScalar, 3}, {kBind, 2}}},
            {mul, 1, {{kReg, 1}, {kBind, 3}}},
            {add, -1, {{kReg, 0}, {kReg, 1}}}};
  return s;
}

std::vector<Buffer> BuffersFor(const ExprSpec& s, std::size_t length, unsigned seed) {
  std::vector<Buffer> out;
  for (std::size_t b = 0; b < s.bindings.size(); ++b) {
    out.push_back(RandomBuffer(s.bindings[b], length, seed + static_cast<unsigned>(b)));
  }
  return out;
}

COREPOOL_TEST(ExprChainMatchesTheMapKernelsOneAfterAnother) {
  for (std::size_t n : kSizes) {
    for (std::int64_t offset : {0, 3}) {
      const ExprSpec s =
          Chain(n, offset, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64);
      ExpectSame(s, BuffersFor(s, n + static_cast<std::size_t>(offset), 1), "2*a + 3*b*c");
    }
  }
}

COREPOOL_TEST(ExprCastsMixedDtypesLikeTheMapKernels) {
  for (std::size_t n : {std::size_t{1025}, std::size_t{16385}}) {
    // int16, float32 and uint8 inputs cast exactly to float32 registers.
    ExprSpec s = Chain(n, 1, Dtype::kFloat32, Dtype::kInt16, Dtype::kFloat32, Dtype::kUint8, Dtype::kFloat32);
    ExpectSame(s, BuffersFor(s, n + 1, 7), "float32 from int16/float32/uint8");
    // int32 arithmetic stays int32; the stored float64 casts the last step.
    s = Chain(n, 0, Dtype::kInt32, Dtype::kInt32, Dtype::kInt16, Dtype::kUint8, Dtype::kInt32);
    ExpectSame(s, BuffersFor(s, n, 9), "int32 chain");
    s = Chain(n, 0, Dtype::kFloat64, Dtype::kInt32, Dtype::kUint32, Dtype::kFloat32, Dtype::kFloat64);
    ExpectSame(s, BuffersFor(s, n, 11), "float64 from int32/uint32/float32");
  }
}

COREPOOL_TEST(ExprCompareThenWhere) {
  for (std::size_t n : {std::size_t{5}, std::size_t{16385}}) {
    ExprSpec s;
    s.shape = {static_cast<std::int64_t>(n)};
    for (int i = 0; i < 3; ++i) s.views.push_back(s.Flat());
    s.bindings = {Dtype::kFloat64, Dtype::kFloat64, Dtype::kInt16};
    s.registers = {Dtype::kUint8, Dtype::kFloat64};
    s.code = {{MapId("lt"), 0, {{kBind, 1}, {kBind, 2}}},
              {MapId("sub"), 1, {{kBind, 1}, {kScalar, 0.5}}},
              {MapId("where"), -1, {{kReg, 0}, {kReg, 1}, {kScalar, -1}}}};
    ExpectSame(s, BuffersFor(s, n, 21), "where(a < b, a - 0.5, -1)");
  }
}

/// out[i][j] = a[j] * bt[j][i] + c[i][C-1-j]: a broadcast row, a transposed
/// view and a reversed one, each with its own offset.
ExprSpec Strided(std::int64_t rows, std::int64_t cols, bool out_transposed) {
  ExprSpec s;
  s.shape = {rows, cols};
  s.views = {out_transposed ? ExprView{0, {1, rows}} : s.Flat(), {2, {0, 1}}, {0, {1, rows}}, {cols - 1, {cols, -1}}};
  s.bindings = {Dtype::kFloat64, Dtype::kFloat32, Dtype::kFloat64, Dtype::kInt16};
  s.registers = {Dtype::kFloat64};
  s.code = {{MapId("mul"), 0, {{kBind, 1}, {kBind, 2}}}, {MapId("add"), -1, {{kReg, 0}, {kBind, 3}}}};
  return s;
}

COREPOOL_TEST(ExprReadsBroadcastTransposedAndReversedViews) {
  const std::int64_t shapes[][2] = {{37, 1500}, {130, 129}, {1, 20000}, {3, 1}};
  for (const auto& shape : shapes) {
    for (bool transposed : {false, true}) {
      const ExprSpec s = Strided(shape[0], shape[1], transposed);
      const auto n = static_cast<std::size_t>(shape[0] * shape[1]);
      std::vector<Buffer> buffers = {RandomBuffer(Dtype::kFloat64, n, 1),
                                     RandomBuffer(Dtype::kFloat32, static_cast<std::size_t>(shape[1]) + 2, 2),
                                     RandomBuffer(Dtype::kFloat64, n, 3),
                                     RandomBuffer(Dtype::kInt16, n, 4)};
      ExpectSame(s, buffers, transposed ? "strided into a transposed out" : "strided");
    }
  }
}

/// reduce(a*b + c) with registers of `reg`.
ExprSpec Reduction(const char* reduce, std::size_t n, Dtype reg, Dtype in) {
  ExprSpec s;
  s.mode = 1;
  s.reduce = ReduceId(reduce);
  s.result = 1;
  s.shape = {static_cast<std::int64_t>(n)};
  for (int i = 0; i < 3; ++i) s.views.push_back(s.Flat());
  s.bindings = {in, in, in};
  s.registers = {reg, reg};
  s.code = {{MapId("mul"), 0, {{kBind, 0}, {kBind, 1}}}, {MapId("add"), 1, {{kReg, 0}, {kBind, 2}}}};
  if (!IsFloat(reg)) s.code[1] = {MapId("sub"), 1, {{kReg, 0}, {kScalar, 7}}};
  return s;
}

COREPOOL_TEST(ExprReductionsMatchTheFlatReductionOfTheResult) {
  for (const char* reduce : {"sum", "mean", "min", "max", "prod"}) {
    for (std::size_t n : kSizes) {
      if (n == 0 && (std::string(reduce) == "min" || std::string(reduce) == "max")) continue;
      for (Dtype reg : {Dtype::kFloat64, Dtype::kFloat32, Dtype::kInt32}) {
        const Dtype in = reg == Dtype::kInt32 ? Dtype::kInt16 : Dtype::kFloat32;
        const ExprSpec s = Reduction(reduce, n, reg, in);
        ExpectSame(s, BuffersFor(s, n, 31), reduce);
      }
    }
  }
}

COREPOOL_TEST(ExprRegistersReusedInPlace) {
  // r0 = a*b; r0 = r0 + c; r0 = r0 * r0; reduce r0 (in-place writes go
  // through the spare buffer, the reduced register's too).
  for (const char* reduce : {"sum", "max"}) {
    ExprSpec s = Reduction(reduce, 16384 + 5, Dtype::kFloat64, Dtype::kFloat64);
    s.result = 0;
    s.registers = {Dtype::kFloat64};
    s.code = {{MapId("mul"), 0, {{kBind, 0}, {kBind, 1}}},
              {MapId("add"), 0, {{kReg, 0}, {kBind, 2}}},
              {MapId("mul"), 0, {{kReg, 0}, {kReg, 0}}}};
    ExpectSame(s, BuffersFor(s, 16384 + 5, 41), "in-place registers");
  }
}

COREPOOL_TEST(ExprEmptyShapes) {
  ExprSpec s = Chain(0, 0, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64, Dtype::kFloat64);
  s.shape = {4, 0};
  s.views.assign(4, ExprView{0, {0, 1}});
  ExpectSame(s, BuffersFor(s, 0, 1), "empty store");
  ExprSpec r = Reduction("min", 0, Dtype::kFloat64, Dtype::kFloat64);
  const std::vector<double> words = r.Words();
  const ExprArrayInfo infos[3] = {};
  auto program = std::make_unique<ExprProgram>();
  const ArgVerdict v = CheckExprProgram(words.data(), words.size(), infos, 3, program.get());
  EXPECT_TRUE(v.fault == ArgFault::kEmptyInput);
}

}  // namespace
}  // namespace corepool::test
