#pragma once

#include <QDateTime>
#include <QString>

namespace lockbox {

// A page of the audit log in sequence order, from a cursor.
struct AuditQuery
{
    QDateTime from; // inclusive, optional
    QDateTime to; // exclusive, optional
    QString operation; // exact operation name, optional
    QString actor; // exact principal, optional
    QString requestId; // optional
    bool newestFirst = false;
    // Exclusive: records after it (oldest first) or before it (newest first); 0 starts at the
    // beginning (or the end).
    qint64 cursorSeq = 0;
    int limit = 200; // 1 to 1000

    static constexpr int maxLimit = 1000;
};

} // namespace lockbox
