// astype: one loop per (input dtype, output dtype), converting exactly as a
// JavaScript TypedArray store would (cast.h), so the JS twin is the store
// itself. Inputs are read in their own dtype: the plan's compute dtype is the
// input's, and the loop does the whole conversion.
#include <type_traits>

#include "cast.h"
#include "loops.h"

namespace corepool {
namespace {

/// Output tag for Uint8ClampedArray, which shares uint8_t with Uint8Array.
struct Clamped {};

template <typename To, typename From>
inline auto Convert(From v) {
  if constexpr (std::is_same_v<To, Clamped>) {
    if constexpr (std::is_floating_point_v<From>) {
      return JsToUint8Clamp(static_cast<double>(v));
    } else if constexpr (std::is_same_v<From, std::uint8_t>) {
      return v;
    } else {
      const std::int64_t w = v;  // wide enough that both bounds are meaningful for every From
      return static_cast<std::uint8_t>(w < 0 ? 0 : (w > 255 ? 255 : w));
    }
  } else if constexpr (std::is_floating_point_v<To>) {
    return static_cast<To>(v);  // exact, or IEEE round to nearest even
  } else if constexpr (std::is_floating_point_v<From>) {
    return static_cast<To>(JsToUint32(static_cast<double>(v)));  // modulo 2^bits
  } else {
    return static_cast<To>(v);  // integer to integer: modulo 2^bits
  }
}

template <typename From, typename To>
COREPOOL_CLONES void CastLoop(const void* const* in, void* out, std::size_t n) {
  using Stored = decltype(Convert<To>(From{}));
  const From* a = static_cast<const From*>(in[0]);
  Stored* o = static_cast<Stored*>(out);
  if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    // Vectorised pass for chunks whose values all truncate into int32 (then
    // wrap to To like the exact path); any NaN, infinity or large value
    // sends the whole chunk through the exact modulo-2^32 path.
    int outside = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = a[i];
      const bool fits = FitsInt32(v);
      o[i] = static_cast<To>(static_cast<std::int32_t>(fits ? v : 0.0));
      outside |= fits ? 0 : 1;
    }
    if (outside == 0) return;
  }
  for (std::size_t i = 0; i < n; ++i) o[i] = Convert<To>(a[i]);
}

template <typename From>
MapLoop CastLoopTo(Dtype out) {
  switch (out) {
    case Dtype::kFloat64:
      return CastLoop<From, double>;
    case Dtype::kFloat32:
      return CastLoop<From, float>;
    case Dtype::kInt32:
      return CastLoop<From, std::int32_t>;
    case Dtype::kUint32:
      return CastLoop<From, std::uint32_t>;
    case Dtype::kInt16:
      return CastLoop<From, std::int16_t>;
    case Dtype::kUint16:
      return CastLoop<From, std::uint16_t>;
    case Dtype::kInt8:
      return CastLoop<From, std::int8_t>;
    case Dtype::kUint8:
      return CastLoop<From, std::uint8_t>;
    case Dtype::kUint8Clamped:
      return CastLoop<From, Clamped>;
  }
  return nullptr;
}

MapPlan CastPlan(Dtype out, Dtype first) {
  return {first, VisitDtype(first, [out](auto tag) { return CastLoopTo<decltype(tag)>(out); })};
}

}  // namespace

MapKernel Make_astype_Map() {
  return {"astype", 1, CastPlan};
}

}  // namespace corepool
