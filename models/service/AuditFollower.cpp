#include "AuditFollower.h"

#include "core/Guarded.h"
#include "store/SqlStore.h"

namespace lockbox {

AuditFollower::AuditFollower(SqlStore& store, int intervalMilliseconds, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setInterval(intervalMilliseconds);
    connect(&m_timer, &QTimer::timeout, this, &AuditFollower::poll);
}

void AuditFollower::start()
{
    m_timer.start();
    poll();
}

void AuditFollower::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    if (m_lastSeq < 0) {
        m_store.lastAuditSeq().then(QCoreApplication::instance(), guarded(this, [this](const Result<qint64>& last) {
                                        m_polling = false;
                                        if (!last)
                                            return;
                                        m_lastSeq = *last;
                                        emit started(m_lastSeq);
                                    }));
        return;
    }
    m_store.auditTail(m_lastSeq, batch)
        .then(QCoreApplication::instance(), guarded(this, [this](const Result<QList<AuditRecord>>& records) {
                  m_polling = false;
                  if (!records || records->isEmpty())
                      return;
                  m_lastSeq = records->last().seq;
                  emit appended(*records);
                  // More may be waiting behind a full batch: read on rather than fall behind.
                  if (records->size() == batch)
                      QTimer::singleShot(0, this, &AuditFollower::poll);
              }));
}

} // namespace lockbox
