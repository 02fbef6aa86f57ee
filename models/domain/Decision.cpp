#include "Decision.h"

#include <array>

namespace lockbox {

namespace {
constexpr std::array kinds = {Decision::Kind::ManagerApprove,
                              Decision::Kind::ManagerReject,
                              Decision::Kind::Approve,
                              Decision::Kind::Deny,
                              Decision::Kind::Revoke,
                              Decision::Kind::Withdraw,
                              Decision::Kind::AutoApprove,
                              Decision::Kind::Question,
                              Decision::Kind::Answer,
                              Decision::Kind::Escalate};
}

QString Decision::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::ManagerApprove:
        return QStringLiteral("ManagerApprove");
    case Kind::ManagerReject:
        return QStringLiteral("ManagerReject");
    case Kind::Approve:
        return QStringLiteral("Approve");
    case Kind::Deny:
        return QStringLiteral("Deny");
    case Kind::Revoke:
        return QStringLiteral("Revoke");
    case Kind::Withdraw:
        return QStringLiteral("Withdraw");
    case Kind::AutoApprove:
        return QStringLiteral("AutoApprove");
    case Kind::Question:
        return QStringLiteral("Question");
    case Kind::Answer:
        return QStringLiteral("Answer");
    case Kind::Escalate:
        return QStringLiteral("Escalate");
    }
    return {};
}

bool Decision::kindFromKey(const QString& key, Kind* kind)
{
    for (Kind candidate : kinds) {
        if (kindKey(candidate) == key) {
            *kind = candidate;
            return true;
        }
    }
    return false;
}

} // namespace lockbox
