// parallel_for / parallel_reduce over half-open ranges, on a ThreadPool.
// Blocks are [begin + i*block, min(end, begin + (i+1)*block)): a function of
// the range and block size only, never of the thread count.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <vector>

#include "blocks.h"
#include "thread_pool.h"

namespace corepool {

/// Calls body(lo, hi) for every block of [begin, end) and returns when all are
/// done; the calling thread helps. Rethrows the first failure as
/// std::runtime_error after every started block has finished.
template <typename Body>
void ParallelFor(ThreadPool& pool, std::size_t begin, std::size_t end, std::size_t block, Body&& body) {
  if (end <= begin) return;
  if (block == 0) throw std::invalid_argument("block must be positive");
  const std::size_t n = end - begin;
  auto job = std::make_shared<Job>(BlockCount(n, block), [&](std::size_t index) {
    const BlockRange r = BlockAt(n, block, index);
    body(begin + r.begin, begin + r.end);
  });
  pool.Run(job);
  if (job->failed()) throw std::runtime_error(job->error());
}

/// Reduces [begin, end): map(lo, hi) gives one value per block, and the values
/// are combined in the fixed TreeCombine order, so the result is the same for
/// every pool size. Returns `identity` for an empty range.
template <typename T, typename Map, typename Combine>
[[nodiscard]] T ParallelReduce(
    ThreadPool& pool, std::size_t begin, std::size_t end, std::size_t block, T identity, Map&& map, Combine&& combine) {
  if (end <= begin) return identity;
  if (block == 0) throw std::invalid_argument("block must be positive");
  const std::size_t n = end - begin;
  std::vector<T> parts(BlockCount(n, block), identity);
  ParallelFor(
      pool, begin, end, block, [&](std::size_t lo, std::size_t hi) { parts[(lo - begin) / block] = map(lo, hi); });
  return TreeCombine(parts, 0, parts.size(), combine);
}

}  // namespace corepool
