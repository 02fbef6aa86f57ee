#pragma once

#include "domain/AccessRequest.h"
#include "lifecycle/Action.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace lockbox {

// What an approver signs when deciding (SPEC "Signed decisions"): the request's id, tenant,
// requester, workload, scope, requested duration and the approvals it needs, the decision, who
// takes it and when. Version 2 added the requester and the approvals needed, so that neither can
// be changed in the database under a signed approval. Its encoding is canonical and versioned, so
// that a signature made on one computer verifies on any other, now and after Lockbox changes: a
// header line with the version, then one line a field in a fixed order, each value prefixed with
// its length in UTF-8 bytes (canonical::appendField), so that no value can pass for another
// whatever characters it holds.
struct DecisionStatement
{
    static constexpr int currentVersion = 2;

    int version = currentVersion;
    QString requestId;
    QString tenantId;
    QString requester;
    Workload workload = Workload::Exchange;
    QString scope;
    int durationMinutes = 0;
    int approvalsRequired = 1;
    Action decision = Action::Approve; // Approve, Deny or Revoke
    QString approver;
    QDateTime at; // to the millisecond, UTC

    // The statement for `decision` by `approver` on `request` at `at`.
    static DecisionStatement
    of(const AccessRequest& request, Action decision, const QString& approver, const QDateTime& at);
    // Whether `action` is a customer decision that must be signed.
    static bool isSigned(Action action);

    // The bytes signed: "lockbox-decision/2\nrequest:36:…\ntenant:…" (see the class comment).
    QByteArray encoded() const;
};

} // namespace lockbox
