#pragma once

#include "Decision.h"
#include "RequestStatus.h"
#include "Workload.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace lockbox {

// What an engineer asks for when filing (SPEC "The data access request").
struct NewRequest
{
    QString tenantId;
    Workload workload = Workload::Exchange;
    QString serviceRequest; // the support ticket
    QString reason;
    QString scope;
    int durationMinutes = 60;
};

// A data access request with every SPEC field and its decisions.
struct AccessRequest
{
    QString id; // UUID without braces
    QString reference; // EXSR359423
    QString serviceRequest;
    QString tenantId;
    Workload workload = Workload::Exchange;
    QString requester;
    QString reason;
    QString scope;
    int durationMinutes = 0;
    QDateTime created;
    QDateTime expires;
    RequestStatus status = RequestStatus::Filed;

    // Approvals needed, fixed from the tenant policy when the request reaches the customer.
    int approvalsRequired = 1;
    int approvalsCount = 0;

    QString manager;
    QDateTime managerDecidedAt;

    // The decision that ended the customer's part: the last approval, a deny, or the system.
    QString decidedBy;
    QDateTime decidedAt;
    QString decisionComment;

    QDateTime accessFrom;
    QDateTime accessUntil;

    // An approver asked the engineer a question that is not answered yet: the request shows
    // "Information requested". Its expiry does not move.
    bool informationRequested = false;
    // When the request goes to the tenant's backup approvers if still undecided (fixed from the
    // tenant policy when it reaches the customer; invalid when the tenant names none), and when
    // it did.
    QDateTime escalateAt;
    QDateTime escalatedAt;

    // Incremented by every change; a write succeeds only against the version it read.
    int version = 1;

    // Every decision in order, for a single request; in lists, only a pending request's approvals.
    QList<Decision> decisions;

    bool hasApprovalFrom(const QString& principal) const;
    // The status as people read it in lists: "Pending", "Information requested", "Pending,
    // escalated (1 of 2 approvals)", "Approved", ...
    QString statusText() const;
};

} // namespace lockbox
