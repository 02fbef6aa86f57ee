#include "DisplayFormat.h"

#include "lifecycle/Lifecycle.h"

namespace lockbox {

QString DisplayFormat::none()
{
    return QStringLiteral("—");
}

QString DisplayFormat::minutes(qint64 minutes)
{
    const qint64 hours = minutes / 60;
    const qint64 rest = minutes % 60;
    if (hours == 0)
        return tr("%1 min").arg(rest);
    if (rest == 0)
        return tr("%1 h").arg(hours);
    return tr("%1 h %2 min").arg(hours).arg(rest);
}

QString DisplayFormat::timeLeft(qint64 seconds)
{
    if (seconds < 60)
        return tr("< 1 min");
    return minutes(seconds / 60);
}

QString DisplayFormat::minute(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : none();
}

QString DisplayFormat::time(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : none();
}

QString DisplayFormat::orNone(const QString& text)
{
    return text.isEmpty() ? none() : text;
}

QString DisplayFormat::onOff(bool on)
{
    return on ? tr("on") : tr("off");
}

QString DisplayFormat::expiresIn(const AccessRequest& request, const QDateTime& now)
{
    if (!Lifecycle::isAwaitingDecision(request) || !request.expires.isValid())
        return none();
    return timeLeft(std::max<qint64>(0, now.secsTo(request.expires)));
}

} // namespace lockbox
