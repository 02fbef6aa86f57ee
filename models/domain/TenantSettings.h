#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lockbox {

// A customer tenant's lockbox policy (SPEC "Settings" and "Beyond the basics").
struct TenantSettings
{
    static constexpr int minApprovals = 1;
    static constexpr int maxApprovals = 3;
    static constexpr int minEscalationLeadMinutes = 15;
    static constexpr int maxEscalationLeadMinutes = 600;
    static constexpr int defaultEscalationLeadMinutes = 120;
    static constexpr int maxBackupApprovers = 10;

    QString tenantId;
    QString displayName;
    // "Require approval for all data access requests". Off: the system approves what the
    // operator's manager approved.
    bool requireApproval = true;
    // Distinct customer approvers needed before a request is Approved (1 to 3).
    int approvalsRequired = 1;
    // Escalation: who takes over a request still undecided `escalationLeadMinutes` before it
    // expires (principals holding an approving role; none: no escalation).
    QStringList backupApprovers;
    int escalationLeadMinutes = defaultEscalationLeadMinutes;

    QString changedBy;
    QDateTime changedAt;
};

} // namespace lockbox
