#pragma once

#include <QList>
#include <QString>

namespace lockbox {

// Who someone is in Lockbox. Customer roles hold within one tenant; operator roles belong to the
// operator's own organisation; System is Lockbox itself (expiry, window ends, auto-approval).
enum class Role {
    None,
    GlobalAdministrator,
    LockboxApprover,
    Reader,
    SupportEngineer,
    SupportManager,
    System,
};

namespace roles {
// Stable key used in the store, the API and the audit log ("GlobalAdministrator").
QString key(Role role);
// Parses a key; Role::None for an unknown one.
Role fromKey(const QString& key);
// Translated name for people ("Global administrator").
QString displayName(Role role);
bool isCustomerRole(Role role);
bool isOperatorRole(Role role);
QList<Role> customerRoles();
} // namespace roles

} // namespace lockbox
