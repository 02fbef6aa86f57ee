#include "RemoteConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTimer>
#include <algorithm>

namespace lockbox {

namespace {

// Set on a reply by its timer, before aborting it: the abort alone reads as "cancelled".
const char timedOutProperty[] = "lockboxTimedOut";
// The certificate problems of a reply whose TLS handshake was refused, for the message.
const char tlsProblemProperty[] = "lockboxTlsProblem";

// The errors that only say no CA vouches for a certificate: a pinned one may have exactly these.
bool isTrustError(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::CertificateUntrusted:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return true;
    default:
        return false;
    }
}

} // namespace

RemoteConnection::RemoteConnection(QUrl serviceUrl, QObject* parent)
    : QObject(parent)
    , m_serviceUrl(std::move(serviceUrl))
{ }

RemoteConnection::~RemoteConnection() = default;

QString RemoteConnection::displayUrl() const
{
    return m_serviceUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

void RemoteConnection::setToken(const QString& token)
{
    QMutexLocker lock(&m_mutex);
    m_token = token;
}

QString RemoteConnection::token() const
{
    QMutexLocker lock(&m_mutex);
    return m_token;
}

void RemoteConnection::setTimeout(int milliseconds)
{
    QMutexLocker lock(&m_mutex);
    m_timeout = milliseconds;
}

int RemoteConnection::timeout() const
{
    QMutexLocker lock(&m_mutex);
    return m_timeout;
}

void RemoteConnection::setSslConfiguration(const QSslConfiguration& configuration)
{
    QMutexLocker lock(&m_mutex);
    m_sslConfiguration = configuration;
}

void RemoteConnection::setPinnedCertificate(const QByteArray& sha256)
{
    QMutexLocker lock(&m_mutex);
    m_pinnedDigest = sha256;
}

Error RemoteConnection::closedError() const
{
    return Error(Error::Code::Unavailable,
                 tr("The connection to the Lockbox service at %1 is closed.").arg(displayUrl()));
}

void RemoteConnection::send(const QByteArray& method,
                            const QString& path,
                            const QUrlQuery& query,
                            const std::optional<QJsonObject>& body,
                            Done done)
{
    if (m_closed) {
        done(closedError());
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, method, path, query, body, done = std::move(done)]() { start(method, path, query, body, done); },
        Qt::QueuedConnection);
}

QNetworkAccessManager* RemoteConnection::manager()
{
    if (!m_manager)
        m_manager = new QNetworkAccessManager(this);
    return m_manager;
}

QNetworkRequest RemoteConnection::request(const QString& path, const QUrlQuery& query) const
{
    QUrl url = m_serviceUrl;
    // The service may sit under a path of a reverse proxy: its routes go below that path.
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    QMutexLocker lock(&m_mutex);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (m_sslConfiguration)
        request.setSslConfiguration(*m_sslConfiguration);
    return request;
}

void RemoteConnection::start(const QByteArray& method,
                             const QString& path,
                             const QUrlQuery& query,
                             const std::optional<QJsonObject>& body,
                             const Done& done)
{
    if (m_closed) {
        done(closedError());
        return;
    }
    QNetworkRequest request = this->request(path, query);
    QByteArray payload;
    if (body) {
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply* reply = manager()->sendCustomRequest(request, method, payload);
    watchTls(reply);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply]() {
        reply->setProperty(timedOutProperty, true);
        reply->abort();
    });
    timer->start(timeout());
    connect(reply, &QNetworkReply::finished, this, [this, reply, done]() {
        reply->deleteLater();
        done(answer(reply));
    });
}

QNetworkReply* RemoteConnection::openStream(const QString& path, const QByteArray& lastEventId, int idleMilliseconds)
{
    QNetworkRequest request = this->request(path, {});
    request.setRawHeader("Accept", "text/event-stream");
    if (!lastEventId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastEventId);
    // Unlike a call, a stream has no end: it fails only when it falls silent.
    request.setTransferTimeout(idleMilliseconds);
    QNetworkReply* reply = manager()->get(request);
    watchTls(reply);
    return reply;
}

void RemoteConnection::close()
{
    m_closed = true;
    if (!m_manager)
        return;
    // Aborting finishes each reply at once, and its caller hears that it was cancelled.
    for (QNetworkReply* reply : m_manager->findChildren<QNetworkReply*>())
        reply->abort();
    delete m_manager;
    m_manager = nullptr;
}

void RemoteConnection::watchTls(QNetworkReply* reply)
{
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        if (trustsPinned(reply, errors)) {
            reply->ignoreSslErrors(errors);
            return;
        }
        QStringList problems;
        for (const QSslError& error : errors)
            problems.append(error.errorString());
        reply->setProperty(tlsProblemProperty, problems.join(QStringLiteral("; ")));
    });
}

bool RemoteConnection::trustsPinned(QNetworkReply* reply, const QList<QSslError>& errors) const
{
    QByteArray pinned;
    {
        QMutexLocker lock(&m_mutex);
        pinned = m_pinnedDigest;
    }
    if (pinned.isEmpty() || errors.isEmpty())
        return false;
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    if (peer.isNull() || peer.digest(QCryptographicHash::Sha256) != pinned)
        return false;
    return std::all_of(errors.cbegin(), errors.cend(), [&peer](const QSslError& error) {
        return isTrustError(error.error()) && error.certificate() == peer;
    });
}

Result<HttpAnswer> RemoteConnection::answer(QNetworkReply* reply) const
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Errors below 200 are the network's and the proxy's; above, QNetworkReply's names for HTTP
    // statuses, which are answers like any other.
    const int error = int(reply->error());
    if (!status.isValid() || reply->property(timedOutProperty).toBool() || (error > 0 && error < 200))
        return networkError(reply);
    HttpAnswer answer;
    answer.status = status.toInt();
    answer.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QByteArray body = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        answer.body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    return answer;
}

Error RemoteConnection::networkError(QNetworkReply* reply) const
{
    QString why;
    if (reply->property(timedOutProperty).toBool()) {
        why = tr("no answer within %1 seconds").arg(timeout() / 1000.0);
    } else {
        switch (reply->error()) {
        case QNetworkReply::ConnectionRefusedError:
            why = tr("connection refused");
            break;
        case QNetworkReply::HostNotFoundError:
            why = tr("there is no host named %1").arg(m_serviceUrl.host());
            break;
        case QNetworkReply::RemoteHostClosedError:
            why = tr("the connection was closed before an answer came");
            break;
        case QNetworkReply::TimeoutError:
            why = tr("the connection timed out");
            break;
        case QNetworkReply::OperationCanceledError:
            why = tr("the request was cancelled");
            break;
        case QNetworkReply::SslHandshakeFailedError: {
            const QString problem = reply->property(tlsProblemProperty).toString();
            why = problem.isEmpty() ? tr("the TLS handshake failed (%1)").arg(reply->errorString())
                                    : tr("its TLS certificate is not trusted (%1)").arg(problem);
            break;
        }
        default:
            why = reply->errorString();
            break;
        }
    }
    return Error(Error::Code::Unavailable, tr("Cannot reach the Lockbox service at %1: %2.").arg(displayUrl(), why));
}

} // namespace lockbox
