#pragma once

#include <QDateTime>
#include <QString>

namespace lockbox {

// A customer tenant's lockbox policy (SPEC "Settings" and "Beyond the basics").
struct TenantSettings
{
    static constexpr int minApprovals = 1;
    static constexpr int maxApprovals = 3;

    QString tenantId;
    QString displayName;
    // "Require approval for all data access requests". Off: the system approves what the
    // operator's manager approved.
    bool requireApproval = true;
    // Distinct customer approvers needed before a request is Approved (1 to 3).
    int approvalsRequired = 1;

    QString changedBy;
    QDateTime changedAt;
};

} // namespace lockbox
