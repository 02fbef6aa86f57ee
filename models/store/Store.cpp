#include "Store.h"

namespace lockbox {

QFuture<Result<AccessRequest>> Store::approve(const Actor& actor, const QString& id, const QString& comment)
{
    return perform(actor, id, Action::Approve, comment);
}

QFuture<Result<AccessRequest>> Store::deny(const Actor& actor, const QString& id, const QString& reason)
{
    return perform(actor, id, Action::Deny, reason);
}

QFuture<Result<AccessRequest>> Store::revoke(const Actor& actor, const QString& id, const QString& comment)
{
    return perform(actor, id, Action::Revoke, comment);
}

} // namespace lockbox
