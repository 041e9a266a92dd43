// histogram and bincount counting, shared by the binding and the C++ tests.
// Pure compute on [begin, end): no N-API, no threads. The JS twin is
// src/kernels/histogram.ts; both split the input into the same parts.
#pragma once

#include <cstddef>

#include "../pool/blocks.h"
#include "dtype.h"

namespace corepool {

/// How an element picks its bin.
enum class HistMode : int {
  kUniform = 0,   ///< equal-width bins: estimate from (x - lo) * norm, then settle against the edges
  kEdges = 1,     ///< explicit increasing edges: binary search
  kBincount = 2,  ///< the element is the bin (a validated non-negative integer)
};

struct HistSpec {
  HistMode mode = HistMode::kUniform;
  Operand a;
  Operand weights;                ///< data == nullptr when unweighted
  const double* edges = nullptr;  ///< bins + 1 edges (histogram modes)
  std::size_t bins = 0;           ///< length of every counts array
};

/// Parts are the unit of parallel work and of the order in which weights are
/// added: each part counts its elements in index order into its own array,
/// and the arrays are added part 0, 1, 2, ... So the result depends on
/// (n, bins) only, never on threads. Memory is capped at kHistBudget doubles.
inline constexpr std::size_t kHistMaxParts = 16;
inline constexpr std::size_t kHistBudget = std::size_t{1} << 23;

/// Number of parts for n elements and `bins` bins (at least 1).
[[nodiscard]] std::size_t HistParts(std::size_t n, std::size_t bins);
/// Elements of part `p` of `parts`: whole kReduceBlock blocks, earlier parts smaller.
[[nodiscard]] BlockRange HistPart(std::size_t n, std::size_t parts, std::size_t p);

/// Adds elements [begin, end) of spec.a (and their weights) into counts[0, bins).
/// Elements outside the edges, NaN, or (bincount) out of range are skipped.
void HistCount(const HistSpec& spec, std::size_t begin, std::size_t end, double* counts);

}  // namespace corepool
