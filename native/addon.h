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
  Napi::Value PoolConfigure(const Napi::CallbackInfo& info);
  Napi::Value PoolInfo(const Napi::CallbackInfo& info);
  Napi::Value KernelNames(const Napi::CallbackInfo& info);
  Napi::Value ReduceAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ReduceSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value MapAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value MapSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ScanAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ScanSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value HistAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value HistSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value RandomAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value RandomSyncMethod(const Napi::CallbackInfo& info);

  EnvState state_;
};

}  // namespace corepool
