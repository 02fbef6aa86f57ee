#include "TestApiServer.h"

#include "ServiceFixture.h"
#include "audit/AuditRecord.h"
#include "service/EventStream.h"
#include "signing/SigningKey.h"
#include "support/ResultAsserts.h"
#include "support/SelfSignedCertificate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

int auditCount(ServiceFixture& service)
{
    AuditQuery query;
    query.limit = 1000;
    Result<Page<AuditRecord>> page = service.store().auditRecords(StoreFixture::megan(), query).result();
    return page ? int(page->items.size()) : -1;
}

} // namespace

void TestApiServer::routesMatchTheOpenApiDocument()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const HttpReply served = service.call("GET", QStringLiteral("/api/v1/openapi.json"));
    QCOMPARE(served.status, 200);
    QCOMPARE(served.body, ApiServer::openApiDocument());
    const QJsonObject paths = served.json.value(QStringLiteral("paths")).toObject();
    QVERIFY(!paths.isEmpty());
    QSet<QString> documented;
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject operations = path.value().toObject();
        for (auto operation = operations.constBegin(); operation != operations.constEnd(); ++operation)
            documented.insert(operation.key().toUpper() + u' ' + path.key());
    }
    QSet<QString> routed;
    for (const ApiRoute& route : service.server().router().routes())
        routed.insert(route.method + u' ' + route.pattern);
    const QSet<QString> undocumented = routed - documented;
    const QSet<QString> missing = documented - routed;
    QVERIFY2(undocumented.isEmpty(), qPrintable(QStringList(undocumented.values()).join(u", ")));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringList(missing.values()).join(u", ")));
    // And each documented route answers something other than "no such route".
    for (const QString& entry : std::as_const(documented)) {
        const QString method = entry.section(u' ', 0, 0);
        QString path = entry.section(u' ', 1);
        path.replace(QRegularExpression(QStringLiteral("\\{[a-z]+\\}")), QStringLiteral("x"));
        const HttpReply reply = service.call(method.toLatin1(), path);
        QVERIFY2(reply.errorCode() != QLatin1String("route_not_found") && reply.status != 405, qPrintable(entry));
    }
}

