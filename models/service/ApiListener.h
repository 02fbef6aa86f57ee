#pragma once

#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>

namespace lockbox {

// The service's listening socket, owned by us rather than by QHttpServer (which reads any body
// whole into memory): it watches each connection's incoming bytes and answers 413 and closes
// the connection when a request announces or sends more than the limit. With a TLS
// configuration every connection is encrypted (TLS 1.2 or later).
class ApiListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit ApiListener(qint64 maxBodyBytes, QObject* parent = nullptr);

    void setTls(const QSslConfiguration& configuration);
    bool usesTls() const { return m_tls; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Watch
    {
        bool atRequestStart = true;
        qint64 received = 0;
    };

    void inspect(QTcpSocket* socket);
    // `announced`: the body's Content-Length when known (0 when not).
    void refuse(QTcpSocket* socket, qint64 announced);

    qint64 m_maxBodyBytes;
    bool m_tls = false;
    QSslConfiguration m_configuration;
    QHash<QTcpSocket*, Watch> m_watches;
};

} // namespace lockbox
