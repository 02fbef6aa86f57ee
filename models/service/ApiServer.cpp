#include "ApiServer.h"

#include "ApiContinuation.h"
#include "ApiListener.h"
#include "AuditRoutes.h"
#include "EventStream.h"
#include "OperatorRoutes.h"
#include "RequestRoutes.h"
#include "SessionRoutes.h"
#include "TenantRoutes.h"
#include "lifecycle/Lifecycle.h"
#include "store/SqlStore.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QSslCertificate>
#include <QSslKey>

namespace lockbox {

ApiServer::ApiServer(SqlStore& store, std::shared_ptr<const Clock> clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(std::move(clock))
    , m_events(new EventStream(store, this))
{
    addRoutes();
    // Every request goes through our router: it knows 404 from 405 and speaks JSON.
    m_http.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        dispatch(request, std::move(responder));
    });
}

ApiServer::~ApiServer() = default;

QByteArray ApiServer::openApiDocument()
{
    QFile file(QStringLiteral(":/lockbox/openapi.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ApiServer::usesTls() const
{
    return m_listener && m_listener->usesTls();
}

Result<quint16> ApiServer::listen(const ServiceOptions& options)
{
    const bool tls = !options.tlsCertificate.isEmpty() || !options.tlsKey.isEmpty();
    if (tls && (options.tlsCertificate.isEmpty() || options.tlsKey.isEmpty()))
        return Error(Error::Code::InvalidInput, tr("Give both --tls-cert and --tls-key, or neither."));
    if (!tls && !options.address.isLoopback() && !options.allowPlainHttp)
        return Error(Error::Code::InvalidInput,
                     tr("Refusing plain HTTP on %1: tokens and passwords would cross the network unencrypted. "
                        "Give --tls-cert and --tls-key, listen on 127.0.0.1, or pass --insecure-http if a "
                        "TLS proxy in front of lockboxd encrypts the traffic.")
                         .arg(options.address.toString()));
    auto listener = std::make_unique<ApiListener>(options.maxBodyBytes, this);
    if (tls) {
        QFile certificateFile(options.tlsCertificate);
        QFile keyFile(options.tlsKey);
        if (!certificateFile.open(QIODevice::ReadOnly))
            return Error(Error::Code::InvalidInput,
                         tr("Cannot read the TLS certificate %1: %2")
                             .arg(options.tlsCertificate, certificateFile.errorString()));
        if (!keyFile.open(QIODevice::ReadOnly))
            return Error(Error::Code::InvalidInput,
                         tr("Cannot read the TLS key %1: %2").arg(options.tlsKey, keyFile.errorString()));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem);
        const QByteArray keyData = keyFile.readAll();
        QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
        if (chain.isEmpty())
            return Error(Error::Code::InvalidInput, tr("%1 holds no PEM certificate.").arg(options.tlsCertificate));
        if (key.isNull())
            return Error(Error::Code::InvalidInput,
                         tr("%1 holds no unencrypted PEM private key (RSA or EC).").arg(options.tlsKey));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(key);
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        listener->setTls(configuration);
    }
    if (!listener->listen(options.address, options.port))
        return Error(Error::Code::Unavailable,
                     tr("Cannot listen on %1 port %2: %3")
                         .arg(options.address.toString())
                         .arg(options.port)
                         .arg(listener->errorString()));
    m_listener = listener.release();
    m_http.bind(m_listener);
    m_events->start();
    return m_listener->serverPort();
}

void ApiServer::addRoutes()
{
    SqlStore* store = &m_store;
    m_router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/health"), ApiRoute::Access::Public, {}, [store](ApiCall call) {
             // A round trip to the database: 503 while it is away.
             whenReady(call, store->lastAuditSeq(), [](ApiCall done, const Result<qint64>& last) {
                 if (!last) {
                     done.fail(ApiError {503, QStringLiteral("unavailable"), last.error().message()});
                     return;
                 }
                 done.reply(200,
                            QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")},
                                         {QStringLiteral("database"), QStringLiteral("ok")},
                                         {QStringLiteral("version"), QCoreApplication::applicationVersion()}});
             });
         }});
    m_router.add(
        {QStringLiteral("GET"), QStringLiteral("/api/v1/openapi.json"), ApiRoute::Access::Public, {}, [](ApiCall call) {
             call.reply(200, QByteArrayLiteral("application/json"), openApiDocument());
         }});
    EventStream* events = m_events;
    m_router.add({QStringLiteral("GET"),
                  QStringLiteral("/api/v1/events"),
                  ApiRoute::Access::Session,
                  {},
                  [events](ApiCall call) {
                      events->subscribe(call);
                  }});
    SessionRoutes::addTo(m_router, m_store);
    RequestRoutes::addTo(m_router, m_store);
    TenantRoutes::addTo(m_router, m_store);
    AuditRoutes::addTo(m_router, m_store);
    OperatorRoutes::addTo(m_router, m_store);
}

void ApiServer::dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    ApiCall call(request, std::move(responder));
    const ApiRoute* route = m_router.match(call);
    if (!route)
        return;
    if (route->access == ApiRoute::Access::Public) {
        route->handler(call);
        return;
    }
    const QByteArray authorization = call.header("Authorization");
    if (!authorization.startsWith("Bearer ")) {
        call.fail(ApiError {401,
                            Error::codeName(Error::Code::Unauthenticated),
                            tr("Sign in first (POST /api/v1/sessions), then send the token as "
                               "\"Authorization: Bearer <token>\".")});
        return;
    }
    const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
    // Reads may use a session checked in the last second; what needs a step-up (decisions and
    // changes) is always checked against the database, so that a sign-out, a lapsed step-up or a
    // role taken away through another lockboxd counts at once.
    admit(call,
          route,
          token,
          route->access == ApiRoute::Access::StepUp ? SqlStore::Freshness::FromDatabase : SqlStore::Freshness::Cached);
}

void ApiServer::admit(const ApiCall& call, const ApiRoute* route, const QString& token, SqlStore::Freshness freshness)
{
    whenReady(call,
              m_store.authenticate(token, freshness),
              [this, route, token](ApiCall authorized, const Result<AuthSession>& session) {
                  if (!session) {
                      authorized.fail(session.error());
                      return;
                  }
                  AuthSession current = *session;
                  current.token = token;
                  authorized.setSession(current);
                  // Someone who may not do this at all hears so from the store (403, audited);
                  // someone who may is asked for a fresh one-time code first.
                  const bool permitted = !route->action
                      || Lifecycle::permits(current.actor, *route->action, current.actor.tenantId).isOk();
                  if (route->access == ApiRoute::Access::StepUp && permitted) {
                      if (!current.mfaEnrolled) {
                          authorized.fail(ApiError {403,
                                                    QStringLiteral("mfa_not_enrolled"),
                                                    tr("This needs a one-time code, and %1 has no authenticator app "
                                                       "yet: enrol one (POST /api/v1/account/mfa or lockboxctl "
                                                       "account enrol-mfa) and try again.")
                                                        .arg(current.actor.principal)});
                          return;
                      }
                      if (!current.isSteppedUp(m_clock->now())) {
                          authorized.fail(ApiError::from(
                              Error(Error::Code::StepUpRequired,
                                    tr("Enter a one-time code from your authenticator app first "
                                       "(POST /api/v1/sessions/current/step-up): decisions and changes need one from "
                                       "the last %1 minutes.")
                                        .arg(AuthSession::stepUpMinutes))));
                          return;
                      }
                  }
                  route->handler(authorized);
              });
}

} // namespace lockbox
