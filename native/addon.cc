#include "addon.h"

#include "binding/addon_binding.h"
#include "binding/expr_binding.h"
#include "binding/histogram_binding.h"
#include "binding/linalg_binding.h"
#include "binding/map_binding.h"
#include "binding/random_binding.h"
#include "binding/reduce_binding.h"
#include "binding/scan_binding.h"
#include "binding/sort_binding.h"

// takes_state in binding/exports.def picks how a forwarder calls its function.
#define COREPOOL_FORWARD_0(Function) Function(info)
#define COREPOOL_FORWARD_1(Function) Function(info, state_)

namespace corepool {

CorepoolAddon::CorepoolAddon(Napi::Env env, Napi::Object exports) : state_(env) {
  // Runs before napi's own teardown (hooks run in reverse order), while the
  // buffers our jobs read are still alive.
  env.AddCleanupHook([this] { state_.Cleanup(); });
  DefineAddon(exports,
              {
#define COREPOOL_EXPORT(js_name, Function, takes_state) InstanceMethod(#js_name, &CorepoolAddon::Function##Method),
#include "binding/exports.def"
#undef COREPOOL_EXPORT
              });
}

#define COREPOOL_EXPORT(js_name, Function, takes_state)                                                                \
  Napi::Value CorepoolAddon::Function##Method(const Napi::CallbackInfo& info) {                                        \
    return COREPOOL_FORWARD_##takes_state(Function);                                                                   \
  }
#include "binding/exports.def"
#undef COREPOOL_EXPORT

}  // namespace corepool

// The macro pastes the class name into an identifier, so it must be unqualified.
using corepool::CorepoolAddon;
NODE_API_ADDON(CorepoolAddon)
