#include "RemoteEventStream.h"

#include "RemoteConnection.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <algorithm>

namespace lockbox {

RemoteEventStream::RemoteEventStream(RemoteConnection* connection)
    : QObject(connection)
    , m_connection(connection)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RemoteEventStream::connectNow);
}

RemoteEventStream::~RemoteEventStream()
{
    // Quietly: whoever listens is going away too.
    m_following = false;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        delete m_reply;
    }
}

void RemoteEventStream::start()
{
    if (m_following)
        return;
    m_following = true;
    m_retryMilliseconds = firstRetryMilliseconds;
    connectNow();
}

void RemoteEventStream::stop()
{
    m_following = false;
    m_retryTimer.stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    setConnected(false);
}

void RemoteEventStream::connectNow()
{
    if (!m_following || m_reply)
        return;
    m_parser.reset();
    QNetworkReply* reply
        = m_connection->openStream(QStringLiteral("/api/v1/events"), m_parser.lastEventId().toUtf8(), idleMilliseconds);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, [this]() {
        if (!answeredOk())
            return;
        m_retryMilliseconds = firstRetryMilliseconds;
        setConnected(true);
    });
    connect(reply, &QNetworkReply::readyRead, this, &RemoteEventStream::readEvents);
    connect(reply, &QNetworkReply::finished, this, &RemoteEventStream::dropped);
}

bool RemoteEventStream::answeredOk() const
{
    return m_reply && m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

void RemoteEventStream::readEvents()
{
    // Anything but 200 (401 after the session ended, 503) is an error document, not events.
    if (!answeredOk())
        return;
    for (const SseParser::Event& event : m_parser.feed(m_reply->readAll())) {
        const QJsonDocument data = QJsonDocument::fromJson(event.data.toUtf8());
        if (data.isObject())
            emit eventReceived(event.name, data.object());
    }
}

void RemoteEventStream::dropped()
{
    if (m_reply) {
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    setConnected(false);
    if (!m_following)
        return;
    // The service's own "retry:" is a floor; repeated failures wait longer, up to a limit.
    const int delay = std::max(m_retryMilliseconds, m_parser.retryMilliseconds());
    m_retryMilliseconds = std::min(m_retryMilliseconds * 2, maxRetryMilliseconds);
    m_retryTimer.start(delay);
}

void RemoteEventStream::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    emit connectedChanged(connected);
}

} // namespace lockbox
