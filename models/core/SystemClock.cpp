#include "SystemClock.h"

namespace lockbox {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace lockbox
