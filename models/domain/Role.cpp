#include "Role.h"

#include <QCoreApplication>

namespace lockbox::roles {

QString key(Role role)
{
    switch (role) {
    case Role::GlobalAdministrator:
        return QStringLiteral("GlobalAdministrator");
    case Role::LockboxApprover:
        return QStringLiteral("LockboxApprover");
    case Role::Reader:
        return QStringLiteral("Reader");
    case Role::SupportEngineer:
        return QStringLiteral("SupportEngineer");
    case Role::SupportManager:
        return QStringLiteral("SupportManager");
    case Role::System:
        return QStringLiteral("System");
    case Role::None:
        break;
    }
    return QStringLiteral("None");
}

Role fromKey(const QString& key)
{
    for (Role role : {Role::GlobalAdministrator,
                      Role::LockboxApprover,
                      Role::Reader,
                      Role::SupportEngineer,
                      Role::SupportManager,
                      Role::System}) {
        if (roles::key(role) == key)
            return role;
    }
    return Role::None;
}

QString displayName(Role role)
{
    switch (role) {
    case Role::GlobalAdministrator:
        return QCoreApplication::translate("lockbox::Role", "Global administrator");
    case Role::LockboxApprover:
        return QCoreApplication::translate("lockbox::Role", "Lockbox access approver");
    case Role::Reader:
        return QCoreApplication::translate("lockbox::Role", "Reader");
    case Role::SupportEngineer:
        return QCoreApplication::translate("lockbox::Role", "Support engineer");
    case Role::SupportManager:
        return QCoreApplication::translate("lockbox::Role", "Support manager");
    case Role::System:
        return QCoreApplication::translate("lockbox::Role", "Lockbox system");
    case Role::None:
        break;
    }
    return QCoreApplication::translate("lockbox::Role", "No role");
}

bool isCustomerRole(Role role)
{
    return role == Role::GlobalAdministrator || role == Role::LockboxApprover || role == Role::Reader;
}

bool isOperatorRole(Role role)
{
    return role == Role::SupportEngineer || role == Role::SupportManager;
}

QList<Role> customerRoles()
{
    return {Role::GlobalAdministrator, Role::LockboxApprover, Role::Reader};
}

} // namespace lockbox::roles
