#pragma once

#include "core/Clock.h"

#include <QMutex>
#include <functional>

namespace lockbox {

// The training demo's time: runs at ×1, ×60 or ×600 real speed, or stands still, so that a
// trainee can watch a request expire after 12 hours or an access window close. It is the demo
// store's clock, so every countdown, expiry and window end follows it. Safe to read from the
// store's worker thread.
class DemoClock : public Clock
{
public:
    // Milliseconds of real time from some fixed point; tests pass their own.
    using RealTime = std::function<qint64()>;

    explicit DemoClock(QDateTime start, RealTime realTime = {});

    QDateTime now() const override;
    int speed() const; // 0 when paused
    void setSpeed(int speed); // 0 pauses

private:
    qint64 demoMsAt(qint64 realMs) const;

    mutable QMutex m_mutex;
    RealTime m_realTime;
    qint64 m_anchorDemoMs;
    qint64 m_anchorRealMs;
    int m_speed = 1;
};

} // namespace lockbox
