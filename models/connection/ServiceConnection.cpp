#include "ServiceConnection.h"

#include <QCoreApplication>

namespace lockbox {

QString ServiceConnection::label() const
{
    return QCoreApplication::translate("lockbox::ServiceConnection", "%1 at %2 on %3")
        .arg(user, tenant, url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath));
}

} // namespace lockbox
