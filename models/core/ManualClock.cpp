#include "ManualClock.h"

namespace lockbox {

ManualClock::ManualClock(QDateTime start)
    : m_now(start.toUTC())
{ }

QDateTime ManualClock::now() const
{
    QMutexLocker lock(&m_mutex);
    return m_now;
}

void ManualClock::set(const QDateTime& time)
{
    QMutexLocker lock(&m_mutex);
    m_now = time.toUTC();
}

void ManualClock::advance(qint64 milliseconds)
{
    QMutexLocker lock(&m_mutex);
    m_now = m_now.addMSecs(milliseconds);
}

} // namespace lockbox
