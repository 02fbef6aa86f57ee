#pragma once

#include <QDateTime>

namespace lockbox {

// The store's notion of "now" (UTC). Every lifecycle check asks the store's clock at the moment
// of the write, so that tests and the training demo can move time. Implementations must be safe
// to call from the store's worker thread.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};

} // namespace lockbox
