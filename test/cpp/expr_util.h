// Helpers of the expression VM tests: hand-built programs (the words of
// src/expr/program.ts), typed buffers, and the reference a program must
// equal bit for bit: its map kernels run one after another over full-size
// temporaries (RunMapBlock), then the flat reduction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "binding/expr_checks.h"
#include "kernels/dtype.h"

namespace corepool::test {

inline constexpr int kReg = 0;
inline constexpr int kBind = 1;
inline constexpr int kScalar = 2;

struct ExprView {
  std::int64_t offset = 0;
  std::vector<std::int64_t> strides;
};

struct ExprIns {
  std::size_t kernel = 0;
  int dst = 0;
  std::vector<std::pair<int, double>> ops;  ///< (kind, value)
};

/// A program before packing.
struct ExprSpec {
  int mode = 0;
  int reduce = -1;  ///< reduce kernel id
  int result = -1;
  std::vector<std::int64_t> shape;
  std::vector<ExprView> views;  ///< one per binding
  std::vector<Dtype> bindings;
  std::vector<Dtype> registers;
  std::vector<ExprIns> code;

  [[nodiscard]] std::vector<double> Words() const;
  [[nodiscard]] std::size_t Size() const;
  /// A C-contiguous view of the shape (strides for offset 0).
  [[nodiscard]] ExprView Flat(std::int64_t offset = 0) const;
};

/// A typed buffer with random small values (exact in every dtype involved).
struct Buffer {
  Dtype dtype = Dtype::kFloat64;
  std::size_t length = 0;
  std::vector<unsigned char> bytes;

  [[nodiscard]] void* data() { return length == 0 ? nullptr : bytes.data(); }
};

[[nodiscard]] Buffer RandomBuffer(Dtype dtype, std::size_t length, unsigned seed);
[[nodiscard]] std::size_t MapId(const char* name);
[[nodiscard]] int ReduceId(const char* name);

/// The result of a run: binding 0's bytes after it (store mode) or the
/// reduced value (reduce mode).
struct ExprOutcome {
  std::vector<unsigned char> out;
  double value = 0;
};

/// The map-kernel chain over full-size temporaries. `buffers` are unchanged.
[[nodiscard]] ExprOutcome RunReference(const ExprSpec& spec, const std::vector<Buffer>& buffers);
/// The VM, blocks spread over a pool of `threads` (0: run inline in order).
/// Fails the test when the program is refused.
[[nodiscard]] ExprOutcome RunVm(const ExprSpec& spec, const std::vector<Buffer>& buffers, std::size_t threads);
/// Runs a program CheckExprProgram accepted over copies of `buffers`; for the
/// corruption sweeps (ASan sees any out-of-bounds access).
void RunAccepted(ExprProgram* program, std::vector<Buffer> buffers);

}  // namespace corepool::test
