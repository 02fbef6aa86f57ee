#include "AuditExporter.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace lockbox {

namespace {
QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}
} // namespace

QByteArray AuditExporter::csvHeader()
{
    return QByteArrayLiteral("seq,tenantSeq,time,actor,actorRole,tenant,operation,requestId,details,prevHash,hash\r\n");
}

QByteArray AuditExporter::csvRow(const AuditRecord& record)
{
    const QStringList fields = {QString::number(record.seq),
                                QString::number(record.tenantSeq),
                                AuditRecord::formatTime(record.at),
                                record.actor,
                                roles::key(record.actorRole),
                                record.tenantId,
                                record.operation,
                                record.requestId,
                                QString::fromUtf8(QJsonDocument(record.details).toJson(QJsonDocument::Compact)),
                                record.prevHash,
                                record.hash};
    QByteArray row;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            row += ',';
        row += csvField(fields.at(i));
    }
    return row + "\r\n";
}

QByteArray AuditExporter::jsonLine(const AuditRecord& record)
{
    return QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

bool AuditExporter::formatFromName(const QString& name, Format* format)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("jsonl") || lower == QLatin1String("json")) {
        *format = Format::JsonLines;
        return true;
    }
    if (lower == QLatin1String("csv")) {
        *format = Format::Csv;
        return true;
    }
    return false;
}

Result<qint64> AuditExporter::write(QIODevice& out, Format format, const PageSource& source, const Progress& progress)
{
    auto writeFailed = [&out]() {
        return Error(Error::Code::StorageFailure,
                     QCoreApplication::translate("lockbox::AuditExporter", "Could not write the export: %1")
                         .arg(out.errorString()));
    };
    if (format == Format::Csv && out.write(csvHeader()) < 0)
        return writeFailed();
    qint64 written = 0;
    qint64 afterSeq = 0;
    for (;;) {
        Result<QList<AuditRecord>> page = source(afterSeq);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        QByteArray chunk;
        for (const AuditRecord& record : *page)
            chunk += format == Format::Csv ? csvRow(record) : jsonLine(record);
        if (out.write(chunk) != chunk.size())
            return writeFailed();
        written += page->size();
        afterSeq = page->last().seq;
        if (progress && !progress(written))
            return Error(Error::Code::InvalidState,
                         QCoreApplication::translate("lockbox::AuditExporter",
                                                     "The export was cancelled; records written before: %1.")
                             .arg(written));
    }
    return written;
}

} // namespace lockbox