void TestApiServer::badInputIsRefusedAndNothingIsWritten_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString approve = QStringLiteral("/api/v1/requests/{pending}/approve");
    QTest::newRow("malformed JSON") << QByteArray("POST") << approve << QByteArray("{\"comment\":") << 400
                                    << QStringLiteral("malformed_json");
    QTest::newRow("not an object") << QByteArray("POST") << approve << QByteArray("[1,2]") << 400
                                   << QStringLiteral("malformed_json");
    QTest::newRow("unknown field") << QByteArray("POST") << approve << QByteArray("{\"coment\":\"x\"}") << 400
                                   << QStringLiteral("unknown_field");
    QTest::newRow("wrong type") << QByteArray("POST") << approve << QByteArray("{\"comment\":42}") << 400
                                << QStringLiteral("wrong_type");
    QTest::newRow("deny without reason") << QByteArray("POST") << QStringLiteral("/api/v1/requests/{pending}/deny")
                                         << QByteArray("{}") << 400 << QStringLiteral("missing_field");
    QTest::newRow("deny with blank reason")
        << QByteArray("POST") << QStringLiteral("/api/v1/requests/{pending}/deny") << QByteArray("{\"reason\":\"  \"}")
        << 422 << QStringLiteral("invalid_input");
    QTest::newRow("approvals out of range")
        << QByteArray("PUT") << QStringLiteral("/api/v1/settings") << QByteArray("{\"approvalsRequired\":7}") << 422
        << QStringLiteral("invalid_input");
    QTest::newRow("approvals not an integer")
        << QByteArray("PUT") << QStringLiteral("/api/v1/settings") << QByteArray("{\"approvalsRequired\":1.5}") << 400
        << QStringLiteral("wrong_type");
    QTest::newRow("stale settings copy") << QByteArray("PUT") << QStringLiteral("/api/v1/settings")
                                         << QByteArray(
                                                "{\"requireApproval\":false,\"changedAt\":\"2020-01-01T00:00:00Z\"}")
                                         << 409 << QStringLiteral("conflict");
    QTest::newRow("unknown role") << QByteArray("PUT") << QStringLiteral("/api/v1/roles/joni@contoso.com")
                                  << QByteArray("{\"role\":\"Emperor\"}") << 422 << QStringLiteral("invalid_input");
    QTest::newRow("bad status filter") << QByteArray("GET") << QStringLiteral("/api/v1/requests?status=nonsense")
                                       << QByteArray() << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("bad time filter") << QByteArray("GET") << QStringLiteral("/api/v1/requests?createdFrom=yesterday")
                                     << QByteArray() << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("time without offset") << QByteArray("GET")
                                         << QStringLiteral("/api/v1/requests?createdFrom=2026-11-24T08:00:00")
                                         << QByteArray() << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("limit too large") << QByteArray("GET") << QStringLiteral("/api/v1/requests?limit=501")
                                     << QByteArray() << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("unknown parameter") << QByteArray("GET") << QStringLiteral("/api/v1/requests?colour=red")
                                       << QByteArray() << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("bad cursor") << QByteArray("GET") << QStringLiteral("/api/v1/requests?cursor=AAAA") << QByteArray()
                                << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("bad audit cursor") << QByteArray("GET") << QStringLiteral("/api/v1/audit?cursor=-4") << QByteArray()
                                      << 400 << QStringLiteral("bad_parameter");
    QTest::newRow("duration too long")
        << QByteArray("POST") << QStringLiteral("/api/v1/operator/requests")
        << QByteArray("{\"tenant\":\"contoso.onmicrosoft.com\",\"workload\":\"Exchange\",\"serviceRequest\":"
                      "\"SR1\",\"reason\":\"r\",\"scope\":\"s\",\"durationMinutes\":241}")
        << 422 << QStringLiteral("invalid_input");
    QTest::newRow("unknown workload")
        << QByteArray("POST") << QStringLiteral("/api/v1/operator/requests")
        << QByteArray("{\"tenant\":\"contoso.onmicrosoft.com\",\"workload\":\"Fax\",\"serviceRequest\":"
                      "\"SR1\",\"reason\":\"r\",\"scope\":\"s\",\"durationMinutes\":60}")
        << 422 << QStringLiteral("invalid_input");
    QTest::newRow("sign-in without password")
        << QByteArray("POST") << QStringLiteral("/api/v1/sessions")
        << QByteArray("{\"tenant\":\"contoso.onmicrosoft.com\",\"user\":\"megan@contoso.com\"}") << 400
        << QStringLiteral("missing_field");
}

void TestApiServer::badInputIsRefusedAndNothingIsWritten()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    LOCKBOX_SERVICE_FIXTURE(service);
    const QString pending = service.fixture().pending();
    QVERIFY(!pending.isEmpty());
    // The operator's route is the engineer's; the others are the Global administrator's.
    const bool operatorSide = path.contains(QLatin1String("/operator/"));
    const QString token = service.signIn(operatorSide ? StoreFixture::engineer() : StoreFixture::megan());
    QVERIFY(!token.isEmpty());
    path.replace(QStringLiteral("{pending}"), pending);
    const int before = auditCount(service);

    const HttpReply reply = service.call(method, path, body, token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QVERIFY2(reply.errorMessage().size() > 20, qPrintable(reply.errorMessage()));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    // Nothing half-written: the request is still pending, and a refused form wrote nothing
    // (a refusal by the rules is audited as such, and only that).
    QCOMPARE(service.store().request(StoreFixture::megan(), pending).result()->status, RequestStatus::Pending);
    if (status == 400)
        QCOMPARE(auditCount(service), before);
}

