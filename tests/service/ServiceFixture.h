#pragma once

#include "service/ApiServer.h"
#include "support/StoreFixture.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>
#include <memory>

// What the service answered: status, headers and body (parsed when it is JSON).
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString networkError;

    QString errorCode() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    QString errorMessage() const
    {
        return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
    QByteArray header(const QByteArray& name) const;
};

// lockboxd in-process over a StoreFixture store (manual clock), listening on a free loopback
// port, with an account for everyone in the fixture (password `password()`) and an
// authenticator app enrolled for the customers' people. Calls go over real HTTP.
class ServiceFixture
{
public:
    ServiceFixture();
    ~ServiceFixture();

    bool setUp(QString* problem);

    StoreFixture& fixture() { return m_store; }
    lockbox::SqlStore& store() { return m_store.store(); }
    lockbox::ApiServer& server() { return *m_server; }
    QUrl url(const QString& pathAndQuery) const;
    static QString password() { return QStringLiteral("correct-horse-battery-staple"); }

    HttpReply call(const QByteArray& method,
                   const QString& pathAndQuery,
                   const QByteArray& body = {},
                   const QString& token = {},
                   const QList<std::pair<QByteArray, QByteArray>>& headers = {});

    // The JSON body of a decision by `who` on request `id`: `fields` and the person's signature.
    QByteArray
    signedBody(const lockbox::Actor& who, const QString& id, lockbox::Action action, const QJsonObject& fields = {});

    // A fresh one-time code for the person (moves the clock on 30 s when this step's code was
    // used already, as a code is accepted once).
    QString code(const lockbox::Actor& person);
    QByteArray secret(const lockbox::Actor& person) const { return m_secrets.value(key(person)); }
    // Signs in (with a code when the person has an authenticator app): the token, or empty.
    QString signIn(const lockbox::Actor& person);

private:
    static QString key(const lockbox::Actor& person) { return person.tenantId + u'/' + person.principal; }

    StoreFixture m_store {lockbox::ServiceOptions::defaultConnections, StoreFixture::Endorsing::LikeLockboxd};
    std::unique_ptr<lockbox::ApiServer> m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
    QHash<QString, QByteArray> m_secrets;
    QHash<QString, qint64> m_usedSteps;
};

#define LOCKBOX_SERVICE_FIXTURE(name)                                                                                  \
    ServiceFixture name;                                                                                               \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(&problem_), qPrintable(problem_));                                                         \
    } while (false)
