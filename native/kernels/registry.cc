#include <array>

#include "reduce.h"

namespace corepool {
namespace {

const std::array kKernels = {
#define COREPOOL_REDUCE(name, arity, stem) Make_##name##_Kernel(),
#include "registry.def"
#undef COREPOOL_REDUCE
};

}  // namespace

std::size_t ReduceKernelCount() {
  return kKernels.size();
}

const ReduceKernel* FindReduceKernel(std::size_t id) {
  return id < kKernels.size() ? &kKernels[id] : nullptr;
}

}  // namespace corepool
