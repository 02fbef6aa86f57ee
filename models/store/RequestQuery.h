#pragma once

#include "domain/RequestStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace lockbox {

// A page of the request list: filter, sort and a cursor. Filtering and sorting are done by the
// store's indexed queries, never in memory.
struct RequestQuery
{
    enum class SortKey { Reference, Created, Reason, Workload, Requester, Duration, Expires, State };

    QList<RequestStatus> statuses; // empty: every status
    QString search; // matched against reference, ticket, reason, requester and scope
    QDateTime createdFrom; // inclusive, optional
    QDateTime createdTo; // exclusive, optional
    QDateTime expiresBefore; // inclusive, optional: lapsing by then
    QDateTime decidedFrom; // inclusive, optional: decided since then
    SortKey sortKey = SortKey::Created;
    Qt::SortOrder order = Qt::DescendingOrder;
    int limit = 50; // 1 to 500
    QString cursor; // from the previous page's nextCursor; empty for the first page

    static constexpr int maxLimit = 500;
};

} // namespace lockbox
