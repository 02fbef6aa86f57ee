#pragma once

#include "Clock.h"

#include <QMutex>

namespace lockbox {

// A clock that moves only when told: for tests and for replaying history in the seed generator.
class ManualClock : public Clock
{
public:
    explicit ManualClock(QDateTime start);

    QDateTime now() const override;
    void set(const QDateTime& time);
    void advance(qint64 milliseconds);
    void advanceSeconds(qint64 seconds) { advance(seconds * 1000); }

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
};

} // namespace lockbox
