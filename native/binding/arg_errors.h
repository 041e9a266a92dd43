// Turns an arg_checks.h verdict into the coded JS error (errors.h), so the
// napi-free checks and the codes each stay in one place.
#pragma once

#include <napi.h>

#include "arg_checks.h"
#include "errors.h"

namespace corepool {

/// Throws the coded error for a refused `verdict`; returns when it is ok.
inline void ThrowIfRejected(Napi::Env env, const ArgVerdict& verdict) {
  switch (verdict.fault) {
    case ArgFault::kNone:
      return;
    case ArgFault::kInvalidDtype:
      throw CodedTypeError(env, kErrInvalidDtype, verdict.message);
    case ArgFault::kLengthMismatch:
      throw CodedRangeError(env, kErrLengthMismatch, verdict.message);
    case ArgFault::kEmptyInput:
      throw CodedRangeError(env, kErrEmptyInput, verdict.message);
    case ArgFault::kOutOfRange:
      break;
  }
  throw CodedRangeError(env, kErrOutOfRange, verdict.message);
}

}  // namespace corepool
