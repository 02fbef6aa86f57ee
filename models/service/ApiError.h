#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace lockbox {

// An error as the service answers it: an HTTP status and the JSON body
// { "error": { "code": "...", "message": "..." } }, where `code` is stable for scripts and
// `message` says what to do in plain words.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::ApiError)

public:
    int status = 500;
    QString code;
    QString message;

    // The status for each store error: 422 for values that break a rule, 404 for anything not
    // visible to the caller (another tenant's request included), 403 for a missing role, 409 for
    // a state or race, 401 for credentials, 429 for lock-out, 503 when the database is away.
    static ApiError from(const Error& error);
    static ApiError badRequest(const QString& code, const QString& message) { return {400, code, message}; }

    QJsonObject toJson() const;
};

} // namespace lockbox
