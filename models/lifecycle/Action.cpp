#include "Action.h"

#include <QCoreApplication>

#include <array>

namespace lockbox::actions {

namespace {
constexpr std::array allActions = {Action::ViewRequests,
                                   Action::ReadAudit,
                                   Action::File,
                                   Action::ManagerApprove,
                                   Action::ManagerReject,
                                   Action::Approve,
                                   Action::Deny,
                                   Action::Revoke,
                                   Action::Withdraw,
                                   Action::Expire,
                                   Action::EndWindow,
                                   Action::ChangeSettings,
                                   Action::ManageRoles,
                                   Action::CheckAccess,
                                   Action::Ask,
                                   Action::Answer,
                                   Action::Escalate,
                                   Action::RegisterKey};
}

QString key(Action action)
{
    switch (action) {
    case Action::ViewRequests:
        return QStringLiteral("ViewRequests");
    case Action::ReadAudit:
        return QStringLiteral("ReadAudit");
    case Action::File:
        return QStringLiteral("File");
    case Action::ManagerApprove:
        return QStringLiteral("ManagerApprove");
    case Action::ManagerReject:
        return QStringLiteral("ManagerReject");
    case Action::Approve:
        return QStringLiteral("Approve");
    case Action::Deny:
        return QStringLiteral("Deny");
    case Action::Revoke:
        return QStringLiteral("Revoke");
    case Action::Withdraw:
        return QStringLiteral("Withdraw");
    case Action::Expire:
        return QStringLiteral("Expire");
    case Action::EndWindow:
        return QStringLiteral("EndWindow");
    case Action::ChangeSettings:
        return QStringLiteral("ChangeSettings");
    case Action::ManageRoles:
        return QStringLiteral("ManageRoles");
    case Action::CheckAccess:
        return QStringLiteral("CheckAccess");
    case Action::Ask:
        return QStringLiteral("Ask");
    case Action::Answer:
        return QStringLiteral("Answer");
    case Action::Escalate:
        return QStringLiteral("Escalate");
    case Action::RegisterKey:
        return QStringLiteral("RegisterKey");
    }
    return {};
}

bool fromKey(const QString& key, Action* action)
{
    for (Action candidate : allActions) {
        if (actions::key(candidate).compare(key, Qt::CaseInsensitive) == 0) {
            *action = candidate;
            return true;
        }
    }
    return false;
}

QString verb(Action action)
{
    switch (action) {
    case Action::ViewRequests:
        return QCoreApplication::translate("lockbox::Action", "view requests");
    case Action::ReadAudit:
        return QCoreApplication::translate("lockbox::Action", "read the audit log");
    case Action::File:
        return QCoreApplication::translate("lockbox::Action", "file a request");
    case Action::ManagerApprove:
        return QCoreApplication::translate("lockbox::Action", "approve as manager");
    case Action::ManagerReject:
        return QCoreApplication::translate("lockbox::Action", "reject as manager");
    case Action::Approve:
        return QCoreApplication::translate("lockbox::Action", "approve");
    case Action::Deny:
        return QCoreApplication::translate("lockbox::Action", "deny");
    case Action::Revoke:
        return QCoreApplication::translate("lockbox::Action", "revoke access");
    case Action::Withdraw:
        return QCoreApplication::translate("lockbox::Action", "withdraw");
    case Action::Expire:
        return QCoreApplication::translate("lockbox::Action", "expire");
    case Action::EndWindow:
        return QCoreApplication::translate("lockbox::Action", "end the access window");
    case Action::ChangeSettings:
        return QCoreApplication::translate("lockbox::Action", "change settings");
    case Action::ManageRoles:
        return QCoreApplication::translate("lockbox::Action", "assign roles");
    case Action::CheckAccess:
        return QCoreApplication::translate("lockbox::Action", "check an engineer's access");
    case Action::Ask:
        return QCoreApplication::translate("lockbox::Action", "ask the engineer a question");
    case Action::Answer:
        return QCoreApplication::translate("lockbox::Action", "answer a question");
    case Action::Escalate:
        return QCoreApplication::translate("lockbox::Action", "escalate");
    case Action::RegisterKey:
        return QCoreApplication::translate("lockbox::Action", "register a signing key");
    }
    return {};
}

} // namespace lockbox::actions
