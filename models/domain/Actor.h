#pragma once

#include "Role.h"

#include <QString>

namespace lockbox {

// Someone acting on the store. Callers name the principal and the tenant they act in; the store
// fills in the role from its own role assignments, so a caller can never claim a role.
struct Actor
{
    QString principal;
    QString tenantId;
    Role role = Role::None;

    // How Lockbox itself is named where it acts (expiry, auto-approval, provisioning).
    static QString systemPrincipal() { return QStringLiteral("system"); }
    static Actor system(const QString& tenantId) { return {systemPrincipal(), tenantId, Role::System}; }
};

} // namespace lockbox
