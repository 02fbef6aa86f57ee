#include "ApiListener.h"

#include "ApiError.h"

#include <QJsonDocument>
#include <QSslSocket>
#include <QTimer>
#include <memory>

namespace lockbox {

namespace {

// Headers above this size are refused too: no legitimate client of ours sends them.
constexpr qint64 headerAllowance = 16 * 1024;

} // namespace

ApiListener::ApiListener(qint64 maxBodyBytes, QObject* parent)
    : QTcpServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{ }

void ApiListener::setTls(const QSslConfiguration& configuration)
{
    m_configuration = configuration;
    m_configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_tls = true;
}

void ApiListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket* socket = nullptr;
    if (m_tls) {
        auto* secure = new QSslSocket(this);
        secure->setSslConfiguration(m_configuration);
        if (!secure->setSocketDescriptor(descriptor)) {
            delete secure;
            return;
        }
        // A failed handshake closes the connection; nothing of it reaches the API.
        connect(secure, &QSslSocket::sslErrors, secure, &QSslSocket::abort);
        secure->startServerEncryption();
        socket = secure;
    } else {
        socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
    }
    // Connected before QHttpServer sees the socket, so this looks at the bytes first.
    m_watches.insert(socket, Watch {});
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
        // An answer went out: the next bytes start a new request.
        auto it = m_watches.find(socket);
        if (it != m_watches.end())
            *it = Watch {};
    });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_watches.remove(socket); });
    addPendingConnection(socket);
}

void ApiListener::inspect(QTcpSocket* socket)
{
    auto it = m_watches.find(socket);
    if (it == m_watches.end())
        return;
    Watch& watch = *it;
    if (watch.atRequestStart) {
        const QByteArray head = socket->peek(headerAllowance);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end >= 0) {
            watch.atRequestStart = false;
            for (const QByteArray& line : head.left(end).split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0 || line.left(colon).trimmed().toLower() != "content-length")
                    continue;
                bool ok = false;
                const qint64 length = line.mid(colon + 1).trimmed().toLongLong(&ok);
                if (!ok || length > m_maxBodyBytes) {
                    refuse(socket, ok ? length : 0);
                    return;
                }
            }
        }
    }
    watch.received += socket->bytesAvailable();
    if (watch.received > m_maxBodyBytes + headerAllowance)
        refuse(socket, 0);
}

void ApiListener::refuse(QTcpSocket* socket, qint64 announced)
{
    m_watches.remove(socket);
    const ApiError error {413,
                          QStringLiteral("payload_too_large"),
                          tr("The request is larger than this service accepts (%1 KiB); nothing was read or "
                             "written. Send a smaller body.")
                              .arg(m_maxBodyBytes / 1024)};
    const QByteArray body = QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact);
    // From here on the HTTP parser sees nothing of this connection. What the client still sends
    // of its body is read and dropped (up to a bound), so that it gets to read the answer rather
    // than a reset connection; then the connection closes.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    const qint64 drainLimit = std::min<qint64>(announced > 0 ? announced : m_maxBodyBytes, 16 * m_maxBodyBytes);
    auto drained = std::make_shared<qint64>(socket->readAll().size());
    connect(socket, &QTcpSocket::readyRead, socket, [socket, drained, drainLimit] {
        *drained += socket->readAll().size();
        if (*drained >= drainLimit)
            socket->disconnectFromHost();
    });
    QTimer::singleShot(5000, socket, [socket] { socket->disconnectFromHost(); });
    socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nConnection: close\r\n"
                  "Content-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    if (*drained >= drainLimit)
        socket->disconnectFromHost();
}

} // namespace lockbox
