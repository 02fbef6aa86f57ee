#pragma once

#include "lifecycle/Lifecycle.h"
#include "notifications/PendingNotice.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <optional>

namespace lockbox {

class Session;
struct AccessRequest;

// Watches the signed-in approver's pending requests for the tray icon and desktop notifications:
// the number pending, each request that newly awaits this person's approval, and each one that
// comes within an hour of expiring while this person could still approve it, and each one
// escalated while this person is one of the tenant's backup approvers. Every notice is
// given once per request for the session; requests already pending at sign-in are counted, not
// announced. It looks at the lookAhead newest and soonest-expiring pending requests. Time is the store's clock, so the
// training demo's clock drives it too.
class PendingWatch : public QObject
{
    Q_OBJECT

public:
    explicit PendingWatch(Session* session, QObject* parent = nullptr);

    // Pending requests in the tenant (-1 until the first answer).
    int pendingCount() const { return m_pendingCount; }
    // Nothing asked of the store and nothing about to be.
    bool isIdle() const { return !m_running && !m_soon.isActive(); }

    // How long before expiry the "expires soon" notice comes.
    static constexpr qint64 expiryWarningSeconds = Lifecycle::expiryWarningSeconds;
    // At most this many requests are looked at per refresh for each kind of notice.
    static constexpr int lookAhead = 100;

public slots:
    // Asks the store again (coalesced: calls while a refresh runs make one more afterwards).
    void refresh();

signals:
    void pendingCountChanged(int count);
    void notice(const lockbox::PendingNotice& notice);
    // A look at the store has finished (with or without notices).
    void refreshed();

private:
    // Everything: new requests too (after a change); Timely: what time brings (each tick).
    enum class Scope { Timely, Everything };

    void startOver();
    void look(Scope scope);
    // Looks once control returns to the event loop (changes come in bursts).
    void lookSoon(Scope scope);
    void readSummary(Scope scope, quint64 generation);
    void readNewest(quint64 generation);
    void readSoonest(quint64 generation);
    void finishRefresh();
    bool awaitsMe(const AccessRequest& request) const;
    void announce(PendingNotice::Kind kind, const QList<AccessRequest>& requests);

    Session* m_session;
    QTimer m_soon;
    bool m_running = false;
    std::optional<Scope> m_again; // asked for while a look was running
    std::optional<Scope> m_next; // what m_soon looks at
    bool m_baselined = false; // what was pending at sign-in is known
    quint64 m_generation = 0; // answers from before a new sign-in are dropped
    int m_pendingCount = -1;
    QSet<QString> m_announced;
    QSet<QString> m_warned;
    QSet<QString> m_escalated;
};

} // namespace lockbox
