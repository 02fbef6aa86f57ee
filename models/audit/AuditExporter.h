#pragma once

#include "AuditRecord.h"
#include "core/Result.h"

#include <QIODevice>
#include <QList>
#include <functional>

namespace lockbox {

// Writes audit records as JSON lines (one object a line, the field names of AuditRecord::toJson)
// or CSV (RFC 4180, a header line, details as a JSON string), page by page so that an export of
// millions of records holds one page in memory.
class AuditExporter
{
public:
    enum class Format { JsonLines, Csv };

    // Returns the next page of records after `afterSeq` (empty when done).
    using PageSource = std::function<Result<QList<AuditRecord>>(qint64 afterSeq)>;
    // Told how many records are written so far; return false to cancel.
    using Progress = std::function<bool(qint64 written)>;

    static Result<qint64> write(QIODevice& out, Format format, const PageSource& source, const Progress& progress = {});

    static QByteArray csvHeader();
    static QByteArray csvRow(const AuditRecord& record);
    static QByteArray jsonLine(const AuditRecord& record);
    static bool formatFromName(const QString& name, Format* format);
};

} // namespace lockbox
