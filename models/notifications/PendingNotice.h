#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lockbox {

// Something an approver should hear about without looking at the window: a request that now
// awaits their approval, one that lapses within the hour, or one escalated to them as a backup
// approver. Shown as a desktop notification;
// a click opens the first request named.
struct PendingNotice
{
    enum class Kind { AwaitingApproval, ExpiringSoon, Escalated };

    Kind kind = Kind::AwaitingApproval;
    QStringList requestIds; // one or more, in the order the text names them
    QString title;
    QString text;
};

} // namespace lockbox

Q_DECLARE_METATYPE(lockbox::PendingNotice)
