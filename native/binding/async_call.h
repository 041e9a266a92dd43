// Base class of every asynchronous kernel call.
//
// Thread contract (which thread runs each hook):
//   constructor, Pin()        JS thread: arguments become Operands and every
//                              buffer is pinned before anything is queued.
//   Blocks(), RunBlock()      pool threads (and never N-API): pure compute.
//   Result()                  JS thread, after every block finished; may throw
//                              Napi::Error to reject.
//   destructor                JS thread: unpins the buffers.
#pragma once

#include <napi.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "../pool/job.h"

namespace corepool {

class AsyncCall {
 public:
  explicit AsyncCall(Napi::Env env) : deferred_(Napi::Promise::Deferred::New(env)) {}
  virtual ~AsyncCall() = default;
  AsyncCall(const AsyncCall&) = delete;
  AsyncCall& operator=(const AsyncCall&) = delete;

  /// Number of independent blocks; fixed by the input size.
  [[nodiscard]] virtual std::size_t Blocks() const = 0;
  /// Computes block `index`. Pool thread; must not touch N-API.
  virtual void RunBlock(std::size_t index) = 0;
  /// Builds the resolution value. JS thread.
  [[nodiscard]] virtual Napi::Value Result(Napi::Env env) = 0;

  /// Keeps `value` (a buffer-owning object) alive until the call settles.
  void Pin(const Napi::Value& value) { pins_.push_back(Napi::Persistent(value.As<Napi::Object>())); }

  Napi::Promise::Deferred& deferred() { return deferred_; }
  std::shared_ptr<Job>& job() { return job_; }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<Job> job_;
  std::vector<Napi::ObjectReference> pins_;
};

}  // namespace corepool
