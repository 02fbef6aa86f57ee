#include "DemoClock.h"

#include <QElapsedTimer>

namespace lockbox {

namespace {
DemoClock::RealTime steadyTime()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] {
        return timer->elapsed();
    };
}
} // namespace

DemoClock::DemoClock(QDateTime start, RealTime realTime)
    : m_realTime(realTime ? std::move(realTime) : steadyTime())
    , m_anchorDemoMs(start.toMSecsSinceEpoch())
    , m_anchorRealMs(m_realTime())
{ }

qint64 DemoClock::demoMsAt(qint64 realMs) const
{
    return m_anchorDemoMs + (realMs - m_anchorRealMs) * m_speed;
}

QDateTime DemoClock::now() const
{
    QMutexLocker lock(&m_mutex);
    return QDateTime::fromMSecsSinceEpoch(demoMsAt(m_realTime()), Qt::UTC);
}

int DemoClock::speed() const
{
    QMutexLocker lock(&m_mutex);
    return m_speed;
}

void DemoClock::setSpeed(int speed)
{
    QMutexLocker lock(&m_mutex);
    // Re-anchor so that time is continuous across the change.
    const qint64 real = m_realTime();
    m_anchorDemoMs = demoMsAt(real);
    m_anchorRealMs = real;
    m_speed = std::max(0, speed);
}

} // namespace lockbox
