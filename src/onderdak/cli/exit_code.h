// The one place where a core::Code becomes a process exit code:
//   0 success; 1 the user's input or environment is wrong (message says what to fix);
//   2 an internal error (a bug: please report it with the message).
#pragma once

#include "onderdak/core/status.h"

namespace onderdak::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitInternalError = 2;

inline int ExitCodeFor(core::Code code) {
  switch (code) {
    case core::Code::kOk: return kExitOk;
    case core::Code::kInternal: return kExitInternalError;
    case core::Code::kInvalidInput:
    case core::Code::kNotFound:
    case core::Code::kAlreadyExists:
    case core::Code::kFailedPrecondition:
    case core::Code::kPermissionDenied:
    case core::Code::kUnauthenticated:
    case core::Code::kRateLimited:
    case core::Code::kUnavailable:
    case core::Code::kIo: return kExitUserError;
  }
  return kExitInternalError;
}

}  // namespace onderdak::cli
