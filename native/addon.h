// Module init and per-environment state only. Each Node environment (main
// thread or worker_thread) gets its own CorepoolAddon; the compute pool
// behind it is process-wide.
#pragma once

#include <napi.h>

#include "binding/env_state.h"

namespace corepool {

class CorepoolAddon final : public Napi::Addon<CorepoolAddon> {
 public:
  CorepoolAddon(Napi::Env env, Napi::Object exports);

 private:
  // One forwarder per line of binding/exports.def: Napi::Addon methods must
  // be members, while the work lives in free functions in binding/.
#define COREPOOL_EXPORT(js_name, Function, takes_state) Napi::Value Function##Method(const Napi::CallbackInfo& info);
#include "binding/exports.def"
#undef COREPOOL_EXPORT

  EnvState state_;
};

}  // namespace corepool
