#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QMutex>
#include <QObject>
#include <QSslConfiguration>
#include <QSslError>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace lockbox {

// What lockboxd answered: any HTTP status, and the body when it was JSON.
struct HttpAnswer
{
    int status = 0;
    QString reasonPhrase; // "Bad Gateway": for messages when the body says nothing
    QJsonValue body; // undefined when the body was empty or not JSON
};

// The HTTP side of RemoteStore. It lives on a thread of its own (RemoteStore's), where its
// QNetworkAccessManager does all the network work: a caller that waits on a result (lockboxctl
// does) never stalls the network, and the GUI thread never does network work.
// The setters and send() may be called from any thread; the rest only on the connection's thread.
class RemoteConnection : public QObject
{
    Q_OBJECT

public:
    // Called exactly once, on the connection's thread.
    using Done = std::function<void(const Result<HttpAnswer>&)>;
    static constexpr int defaultTimeoutMilliseconds = 15000;

    explicit RemoteConnection(QUrl serviceUrl, QObject* parent = nullptr);
    ~RemoteConnection() override;

    // The service as people read it, for messages: "https://lockbox.example:8443".
    QString displayUrl() const;

    void setToken(const QString& token);
    QString token() const;
    // How long a call may take before it fails as unanswered.
    void setTimeout(int milliseconds);
    int timeout() const;
    // The TLS settings of every request, e.g. with the company's CA certificates added.
    void setSslConfiguration(const QSslConfiguration& configuration);
    // Trusts the one certificate with this SHA-256 digest (QSslCertificate::digest) though no CA
    // vouches for it: a service's self-signed certificate. Only its trust errors are ignored; an
    // expired certificate or one for another host name still fails. Empty: no pin.
    void setPinnedCertificate(const QByteArray& sha256);

    // `method` to `path` (under the service URL, already percent-encoded) with the bearer token
    // and, when given, a JSON body. `done` hears the answer whatever its status, or an Unavailable
    // Error when the service cannot be reached or does not answer within the timeout.
    void send(const QByteArray& method,
              const QString& path,
              const QUrlQuery& query,
              const std::optional<QJsonObject>& body,
              Done done);

    // A GET that stays open (the event stream), failing after `idleMilliseconds` without data.
    QNetworkReply* openStream(const QString& path, const QByteArray& lastEventId, int idleMilliseconds);
    // Why a reply that got no HTTP answer failed, in plain words naming the service.
    Error networkError(QNetworkReply* reply) const;

    // Aborts what is in flight (each caller hears Unavailable), and refuses whatever comes later.
    void close();

private:
    void start(const QByteArray& method,
               const QString& path,
               const QUrlQuery& query,
               const std::optional<QJsonObject>& body,
               const Done& done);
    QNetworkRequest request(const QString& path, const QUrlQuery& query) const;
    QNetworkAccessManager* manager();
    void watchTls(QNetworkReply* reply);
    bool trustsPinned(QNetworkReply* reply, const QList<QSslError>& errors) const;
    Result<HttpAnswer> answer(QNetworkReply* reply) const;
    Error closedError() const;

    const QUrl m_serviceUrl;
    mutable QMutex m_mutex; // guards the settings below, set from any thread
    QString m_token;
    int m_timeout = defaultTimeoutMilliseconds;
    std::optional<QSslConfiguration> m_sslConfiguration;
    QByteArray m_pinnedDigest;
    std::atomic_bool m_closed = false;
    QNetworkAccessManager* m_manager = nullptr; // created on the connection's thread
};

} // namespace lockbox
