#pragma once

#include "ApiCall.h"
#include "AuditFollower.h"
#include "audit/AuditRecord.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

namespace lockbox {

class SqlStore;

// The live event stream (Server-Sent Events at /api/v1/events). Its source is the audit log
// itself, followed every 200 ms (AuditFollower): so every change reaches every client within a second, whichever
// lockboxd process on the same database made it, and whether a person or the clock (expiry,
// window end) caused it. A client that reconnects with Last-Event-ID gets what it missed.
// Customer clients hear about their own tenant only; the operator's managers about requests
// of every tenant.
class EventStream : public QObject
{
    Q_OBJECT

public:
    static constexpr int pollMilliseconds = 200;
    static constexpr int heartbeatSeconds = 15;

    explicit EventStream(SqlStore& store, QObject* parent = nullptr);
    ~EventStream() override;

    void start();
    // Takes over the call's connection; its session says who listens.
    void subscribe(ApiCall call);
    int subscriberCount() const { return int(m_subscribers.size()); }

    // The event name for an audit operation ("request.decided"), or empty when clients are not
    // told about it (sign-ins, refusals).
    static QString eventName(const QString& operation);

private:
    struct Subscriber;

    void deliver(const QList<AuditRecord>& records);
    void send(Subscriber& subscriber, const AuditRecord& record);
    void heartbeat();
    void prune();
    static bool mayHear(const Subscriber& subscriber, const AuditRecord& record);

    SqlStore& m_store;
    AuditFollower m_log;
    QTimer m_heartbeatTimer;
    std::vector<std::unique_ptr<Subscriber>> m_subscribers;
};

} // namespace lockbox
