// Base class of every asynchronous kernel call.
//
// Thread contract (which thread runs each hook):
//   constructor, Pin()        JS thread: arguments become Operands and every
//                              buffer is pinned before anything is queued.
//   Blocks(), RunBlock()      pool threads (and never N-API): pure compute.
//   AnyPinDetached()          JS thread, after every block finished: a call
//                              whose buffer was detached meanwhile rejects
//                              with ERR_DETACHED_BUFFER (EnvState::Settle).
//   Result()                  JS thread, after every block finished; may throw
//                              Napi::Error to reject.
//   destructor                JS thread: unpins the buffers.
//
// Memory under a running call stays valid whatever JS does meanwhile:
//   - every buffer object is referenced until the call settles (Pin);
//   - a non-shared ArrayBuffer's backing store is owned too, so transferring
//     it away (postMessage, structuredClone) and collecting it cannot free
//     memory a pool thread still uses; the kernel may then write into memory
//     that now belongs to the transfer's receiver, and the call rejects;
//   - resizable ArrayBuffers are refused (ReadOperand), and a growable
//     SharedArrayBuffer never shrinks, so the lengths read at call time hold;
//   - concurrent writes (another call, a worker on shared memory) are a race
//     the caller owns: the sort family trusts no index derived from an
//     earlier read of caller memory, so there a race makes the order wrong,
//     never an access out of bounds.
#pragma once

#include <napi.h>

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "../pool/job.h"
#include "backing_store.h"

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

  /// Keeps `value` (a buffer-owning object) alive until the call settles,
  /// and for a TypedArray over a non-shared ArrayBuffer its memory too, even
  /// if the buffer is transferred away meanwhile. JS thread.
  void Pin(const Napi::Value& value) {
    pins_.push_back(Napi::Persistent(value.As<Napi::Object>()));
    if (value.IsTypedArray()) {
      if (std::shared_ptr<void> store = HoldBackingStore(value.Env(), value)) stores_.push_back(std::move(store));
    }
  }

  /// True when a pinned TypedArray's buffer was detached since Pin(). JS thread.
  [[nodiscard]] bool AnyPinDetached(Napi::Env env) const {
    for (const Napi::ObjectReference& pin : pins_) {
      if (IsDetachedView(env, pin.Value())) return true;
    }
    return false;
  }

  Napi::Promise::Deferred& deferred() { return deferred_; }
  std::shared_ptr<Job>& job() { return job_; }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<Job> job_;
  std::vector<Napi::ObjectReference> pins_;
  std::vector<std::shared_ptr<void>> stores_;  // v8::BackingStore, type-erased (backing_store.h)
};

}  // namespace corepool
