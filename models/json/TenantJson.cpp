#include "TenantJson.h"

#include "JsonReader.h"
#include "RequestJson.h"

#include <QJsonArray>

namespace lockbox {

QJsonObject TenantJson::toJson(const TenantSettings& settings)
{
    return QJsonObject {{QStringLiteral("tenant"), settings.tenantId},
                        {QStringLiteral("displayName"), settings.displayName},
                        {QStringLiteral("requireApproval"), settings.requireApproval},
                        {QStringLiteral("approvalsRequired"), settings.approvalsRequired},
                        {QStringLiteral("backupApprovers"), QJsonArray::fromStringList(settings.backupApprovers)},
                        {QStringLiteral("escalationLeadMinutes"), settings.escalationLeadMinutes},
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

template <>
Result<TenantSettings> TenantJson::fromJson<TenantSettings>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::TenantJson", "The settings"));
    TenantSettings settings;
    settings.tenantId = read.string("tenant");
    settings.displayName = read.string("displayName");
    settings.requireApproval = read.boolean("requireApproval");
    settings.approvalsRequired = read.integer("approvalsRequired");
    // Fields a lockboxd older than the client leaves out read as their defaults.
    if (read.has("backupApprovers")) {
        for (const QJsonValue& backup : read.array("backupApprovers"))
            settings.backupApprovers.append(backup.toString());
    }
    if (read.has("escalationLeadMinutes"))
        settings.escalationLeadMinutes = read.integer("escalationLeadMinutes");
    settings.changedBy = read.optionalString("changedBy");
    settings.changedAt = read.optionalTime("changedAt");
    if (!read.ok())
        return read.error();
    return settings;
}

template <>
Result<RoleAssignment> TenantJson::fromJson<RoleAssignment>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::TenantJson", "A role assignment"));
    RoleAssignment assignment;
    assignment.tenantId = read.string("tenant");
    assignment.principal = read.string("principal");
    assignment.displayName = read.string("displayName");
    const QString role = read.string("role");
    assignment.role = roles::fromKey(role);
    if (read.ok() && assignment.role == Role::None && role != roles::key(Role::None))
        read.invalid("role", QCoreApplication::translate("lockbox::TenantJson", "an unknown role \"%1\"").arg(role));
    assignment.assignedBy = read.optionalString("assignedBy");
    assignment.assignedAt = read.optionalTime("assignedAt");
    if (!read.ok())
        return read.error();
    return assignment;
}

template <>
Result<QList<RoleAssignment>> TenantJson::fromJson<QList<RoleAssignment>>(const QJsonValue& json)
{
    if (!json.isArray())
        return Error(Error::Code::InvalidInput,
                     QCoreApplication::translate("lockbox::TenantJson",
                                                 "A list of role assignments should be a JSON list, not %1.")
                         .arg(JsonReader::typeName(json)));
    JsonReader read(QJsonObject {{QStringLiteral("roles"), json}},
                    QCoreApplication::translate("lockbox::TenantJson", "A list of role assignments"));
    QList<RoleAssignment> assignments = read.list<RoleAssignment>("roles", &TenantJson::fromJson<RoleAssignment>);
    if (!read.ok())
        return read.error();
    return assignments;
}

template <>
Result<AccessCheck> TenantJson::fromJson<AccessCheck>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::TenantJson", "An access check"));
    AccessCheck check;
    check.allowed = read.boolean("allowed");
    check.until = read.optionalTime("until");
    check.requestId = read.optionalString("requestId");
    check.reason = read.optionalString("reason");
    if (!read.ok())
        return read.error();
    return check;
}

QJsonObject TenantJson::toJson(const RegisteredKey& key)
{
    return QJsonObject {{QStringLiteral("tenant"), key.tenantId},
                        {QStringLiteral("principal"), key.principal},
                        {QStringLiteral("fingerprint"), key.fingerprint},
                        {QStringLiteral("publicKey"), QString::fromLatin1(key.publicKey.toBase64())},
                        {QStringLiteral("registeredAt"), RequestJson::time(key.registeredAt)},
                        {QStringLiteral("trusted"), key.trusted}};
}

template <>
Result<RegisteredKey> TenantJson::fromJson<RegisteredKey>(const QJsonValue& json)
{
    JsonReader read(json, QCoreApplication::translate("lockbox::TenantJson", "A signing key"));
    RegisteredKey key;
    key.tenantId = read.string("tenant");
    key.principal = read.string("principal");
    key.fingerprint = read.string("fingerprint");
    key.publicKey = QByteArray::fromBase64(read.string("publicKey").toLatin1());
    key.registeredAt = read.optionalTime("registeredAt");
    // A service that leaves it out (an older lockboxd) endorses nothing and trusts every key.
    key.trusted = read.has("trusted") ? read.boolean("trusted") : true;
    if (!read.ok())
        return read.error();
    return key;
}

} // namespace lockbox
