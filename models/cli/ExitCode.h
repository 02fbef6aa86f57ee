#pragma once

#include "core/Error.h"

namespace lockbox {

// lockboxctl's exit codes: scripts branch on them, so they are stable and documented in
// `lockboxctl --help` and docs/lockboxctl.md.
enum class ExitCode : int {
    Success = 0,
    Usage = 1, // unknown command or option, missing argument, malformed value
    Refused = 2, // Lockbox's rules said no: permission, state, conflict, expiry, invalid input
    NotFound = 3, // no such request or tenant visible to the actor
    StoreFailure = 4, // the store cannot be opened or failed
    IntegrityFailure = 5, // the audit chain or an exported file does not verify
    SignInFailed = 6, // the service refused the credentials or token, or needs a one-time code
};

// The exit code for an Error from the store: the code decides, never the message.
inline ExitCode exitCodeFor(const Error& error)
{
    switch (error.code()) {
    case Error::Code::PermissionDenied:
    case Error::Code::InvalidState:
    case Error::Code::Conflict:
    case Error::Code::Expired:
    case Error::Code::InvalidInput:
        return ExitCode::Refused;
    case Error::Code::NotFound:
        return ExitCode::NotFound;
    case Error::Code::IntegrityFailure:
        return ExitCode::IntegrityFailure;
    case Error::Code::Unauthenticated:
    case Error::Code::MfaRequired:
    case Error::Code::StepUpRequired:
    case Error::Code::RateLimited:
        return ExitCode::SignInFailed;
    case Error::Code::StorageFailure:
    case Error::Code::SchemaTooNew:
    case Error::Code::Unavailable:
    case Error::Code::Internal:
        break;
    }
    return ExitCode::StoreFailure;
}

} // namespace lockbox
