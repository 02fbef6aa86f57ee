#include "TimeFormat.h"

namespace lockbox {

QString TimeFormat::duration(qint64 minutes)
{
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = (minutes / 60) % 24;
    const qint64 rest = minutes % 60;
    QStringList parts;
    if (days > 0)
        parts << tr("%1 d").arg(days);
    if (hours > 0)
        parts << tr("%1 h").arg(hours);
    if (rest > 0 || parts.isEmpty())
        parts << tr("%1 min").arg(rest);
    return parts.join(QLatin1Char(' '));
}

QString TimeFormat::remaining(const QDateTime& now, const QDateTime& end)
{
    const qint64 seconds = now.secsTo(end);
    if (seconds <= 0)
        return tr("none");
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return duration(seconds / 60);
}

QString TimeFormat::utc(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace lockbox
