#pragma once

#include "Clock.h"

namespace lockbox {

// Wall-clock time in UTC, to the millisecond.
class SystemClock : public Clock
{
public:
    QDateTime now() const override;
};

} // namespace lockbox
