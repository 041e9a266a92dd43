// N-API has no way to own an ArrayBuffer's memory: a reference keeps the JS
// object alive, but a transfer (postMessage, structuredClone) detaches that
// object and hands its memory to another owner, which may free it while a
// pool thread still reads or writes it. N-API can only ask whether a buffer
// is detached (napi_is_detached_arraybuffer) or detach it; nothing defers a
// detach or owns the memory. V8's BackingStore is reference counted and
// outlives the detach, so this file reaches below N-API. (V8's
// ArrayBuffer::SetDetachKey could make the transfer itself throw instead, but
// that changes what the caller's postMessage does and needs key bookkeeping
// across overlapping calls; a held store changes nothing for other code.)
// ArrayBuffer.prototype.transfer() is covered as well: V8 either moves the
// store to the new buffer or copies into a new one; it never reallocates a
// fixed-length store in place (src/builtins/builtins-arraybuffer.cc).
//
// ABI assumptions, all true of Node's own N-API implementation
// (src/js_native_api_v8.h, V8LocalValueFromJsValue): a napi_value IS a
// v8::Local<v8::Value> of the same size, reinterpreted; the addon runs in the
// isolate whose handle scope created it, on its JS thread; and the V8 symbols
// used here (ArrayBuffer::GetBackingStore,
// BackingStore::IsResizableByUserJavaScript, ~BackingStore) are exported by
// every Node release that `engines` allows (>= 20). Runtimes that implement
// N-API on another engine are not supported by this addon.
#include "backing_store.h"

#include <v8.h>

#include <cstring>

namespace corepool {
namespace {

static_assert(sizeof(napi_value) == sizeof(v8::Local<v8::Value>), "napi_value must be a v8::Local<v8::Value>");

v8::Local<v8::Value> ToLocal(napi_value value) {
  v8::Local<v8::Value> local;
  std::memcpy(static_cast<void*>(&local), &value, sizeof(value));
  return local;
}

/// `buffer` as a non-shared ArrayBuffer, or an empty handle.
v8::Local<v8::ArrayBuffer> AsPlainBuffer(napi_value buffer) {
  if (buffer == nullptr) return {};
  const v8::Local<v8::Value> local = ToLocal(buffer);
  // IsArrayBuffer() is false for a SharedArrayBuffer.
  return local->IsArrayBuffer() ? local.As<v8::ArrayBuffer>() : v8::Local<v8::ArrayBuffer>();
}

napi_value BufferOf(napi_env env, napi_value typed_array) {
  napi_value buffer = nullptr;
  if (napi_get_typedarray_info(env, typed_array, nullptr, nullptr, nullptr, &buffer, nullptr) != napi_ok)
    return nullptr;
  return buffer;
}

}  // namespace

std::shared_ptr<void> HoldBackingStore(napi_env env, napi_value typed_array) {
  const v8::Local<v8::ArrayBuffer> buffer = AsPlainBuffer(BufferOf(env, typed_array));
  if (buffer.IsEmpty()) return nullptr;
  return buffer->GetBackingStore();
}

bool IsResizableNonShared(napi_value array_buffer) {
  const v8::Local<v8::ArrayBuffer> buffer = AsPlainBuffer(array_buffer);
  return !buffer.IsEmpty() && buffer->GetBackingStore()->IsResizableByUserJavaScript();
}

bool IsDetachedView(napi_env env, napi_value typed_array) {
  const napi_value buffer = BufferOf(env, typed_array);
  bool detached = false;
  return buffer != nullptr && napi_is_detached_arraybuffer(env, buffer, &detached) == napi_ok && detached;
}

}  // namespace corepool
