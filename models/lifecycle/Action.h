#pragma once

#include <QString>

namespace lockbox {

// Everything an actor can ask of Lockbox. Each is checked by Lifecycle before the store writes.
enum class Action {
    ViewRequests,
    ReadAudit,
    File,
    ManagerApprove,
    ManagerReject,
    Approve,
    Deny,
    Revoke,
    Withdraw,
    Expire,
    EndWindow,
    ChangeSettings,
    ManageRoles,
    CheckAccess, // the operator's content services ask whether an engineer may touch a tenant now
    Ask, // an approver asks the engineer a question on a pending request
    Answer, // the engineer answers it
    Escalate, // the system hands an undecided request to the tenant's backup approvers
    RegisterKey, // an approver registers the public key that verifies their signed decisions
};

namespace actions {
QString key(Action action);
bool fromKey(const QString& key, Action* action);
// Translated verb for messages: "approve", "deny", ...
QString verb(Action action);
} // namespace actions

} // namespace lockbox
