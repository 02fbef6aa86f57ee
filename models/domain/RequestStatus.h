#pragma once

#include <QList>
#include <QString>

namespace lockbox {

// The states of a data access request (SPEC "Lifecycle"). Filed: waiting for the operator's
// manager; Pending: waiting for the customer. The others are final except Approved, which ends
// as Completed (window over) or Revoked.
enum class RequestStatus {
    Filed,
    Pending,
    Approved,
    Denied,
    Rejected,
    Expired,
    Cancelled,
    Completed,
    Revoked,
};

namespace requestStatus {
QString key(RequestStatus status);
// Parses a stable key; false when it names no status.
bool fromKey(const QString& key, RequestStatus* status);
QString displayName(RequestStatus status);
bool isFinal(RequestStatus status);
QList<RequestStatus> all();
} // namespace requestStatus

} // namespace lockbox
