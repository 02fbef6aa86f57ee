#include "AuditRecord.h"

#include <QCryptographicHash>
#include <QJsonDocument>

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
    return time.toUTC().toString(Qt::ISODateWithMs);
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
