#pragma once

#include "accounts/AuthSession.h"
#include "audit/AuditVerification.h"
#include "core/Result.h"
#include "store/RequestSummary.h"

#include <QJsonObject>

namespace lockbox {

// The JSON forms of the service's own answers (sessions, counts, chain checks), in the
// conventions of RequestJson.
class ServiceJson
{
public:
    // Without the token: only the answer to sign-in carries it (withToken).
    static QJsonObject toJson(const AuthSession& session, bool withToken = false);
    static QJsonObject toJson(const RequestSummary& summary);
    static QJsonObject toJson(const AuditVerification& verification);
    static QJsonObject toJson(const MfaEnrolment& enrolment);

    // The counterparts of toJson (see RequestJson::fromJson): T is AuthSession (with its token
    // when the object has one), RequestSummary, AuditVerification or MfaEnrolment.
    template <typename T>
    static Result<T> fromJson(const QJsonValue& json);
};

template <>
Result<AuthSession> ServiceJson::fromJson<AuthSession>(const QJsonValue& json);
template <>
Result<RequestSummary> ServiceJson::fromJson<RequestSummary>(const QJsonValue& json);
template <>
Result<AuditVerification> ServiceJson::fromJson<AuditVerification>(const QJsonValue& json);
template <>
Result<MfaEnrolment> ServiceJson::fromJson<MfaEnrolment>(const QJsonValue& json);

} // namespace lockbox
