// What N-API cannot express about the memory behind a TypedArray: holding a
// non-shared ArrayBuffer's backing store for the length of a call (so a
// transfer plus GC cannot free memory a pool thread still uses) and telling
// a resizable buffer from a fixed-length one. Only this file touches V8.
#pragma once

#include <napi.h>

#include <memory>

namespace corepool {

/// Owns the memory behind `typed_array` until released, even if its
/// ArrayBuffer is transferred away (detached) and collected meanwhile.
/// Null for a SharedArrayBuffer: it cannot be detached, and the pinned JS
/// object keeps its memory alive. JS thread.
[[nodiscard]] std::shared_ptr<void> HoldBackingStore(napi_env env, napi_value typed_array);

/// True when `array_buffer` (a TypedArray's buffer) is a non-shared
/// ArrayBuffer that JS can resize, and so shrink under a running kernel. A
/// growable SharedArrayBuffer only grows, so it does not count. JS thread.
[[nodiscard]] bool IsResizableNonShared(napi_value array_buffer);

/// True when `typed_array`'s buffer is detached now. JS thread.
[[nodiscard]] bool IsDetachedView(napi_env env, napi_value typed_array);

}  // namespace corepool
