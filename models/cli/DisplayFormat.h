#pragma once

#include "domain/AccessRequest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace lockbox {

// How lockboxctl shows times, durations and empty values to a person. JSON output never goes
// through here: it carries ISO 8601 times and plain numbers.
class DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::DisplayFormat)

public:
    // Shown for a value that is not there (no decision yet, no window).
    static QString none();

    // "1 h 30 min", "45 min", "2 h".
    static QString minutes(qint64 minutes);
    // Time left, rounded down to the minute: "3 h 12 min"; "< 1 min" in the last minute.
    static QString timeLeft(qint64 seconds);
    // "2026-11-24 08:00" in UTC: the list's Requested column.
    static QString minute(const QDateTime& time);
    // "2026-11-24 08:00:05 UTC", or none() for no time.
    static QString time(const QDateTime& time);
    // The text, or none() when empty.
    static QString orNone(const QString& text);
    static QString onOff(bool on);

    // How long an undecided request has left before it lapses, or none() when it is not waiting
    // for a decision.
    static QString expiresIn(const AccessRequest& request, const QDateTime& now);
};

} // namespace lockbox
