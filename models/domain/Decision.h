#pragma once

#include "Role.h"

#include <QDateTime>
#include <QString>

namespace lockbox {

// One decision taken on a request, by the operator's manager, a customer approver, the engineer
// or the system. A request keeps all of them: with "approvals required" above 1 a request
// collects several Approve decisions before it is Approved.
struct Decision
{
    enum class Kind {
        ManagerApprove,
        ManagerReject,
        Approve,
        Deny,
        Revoke,
        Withdraw,
        AutoApprove,
    };

    Kind kind = Kind::Approve;
    QString actor;
    Role actorRole = Role::None;
    QDateTime at;
    QString comment;

    static QString kindKey(Kind kind);
    static bool kindFromKey(const QString& key, Kind* kind);
};

} // namespace lockbox
