#include <array>
#include <cstring>

#include "map.h"

namespace corepool {
namespace {

// Chunk of a block cast at a time: small enough for the casting buffers to
// stay in L1/L2 next to the data.
constexpr std::size_t kChunk = 1024;
constexpr std::size_t kLineBytes = 64;

const std::array kMapKernels = {
#define COREPOOL_MAP(name, arity, stem) Make_##name##_Map(),
#include "registry_map.def"
#undef COREPOOL_MAP
};

template <typename To>
void CastFrom(const Operand& from, std::size_t begin, std::size_t n, To* dst) {
  VisitDtype(from.dtype, [&](auto tag) {
    using From = decltype(tag);
    const From* src = from.As<From>() + begin;
    for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<To>(src[i]);
  });
}

template <typename To>
void Fill(double value, std::size_t n, To* dst) {
  const To v = static_cast<To>(value);
  for (std::size_t i = 0; i < n; ++i) dst[i] = v;
}

std::size_t SizeOf(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

}  // namespace

bool IsSafeCast(Dtype from, Dtype to) {
  if (from == to || to == Dtype::kFloat64) return true;  // every dtype fits a double
  if (to == Dtype::kFloat32) return !IsFloat(from) && SizeOf(from) <= 2;
  if (IsFloat(from)) return false;
  const auto is_signed = [](Dtype t) { return t == Dtype::kInt8 || t == Dtype::kInt16 || t == Dtype::kInt32; };
  const std::size_t from_bytes = SizeOf(from);
  const std::size_t to_bytes = SizeOf(to);
  if (is_signed(from) == is_signed(to)) return to_bytes >= from_bytes;
  return is_signed(to) && to_bytes > from_bytes;  // unsigned into a wider signed type
}

void RunMapBlock(const MapCall& call, std::size_t begin, std::size_t end) {
  VisitDtype(call.plan.compute, [&](auto tag) {
    using C = decltype(tag);
    alignas(kLineBytes) C buffers[kMaxMapInputs][kChunk];
    const void* in[kMaxMapInputs] = {nullptr, nullptr, nullptr};
    // Scalars are broadcast once per block; their buffer is reused by every chunk.
    for (int k = 0; k < call.arity; ++k) {
      if (call.inputs[k].is_scalar) Fill<C>(call.inputs[k].scalar, kChunk, buffers[k]);
    }
    const std::size_t out_size = SizeOf(call.out_dtype);
    // A short first chunk brings `out` to a cache-line boundary, so later
    // chunks store whole lines (and load them too from inputs aligned like
    // out, as JS arrays usually are): a 64-byte vector that straddles two
    // lines costs up to half the bandwidth. Elementwise, so no result changes.
    const auto first_addr = reinterpret_cast<std::uintptr_t>(static_cast<char*>(call.out) + begin * out_size);
    const std::size_t head = (kLineBytes - first_addr % kLineBytes) % kLineBytes / out_size;
    for (std::size_t lo = begin; lo < end;) {
      const std::size_t want = lo == begin && head != 0 ? head : kChunk;
      const std::size_t n = end - lo < want ? end - lo : want;
      for (int k = 0; k < call.arity; ++k) {
        const MapInput& input = call.inputs[k];
        if (input.is_scalar) {
          in[k] = buffers[k];
        } else if (input.array.dtype == call.plan.compute) {
          in[k] = input.array.As<C>() + lo;
        } else {
          CastFrom<C>(input.array, lo, n, buffers[k]);
          in[k] = buffers[k];
        }
      }
      call.plan.loop(in, static_cast<char*>(call.out) + lo * out_size, n);
      lo += n;
    }
  });
}

std::size_t MapKernelCount() {
  return kMapKernels.size();
}

const MapKernel* FindMapKernel(std::size_t id) {
  return id < kMapKernels.size() ? &kMapKernels[id] : nullptr;
}

}  // namespace corepool
