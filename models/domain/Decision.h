#pragma once

#include "Role.h"

#include <QDateTime>
#include <QString>

namespace lockbox {

// One step taken on a request, by the operator's manager, a customer approver, the engineer or
// the system: a decision, a question to the engineer and its answer, or the escalation to the
// tenant's backup approvers. A request keeps all of them in order, its history: with "approvals
// required" above 1 a request collects several Approve decisions before it is Approved.
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
        Question, // an approver asks the engineer (comment: the question)
        Answer, // the engineer answers (comment: the answer)
        Escalate, // the system handed the request to the backup approvers
    };

    Kind kind = Kind::Approve;
    QString actor;
    Role actorRole = Role::None;
    QDateTime at;
    QString comment;
    // A customer decision's signature by the deciding approver (empty when unsigned): the key's
    // fingerprint, the time signed and the Ed25519 signature over its DecisionStatement.
    QString signingKey;
    QDateTime signedAt;
    QByteArray signature;

    static QString kindKey(Kind kind);
    static bool kindFromKey(const QString& key, Kind* kind);
};

} // namespace lockbox