void TestApiServer::unknownRoutesAndMethodsAnswerInJson()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    HttpReply reply = service.call("GET", QStringLiteral("/api/v1/nothing-here"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("route_not_found"));
    reply = service.call("GET", QStringLiteral("/"));
    QCOMPARE(reply.status, 404);
    reply = service.call("DELETE", QStringLiteral("/api/v1/requests"));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.errorCode(), QStringLiteral("method_not_allowed"));
    QCOMPARE(reply.header("Allow"), QByteArray("GET"));
    reply = service.call("PATCH", QStringLiteral("/api/v1/roles/someone"));
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("PUT, DELETE"));
    // Without a token: 401 with the way to get one, not data.
    reply = service.call("GET", QStringLiteral("/api/v1/requests"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    reply = service.call("GET", QStringLiteral("/api/v1/requests"), {}, QStringLiteral("lbx_made_up"));
    QCOMPARE(reply.status, 401);
}

void TestApiServer::oversizedBodiesAreRefusedWith413()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const QString token = service.signIn(StoreFixture::megan());
    const QString pending = service.fixture().pending();
    const int before = auditCount(service);
    const QByteArray huge = "{\"comment\":\"" + QByteArray(ServiceOptions::defaultMaxBodyBytes + 10, 'a') + "\"}";
    const HttpReply reply
        = service.call("POST", QStringLiteral("/api/v1/requests/%1/approve").arg(pending), huge, token);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(service.store().request(StoreFixture::megan(), pending).result()->status, RequestStatus::Pending);
    QCOMPARE(auditCount(service), before);
    // The service carries on for everyone else.
    QCOMPARE(service.call("GET", QStringLiteral("/api/v1/health")).status, 200);
    // A body just under the limit is read.
    const QByteArray fits
        = service.signedBody(StoreFixture::megan(),
                             pending,
                             Action::Approve,
                             {{QStringLiteral("comment"), QString(ServiceOptions::defaultMaxBodyBytes - 400, u'a')}});
    QCOMPARE(service.call("POST", QStringLiteral("/api/v1/requests/%1/approve").arg(pending), fits, token).status, 200);
}

