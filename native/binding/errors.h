// Stable error codes, mirrored by src/errors.ts. Tests assert on codes, never
// on message text.
#pragma once

#include <napi.h>

#include <string>

namespace corepool {

inline constexpr const char* kErrInvalidArgType = "ERR_INVALID_ARG_TYPE";
inline constexpr const char* kErrInvalidDtype = "ERR_INVALID_DTYPE";
inline constexpr const char* kErrLengthMismatch = "ERR_LENGTH_MISMATCH";
inline constexpr const char* kErrDetachedBuffer = "ERR_DETACHED_BUFFER";
inline constexpr const char* kErrResizableBuffer = "ERR_RESIZABLE_BUFFER";
inline constexpr const char* kErrEmptyInput = "ERR_EMPTY_INPUT";
inline constexpr const char* kErrOutOfRange = "ERR_OUT_OF_RANGE";
inline constexpr const char* kErrKernelFailed = "ERR_KERNEL_FAILED";
inline constexpr const char* kErrEnvClosing = "ERR_ENV_CLOSING";

/// Builds a TypeError carrying `code`.
[[nodiscard]] inline Napi::Error CodedTypeError(Napi::Env env, const char* code, const std::string& msg) {
  Napi::Error e = Napi::TypeError::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

/// Builds a RangeError carrying `code`.
[[nodiscard]] inline Napi::Error CodedRangeError(Napi::Env env, const char* code, const std::string& msg) {
  Napi::Error e = Napi::RangeError::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

/// Builds a plain Error carrying `code`.
[[nodiscard]] inline Napi::Error CodedError(Napi::Env env, const char* code, const std::string& msg) {
  Napi::Error e = Napi::Error::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

}  // namespace corepool
