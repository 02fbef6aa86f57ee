#pragma once

#include <QString>

namespace lockbox {

// An error is a value: a stable code that callers (HTTP layer, CLI exit codes, dialogs) map,
// and a message a person can act on.
class Error
{
public:
    enum class Code {
        InvalidInput, // the caller sent something malformed or out of range
        NotFound, // no such object visible to this actor
        PermissionDenied, // the actor's role does not allow this
        InvalidState, // the lifecycle does not allow this now
        Conflict, // someone else changed it first (e.g. already decided)
        Expired, // the request lapsed before the action
        StorageFailure, // the database failed
        SchemaTooNew, // the store was written by a newer Lockbox
        Unavailable, // the store or service cannot be reached
        IntegrityFailure, // the audit chain or a signature does not verify
        Unauthenticated, // no valid credentials or token: sign in (again)
        MfaRequired, // the password was right; the account's one-time code is needed too
        StepUpRequired, // the action needs a one-time code entered within the last few minutes
        RateLimited, // too many failed attempts: wait, or ask an administrator
        Internal // a bug: should never reach a user
    };

    Error() = default;
    Error(Code code, QString message);

    Code code() const { return m_code; }
    QString message() const { return m_message; }

    // Stable machine name of the code, e.g. "permission_denied"; used in JSON and by scripts.
    QString codeName() const;
    static QString codeName(Code code);

    bool operator==(const Error& other) const = default;

private:
    Code m_code = Code::Internal;
    QString m_message;
};

} // namespace lockbox
