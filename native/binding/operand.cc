#include "operand.h"

#include <string>

#include "backing_store.h"
#include "errors.h"

namespace corepool {
namespace {

bool ToDtype(napi_typedarray_type type, Dtype* out) {
  switch (type) {
    case napi_float64_array:
      *out = Dtype::kFloat64;
      return true;
    case napi_float32_array:
      *out = Dtype::kFloat32;
      return true;
    case napi_int32_array:
      *out = Dtype::kInt32;
      return true;
    case napi_uint32_array:
      *out = Dtype::kUint32;
      return true;
    case napi_int16_array:
      *out = Dtype::kInt16;
      return true;
    case napi_uint16_array:
      *out = Dtype::kUint16;
      return true;
    case napi_int8_array:
      *out = Dtype::kInt8;
      return true;
    case napi_uint8_array:
      *out = Dtype::kUint8;
      return true;
    case napi_uint8_clamped_array:
      *out = Dtype::kUint8Clamped;
      return true;
    default:
      return false;
  }
}

}  // namespace

Operand ReadOperand(Napi::Env env, const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray()) {
    throw CodedTypeError(env, kErrInvalidArgType, std::string(name) + " must be a TypedArray");
  }
  napi_typedarray_type type;
  std::size_t length = 0;
  void* data = nullptr;
  napi_value buffer = nullptr;
  std::size_t byte_offset = 0;
  // The C call also serves SharedArrayBuffer-backed arrays, and its `data`
  // already includes byteOffset.
  if (napi_get_typedarray_info(env, value, &type, &length, &data, &buffer, &byte_offset) != napi_ok) {
    throw CodedTypeError(env, kErrInvalidArgType, std::string(name) + " must be a TypedArray");
  }
  Operand op;
  if (!ToDtype(type, &op.dtype)) {
    throw CodedTypeError(env,
                         kErrInvalidDtype,
                         std::string(name) + " must be a numeric TypedArray other than BigInt64Array/BigUint64Array");
  }
  bool detached = false;
  if (napi_is_detached_arraybuffer(env, buffer, &detached) == napi_ok && detached) {
    throw CodedTypeError(env, kErrDetachedBuffer, std::string(name) + " must not be backed by a detached ArrayBuffer");
  }
  // A resizable ArrayBuffer could shrink under a running kernel; the TS layer
  // refuses it too, but memory protection must not rely on JS.
  if (IsResizableNonShared(buffer)) {
    throw CodedTypeError(env,
                         kErrResizableBuffer,
                         std::string(name) +
                             " must not be backed by a resizable ArrayBuffer; copy it with .slice() or use a "
                             "fixed-length ArrayBuffer");
  }
  op.length = length;
  op.data = length == 0 ? nullptr : data;
  return op;
}

}  // namespace corepool
