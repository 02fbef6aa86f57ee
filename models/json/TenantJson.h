#pragma once

#include "core/Result.h"
#include "domain/RoleAssignment.h"
#include "domain/TenantSettings.h"
#include "lifecycle/AccessCheck.h"
#include "signing/RegisteredKey.h"

#include <QJsonArray>
#include <QJsonObject>

namespace lockbox {

// The stable JSON form of a tenant's policy, its role assignments and an access check, in the
// conventions of RequestJson (camelCase, stable keys, ISO 8601 UTC times, null when absent).
class TenantJson
{
public:
    static QJsonObject toJson(const TenantSettings& settings);
    static QJsonObject toJson(const RoleAssignment& assignment);
    static QJsonArray toJson(const QList<RoleAssignment>& assignments);
    static QJsonObject toJson(const AccessCheck& check);
    static QJsonObject toJson(const RegisteredKey& key);

    // The counterparts of toJson (see RequestJson::fromJson): T is TenantSettings,
    // RoleAssignment, QList<RoleAssignment> or AccessCheck.
    template <typename T>
    static Result<T> fromJson(const QJsonValue& json);
};

template <>
Result<TenantSettings> TenantJson::fromJson<TenantSettings>(const QJsonValue& json);
template <>
Result<RoleAssignment> TenantJson::fromJson<RoleAssignment>(const QJsonValue& json);
template <>
Result<QList<RoleAssignment>> TenantJson::fromJson<QList<RoleAssignment>>(const QJsonValue& json);
template <>
Result<AccessCheck> TenantJson::fromJson<AccessCheck>(const QJsonValue& json);
template <>
Result<RegisteredKey> TenantJson::fromJson<RegisteredKey>(const QJsonValue& json);

} // namespace lockbox
