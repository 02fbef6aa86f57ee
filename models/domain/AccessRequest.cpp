#include "AccessRequest.h"

#include <algorithm>

namespace lockbox {

bool AccessRequest::hasApprovalFrom(const QString& principal) const
{
    return std::any_of(decisions.cbegin(), decisions.cend(), [&](const Decision& decision) {
        return decision.kind == Decision::Kind::Approve && decision.actor.compare(principal, Qt::CaseInsensitive) == 0;
    });
}

} // namespace lockbox
