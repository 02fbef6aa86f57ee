#include "QueryCodec.h"

#include "domain/RequestStatus.h"

namespace lockbox {

namespace {

struct SortName
{
    const char* name;
    RequestQuery::SortKey key;
};

constexpr SortName sortTable[] = {
    {"reference", RequestQuery::SortKey::Reference},
    {"created", RequestQuery::SortKey::Created},
    {"reason", RequestQuery::SortKey::Reason},
    {"workload", RequestQuery::SortKey::Workload},
    {"requester", RequestQuery::SortKey::Requester},
    {"duration", RequestQuery::SortKey::Duration},
    {"expires", RequestQuery::SortKey::Expires},
    {"status", RequestQuery::SortKey::State},
};

QString value(const QUrlQuery& query, const QString& name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

Status onlyKnown(const QUrlQuery& query, const QStringList& known)
{
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
        Q_UNUSED(value)
        if (!known.contains(name))
            return Error(Error::Code::InvalidInput,
                         QCoreApplication::translate("lockbox::QueryCodec",
                                                     "Unknown parameter \"%1\": the parameters here are %2.")
                             .arg(name, known.join(QStringLiteral(", "))));
    }
    return Status::success();
}

Result<int> limit(const QUrlQuery& query, int fallback, int maximum)
{
    if (!query.hasQueryItem(QStringLiteral("limit")))
        return fallback;
    bool ok = false;
    const int parsed = value(query, QStringLiteral("limit")).toInt(&ok);
    if (!ok || parsed < 1 || parsed > maximum)
        return Error(
            Error::Code::InvalidInput,
            QCoreApplication::translate("lockbox::QueryCodec", "\"limit\" must be a whole number from 1 to %1.")
                .arg(maximum));
    return parsed;
}

Result<Qt::SortOrder> order(const QUrlQuery& query, Qt::SortOrder fallback)
{
    if (!query.hasQueryItem(QStringLiteral("order")))
        return fallback;
    const QString text = value(query, QStringLiteral("order")).toLower();
    if (text == QLatin1String("asc"))
        return Qt::AscendingOrder;
    if (text == QLatin1String("desc"))
        return Qt::DescendingOrder;
    return Error(Error::Code::InvalidInput,
                 QCoreApplication::translate("lockbox::QueryCodec", "\"order\" must be asc or desc."));
}

} // namespace

QStringList QueryCodec::sortNames()
{
    QStringList names;
    for (const SortName& sort : sortTable)
        names.append(QLatin1String(sort.name));
    return names;
}

QString QueryCodec::sortName(RequestQuery::SortKey key)
{
    for (const SortName& sort : sortTable) {
        if (sort.key == key)
            return QLatin1String(sort.name);
    }
    return QStringLiteral("created");
}

bool QueryCodec::sortKey(const QString& name, RequestQuery::SortKey* key)
{
    for (const SortName& sort : sortTable) {
        if (name.compare(QLatin1String(sort.name), Qt::CaseInsensitive) == 0) {
            *key = sort.key;
            return true;
        }
    }
    return false;
}

QString QueryCodec::formatTime(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

Result<QDateTime> QueryCodec::time(const QString& parameter, const QString& text)
{
    const QString trimmed = text.trimmed();
    QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (date.isValid())
            parsed = QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    // A time without an offset would be read in the server's zone: refuse it rather than guess.
    if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
        return Error(Error::Code::InvalidInput,
                     tr("\"%1\" takes an ISO 8601 time with an offset, such as 2026-11-24T08:00:00Z; \"%2\" is not "
                        "one.")
                         .arg(parameter, trimmed));
    return parsed.toUTC();
}

QUrlQuery QueryCodec::toUrlQuery(const RequestQuery& query)
{
    QUrlQuery url;
    if (!query.statuses.isEmpty()) {
        QStringList keys;
        for (RequestStatus status : query.statuses)
            keys.append(requestStatus::key(status).toLower());
        url.addQueryItem(QStringLiteral("status"), keys.join(QLatin1Char(',')));
    }
    if (!query.search.isEmpty())
        url.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(query.search)));
    const std::pair<const char*, QDateTime> times[] = {{"createdFrom", query.createdFrom},
                                                       {"createdTo", query.createdTo},
                                                       {"expiresBefore", query.expiresBefore},
                                                       {"decidedFrom", query.decidedFrom}};
    for (const auto& [name, time] : times) {
        if (time.isValid())
            url.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(formatTime(time))));
    }
    url.addQueryItem(QStringLiteral("sort"), sortName(query.sortKey));
    url.addQueryItem(QStringLiteral("order"),
                     query.order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc"));
    url.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (!query.cursor.isEmpty())
        url.addQueryItem(QStringLiteral("cursor"), query.cursor);
    return url;
}

