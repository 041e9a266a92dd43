// Per-environment state: the calls in flight and the one thread-safe
// function through which pool threads hand results back to this
// environment's JS thread.
#pragma once

#include <napi.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "async_call.h"

namespace corepool {

class EnvState {
 public:
  explicit EnvState(Napi::Env env);
  ~EnvState();
  EnvState(const EnvState&) = delete;
  EnvState& operator=(const EnvState&) = delete;

  /// Queues `call` on the shared pool and returns its Promise. JS thread.
  Napi::Promise Start(Napi::Env env, std::unique_ptr<AsyncCall> call);

  /// Stops this environment's work: cancels its jobs, waits for blocks
  /// already running, and drops the calls. JS thread; safe to call twice.
  void Cleanup();

 private:
  static void CallJs(Napi::Env env, Napi::Function unused, EnvState* self, void* data);
  using Tsfn = Napi::TypedThreadSafeFunction<EnvState, void, CallJs>;

  void OnPoolDone(std::uint64_t id);             // pool thread
  void Settle(Napi::Env env, std::uint64_t id);  // JS thread

  Tsfn tsfn_;
  // JS-thread only.
  std::unordered_map<std::uint64_t, std::unique_ptr<AsyncCall>> calls_;
  std::uint64_t next_id_ = 1;
  std::size_t settling_ = 0;  // calls whose Promise is pending; keeps the loop alive
  // Shared with pool threads, guarded by mutex_.
  std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t on_pool_ = 0;
  bool closing_ = false;
};

}  // namespace corepool
