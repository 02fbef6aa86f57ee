#include "Error.h"

namespace lockbox {

Error::Error(Code code, QString message)
    : m_code(code)
    , m_message(std::move(message))
{ }

QString Error::codeName() const
{
    return codeName(m_code);
}

QString Error::codeName(Code code)
{
    switch (code) {
    case Code::InvalidInput:
        return QStringLiteral("invalid_input");
    case Code::NotFound:
        return QStringLiteral("not_found");
    case Code::PermissionDenied:
        return QStringLiteral("permission_denied");
    case Code::InvalidState:
        return QStringLiteral("invalid_state");
    case Code::Conflict:
        return QStringLiteral("conflict");
    case Code::Expired:
        return QStringLiteral("expired");
    case Code::StorageFailure:
        return QStringLiteral("storage_failure");
    case Code::SchemaTooNew:
        return QStringLiteral("schema_too_new");
    case Code::Unavailable:
        return QStringLiteral("unavailable");
    case Code::IntegrityFailure:
        return QStringLiteral("integrity_failure");
    case Code::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case Code::MfaRequired:
        return QStringLiteral("mfa_required");
    case Code::StepUpRequired:
        return QStringLiteral("step_up_required");
    case Code::RateLimited:
        return QStringLiteral("rate_limited");
    case Code::Internal:
        break;
    }
    return QStringLiteral("internal");
}

} // namespace lockbox
