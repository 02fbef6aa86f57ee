#include "CertificateProbe.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSslSocket>
#include <QTimer>
#include <memory>

namespace lockbox {

QFuture<Result<QList<QSslCertificate>>> CertificateProbe::fetch(const QUrl& serviceUrl, int timeoutMilliseconds)
{
    auto promise = std::make_shared<QPromise<Result<QList<QSslCertificate>>>>();
    promise->start();
    QFuture<Result<QList<QSslCertificate>>> future = promise->future();
    auto* socket = new QSslSocket;
    auto* timer = new QTimer(socket);
    auto finish = [promise, socket](const Result<QList<QSslCertificate>>& result) {
        if (promise->future().isFinished())
            return;
        promise->addResult(result);
        promise->finish();
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
    };
    const QString host = serviceUrl.host();
    auto unreachable = [host](const QString& why) {
        return Error(Error::Code::Unavailable,
                     QCoreApplication::translate("lockbox::CertificateProbe", "Cannot read the certificate of %1: %2")
                         .arg(host, why));
    };
    // Only looking: the handshake goes on whatever is wrong with the certificate, and the
    // connection is closed as soon as it is there. Nothing is sent.
    QObject::connect(
        socket, &QSslSocket::sslErrors, socket, [socket](const QList<QSslError>&) { socket->ignoreSslErrors(); });
    QObject::connect(
        socket, &QSslSocket::encrypted, socket, [socket, finish] { finish(socket->peerCertificateChain()); });
    QObject::connect(
        socket, &QSslSocket::errorOccurred, socket, [socket, finish, unreachable](QAbstractSocket::SocketError) {
            finish(unreachable(socket->errorString()));
        });
    QObject::connect(timer, &QTimer::timeout, socket, [finish, unreachable, timeoutMilliseconds] {
        finish(unreachable(QCoreApplication::translate("lockbox::CertificateProbe", "no answer within %1 seconds.")
                               .arg(timeoutMilliseconds / 1000)));
    });
    timer->setSingleShot(true);
    timer->start(timeoutMilliseconds);
    socket->setPeerVerifyMode(QSslSocket::QueryPeer);
    socket->connectToHostEncrypted(host, static_cast<quint16>(serviceUrl.port(443)));
    return future;
}

QList<QSslError> CertificateProbe::trustProblems(const QList<QSslCertificate>& chain, const QString& host)
{
    return QSslCertificate::verify(chain, host);
}

QString CertificateProbe::fingerprint(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace lockbox
