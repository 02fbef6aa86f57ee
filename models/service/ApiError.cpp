#include "ApiError.h"

namespace lockbox {

ApiError ApiError::from(const Error& error)
{
    int status = 500;
    switch (error.code()) {
    case Error::Code::InvalidInput:
        status = 422;
        break;
    case Error::Code::NotFound:
        status = 404;
        break;
    case Error::Code::PermissionDenied:
        status = 403;
        break;
    case Error::Code::InvalidState:
    case Error::Code::Conflict:
    case Error::Code::Expired:
    case Error::Code::IntegrityFailure:
        status = 409;
        break;
    case Error::Code::Unauthenticated:
    case Error::Code::MfaRequired:
    case Error::Code::StepUpRequired:
        status = 401;
        break;
    case Error::Code::RateLimited:
        status = 429;
        break;
    case Error::Code::Unavailable:
    case Error::Code::SchemaTooNew:
        status = 503;
        break;
    case Error::Code::StorageFailure:
    case Error::Code::Internal:
        status = 500;
        break;
    }
    return {status, error.codeName(), error.message()};
}

QJsonObject ApiError::toJson() const
{
    return QJsonObject {
        {QStringLiteral("error"), QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

} // namespace lockbox