void TestApiServer::everyRouteChecksRoleAndTenant()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const QList<Actor> people = {StoreFixture::megan(),
                                 StoreFixture::lidia(),
                                 StoreFixture::adele(),
                                 StoreFixture::engineer(),
                                 StoreFixture::manager(),
                                 StoreFixture::nestor()};
    QStringList tokens;
    for (const Actor& person : people) {
        tokens.append(service.signIn(person));
        QVERIFY2(!tokens.last().isEmpty(), qPrintable(person.principal));
    }
    tokens.append(QString()); // nobody signed in

    struct Case
    {
        const char* method;
        const char* path; // {pending}, {filed}, {approved}: a fresh request of that state for each call
        const char* body;
        // megan (GA), lidia (approver), adele (reader), engineer, manager, nestor (other tenant), anonymous
        std::array<int, 7> expected;
    };
    const QList<Case> cases = {
        {"GET", "/api/v1/requests", "", {200, 200, 200, 200, 200, 200, 401}},
        {"GET", "/api/v1/requests/{pending}", "", {200, 200, 200, 200, 200, 404, 401}},
        {"POST", "/api/v1/requests/{pending}/approve", "{}", {200, 200, 403, 403, 403, 404, 401}},
        {"POST",
         "/api/v1/requests/{pending}/deny",
         "{\"reason\":\"Not this week\"}",
         {200, 200, 403, 403, 403, 404, 401}},
        {"POST", "/api/v1/requests/{approved}/revoke", "{}", {200, 200, 403, 403, 403, 404, 401}},
        // A question is no decision (no step-up), but only approvers ask and only the engineer answers.
        {"POST",
         "/api/v1/requests/{pending}/questions",
         "{\"text\":\"Which mailbox?\"}",
         {200, 200, 403, 403, 403, 404, 401}},
        {"POST",
         "/api/v1/operator/requests/{asked}/answer",
         "{\"text\":\"joni@contoso.com\"}",
         {403, 403, 403, 200, 403, 403, 401}},
        // The operator's staff get their own counts and staff list, never a tenant's.
        {"GET", "/api/v1/summary", "", {200, 200, 200, 200, 200, 200, 401}},
        {"GET", "/api/v1/settings", "", {200, 200, 200, 403, 403, 200, 401}},
        {"PUT", "/api/v1/settings", "{\"requireApproval\":true}", {200, 403, 403, 403, 403, 200, 401}},
        {"GET", "/api/v1/roles", "", {200, 200, 200, 200, 200, 200, 401}},
        {"PUT", "/api/v1/roles/joni@contoso.com", "{\"role\":\"Reader\"}", {200, 403, 403, 403, 403, 200, 401}},
        {"DELETE", "/api/v1/roles/joni@contoso.com", "", {200, 403, 403, 403, 403, 200, 401}},
        // Like roles: the operator's staff see their own organisation's (none), never a tenant's.
        {"GET", "/api/v1/keys", "", {200, 200, 200, 200, 200, 200, 401}},
        // Only who decides registers a key (step-up comes first for them: see the sign-in above).
        {"POST", "/api/v1/keys", "{\"publicKey\":\"{newkey}\"}", {200, 200, 403, 403, 403, 200, 401}},
        {"GET", "/api/v1/audit", "", {200, 200, 200, 403, 403, 200, 401}},
        {"GET", "/api/v1/audit/verify", "", {200, 200, 200, 403, 403, 200, 401}},
        {"GET", "/api/v1/audit/export", "", {200, 200, 200, 403, 403, 200, 401}},
        {"POST",
         "/api/v1/operator/requests",
         "{\"tenant\":\"contoso.onmicrosoft.com\",\"workload\":\"Teams\",\"serviceRequest\":\"SR9\",\"reason\":\"Chat "
         "export "
         "fails\",\"scope\":\"Team Sales\",\"durationMinutes\":30}",
         {403, 403, 403, 201, 403, 403, 401}},
        // The operator's actions are refused to customers before any request is looked up, so a
        // foreign tenant's id reads the same as a missing one.
        {"POST", "/api/v1/operator/requests/{filed}/manager-approve", "{}", {403, 403, 403, 403, 200, 403, 401}},
        {"POST",
         "/api/v1/operator/requests/{filed}/manager-reject",
         "{\"reason\":\"Use the runbook\"}",
         {403, 403, 403, 403, 200, 403, 401}},
        {"POST", "/api/v1/operator/requests/{filed}/withdraw", "{}", {403, 403, 403, 200, 403, 403, 401}},
        {"GET",
         "/api/v1/operator/access-check?engineer=rkumar@ops.example&tenant=contoso.onmicrosoft.com",
         "",
         {403, 403, 403, 200, 200, 403, 401}},
        {"GET", "/api/v1/sessions/current", "", {200, 200, 200, 200, 200, 200, 401}},
    };
    QStringList mismatches;
    for (const Case& c : cases) {
        for (int who = 0; who < 7; ++who) {
            QString path = QString::fromLatin1(c.path);
            QString id;
            if (path.contains(QLatin1String("{pending}")) || path.contains(QLatin1String("{approved}"))
                || path.contains(QLatin1String("{asked}"))) {
                id = service.fixture().pending();
                if (path.contains(QLatin1String("{approved}")))
                    LOCKBOX_VERIFY_OK(service.fixture().approve(StoreFixture::diego(), id).result());
                if (path.contains(QLatin1String("{asked}")))
                    LOCKBOX_VERIFY_OK(service.store()
                                          .perform(StoreFixture::diego(), id, Action::Ask, QStringLiteral("Why?"))
                                          .result());
            } else if (path.contains(QLatin1String("{filed}"))) {
                id = service.fixture().file();
            }
            path.replace(QRegularExpression(QStringLiteral("\\{[a-z]+\\}")), id);
            // A fresh key for each call: each person registers their own.
            QByteArray body = QByteArray(c.body).replace("{newkey}", SigningKey::generate()->publicKey().toBase64());
            // A decision carries its decider's signature (the anonymous caller has none).
            for (const auto& [route, action] : {std::pair {"/approve", Action::Approve},
                                                std::pair {"/deny", Action::Deny},
                                                std::pair {"/revoke", Action::Revoke}}) {
                if (path.endsWith(QLatin1String(route)) && !id.isEmpty() && who < people.size())
                    body = service.signedBody(people.at(who), id, action, QJsonDocument::fromJson(body).object());
            }
            const HttpReply reply = service.call(c.method, path, body, tokens.at(who));
            const int expected = c.expected.at(size_t(who));
            if (reply.status != expected)
                mismatches.append(QStringLiteral("%1 %2 as %3: %4 (%5), expected %6")
                                      .arg(QLatin1String(c.method),
                                           QLatin1String(c.path),
                                           who < 6 ? people.at(who).principal : QStringLiteral("anonymous"))
                                      .arg(reply.status)
                                      .arg(reply.errorCode())
                                      .arg(expected));
            // A refusal never carries data.
            if (reply.status >= 400)
                QVERIFY2(reply.json.keys() == QStringList {QStringLiteral("error")}, c.path);
        }
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(u'\n' + mismatches.join(u'\n')));

    // The other tenant's list holds none of contoso's requests.
    const HttpReply foreign = service.call("GET", QStringLiteral("/api/v1/requests?limit=500"), {}, tokens.at(5));
    for (const QJsonValue& item : foreign.json.value(QStringLiteral("items")).toArray())
        QCOMPARE(item.toObject().value(QStringLiteral("tenant")).toString(), StoreFixture::fabrikam);
}

