#include "TenantJson.h"

#include "RequestJson.h"

namespace lockbox {

QJsonObject TenantJson::toJson(const TenantSettings& settings)
{
    return QJsonObject {{QStringLiteral("tenant"), settings.tenantId},
                        {QStringLiteral("displayName"), settings.displayName},
                        {QStringLiteral("requireApproval"), settings.requireApproval},
                        {QStringLiteral("approvalsRequired"), settings.approvalsRequired},
                        {QStringLiteral("changedBy"), RequestJson::text(settings.changedBy)},
                        {QStringLiteral("changedAt"), RequestJson::time(settings.changedAt)}};
}

QJsonObject TenantJson::toJson(const RoleAssignment& assignment)
{
    return QJsonObject {{QStringLiteral("tenant"), assignment.tenantId},
                        {QStringLiteral("principal"), assignment.principal},
                        {QStringLiteral("displayName"), assignment.displayName},
                        {QStringLiteral("role"), roles::key(assignment.role)},
                        {QStringLiteral("assignedBy"), RequestJson::text(assignment.assignedBy)},
                        {QStringLiteral("assignedAt"), RequestJson::time(assignment.assignedAt)}};
}

QJsonArray TenantJson::toJson(const QList<RoleAssignment>& assignments)
{
    QJsonArray list;
    for (const RoleAssignment& assignment : assignments)
        list.append(toJson(assignment));
    return list;
}

QJsonObject TenantJson::toJson(const AccessCheck& check)
{
    return QJsonObject {{QStringLiteral("allowed"), check.allowed},
                        {QStringLiteral("until"), RequestJson::time(check.until)},
                        {QStringLiteral("requestId"), RequestJson::text(check.requestId)},
                        {QStringLiteral("reason"), RequestJson::text(check.reason)}};
}

} // namespace lockbox
