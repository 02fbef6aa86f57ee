#pragma once

#include "SseParser.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace lockbox {

class RemoteConnection;

// Follows lockboxd's event stream (GET /api/v1/events, Server-Sent Events) over a connection:
// reports each event, and reconnects after the stream drops, with a short back-off that grows
// while the service stays away, asking for what it missed (Last-Event-ID). Lives on the
// connection's thread, as its child.
class RemoteEventStream : public QObject
{
    Q_OBJECT

public:
    // The service sends a keep-alive every 15 s: three missed ones mean the stream is dead.
    static constexpr int idleMilliseconds = 45000;
    static constexpr int firstRetryMilliseconds = 1000;
    static constexpr int maxRetryMilliseconds = 30000;

    explicit RemoteEventStream(RemoteConnection* connection);
    ~RemoteEventStream() override;

    void start();
    void stop();
    bool isConnected() const { return m_connected; }

signals:
    // `data` is the event's JSON object: seq, tenant, requestId, operation, actor, at.
    void eventReceived(const QString& name, const QJsonObject& data);
    void connectedChanged(bool connected);

private:
    void connectNow();
    void readEvents();
    void dropped();
    void setConnected(bool connected);
    bool answeredOk() const;

    RemoteConnection* m_connection;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    QTimer m_retryTimer;
    int m_retryMilliseconds = firstRetryMilliseconds;
    bool m_following = false;
    bool m_connected = false;
};

} // namespace lockbox