void TestApiServer::signInAsksForTheCodeAndDecisionsForAFreshOne()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const Actor lidia = StoreFixture::lidia();
    QJsonObject credentials {{QStringLiteral("tenant"), lidia.tenantId},
                             {QStringLiteral("user"), lidia.principal},
                             {QStringLiteral("password"), ServiceFixture::password()}};
    HttpReply reply = service.call("POST", QStringLiteral("/api/v1/sessions"), json(credentials));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("mfa_required"));
    credentials.insert(QStringLiteral("password"), QStringLiteral("wrong-horse-battery"));
    credentials.insert(QStringLiteral("code"), service.code(lidia));
    reply = service.call("POST", QStringLiteral("/api/v1/sessions"), json(credentials));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    credentials.insert(QStringLiteral("password"), ServiceFixture::password());
    credentials.insert(QStringLiteral("code"), service.code(lidia));
    reply = service.call("POST", QStringLiteral("/api/v1/sessions"), json(credentials));
    QCOMPARE(reply.status, 201);
    const QString token = reply.json.value(QStringLiteral("token")).toString();
    QVERIFY(!reply.json.value(QStringLiteral("stepUpUntil")).isNull());

    // Six minutes later the session holds, but a decision needs a new code.
    service.fixture().clock().advanceSeconds(6 * 60);
    const QString pending = service.fixture().pending();
    const QString approve = QStringLiteral("/api/v1/requests/%1/approve").arg(pending);
    reply = service.call("POST", approve, "{}", token);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("step_up_required"));
    reply = service.call("POST",
                         QStringLiteral("/api/v1/sessions/current/step-up"),
                         json({{QStringLiteral("code"), QStringLiteral("000000")}}),
                         token);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("step_up_required"));
    reply = service.call("POST",
                         QStringLiteral("/api/v1/sessions/current/step-up"),
                         json({{QStringLiteral("code"), service.code(lidia)}}),
                         token);
    QCOMPARE(reply.status, 200);
    reply = service.call(
        "POST",
        approve,
        service.signedBody(
            lidia, pending, Action::Approve, {{QStringLiteral("comment"), QStringLiteral("Checked SR2611240001")}}),
        token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Approved"));
    // Signed out, the token is dead.
    QCOMPARE(service.call("DELETE", QStringLiteral("/api/v1/sessions/current"), {}, token).status, 204);
    QCOMPARE(service.call("GET", QStringLiteral("/api/v1/requests"), {}, token).status, 401);
}

void TestApiServer::aStepUpThroughAnotherServiceCountsAtOnce()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const Actor lidia = StoreFixture::lidia();
    const QString token = service.signIn(lidia);
    QVERIFY(!token.isEmpty());
    service.fixture().clock().advanceSeconds(6 * 60);
    const QString pending = service.fixture().pending();
    const QString approve = QStringLiteral("/api/v1/requests/%1/approve").arg(pending);
    // The service now holds the session, without a recent code, in memory...
    QCOMPARE(service.call("GET", QStringLiteral("/api/v1/requests"), {}, token).status, 200);
    QCOMPARE(service.call("POST", approve, "{}", token).errorCode(), QStringLiteral("step_up_required"));
    // ...and a second lockboxd on the same database takes the code.
    std::unique_ptr<SqlStore> other = service.fixture().openSecondStore();
    QVERIFY(other);
    LOCKBOX_VERIFY_OK(other->stepUp(token, service.code(lidia)).result());
    HttpReply reply = service.call("POST", approve, service.signedBody(lidia, pending, Action::Approve), token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Approved"));
}

