#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace lockbox {

// How durations and times read on screen: "1 h 30 min", "in 3 h 12 min", "2026-11-24 20:30 UTC".
class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::TimeFormat)

public:
    static QString duration(qint64 minutes);
    // Time left from `now` until `end`, rounded down to the minute ("45 s" under a minute).
    static QString remaining(const QDateTime& now, const QDateTime& end);
    static QString utc(const QDateTime& time);
};

} // namespace lockbox
