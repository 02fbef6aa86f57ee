#pragma once

#include <QDateTime>
#include <QString>

namespace lockbox {

// The answer to "may this engineer touch this tenant's content now?".
struct AccessCheck
{
    bool allowed = false;
    QDateTime until; // when allowed: the end of the window
    QString requestId; // the request that grants it, when allowed
    QString reason; // when denied: why, in plain words
};

} // namespace lockbox
