#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace lockbox {

// How durations and times read on screen, in the default locale's way (the Admin Center sets it to
// the admin's language): "1 h 30 min" or "1 Std. 30 Min.", "11/24/26 8:30 PM UTC" or
// "24.11.26 20:30 UTC". Times are always shown in UTC and say so. The C locale, which has no
// conventions of its own (tests, scripts), gets ISO 8601: "2026-11-24 20:30 UTC".
class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::TimeFormat)

public:
    static QString duration(qint64 minutes);
    // Time left from `now` until `end`, rounded down to the minute ("45 s" under a minute).
    static QString remaining(const QDateTime& now, const QDateTime& end);
    // The time in UTC, marked as such.
    static QString utc(const QDateTime& time);
    // The time in UTC without the marker, for a column whose header says "(UTC)".
    static QString utcShort(const QDateTime& time);
};

} // namespace lockbox