Result<RequestQuery> QueryCodec::requestQuery(const QUrlQuery& url)
{
    if (Status known = onlyKnown(url,
                                 {QStringLiteral("status"),
                                  QStringLiteral("q"),
                                  QStringLiteral("createdFrom"),
                                  QStringLiteral("createdTo"),
                                  QStringLiteral("expiresBefore"),
                                  QStringLiteral("decidedFrom"),
                                  QStringLiteral("sort"),
                                  QStringLiteral("order"),
                                  QStringLiteral("limit"),
                                  QStringLiteral("cursor")});
        !known)
        return known.error();
    RequestQuery query;
    if (url.hasQueryItem(QStringLiteral("status"))) {
        for (const QString& key : value(url, QStringLiteral("status")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            RequestStatus status;
            if (!requestStatus::fromKey(key.trimmed(), &status)) {
                QStringList keys;
                for (RequestStatus candidate : requestStatus::all())
                    keys.append(requestStatus::key(candidate).toLower());
                return Error(Error::Code::InvalidInput,
                             tr("Unknown status \"%1\": use one or more of %2, separated by commas.")
                                 .arg(key, keys.join(QStringLiteral(", "))));
            }
            query.statuses.append(status);
        }
    }
    query.search = value(url, QStringLiteral("q")).trimmed();
    const std::pair<const char*, QDateTime*> times[] = {{"createdFrom", &query.createdFrom},
                                                        {"createdTo", &query.createdTo},
                                                        {"expiresBefore", &query.expiresBefore},
                                                        {"decidedFrom", &query.decidedFrom}};
    for (const auto& [name, target] : times) {
        const QString parameter = QLatin1String(name);
        if (!url.hasQueryItem(parameter))
            continue;
        Result<QDateTime> parsed = time(parameter, value(url, parameter));
        if (!parsed)
            return parsed.error();
        *target = *parsed;
    }
    if (url.hasQueryItem(QStringLiteral("sort")) && !sortKey(value(url, QStringLiteral("sort")), &query.sortKey)) {
        return Error(Error::Code::InvalidInput,
                     tr("\"sort\" must be one of %1.").arg(sortNames().join(QStringLiteral(", "))));
    }
    Result<Qt::SortOrder> sortOrder = order(url, Qt::DescendingOrder);
    if (!sortOrder)
        return sortOrder.error();
    query.order = *sortOrder;
    Result<int> pageSize = limit(url, 50, RequestQuery::maxLimit);
    if (!pageSize)
        return pageSize.error();
    query.limit = *pageSize;
    query.cursor = value(url, QStringLiteral("cursor"));
    return query;
}

QUrlQuery QueryCodec::toUrlQuery(const AuditQuery& query)
{
    QUrlQuery url;
    if (query.from.isValid())
        url.addQueryItem(QStringLiteral("from"), QString::fromLatin1(QUrl::toPercentEncoding(formatTime(query.from))));
    if (query.to.isValid())
        url.addQueryItem(QStringLiteral("to"), QString::fromLatin1(QUrl::toPercentEncoding(formatTime(query.to))));
    if (!query.operation.isEmpty())
        url.addQueryItem(QStringLiteral("operation"), query.operation);
    if (!query.actor.isEmpty())
        url.addQueryItem(QStringLiteral("actor"), QString::fromLatin1(QUrl::toPercentEncoding(query.actor)));
    if (!query.requestId.isEmpty())
        url.addQueryItem(QStringLiteral("request"), query.requestId);
    url.addQueryItem(QStringLiteral("order"), query.newestFirst ? QStringLiteral("desc") : QStringLiteral("asc"));
    url.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (query.cursorSeq > 0)
        url.addQueryItem(QStringLiteral("cursor"), QString::number(query.cursorSeq));
    return url;
}

Result<AuditQuery> QueryCodec::auditQuery(const QUrlQuery& url)
{
    if (Status known = onlyKnown(url,
                                 {QStringLiteral("from"),
                                  QStringLiteral("to"),
                                  QStringLiteral("operation"),
                                  QStringLiteral("actor"),
                                  QStringLiteral("request"),
                                  QStringLiteral("order"),
                                  QStringLiteral("limit"),
                                  QStringLiteral("cursor")});
        !known)
        return known.error();
    AuditQuery query;
    for (const auto& [name, target] : {std::pair<QString, QDateTime*> {QStringLiteral("from"), &query.from},
                                       std::pair<QString, QDateTime*> {QStringLiteral("to"), &query.to}}) {
        if (!url.hasQueryItem(name))
            continue;
        Result<QDateTime> parsed = time(name, value(url, name));
        if (!parsed)
            return parsed.error();
        *target = *parsed;
    }
    query.operation = value(url, QStringLiteral("operation")).trimmed();
    query.actor = value(url, QStringLiteral("actor")).trimmed().toLower();
    query.requestId = value(url, QStringLiteral("request")).trimmed();
    Result<Qt::SortOrder> sortOrder = order(url, Qt::AscendingOrder);
    if (!sortOrder)
        return sortOrder.error();
    query.newestFirst = *sortOrder == Qt::DescendingOrder;
    Result<int> pageSize = limit(url, 200, AuditQuery::maxLimit);
    if (!pageSize)
        return pageSize.error();
    query.limit = *pageSize;
    if (url.hasQueryItem(QStringLiteral("cursor"))) {
        bool ok = false;
        query.cursorSeq = value(url, QStringLiteral("cursor")).toLongLong(&ok);
        if (!ok || query.cursorSeq < 0)
            return Error(Error::Code::InvalidInput,
                         tr("\"cursor\" must be the nextCursor of a previous page (a whole number)."));
    }
    return query;
}

} // namespace lockbox
