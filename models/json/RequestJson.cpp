#include "RequestJson.h"

#include "JsonReader.h"
#include "audit/AuditRecord.h"
#include "domain/RequestStatus.h"
#include "domain/Role.h"
#include "domain/Workload.h"

namespace lockbox {

QJsonValue RequestJson::time(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(AuditRecord::formatTime(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue RequestJson::text(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject RequestJson::toJson(const AccessRequest& request, Decisions decisions)
{
    QJsonObject json {
        {QStringLiteral("id"), request.id},
        {QStringLiteral("reference"), request.reference},
        {QStringLiteral("serviceRequest"), request.serviceRequest},
        {QStringLiteral("tenant"), request.tenantId},
        {QStringLiteral("workload"), workloads::key(request.workload)},
        {QStringLiteral("requester"), request.requester},
        {QStringLiteral("reason"), request.reason},
        {QStringLiteral("scope"), request.scope},
        {QStringLiteral("durationMinutes"), request.durationMinutes},
        {QStringLiteral("created"), time(request.created)},
        {QStringLiteral("expires"), time(request.expires)},
        {QStringLiteral("status"), requestStatus::key(request.status)},
        {QStringLiteral("approvalsRequired"), request.approvalsRequired},
        {QStringLiteral("approvalsCount"), request.approvalsCount},
        {QStringLiteral("manager"), text(request.manager)},
        {QStringLiteral("managerDecidedAt"), time(request.managerDecidedAt)},
        {QStringLiteral("decidedBy"), text(request.decidedBy)},
        {QStringLiteral("decidedAt"), time(request.decidedAt)},
        {QStringLiteral("decisionComment"), text(request.decisionComment)},
        {QStringLiteral("accessFrom"), time(request.accessFrom)},
        {QStringLiteral("accessUntil"), time(request.accessUntil)},
        {QStringLiteral("version"), request.version},
    };
    if (decisions == Decisions::Include) {
        QJsonArray list;
        for (const Decision& decision : request.decisions)
            list.append(toJson(decision));
        json.insert(QStringLiteral("decisions"), list);
    }
    return json;
}

QJsonObject RequestJson::toJson(const Decision& decision)
{
    return QJsonObject {{QStringLiteral("kind"), Decision::kindKey(decision.kind)},
                        {QStringLiteral("actor"), decision.actor},
                        {QStringLiteral("actorRole"), roles::key(decision.actorRole)},
                        {QStringLiteral("at"), time(decision.at)},
                        {QStringLiteral("comment"), text(decision.comment)}};
}

QJsonArray RequestJson::toJson(const QList<AccessRequest>& requests, Decisions decisions)
{
    QJsonArray list;
    for (const AccessRequest& request : requests)
        list.append(toJson(request, decisions));
    return list;
}

template <>
Result<Decision> RequestJson::fromJson<Decision>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::RequestJson", "A decision"));
    Decision decision;
    const QString kind = read.string("kind");
    if (read.ok() && !Decision::kindFromKey(kind, &decision.kind))
        read.invalid("kind",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown decision \"%1\"").arg(kind));
    decision.actor = read.string("actor");
    const QString role = read.string("actorRole");
    decision.actorRole = roles::fromKey(role);
    if (read.ok() && decision.actorRole == Role::None && role != roles::key(Role::None))
        read.invalid("actorRole",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown role \"%1\"").arg(role));
    decision.at = read.optionalTime("at");
    decision.comment = read.optionalString("comment");
    if (!read.ok())
        return read.error();
    return decision;
}

template <>
Result<AccessRequest> RequestJson::fromJson<AccessRequest>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::RequestJson", "A request"));
    AccessRequest request;
    request.id = read.string("id");
    request.reference = read.string("reference");
    request.serviceRequest = read.string("serviceRequest");
    request.tenantId = read.string("tenant");
    const QString workload = read.string("workload");
    if (read.ok() && !workloads::fromKey(workload, &request.workload))
        read.invalid("workload",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown workload \"%1\"").arg(workload));
    request.requester = read.string("requester");
    request.reason = read.string("reason");
    request.scope = read.string("scope");
    request.durationMinutes = read.integer("durationMinutes");
    request.created = read.optionalTime("created");
    request.expires = read.optionalTime("expires");
    const QString status = read.string("status");
    if (read.ok() && !requestStatus::fromKey(status, &request.status))
        read.invalid("status",
                     QCoreApplication::translate("lockbox::RequestJson", "an unknown status \"%1\"").arg(status));
    request.approvalsRequired = read.integer("approvalsRequired");
    request.approvalsCount = read.integer("approvalsCount");
    request.manager = read.optionalString("manager");
    request.managerDecidedAt = read.optionalTime("managerDecidedAt");
    request.decidedBy = read.optionalString("decidedBy");
    request.decidedAt = read.optionalTime("decidedAt");
    request.decisionComment = read.optionalString("decisionComment");
    request.accessFrom = read.optionalTime("accessFrom");
    request.accessUntil = read.optionalTime("accessUntil");
    request.version = read.integer("version");
    // Lists leave the decisions out (Decisions::Omit): then there are none to read.
    if (read.has("decisions"))
        request.decisions = read.list<Decision>("decisions", &RequestJson::fromJson<Decision>);
    if (!read.ok())
        return read.error();
    return request;
}

template <>
Result<QList<AccessRequest>> RequestJson::fromJson<QList<AccessRequest>>(const QJsonValue& json)
{
    if (!json.isArray())
        return Error(
            Error::Code::InvalidInput,
            QCoreApplication::translate("lockbox::RequestJson", "A list of requests should be a JSON list, not %1.")
                .arg(JsonReader::typeName(json)));
    // Read through a wrapper so that a bad item is named by its place in the list.
    JsonReader read(QJsonObject {{QStringLiteral("requests"), json}},
                    QCoreApplication::translate("lockbox::RequestJson", "A list of requests"));
    QList<AccessRequest> requests = read.list<AccessRequest>("requests", &RequestJson::fromJson<AccessRequest>);
    if (!read.ok())
        return read.error();
    return requests;
}

} // namespace lockbox
