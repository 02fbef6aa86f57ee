#include "TimeFormat.h"

#include <QLocale>

namespace lockbox {

QString TimeFormat::duration(qint64 minutes)
{
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    const qint64 rest = minutes % 60;
    QStringList parts;
    if (days > 0)
        parts << tr("%L1 d", "days, abbreviated").arg(days);
    if (hours > 0)
        parts << tr("%L1 h", "hours, abbreviated").arg(hours);
    if (rest > 0 || parts.isEmpty())
        parts << tr("%L1 min", "minutes, abbreviated").arg(rest);
    return parts.join(QLatin1Char(' '));
}

QString TimeFormat::remaining(const QDateTime& now, const QDateTime& end)
{
    const qint64 seconds = now.secsTo(end);
    if (seconds <= 0)
        return tr("none", "no time left");
    if (seconds < 60)
        return tr("%L1 s", "seconds, abbreviated").arg(seconds);
    return duration(seconds / 60);
}

QString TimeFormat::utc(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return tr("%1 UTC", "a date and time in Coordinated Universal Time").arg(utcShort(time));
}

QString TimeFormat::utcShort(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    const QLocale locale;
    const QDateTime inUtc = time.toUTC();
    if (locale.language() == QLocale::C)
        return inUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return locale.toString(inUtc, QLocale::ShortFormat);
}

} // namespace lockbox
