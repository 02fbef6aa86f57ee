#include "AuditRecord.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <chrono>

namespace lockbox {

namespace {
QJsonObject fieldsWithoutHash(const AuditRecord& record)
{
    return QJsonObject {{QStringLiteral("seq"), record.seq},
                        {QStringLiteral("tenantSeq"), record.tenantSeq},
                        {QStringLiteral("time"), AuditRecord::formatTime(record.at)},
                        {QStringLiteral("actor"), record.actor},
                        {QStringLiteral("actorRole"), roles::key(record.actorRole)},
                        {QStringLiteral("tenant"), record.tenantId},
                        {QStringLiteral("operation"), record.operation},
                        {QStringLiteral("requestId"), record.requestId},
                        {QStringLiteral("details"), record.details},
                        {QStringLiteral("prevHash"), record.prevHash}};
}
} // namespace

QString AuditRecord::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditRecord::formatTime(const QDateTime& time)
{
    // What QDateTime::toString(Qt::ISODateWithMs) gives in UTC, written directly: the service
    // formats thousands of times a second, and Qt's goes through printf.
    const qint64 ms = time.toMSecsSinceEpoch();
    constexpr qint64 msPerDay = 24 * 60 * 60 * 1000;
    const qint64 days = ms >= 0 ? ms / msPerDay : (ms - msPerDay + 1) / msPerDay;
    const qint64 inDay = ms - days * msPerDay;
    const std::chrono::year_month_day date {std::chrono::sys_days {std::chrono::days {days}}};
    const int year = static_cast<int>(date.year());
    if (!time.isValid() || year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    char text[] = "0000-00-00T00:00:00.000Z";
    const auto put = [&text](int at, qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4);
    put(5, static_cast<unsigned>(date.month()), 2);
    put(8, static_cast<unsigned>(date.day()), 2);
    put(11, inDay / 3'600'000, 2);
    put(14, inDay / 60'000 % 60, 2);
    put(17, inDay / 1000 % 60, 2);
    put(20, inDay % 1000, 3);
    return QString::fromLatin1(text, sizeof text - 1);
}

QByteArray AuditRecord::canonicalEncoding() const
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical for this content.
    return QByteArrayLiteral("lockbox-audit/") + QByteArray::number(encodingVersion) + '\n'
        + QJsonDocument(fieldsWithoutHash(*this)).toJson(QJsonDocument::Compact);
}

QString AuditRecord::computeHash() const
{
    return QString::fromLatin1(QCryptographicHash::hash(canonicalEncoding(), QCryptographicHash::Sha256).toHex());
}

QJsonObject AuditRecord::toJson() const
{
    QJsonObject json = fieldsWithoutHash(*this);
    json.insert(QStringLiteral("hash"), hash);
    return json;
}

bool AuditRecord::fromJson(const QJsonObject& json, AuditRecord* record, QString* problem)
{
    static const QStringList required = {QStringLiteral("seq"),
                                         QStringLiteral("tenantSeq"),
                                         QStringLiteral("time"),
                                         QStringLiteral("actor"),
                                         QStringLiteral("actorRole"),
                                         QStringLiteral("tenant"),
                                         QStringLiteral("operation"),
                                         QStringLiteral("requestId"),
                                         QStringLiteral("details"),
                                         QStringLiteral("prevHash"),
                                         QStringLiteral("hash")};
    for (const QString& field : required) {
        if (!json.contains(field)) {
            *problem = QStringLiteral("field \"%1\" is missing").arg(field);
            return false;
        }
    }
    record->seq = json.value(QStringLiteral("seq")).toInteger(-1);
    record->tenantSeq = json.value(QStringLiteral("tenantSeq")).toInteger(-1);
    record->at = QDateTime::fromString(json.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (record->seq < 1 || record->tenantSeq < 1 || !record->at.isValid()
        || !json.value(QStringLiteral("details")).isObject()) {
        *problem = QStringLiteral("seq, tenantSeq, time or details has the wrong type");
        return false;
    }
    record->actor = json.value(QStringLiteral("actor")).toString();
    record->actorRole = roles::fromKey(json.value(QStringLiteral("actorRole")).toString());
    record->tenantId = json.value(QStringLiteral("tenant")).toString();
    record->operation = json.value(QStringLiteral("operation")).toString();
    record->requestId = json.value(QStringLiteral("requestId")).toString();
    record->details = json.value(QStringLiteral("details")).toObject();
    record->prevHash = json.value(QStringLiteral("prevHash")).toString();
    record->hash = json.value(QStringLiteral("hash")).toString();
    return true;
}

} // namespace lockbox
