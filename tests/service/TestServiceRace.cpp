#include "TestServiceRace.h"
#include "signing/DecisionSignature.h"
#include "json/RequestJson.h"

#include "accounts/Totp.h"
#include "support/ResultAsserts.h"
#include "support/ServiceProcess.h"
#include "support/StoreFixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace lockbox;

namespace {

constexpr int clientCount = 16;
constexpr int requestCount = 500;
const QString password = QStringLiteral("correct-horse-battery-staple");

struct Client
{
    QString principal;
    QString token;
    const ServiceProcess* service = nullptr;
    QStringList queue; // request ids still to decide, in this client's own order
    int won = 0;
    int lost = 0;
    QStringList problems;
};

} // namespace

void TestServiceRace::sixteenClientsTwoServicesOneDatabase()
{
    QVERIFY2(StoreFixture::usesPostgres(), "Run with LOCKBOX_TEST_BACKEND=postgres under scripts/with-postgres.sh.");
    LOCKBOX_SERVICE_STORE_FIXTURE(fixture);
    // The services run on the real clock: provision on it too.
    fixture.clock().set(QDateTime::currentDateTimeUtc());
    const Actor megan = fixture.store().resolveActor(StoreFixture::megan()).result().value();

    // Sixteen approvers, each with an account and an authenticator app.
    QList<Client> clients(clientCount);
    QList<QByteArray> secrets;
    for (int i = 0; i < clientCount; ++i) {
        clients[i].principal = QStringLiteral("approver%1@contoso.com").arg(i + 1, 2, 10, QLatin1Char('0'));
        LOCKBOX_VERIFY_OK(
            fixture.store()
                .setRole(megan, RoleAssignment {StoreFixture::contoso, clients[i].principal, {}, Role::LockboxApprover})
                .result());
        LOCKBOX_VERIFY_OK(fixture.store().addAccount(StoreFixture::contoso, clients[i].principal, password).result());
        Result<MfaEnrolment> enrolment = fixture.store().enrolMfa(StoreFixture::contoso, clients[i].principal).result();
        LOCKBOX_VERIFY_OK(enrolment);
        secrets.append(Totp::fromBase32(enrolment->secret).value());
    }
    QStringList ids;
    QHash<QString, AccessRequest> requests; // what each decision's signature names
    for (int i = 0; i < requestCount; ++i) {
        ids.append(fixture.pending());
        QVERIFY(!ids.last().isEmpty());
        requests.insert(ids.last(), fixture.store().request(megan, ids.last()).result().value());
    }
    // Each approver signs with a key of their own, registered in the database.
    QHash<QString, SigningKey> keys;
    for (const Client& client : std::as_const(clients))
        keys.insert(client.principal, fixture.keyOf(Actor {client.principal, StoreFixture::contoso}));

    ServiceProcess first(QStringLiteral(LOCKBOXD_PATH));
    ServiceProcess second(QStringLiteral(LOCKBOXD_PATH));
    first.useEndorsementKey(fixture.endorsementKeyFile());
    second.useEndorsementKey(fixture.endorsementKeyFile());
    QString problem;
    QVERIFY2(first.start(fixture.path(), &problem), qPrintable(problem));
    QVERIFY2(second.start(fixture.path(), &problem), qPrintable(problem));

    QNetworkAccessManager network;
    auto post = [&network](const QString& url, const QJsonObject& body, const QString& token) {
        QNetworkRequest request {QUrl(url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        return network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    };
    for (int i = 0; i < clientCount; ++i) {
        Client& client = clients[i];
        client.service = i % 2 == 0 ? &first : &second;
        QNetworkReply* reply
            = post(client.service->url(QStringLiteral("/api/v1/sessions")),
                   {{QStringLiteral("tenant"), StoreFixture::contoso},
                    {QStringLiteral("user"), client.principal},
                    {QStringLiteral("password"), password},
                    {QStringLiteral("code"), Totp::code(secrets.at(i), QDateTime::currentDateTimeUtc())}},
                   {});
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
        const QJsonObject session = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        client.token = session.value(QStringLiteral("token")).toString();
        QVERIFY2(!client.token.isEmpty(), QJsonDocument(session).toJson().constData());
        client.queue = ids;
        std::shuffle(client.queue.begin(), client.queue.end(), *QRandomGenerator::global());
    }

    // Every client decides every request, one at a time, as fast as the services answer.
    QHash<QString, QString> winners;
    int running = clientCount;
    std::function<void(Client&)> next = [&](Client& client) {
        if (client.queue.isEmpty()) {
            --running;
            return;
        }
        const QString id = client.queue.takeFirst();
        // The services run on the real clock.
        const DecisionSignature signature = DecisionSignature::sign(
            keys.value(client.principal),
            DecisionStatement::of(
                requests.value(id), Action::Approve, client.principal, QDateTime::currentDateTimeUtc()));
        QNetworkReply* reply = post(client.service->url(QStringLiteral("/api/v1/requests/%1/approve").arg(id)),
                                    {{QStringLiteral("comment"), QStringLiteral("race")},
                                     {QStringLiteral("signature"), RequestJson::toJson(signature)}},
                                    client.token);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, id] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
            if (status == 200) {
                ++client.won;
                if (winners.contains(id))
                    client.problems.append(QStringLiteral("%1 won twice").arg(id));
                winners.insert(id, client.principal);
            } else if (status == 409) {
                ++client.lost;
                const QString message
                    = body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                if (!message.contains(QLatin1String("@contoso.com")))
                    client.problems.append(QStringLiteral("loser not told who won: %1").arg(message));
            } else {
                client.problems.append(QStringLiteral("%1 answered %2: %3")
                                           .arg(id)
                                           .arg(status)
                                           .arg(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact))));
            }
            reply->deleteLater();
            next(client);
        });
    };
    QElapsedTimer timer;
    timer.start();
    for (Client& client : clients)
        next(client);
    QTRY_VERIFY_WITH_TIMEOUT(running == 0, 300000);
    qInfo("%d decisions on %d requests by %d clients through 2 services in %lld ms",
          clientCount * requestCount,
          requestCount,
          clientCount,
          timer.elapsed());

    int won = 0;
    int lost = 0;
    for (const Client& client : std::as_const(clients)) {
        QVERIFY2(client.problems.isEmpty(), qPrintable(client.problems.mid(0, 5).join(u'\n')));
        won += client.won;
        lost += client.lost;
    }
    QCOMPARE(won, requestCount);
    QCOMPARE(lost, requestCount * (clientCount - 1));
    QCOMPARE(winners.size(), requestCount);
    // And the database agrees: each request approved once, by the client told it won.
    for (const QString& id : std::as_const(ids)) {
        Result<AccessRequest> request = fixture.store().request(megan, id).result();
        LOCKBOX_VERIFY_OK(request);
        QCOMPARE(request->status, RequestStatus::Approved);
        QCOMPARE(request->decidedBy, winners.value(id));
        int approvals = 0;
        for (const Decision& decision : request->decisions)
            approvals += decision.kind == Decision::Kind::Approve ? 1 : 0;
        QCOMPARE(approvals, 1);
    }
    Result<AuditVerification> verified = fixture.store().verifyAudit(megan).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}
