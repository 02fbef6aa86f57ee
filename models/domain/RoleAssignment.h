#pragma once

#include "Role.h"

#include <QDateTime>
#include <QString>

namespace lockbox {

// A person's role in a tenant (customer roles) or in the operator's organisation.
struct RoleAssignment
{
    QString tenantId;
    QString principal; // e.g. "megan@contoso.com"
    QString displayName;
    Role role = Role::None;
    QString assignedBy;
    QDateTime assignedAt;
};

} // namespace lockbox
