#pragma once

#include "audit/AuditRecord.h"

#include <QObject>
#include <QTimer>

namespace lockbox {

class SqlStore;

// Follows the tail of the audit log: reads where the log stands when started, then, at every
// interval, the records appended since, and hands them on in order. The log is the one source of
// what changed, whichever lockboxd process on the database wrote it and whether a person or the
// clock caused it: the event stream and the e-mail to approvers both follow it.
class AuditFollower : public QObject
{
    Q_OBJECT

public:
    // At most this many records a read; a full read is followed by another at once.
    static constexpr int batch = 1000;

    AuditFollower(SqlStore& store, int intervalMilliseconds, QObject* parent = nullptr);

    void start();
    void stop() { m_timer.stop(); }
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    // The last record handed on (or where the log stood at start); -1 until the first read.
    qint64 lastSeq() const { return m_lastSeq; }

signals:
    // Where the log stood at start: what is appended from now on is handed on.
    void started(qint64 lastSeq);
    void appended(const QList<lockbox::AuditRecord>& records);

private:
    void poll();

    SqlStore& m_store;
    QTimer m_timer;
    qint64 m_lastSeq = -1;
    bool m_polling = false;
};

} // namespace lockbox
