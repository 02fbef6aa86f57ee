#include "RequestStatus.h"

#include <QCoreApplication>

namespace lockbox::requestStatus {

QString key(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Filed:
        return QStringLiteral("Filed");
    case RequestStatus::Pending:
        return QStringLiteral("Pending");
    case RequestStatus::Approved:
        return QStringLiteral("Approved");
    case RequestStatus::Denied:
        return QStringLiteral("Denied");
    case RequestStatus::Rejected:
        return QStringLiteral("Rejected");
    case RequestStatus::Expired:
        return QStringLiteral("Expired");
    case RequestStatus::Cancelled:
        return QStringLiteral("Cancelled");
    case RequestStatus::Completed:
        return QStringLiteral("Completed");
    case RequestStatus::Revoked:
        return QStringLiteral("Revoked");
    }
    return {};
}

bool fromKey(const QString& key, RequestStatus* status)
{
    for (RequestStatus candidate : all()) {
        if (requestStatus::key(candidate).compare(key, Qt::CaseInsensitive) == 0) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

QString displayName(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Filed:
        return QCoreApplication::translate("lockbox::RequestStatus", "Awaiting manager");
    case RequestStatus::Pending:
        return QCoreApplication::translate("lockbox::RequestStatus", "Pending");
    case RequestStatus::Approved:
        return QCoreApplication::translate("lockbox::RequestStatus", "Approved");
    case RequestStatus::Denied:
        return QCoreApplication::translate("lockbox::RequestStatus", "Denied");
    case RequestStatus::Rejected:
        return QCoreApplication::translate("lockbox::RequestStatus", "Rejected by manager");
    case RequestStatus::Expired:
        return QCoreApplication::translate("lockbox::RequestStatus", "Expired");
    case RequestStatus::Cancelled:
        return QCoreApplication::translate("lockbox::RequestStatus", "Withdrawn");
    case RequestStatus::Completed:
        return QCoreApplication::translate("lockbox::RequestStatus", "Completed");
    case RequestStatus::Revoked:
        return QCoreApplication::translate("lockbox::RequestStatus", "Revoked");
    }
    return {};
}

bool isFinal(RequestStatus status)
{
    return status != RequestStatus::Filed && status != RequestStatus::Pending && status != RequestStatus::Approved;
}

QList<RequestStatus> all()
{
    return {RequestStatus::Filed,
            RequestStatus::Pending,
            RequestStatus::Approved,
            RequestStatus::Denied,
            RequestStatus::Rejected,
            RequestStatus::Expired,
            RequestStatus::Cancelled,
            RequestStatus::Completed,
            RequestStatus::Revoked};
}

} // namespace lockbox::requestStatus
