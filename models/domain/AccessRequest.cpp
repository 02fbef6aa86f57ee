#include "AccessRequest.h"

#include <QCoreApplication>
#include <algorithm>

namespace lockbox {

bool AccessRequest::hasApprovalFrom(const QString& principal) const
{
    return std::any_of(decisions.cbegin(), decisions.cend(), [&](const Decision& decision) {
        return decision.kind == Decision::Kind::Approve && decision.actor.compare(principal, Qt::CaseInsensitive) == 0;
    });
}

QString AccessRequest::statusText() const
{
    if (status != RequestStatus::Pending)
        return requestStatus::displayName(status);
    QString text = informationRequested ? QCoreApplication::translate("lockbox::AccessRequest", "Information requested")
                                        : requestStatus::displayName(status);
    if (escalatedAt.isValid())
        text = QCoreApplication::translate("lockbox::AccessRequest", "%1, escalated").arg(text);
    if (approvalsRequired > 1)
        text = QCoreApplication::translate("lockbox::AccessRequest", "%1 (%2 of %3 approvals)")
                   .arg(text)
                   .arg(approvalsCount)
                   .arg(approvalsRequired);
    return text;
}

} // namespace lockbox