void TestApiServer::engineerToApprovalToClosedWindowEndToEnd()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const QString engineer = service.signIn(StoreFixture::engineer());
    const QString manager = service.signIn(StoreFixture::manager());
    const QString admin = service.signIn(StoreFixture::megan());
    const QString check
        = QStringLiteral("/api/v1/operator/access-check?engineer=rkumar@ops.example&tenant=contoso.onmicrosoft.com");

    HttpReply reply = service.call("GET", check, {}, manager);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("allowed")).toBool(), false);

    reply = service.call("POST",
                         QStringLiteral("/api/v1/operator/requests"),
                         json({{QStringLiteral("tenant"), StoreFixture::contoso},
                               {QStringLiteral("workload"), QStringLiteral("SharePoint")},
                               {QStringLiteral("serviceRequest"), QStringLiteral("SR2611240042")},
                               {QStringLiteral("reason"), QStringLiteral("Site collection restore fails")},
                               {QStringLiteral("scope"), QStringLiteral("Site /sites/finance")},
                               {QStringLiteral("durationMinutes"), 90}}),
                         engineer);
    QCOMPARE(reply.status, 201);
    const QString id = reply.json.value(QStringLiteral("id")).toString();
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Filed"));
    reply = service.call("POST", QStringLiteral("/api/v1/operator/requests/%1/manager-approve").arg(id), "{}", manager);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
    reply = service.call("POST",
                         QStringLiteral("/api/v1/requests/%1/approve").arg(id),
                         service.signedBody(StoreFixture::megan(), id, Action::Approve),
                         admin);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Approved"));
    // A second decision loses and is told who won.
    const QString lidia = service.signIn(StoreFixture::lidia());
    reply = service.call("POST", QStringLiteral("/api/v1/requests/%1/deny").arg(id), "{\"reason\":\"late\"}", lidia);
    QCOMPARE(reply.status, 409);
    QVERIFY2(reply.errorMessage().contains(QLatin1String("megan@contoso.com")), qPrintable(reply.errorMessage()));

    reply = service.call("GET", check, {}, manager);
    QCOMPARE(reply.json.value(QStringLiteral("allowed")).toBool(), true);
    QCOMPARE(reply.json.value(QStringLiteral("requestId")).toString(), id);
    const QDateTime until
        = QDateTime::fromString(reply.json.value(QStringLiteral("until")).toString(), Qt::ISODateWithMs);
    QCOMPARE(until, service.fixture().clock().now().addSecs(90 * 60));

    // Ninety minutes on, the tokens of an hour ago have run out too: sign in again.
    service.fixture().clock().set(until);
    QCOMPARE(service.call("GET", check, {}, manager).status, 401);
    const QString managerAgain = service.signIn(StoreFixture::manager());
    const QString engineerAgain = service.signIn(StoreFixture::engineer());
    reply = service.call("GET", check, {}, managerAgain);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("allowed")).toBool(), false);
    QVERIFY(!reply.json.value(QStringLiteral("reason")).toString().isEmpty());
    reply = service.call("GET", QStringLiteral("/api/v1/requests/%1").arg(id), {}, engineerAgain);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("Completed"));

    const QString auditor = service.signIn(StoreFixture::megan());
    reply = service.call("GET", QStringLiteral("/api/v1/audit/verify"), {}, auditor);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("intact")).toBool(), true);
    reply = service.call("GET", QStringLiteral("/api/v1/audit?request=%1").arg(id), {}, auditor);
    QStringList operations;
    for (const QJsonValue& record : reply.json.value(QStringLiteral("items")).toArray())
        operations.append(record.toObject().value(QStringLiteral("operation")).toString());
    QCOMPARE(operations,
             QStringList({QStringLiteral("RequestFiled"),
                          QStringLiteral("ManagerApproved"),
                          QStringLiteral("RequestApproved"),
                          QStringLiteral("AccessWindowStarted"),
                          QStringLiteral("ActionRefused"), // lidia's late deny, kept in the log
                          QStringLiteral("AccessWindowEnded")}));
}

