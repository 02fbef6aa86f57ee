#pragma once

#include "core/Result.h"
#include "store/AuditQuery.h"
#include "store/RequestQuery.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace lockbox {

// The URL query form of the request list and audit queries, shared by the service (reading)
// and its clients (writing), so that both ends agree on names and formats:
//   /requests?status=pending,approved&q=text&createdFrom=...&createdTo=...&expiresBefore=...
//             &decidedFrom=...&sort=created&order=desc&limit=50&cursor=...
//   /audit?from=...&to=...&operation=RequestApproved&actor=...&request=...&order=asc&limit=200&cursor=SEQ
// Times are ISO 8601 with an offset or Z. Unknown parameters and malformed values are errors
// (InvalidInput) naming the parameter.
class QueryCodec
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::QueryCodec)

public:
    static QUrlQuery toUrlQuery(const RequestQuery& query);
    static Result<RequestQuery> requestQuery(const QUrlQuery& query);
    static QUrlQuery toUrlQuery(const AuditQuery& query);
    static Result<AuditQuery> auditQuery(const QUrlQuery& query);

    static QString sortName(RequestQuery::SortKey key);
    static bool sortKey(const QString& name, RequestQuery::SortKey* key);
    // Every sort name, in the order of the columns.
    static QStringList sortNames();
    // ISO 8601 with an offset or Z (a date alone means its midnight UTC).
    static Result<QDateTime> time(const QString& parameter, const QString& text);
    static QString formatTime(const QDateTime& time);
};

} // namespace lockbox
