#include "ServiceJson.h"

#include "JsonReader.h"
#include "RequestJson.h"

namespace lockbox {

QJsonObject ServiceJson::toJson(const AuthSession& session, bool withToken)
{
    QJsonObject json {{QStringLiteral("principal"), session.actor.principal},
                      {QStringLiteral("tenant"), session.actor.tenantId},
                      {QStringLiteral("role"), roles::key(session.actor.role)},
                      {QStringLiteral("createdAt"), RequestJson::time(session.createdAt)},
                      {QStringLiteral("expiresAt"), RequestJson::time(session.expiresAt)},
                      {QStringLiteral("mfaEnrolled"), session.mfaEnrolled},
                      {QStringLiteral("stepUpUntil"), RequestJson::time(session.stepUpUntil())}};
    if (withToken)
        json.insert(QStringLiteral("token"), session.token);
    return json;
}

QJsonObject ServiceJson::toJson(const RequestSummary& summary)
{
    return QJsonObject {{QStringLiteral("pending"), summary.pending},
                        {QStringLiteral("expiringWithinHour"), summary.expiringWithinHour},
                        {QStringLiteral("decidedToday"), summary.decidedToday},
                        {QStringLiteral("windowsOpen"), summary.windowsOpen}};
}

QJsonObject ServiceJson::toJson(const AuditVerification& verification)
{
    return QJsonObject {{QStringLiteral("intact"), verification.intact},
                        {QStringLiteral("recordCount"), verification.recordCount},
                        {QStringLiteral("firstBrokenSeq"), verification.firstBrokenSeq},
                        {QStringLiteral("problem"), RequestJson::text(verification.problem)},
                        {QStringLiteral("lastHash"), verification.lastHash}};
}

QJsonObject ServiceJson::toJson(const MfaEnrolment& enrolment)
{
    return QJsonObject {{QStringLiteral("secret"), enrolment.secret}, {QStringLiteral("otpauthUri"), enrolment.uri}};
}

template <>
Result<AuthSession> ServiceJson::fromJson<AuthSession>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::ServiceJson", "A session"));
    AuthSession session;
    if (read.has("token"))
        session.token = read.string("token");
    session.actor.principal = read.string("principal");
    session.actor.tenantId = read.string("tenant");
    const QString role = read.string("role");
    session.actor.role = roles::fromKey(role);
    if (read.ok() && session.actor.role == Role::None && role != roles::key(Role::None))
        read.invalid("role", QCoreApplication::translate("lockbox::ServiceJson", "an unknown role \"%1\"").arg(role));
    session.createdAt = read.time("createdAt");
    session.expiresAt = read.time("expiresAt");
    session.mfaEnrolled = read.boolean("mfaEnrolled");
    // The service says until when the step-up holds; the session keeps when it was made.
    const QDateTime stepUpUntil = read.optionalTime("stepUpUntil");
    if (stepUpUntil.isValid())
        session.stepUpAt = stepUpUntil.addSecs(-qint64(AuthSession::stepUpMinutes) * 60);
    if (!read.ok())
        return read.error();
    return session;
}

template <>
Result<RequestSummary> ServiceJson::fromJson<RequestSummary>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::ServiceJson", "The summary"));
    RequestSummary summary;
    summary.pending = read.integer("pending");
    summary.expiringWithinHour = read.integer("expiringWithinHour");
    summary.decidedToday = read.integer("decidedToday");
    summary.windowsOpen = read.integer("windowsOpen");
    if (!read.ok())
        return read.error();
    return summary;
}

template <>
Result<AuditVerification> ServiceJson::fromJson<AuditVerification>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::ServiceJson", "The verification"));
    AuditVerification verification;
    verification.intact = read.boolean("intact");
    verification.recordCount = read.largeInteger("recordCount");
    verification.firstBrokenSeq = read.largeInteger("firstBrokenSeq");
    verification.problem = read.optionalString("problem");
    verification.lastHash = read.string("lastHash");
    if (!read.ok())
        return read.error();
    return verification;
}

template <>
Result<MfaEnrolment> ServiceJson::fromJson<MfaEnrolment>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::ServiceJson", "The enrolment"));
    MfaEnrolment enrolment;
    enrolment.secret = read.string("secret");
    enrolment.uri = read.string("otpauthUri");
    if (!read.ok())
        return read.error();
    return enrolment;
}

} // namespace lockbox