void TestApiServer::eventStreamTellsEveryClientWithinASecond()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    const QString megan = service.signIn(StoreFixture::megan());
    const QString nestor = service.signIn(StoreFixture::nestor());
    QNetworkAccessManager network;
    auto listen = [&](const QString& token, QByteArray* received, const QByteArray& lastEventId = {}) {
        QNetworkRequest request(service.url(QStringLiteral("/api/v1/events")));
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        if (!lastEventId.isEmpty())
            request.setRawHeader("Last-Event-ID", lastEventId);
        QNetworkReply* reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, received] { *received += reply->readAll(); });
        return reply;
    };
    QByteArray contoso;
    QByteArray fabrikam;
    QNetworkReply* first = listen(megan, &contoso);
    QNetworkReply* second = listen(nestor, &fabrikam);
    QTRY_COMPARE(service.server().events().subscriberCount(), 2);
    QTRY_VERIFY(contoso.contains("retry:"));

    const QString id = service.fixture().pending();
    LOCKBOX_VERIFY_OK(service.fixture().approve(StoreFixture::lidia(), id).result());
    // The stream polls every 200 ms; allow for a slow machine.
    QTRY_VERIFY_WITH_TIMEOUT(contoso.contains("event: request.decided"), 3000);
    QVERIFY(contoso.contains("event: request.filed"));
    QVERIFY(contoso.contains("event: request.pending"));
    QVERIFY(contoso.contains(id.toLatin1()));
    // The other tenant hears nothing of it.
    QVERIFY(!fabrikam.contains(id.toLatin1()));
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(first->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("text/event-stream"));

    // Expiry is the clock's doing, and is told too.
    const QString lapsing = service.fixture().pending();
    service.fixture().clock().advanceSeconds(12 * 3600);
    QTRY_VERIFY_WITH_TIMEOUT(contoso.contains("event: request.expired"), 3000);

    // A client that comes back with Last-Event-ID gets what it missed.
    QByteArray resumed;
    QNetworkReply* third = listen(service.signIn(StoreFixture::megan()), &resumed, "1");
    QTRY_VERIFY_WITH_TIMEOUT(resumed.contains(lapsing.toLatin1()), 3000);
    QVERIFY(resumed.contains(id.toLatin1()));
    for (QNetworkReply* reply : {first, second, third}) {
        reply->abort();
        reply->deleteLater();
    }
    QTRY_COMPARE(service.server().events().subscriberCount() > 0, false);
}

void TestApiServer::auditExportStreamsTheChainAsJsonLines()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    for (int i = 0; i < 40; ++i)
        QVERIFY(!service.fixture().pending().isEmpty());
    const QString token = service.signIn(StoreFixture::megan());
    const HttpReply reply = service.call("GET", QStringLiteral("/api/v1/audit/export"), {}, token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/x-ndjson"));
    const QList<QByteArray> lines = reply.body.trimmed().split('\n');
    QCOMPARE(lines.size(), auditCount(service));
    QString previous = AuditRecord::genesisHash();
    for (const QByteArray& line : lines) {
        AuditRecord record;
        QString problem;
        QVERIFY2(AuditRecord::fromJson(QJsonDocument::fromJson(line).object(), &record, &problem), qPrintable(problem));
        QCOMPARE(record.tenantId, StoreFixture::contoso);
        QCOMPARE(record.prevHash, previous);
        QCOMPARE(record.computeHash(), record.hash);
        previous = record.hash;
    }
}

void TestApiServer::plainHttpAwayFromLoopbackIsRefused()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    ApiServer server(fixture.store(), fixture.sharedClock());
    ServiceOptions options;
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    options.port = 0;
    Result<quint16> refused = server.listen(options);
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::InvalidInput);
    QVERIFY(refused.error().message().contains(QLatin1String("--insecure-http")));
    options.tlsCertificate = QStringLiteral("/nonexistent/cert.pem");
    LOCKBOX_COMPARE_ERROR(server.listen(options), Error::Code::InvalidInput);
    options.tlsCertificate.clear();
    options.allowPlainHttp = true;
    LOCKBOX_VERIFY_OK(server.listen(options));
}

void TestApiServer::tlsServesWithTheGivenCertificate()
{
    SelfSignedCertificate tls;
    QString problem;
    QVERIFY2(tls.create(&problem), qPrintable(problem));
    const QString cert = tls.certificatePath();
    const QString key = tls.keyPath();

    LOCKBOX_STORE_FIXTURE(fixture);
    ApiServer server(fixture.store(), fixture.sharedClock());
    ServiceOptions options;
    options.port = 0;
    options.tlsCertificate = cert;
    options.tlsKey = key;
    Result<quint16> port = server.listen(options);
    LOCKBOX_VERIFY_OK(port);
    QVERIFY(server.usesTls());

    QFile certificateFile(cert);
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1/api/v1/health").arg(*port)));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({certificate});
    request.setSslConfiguration(configuration);
    QNetworkReply* reply = network.get(request);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->sslConfiguration().peerCertificate(), certificate);
    reply->deleteLater();

    // Plain HTTP to the TLS port gets nowhere.
    QNetworkReply* plain
        = network.get(QNetworkRequest(QUrl(QStringLiteral("http://localhost:%1/api/v1/health").arg(*port))));
    QTRY_VERIFY_WITH_TIMEOUT(plain->isFinished(), 10000);
    QVERIFY(plain->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200);
    plain->deleteLater();
}
