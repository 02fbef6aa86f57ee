#include "RequestJson.h"

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

} // namespace lockbox
