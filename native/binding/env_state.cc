#include "env_state.h"

#include <string>
#include <utility>

#include "../pool/thread_pool.h"
#include "errors.h"

namespace corepool {

EnvState::EnvState(Napi::Env env) {
  tsfn_ = Tsfn::New(env, "corepool.settle", 0, 1, this);
  // An idle addon must not keep the process alive; Start() refs while busy.
  tsfn_.Unref(env);
}

EnvState::~EnvState() {
  Cleanup();
}

Napi::Promise EnvState::Start(Napi::Env env, std::unique_ptr<AsyncCall> call) {
  Napi::Promise promise = call->deferred().Promise();
  if (closing_) {
    call->deferred().Reject(CodedError(env, kErrEnvClosing, "the environment is shutting down").Value());
    return promise;
  }
  const std::uint64_t id = next_id_++;
  AsyncCall* raw = call.get();
  auto job = std::make_shared<Job>(
      raw->Blocks(), [raw](std::size_t index) { raw->RunBlock(index); }, [this, id](Job&) { OnPoolDone(id); });
  raw->job() = job;
  calls_.emplace(id, std::move(call));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++on_pool_;
  }
  if (settling_++ == 0) tsfn_.Ref(env);
  ThreadPool::Shared().Submit(std::move(job));
  return promise;
}

void EnvState::OnPoolDone(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!closing_) tsfn_.NonBlockingCall(reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
  // Notify under the lock: once Cleanup sees zero it may free this object.
  if (--on_pool_ == 0) idle_.notify_all();
}

void EnvState::CallJs(Napi::Env env, Napi::Function, EnvState* self, void* data) {
  // A null env means the function is being torn down; Cleanup owns the calls.
  if (env == nullptr || self == nullptr) return;
  try {
    self->Settle(env, static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(data)));
  } catch (...) {
    // Settling can only fail while the environment is terminating.
  }
}

void EnvState::Settle(Napi::Env env, std::uint64_t id) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  std::unique_ptr<AsyncCall> call = std::move(it->second);
  calls_.erase(it);
  if (--settling_ == 0) tsfn_.Unref(env);
  Napi::HandleScope scope(env);
  Job& job = *call->job();
  if (job.failed()) {
    call->deferred().Reject(CodedError(env, kErrKernelFailed, "kernel failed: " + job.error()).Value());
    return;
  }
  // The kernel ran on memory this call held (AsyncCall::Pin), but whatever it
  // computed from or into a transferred buffer is not the caller's any more.
  if (call->AnyPinDetached(env)) {
    call->deferred().Reject(
        CodedTypeError(env, kErrDetachedBuffer, "a buffer of this call was detached while the call ran").Value());
    return;
  }
  try {
    call->deferred().Resolve(call->Result(env));
  } catch (const Napi::Error& e) {
    call->deferred().Reject(e.Value());
  }
}

void EnvState::Cleanup() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (closing_) return;
    closing_ = true;
    for (auto& entry : calls_) entry.second->job()->Cancel();
    // Blocks already running finish (they are short); the rest are skipped.
    idle_.wait(lock, [this] { return on_pool_ == 0; });
  }
  calls_.clear();
  tsfn_.Release();
}

}  // namespace corepool
