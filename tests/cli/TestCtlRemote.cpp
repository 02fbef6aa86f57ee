#include "TestCtlRemote.h"

#include "CtlRunner.h"
#include "accounts/Totp.h"
#include "cli/CtlOptions.h"
#include "cli/ExitCode.h"
#include "service/ApiServer.h"
#include "service/ServiceOptions.h"
#include "signing/DecisionSignature.h"
#include "store/RemoteStore.h"
#include "support/ResultAsserts.h"
#include "support/SelfSignedCertificate.h"
#include "support/StoreFixture.h"

#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace lockbox;

// The command exited with `code`; on failure, shows everything it printed.
#define CTL_EXIT(run, code)                                                                                            \
    do {                                                                                                               \
        const CtlRunner::Run& ctlRun_ = (run);                                                                         \
        QVERIFY2(ctlRun_.exitCode == int(code), qPrintable(ctlRun_.describe()));                                       \
    } while (false)

// A StoreFixture `f` and the service over it, with accounts, as `service`.
#define SERVICE(f, service)                                                                                            \
    LOCKBOX_STORE_FIXTURE(f);                                                                                          \
    InProcessService service(f);                                                                                       \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(service.start(&problem_), qPrintable(problem_));                                                      \
    } while (false)

namespace {

const QString contoso = QStringLiteral("contoso.onmicrosoft.com");
const QString password = QStringLiteral("correct-horse-battery");

// Waits for `future` while this thread's event loop runs: the service lives on this thread.
template <typename T>
T await(const QFuture<T>& future)
{
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

QProcessEnvironment environment(std::initializer_list<std::pair<QString, QString>> variables)
{
    QProcessEnvironment result;
    for (const auto& [name, value] : variables)
        result.insert(name, value);
    return result;
}

// lockboxd's API in-process over the fixture's store, on a free port of 127.0.0.1, with an
// account for everyone who acts here; Megan decides, so she also has an authenticator app.
// lockboxctl runs on a thread of its own, as a separate program would: it waits on its calls,
// and this thread serves them meanwhile.
class InProcessService
{
public:
    explicit InProcessService(StoreFixture& fixture)
        : m_fixture(fixture)
        , m_server(fixture.store(), fixture.sharedClock())
    { }

    bool start(QString* problem)
    {
        ServiceOptions options;
        options.port = 0;
        Result<quint16> port = m_server.listen(options);
        if (!port) {
            *problem = port.error().message();
            return false;
        }
        m_url = QStringLiteral("http://127.0.0.1:%1").arg(*port);
        for (const Actor& person : {StoreFixture::engineer(),
                                    StoreFixture::manager(),
                                    StoreFixture::megan(),
                                    StoreFixture::lidia(),
                                    StoreFixture::adele()}) {
            if (Status added = m_fixture.store().addAccount(person.tenantId, person.principal, password).result();
                !added) {
                *problem = added.error().message();
                return false;
            }
        }
        const Actor megan = StoreFixture::megan();
        Result<MfaEnrolment> enrolled = m_fixture.store().enrolMfa(megan.tenantId, megan.principal).result();
        if (!enrolled) {
            *problem = enrolled.error().message();
            return false;
        }
        m_secret = Totp::fromBase32(enrolled->secret).value_or(QByteArray());
        return true;
    }

    const QString& url() const { return m_url; }

    // Megan's current one-time code. The service accepts a code once per 30 s step and checks it
    // against the fixture's clock: the clock moves on a step first.
    QString nextCode()
    {
        m_fixture.clock().advanceSeconds(Totp::stepSeconds);
        return Totp::code(m_secret, m_fixture.clock().now());
    }

    // `lockboxctl ARGUMENTS`, exactly as given.
    CtlRunner::Run run(const QStringList& arguments, const QProcessEnvironment& variables = {})
    {
        CtlRunner runner(m_fixture.sharedClock(), {});
        // Decisions are signed: with the key of whoever --as names, else Megan's (her token).
        QProcessEnvironment withKey = variables;
        if (!withKey.contains(CtlOptions::keyVariable)) {
            const qsizetype as = arguments.indexOf(QStringLiteral("--as"));
            const Actor signer
                = as >= 0 && as + 1 < arguments.size() ? Actor {arguments.at(as + 1), contoso} : StoreFixture::megan();
            withKey.insert(CtlOptions::keyVariable, m_fixture.keyFileOf(signer));
        }
        runner.setEnvironment(withKey);
        CtlRunner::Run result;
        std::unique_ptr<QThread> thread(QThread::create([&]() { result = runner.run(arguments); }));
        QEventLoop loop;
        QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);
        thread->start();
        loop.exec();
        thread->wait();
        return result;
    }

    // `lockboxctl --url URL ARGUMENTS`.
    CtlRunner::Run ctl(const QStringList& arguments, const QProcessEnvironment& variables = {})
    {
        return run(QStringList {QStringLiteral("--url"), m_url} + arguments, variables);
    }

    // `lockboxctl --url URL --as PRINCIPAL --tenant TENANT ARGUMENTS`, the password in LOCKBOX_PASSWORD.
    CtlRunner::Run as(const Actor& actor, const QStringList& arguments)
    {
        return ctl(QStringList {QStringLiteral("--as"), actor.principal, QStringLiteral("--tenant"), actor.tenantId}
                       + arguments,
                   environment({{QStringLiteral("LOCKBOX_PASSWORD"), password}}));
    }

    // Signs Megan in with a code and returns the environment that carries her token.
    QProcessEnvironment megansToken()
    {
        const CtlRunner::Run login
            = as(StoreFixture::megan(), {QStringLiteral("--code"), nextCode(), QStringLiteral("login")});
        return environment({{QStringLiteral("LOCKBOX_TOKEN"), login.out.trimmed()}});
    }

private:
    StoreFixture& m_fixture;
    ApiServer m_server;
    QString m_url;
    QByteArray m_secret;
};

AccessRequest requestById(StoreFixture& f, const QString& id)
{
    Result<AccessRequest> found = f.store().request(StoreFixture::manager(), id).result();
    return found ? *found : AccessRequest();
}

QStringList fileArguments()
{
    return {QStringLiteral("operator"),
            QStringLiteral("file"),
            QStringLiteral("--for"),
            contoso,
            QStringLiteral("--workload"),
            QStringLiteral("exchange"),
            QStringLiteral("--ticket"),
            QStringLiteral("SR2611240001"),
            QStringLiteral("--reason"),
            QStringLiteral("Mail flow delays & bounces"),
            QStringLiteral("--scope"),
            QStringLiteral("Mailbox of joni@contoso.com"),
            QStringLiteral("--duration"),
            QStringLiteral("60")};
}

QString errorCode(const CtlRunner::Run& run)
{
    return run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

} // namespace

void TestCtlRemote::requestGoesFromFilingToTheEndOfItsWindowThroughTheService()
{
    SERVICE(f, service);
    const Actor engineer = StoreFixture::engineer();

    const CtlRunner::Run filed = service.as(engineer, QStringList {QStringLiteral("--json")} + fileArguments());
    CTL_EXIT(filed, ExitCode::Success);
    const QJsonObject request = filed.json();
    const QString reference = request.value(QStringLiteral("reference")).toString();
    QVERIFY2(reference.startsWith(QLatin1String("EXSR")), qPrintable(filed.out));
    QCOMPARE(request.value(QStringLiteral("status")).toString(), QStringLiteral("Filed"));
    QCOMPARE(request.value(QStringLiteral("requester")).toString(), engineer.principal);
    QCOMPARE(request.value(QStringLiteral("reason")).toString(), QStringLiteral("Mail flow delays & bounces"));

    const CtlRunner::Run passed = service.as(
        StoreFixture::manager(), {QStringLiteral("operator"), QStringLiteral("manager-approve"), reference});
    CTL_EXIT(passed, ExitCode::Success);
    QVERIFY2(passed.out.startsWith(reference + QLatin1String(" is now Pending.")), qPrintable(passed.out));

    const CtlRunner::Run approved = service.as(StoreFixture::megan(),
                                               {QStringLiteral("--code"),
                                                service.nextCode(),
                                                QStringLiteral("approve"),
                                                reference,
                                                QStringLiteral("--comment"),
                                                QStringLiteral("ticket checked")});
    CTL_EXIT(approved, ExitCode::Success);
    QVERIFY2(approved.out.startsWith(reference + QLatin1String(" is now Approved.")), qPrintable(approved.out));
    // The service wrote it, as Megan.
    const AccessRequest stored = requestById(f, request.value(QStringLiteral("id")).toString());
    QCOMPARE(stored.status, RequestStatus::Approved);
    QCOMPARE(stored.decidedBy, StoreFixture::megan().principal);
    QCOMPARE(stored.decisionComment, QStringLiteral("ticket checked"));

    const QStringList check = {QStringLiteral("operator"),
                               QStringLiteral("access-check"),
                               QStringLiteral("--engineer"),
                               engineer.principal,
                               QStringLiteral("--for"),
                               contoso};
    const CtlRunner::Run allowed = service.as(StoreFixture::manager(), check);
    CTL_EXIT(allowed, ExitCode::Success);
    QVERIFY2(allowed.out.startsWith(QLatin1String("Allowed: ")), qPrintable(allowed.out));
    QVERIFY2(allowed.out.contains(reference), qPrintable(allowed.out));

    f.clock().advanceSeconds(61 * 60);
    const CtlRunner::Run denied = service.as(StoreFixture::manager(), check);
    CTL_EXIT(denied, ExitCode::Refused);
    QVERIFY2(denied.out.startsWith(QLatin1String("Denied: ")), qPrintable(denied.out));
    QCOMPARE(requestById(f, stored.id).status, RequestStatus::Completed);

    const CtlRunner::Run verified
        = service.as(StoreFixture::megan(),
                     {QStringLiteral("--code"), service.nextCode(), QStringLiteral("audit"), QStringLiteral("verify")});
    CTL_EXIT(verified, ExitCode::Success);
    QVERIFY2(verified.out.startsWith(QLatin1String("Audit log intact.")), qPrintable(verified.out));
}

void TestCtlRemote::decisionWithoutACodeExitsSixAskingForOne()
{
    SERVICE(f, service);
    const QString id = f.pending();
    // Signing in with a code steps the session up too, for five minutes only.
    const QProcessEnvironment token = service.megansToken();
    f.clock().advanceSeconds(6 * 60);

    const CtlRunner::Run refused = service.ctl({QStringLiteral("approve"), id}, token);
    CTL_EXIT(refused, ExitCode::SignInFailed);
    QVERIFY2(refused.err.startsWith(QLatin1String("lockboxctl: This needs a one-time code")), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("--code")), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("LOCKBOX_CODE")), qPrintable(refused.err));

    const CtlRunner::Run json = service.ctl(
        {QStringLiteral("--json"), QStringLiteral("deny"), id, QStringLiteral("--reason"), QStringLiteral("no")},
        token);
    CTL_EXIT(json, ExitCode::SignInFailed);
    QCOMPARE(errorCode(json), QStringLiteral("step_up_required"));
    QCOMPARE(requestById(f, id).status, RequestStatus::Pending);
}

void TestCtlRemote::decisionWithTheTokenAndACodeStepsUpFirst()
{
    SERVICE(f, service);
    const QString id = f.pending();
    const QProcessEnvironment token = service.megansToken();
    f.clock().advanceSeconds(6 * 60);

    const CtlRunner::Run approved
        = service.ctl({QStringLiteral("--code"), service.nextCode(), QStringLiteral("approve"), id}, token);
    CTL_EXIT(approved, ExitCode::Success);
    QCOMPARE(requestById(f, id).status, RequestStatus::Approved);
    // The step-up holds for a few minutes: the next change needs no new code.
    const CtlRunner::Run revoked = service.ctl({QStringLiteral("revoke"), id}, token);
    CTL_EXIT(revoked, ExitCode::Success);
    QCOMPARE(requestById(f, id).status, RequestStatus::Revoked);
    // A wrong code is a failed step-up, in the service's words.
    f.clock().advanceSeconds(6 * 60);
    const CtlRunner::Run wrong = service.ctl({QStringLiteral("--code"),
                                              QStringLiteral("000000"),
                                              QStringLiteral("settings"),
                                              QStringLiteral("set"),
                                              QStringLiteral("--approvals"),
                                              QStringLiteral("2")},
                                             token);
    CTL_EXIT(wrong, ExitCode::SignInFailed);
    QVERIFY2(wrong.err.contains(QLatin1String("one-time code is wrong")), qPrintable(wrong.err));
}

void TestCtlRemote::enrolledAccountWithoutACodeExitsSix()
{
    SERVICE(f, service);
    const CtlRunner::Run run = service.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::SignInFailed);
    QVERIFY2(run.err.contains(QLatin1String("--code")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCtlRemote::wrongPasswordExitsSix()
{
    SERVICE(f, service);
    const Actor engineer = StoreFixture::engineer();
    const CtlRunner::Run run
        = service.ctl({QStringLiteral("--as"),
                       engineer.principal,
                       QStringLiteral("--tenant"),
                       engineer.tenantId,
                       QStringLiteral("--json"),
                       QStringLiteral("list")},
                      environment({{QStringLiteral("LOCKBOX_PASSWORD"), QStringLiteral("wrong-horse-battery")}}));
    CTL_EXIT(run, ExitCode::SignInFailed);
    QCOMPARE(errorCode(run), QStringLiteral("unauthenticated"));
    QVERIFY2(run.err.contains(QLatin1String("password is wrong")), qPrintable(run.err));
}

void TestCtlRemote::unreachableServiceExitsFourNamingIt()
{
    // A port nobody listens on.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
    probe.close();

    // Nothing to serve here: lockboxctl may wait on this thread, as the binary does.
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), {});
    ctl.setEnvironment(environment({{QStringLiteral("LOCKBOX_PASSWORD"), password}}));
    const QStringList arguments = {QStringLiteral("--url"),
                                   url,
                                   QStringLiteral("--as"),
                                   StoreFixture::megan().principal,
                                   QStringLiteral("--tenant"),
                                   contoso};
    const CtlRunner::Run run = ctl.run(arguments + QStringList {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::StoreFailure);
    QCOMPARE(run.err,
             QStringLiteral("lockboxctl: Cannot reach the Lockbox service at %1: connection refused.\n").arg(url));

    const CtlRunner::Run json = ctl.run(arguments + QStringList {QStringLiteral("--json"), QStringLiteral("list")});
    CTL_EXIT(json, ExitCode::StoreFailure);
    QCOMPARE(errorCode(json), QStringLiteral("unavailable"));
}

void TestCtlRemote::loginPrintsATokenThatLaterCommandsUse()
{
    SERVICE(f, service);
    const CtlRunner::Run login = service.as(StoreFixture::engineer(), {QStringLiteral("login")});
    CTL_EXIT(login, ExitCode::Success);
    // Only the token on stdout, for $(lockboxctl login ...).
    const QString token = login.out.trimmed();
    QVERIFY2(token.startsWith(QLatin1String("lbx_")) && !token.contains(QLatin1Char('\n')), qPrintable(login.out));
    QVERIFY2(login.err.contains(QLatin1String("LOCKBOX_TOKEN")), qPrintable(login.err));

    // No password, no --as, no --tenant: the token says who.
    const QProcessEnvironment withToken = environment({{QStringLiteral("LOCKBOX_TOKEN"), token}});
    const CtlRunner::Run filed = service.ctl(QStringList {QStringLiteral("--json")} + fileArguments(), withToken);
    CTL_EXIT(filed, ExitCode::Success);
    const QString reference = filed.json().value(QStringLiteral("reference")).toString();
    const CtlRunner::Run listed = service.ctl({QStringLiteral("list")}, withToken);
    CTL_EXIT(listed, ExitCode::Success);
    QVERIFY2(listed.out.contains(reference), qPrintable(listed.out));
}

void TestCtlRemote::loginJsonCarriesTheSession()
{
    SERVICE(f, service);
    const CtlRunner::Run login
        = service.as(StoreFixture::megan(),
                     {QStringLiteral("--json"), QStringLiteral("--code"), service.nextCode(), QStringLiteral("login")});
    CTL_EXIT(login, ExitCode::Success);
    const QJsonObject session = login.json();
    QVERIFY2(session.value(QStringLiteral("token")).toString().startsWith(QLatin1String("lbx_")),
             qPrintable(login.out));
    QCOMPARE(session.value(QStringLiteral("principal")).toString(), StoreFixture::megan().principal);
    QCOMPARE(session.value(QStringLiteral("tenant")).toString(), contoso);
    QCOMPARE(session.value(QStringLiteral("role")).toString(), QStringLiteral("GlobalAdministrator"));
    QCOMPARE(session.value(QStringLiteral("mfaEnrolled")).toBool(), true);
    QVERIFY(session.value(QStringLiteral("stepUpUntil")).isString());
}

void TestCtlRemote::logoutEndsTheToken()
{
    SERVICE(f, service);
    const CtlRunner::Run login = service.as(StoreFixture::engineer(), {QStringLiteral("login")});
    CTL_EXIT(login, ExitCode::Success);
    const QProcessEnvironment withToken = environment({{QStringLiteral("LOCKBOX_TOKEN"), login.out.trimmed()}});
    const CtlRunner::Run logout = service.ctl({QStringLiteral("logout")}, withToken);
    CTL_EXIT(logout, ExitCode::Success);
    const CtlRunner::Run after = service.ctl({QStringLiteral("list")}, withToken);
    CTL_EXIT(after, ExitCode::SignInFailed);
    QVERIFY2(after.err.contains(QLatin1String("lockboxctl login")), qPrintable(after.err));
    // Without a token there is nothing to sign out of.
    CTL_EXIT(service.ctl({QStringLiteral("logout")}), ExitCode::Usage);
}

void TestCtlRemote::tokenOfSomeoneElseIsRefused()
{
    SERVICE(f, service);
    const CtlRunner::Run login = service.as(StoreFixture::engineer(), {QStringLiteral("login")});
    CTL_EXIT(login, ExitCode::Success);
    const Actor manager = StoreFixture::manager();
    const CtlRunner::Run run = service.ctl({QStringLiteral("--as"), manager.principal, QStringLiteral("list")},
                                           environment({{QStringLiteral("LOCKBOX_TOKEN"), login.out.trimmed()}}));
    CTL_EXIT(run, ExitCode::SignInFailed);
    QVERIFY2(run.err.contains(StoreFixture::engineer().principal), qPrintable(run.err));
    QVERIFY2(run.err.contains(manager.principal), qPrintable(run.err));
}

void TestCtlRemote::serviceRefusalsKeepTheirCodeAndMessage()
{
    SERVICE(f, service);
    const QString id = f.pending();
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    const QProcessEnvironment token = service.megansToken();

    const CtlRunner::Run again = service.ctl({QStringLiteral("--json"), QStringLiteral("approve"), id}, token);
    // What the store says to Megan itself, word for word, with its code.
    const Result<AccessRequest> direct = f.approve(StoreFixture::megan(), id).result();
    QVERIFY(!direct);
    CTL_EXIT(again, exitCodeFor(direct.error()));
    QCOMPARE(errorCode(again), direct.error().codeName());
    QCOMPARE(again.err, QStringLiteral("lockboxctl: %1\n").arg(direct.error().message()));

    const CtlRunner::Run unknown
        = service.ctl({QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("EXSR000001")}, token);
    CTL_EXIT(unknown, ExitCode::NotFound);
    QCOMPARE(errorCode(unknown), QStringLiteral("not_found"));

    // The engineer may not approve: the service's refusal, not a request for a code.
    const CtlRunner::Run engineer
        = service.as(StoreFixture::engineer(), {QStringLiteral("--json"), QStringLiteral("approve"), id});
    CTL_EXIT(engineer, ExitCode::Refused);
    QCOMPARE(errorCode(engineer), QStringLiteral("permission_denied"));
}

void TestCtlRemote::everydayCommandsWorkThroughTheService()
{
    SERVICE(f, service);
    const QString approveId = f.pending();
    const QString denyId = f.pending();
    const QProcessEnvironment token = service.megansToken();

    const CtlRunner::Run listed = service.ctl(
        {QStringLiteral("--json"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("pending")},
        token);
    CTL_EXIT(listed, ExitCode::Success);
    QCOMPARE(listed.json().value(QStringLiteral("requests")).toArray().size(), 2);

    const CtlRunner::Run shown = service.ctl({QStringLiteral("--json"), QStringLiteral("show"), approveId}, token);
    CTL_EXIT(shown, ExitCode::Success);
    QCOMPARE(shown.json().value(QStringLiteral("decisions")).toArray().size(), 1);
    QVERIFY2(!shown.json().value(QStringLiteral("history")).toArray().isEmpty(), qPrintable(shown.out));

    CTL_EXIT(service.ctl({QStringLiteral("approve"), approveId}, token), ExitCode::Success);
    const CtlRunner::Run denied = service.ctl(
        {QStringLiteral("deny"), denyId, QStringLiteral("--reason"), QStringLiteral("Scope too broad")}, token);
    CTL_EXIT(denied, ExitCode::Success);
    QCOMPARE(requestById(f, denyId).decisionComment, QStringLiteral("Scope too broad"));

    const CtlRunner::Run set = service.ctl(
        {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--approvals"), QStringLiteral("2")}, token);
    CTL_EXIT(set, ExitCode::Success);
    const CtlRunner::Run settings
        = service.ctl({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("get")}, token);
    CTL_EXIT(settings, ExitCode::Success);
    QCOMPARE(settings.json().value(QStringLiteral("approvalsRequired")).toInt(), 2);
    QCOMPARE(settings.json().value(QStringLiteral("changedBy")).toString(), StoreFixture::megan().principal);

    const QString pradeep = QStringLiteral("pradeep@contoso.com");
    CTL_EXIT(service.ctl({QStringLiteral("roles"),
                          QStringLiteral("add"),
                          pradeep,
                          QStringLiteral("--role"),
                          QStringLiteral("reader"),
                          QStringLiteral("--name"),
                          QStringLiteral("Pradeep Gupta")},
                         token),
             ExitCode::Success);
    const CtlRunner::Run roles
        = service.ctl({QStringLiteral("--json"), QStringLiteral("roles"), QStringLiteral("list")}, token);
    CTL_EXIT(roles, ExitCode::Success);
    QVERIFY2(roles.out.contains(QLatin1String("Pradeep Gupta")), qPrintable(roles.out));
    CTL_EXIT(service.ctl({QStringLiteral("roles"), QStringLiteral("remove"), pradeep}, token), ExitCode::Success);
    QVERIFY(!service.ctl({QStringLiteral("roles"), QStringLiteral("list")}, token).out.contains(pradeep));

    // The operator's side: a manager's rejection and an engineer's withdrawal.
    const QString rejectId = f.file();
    const QString withdrawId = f.file();
    CTL_EXIT(service.as(StoreFixture::manager(),
                        {QStringLiteral("operator"),
                         QStringLiteral("manager-reject"),
                         rejectId,
                         QStringLiteral("--reason"),
                         QStringLiteral("No ticket")}),
             ExitCode::Success);
    QCOMPARE(requestById(f, rejectId).status, RequestStatus::Rejected);
    CTL_EXIT(service.as(StoreFixture::engineer(), {QStringLiteral("operator"), QStringLiteral("withdraw"), withdrawId}),
             ExitCode::Success);
    QCOMPARE(requestById(f, withdrawId).status, RequestStatus::Cancelled);
}

void TestCtlRemote::auditExportThroughTheServiceVerifiesOffline()
{
    SERVICE(f, service);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), f.pending()).result());
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("contoso.jsonl"));
    const CtlRunner::Run exported = service.ctl(
        {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), output}, service.megansToken());
    CTL_EXIT(exported, ExitCode::Success);
    const CtlRunner::Run verified = service.run({QStringLiteral("audit"), QStringLiteral("verify-file"), output});
    CTL_EXIT(verified, ExitCode::Success);
    QVERIFY2(verified.out.startsWith(QLatin1String("Exported audit log intact.")), qPrintable(verified.out));
}

void TestCtlRemote::provisioningThroughTheServiceIsRefused()
{
    SERVICE(f, service);
    const CtlRunner::Run tenant = service.ctl({QStringLiteral("tenant"),
                                               QStringLiteral("add"),
                                               QStringLiteral("northwind"),
                                               QStringLiteral("--name"),
                                               QStringLiteral("Northwind"),
                                               QStringLiteral("--admin"),
                                               QStringLiteral("a@northwind.com")});
    CTL_EXIT(tenant, ExitCode::Usage);
    QVERIFY2(tenant.err.contains(QLatin1String("--store")), qPrintable(tenant.err));
    const CtlRunner::Run account = service.ctl({QStringLiteral("--tenant"),
                                                contoso,
                                                QStringLiteral("account"),
                                                QStringLiteral("add"),
                                                QStringLiteral("a@contoso.com")});
    CTL_EXIT(account, ExitCode::Usage);
    QVERIFY2(account.err.contains(QLatin1String("--store")), qPrintable(account.err));
}

void TestCtlRemote::remoteStoreActsOnlyAsItsSessionsPerson()
{
    SERVICE(f, service);
    const Actor engineer = StoreFixture::engineer();
    RemoteStore remote {QUrl(service.url())};
    LOCKBOX_VERIFY_OK(await(remote.open()));
    LOCKBOX_COMPARE_ERROR(await(remote.listRequests(engineer, {})), Error::Code::Unauthenticated);

    Result<AuthSession> session = await(remote.signInWithPassword(engineer.tenantId, engineer.principal, password, {}));
    LOCKBOX_VERIFY_OK(session);
    QCOMPARE(session->actor.role, Role::SupportEngineer);
    QCOMPARE(remote.token(), session->token);
    Result<Actor> resolved = await(remote.resolveActor(engineer));
    LOCKBOX_VERIFY_OK(resolved);
    QCOMPARE(resolved->role, Role::SupportEngineer);
    LOCKBOX_VERIFY_OK(await(remote.listRequests(engineer, {})));
    // An authenticator app enrolled through the service counts from the next answer on.
    Result<MfaEnrolment> enrolled = await(remote.enrolMfa());
    LOCKBOX_VERIFY_OK(enrolled);
    QVERIFY(Totp::fromBase32(enrolled->secret).has_value());
    Result<AuthSession> current = await(remote.currentSession());
    LOCKBOX_VERIFY_OK(current);
    QVERIFY(current->mfaEnrolled);
    QCOMPARE(remote.session()->mfaEnrolled, true);

    // Never someone else's call as the engineer.
    LOCKBOX_COMPARE_ERROR(await(remote.listRequests(StoreFixture::manager(), {})), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(await(remote.approve(StoreFixture::megan(), f.pending())), Error::Code::InvalidInput);
    // Provisioning is for the service's database; the service applies due transitions itself.
    LOCKBOX_COMPARE_ERROR(await(remote.createTenant({}, {})), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(await(remote.addOperatorStaff({})), Error::Code::InvalidInput);
    QCOMPARE(await(remote.applyDueTransitions()).value(), 0);

    LOCKBOX_VERIFY_OK(await(remote.signOut()));
    QVERIFY(remote.token().isEmpty());
    LOCKBOX_COMPARE_ERROR(await(remote.listRequests(engineer, {})), Error::Code::Unauthenticated);
}

void TestCtlRemote::remoteStoreFollowsTheEventStream()
{
    SERVICE(f, service);
    RemoteStore remote {QUrl(service.url())};
    LOCKBOX_VERIFY_OK(await(remote.open()));
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(await(remote.signInWithPassword(megan.tenantId, megan.principal, password, service.nextCode())));

    // The signals come from the store's network thread: collect them on this one.
    QObject receiver;
    QStringList changedIds;
    QStringList changedTenants;
    bool connected = false;
    QObject::connect(&remote, &Store::requestsChanged, &receiver, [&](const QString& tenant, const QStringList& ids) {
        changedTenants.append(tenant);
        changedIds.append(ids);
    });
    QObject::connect(&remote, &RemoteStore::connectedChanged, &receiver, [&](bool now) { connected = now; });
    Result<RequestSummary> before = await(remote.summary(megan));
    LOCKBOX_VERIFY_OK(before);
    QCOMPARE(before->pending, 0);
    remote.followEvents(true);
    QTRY_VERIFY_WITH_TIMEOUT(connected, 10000);
    QVERIFY(remote.isConnected());

    // Another client (the store directly) files a request and passes it to the customer.
    const QString id = f.pending();
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(changedIds.contains(id), 10000);
    QVERIFY(changedTenants.contains(contoso));
    QCOMPARE(await(remote.summary(megan))->pending, 1);

    remote.followEvents(false);
    QTRY_VERIFY_WITH_TIMEOUT(!connected, 10000);
}

void TestCtlRemote::remoteStoreResumesTheEventStreamWhereItLeftOff()
{
    // A stand-in for the service's stream: the first connection sends one event and drops, the
    // second is asked for what came after it.
    QTcpServer stream;
    QVERIFY(stream.listen(QHostAddress::LocalHost, 0));
    QList<QByteArray> requests;
    QObject::connect(&stream, &QTcpServer::newConnection, &stream, [&]() {
        QTcpSocket* socket = stream.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, socket]() {
            QByteArray head = socket->property("head").toByteArray() + socket->readAll();
            socket->setProperty("head", head);
            if (!head.contains("\r\n\r\n"))
                return;
            requests.append(head);
            const bool first = requests.size() == 1;
            const QByteArray event = first ? QByteArrayLiteral("7") : QByteArrayLiteral("8");
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: welcome\n\nid: " + event
                          + "\nevent: request.updated\ndata: {\"tenant\":\"contoso.onmicrosoft.com\",\"requestId\":\"r"
                          + event + "\"}\n\n");
            if (first)
                socket->disconnectFromHost();
        });
    });

    RemoteStore remote {QUrl(QStringLiteral("http://127.0.0.1:%1").arg(stream.serverPort()))};
    remote.setToken(QStringLiteral("lbx_test"));
    QObject receiver;
    QStringList changedIds;
    QList<bool> connections;
    QObject::connect(&remote, &Store::requestsChanged, &receiver, [&](const QString&, const QStringList& ids) {
        changedIds.append(ids);
    });
    QObject::connect(&remote, &RemoteStore::connectedChanged, &receiver, [&](bool now) { connections.append(now); });
    remote.followEvents(true);

    QTRY_COMPARE_WITH_TIMEOUT(changedIds, (QStringList {QStringLiteral("r7"), QStringLiteral("r8")}), 10000);
    QCOMPARE(requests.size(), 2);
    QVERIFY2(requests.at(0).contains("Authorization: Bearer lbx_test"), requests.at(0).constData());
    QVERIFY2(!requests.at(0).contains("Last-Event-ID"), requests.at(0).constData());
    QVERIFY2(requests.at(1).contains("Last-Event-ID: 7\r\n"), requests.at(1).constData());
    QCOMPARE(connections, (QList<bool> {true, false, true}));
    remote.followEvents(false);
    QTRY_COMPARE_WITH_TIMEOUT(connections.size(), 4, 10000);
}

void TestCtlRemote::remoteStoreTrustsOnlyThePinnedCertificate()
{
    QVERIFY2(QSslSocket::supportsSsl(), "This Qt has no TLS backend: lockboxd cannot serve HTTPS.");
    SelfSignedCertificate tls;
    QString problem;
    QVERIFY2(tls.create(&problem), qPrintable(problem));
    const QString certificatePath = tls.certificatePath();
    const QString keyPath = tls.keyPath();

    LOCKBOX_STORE_FIXTURE(f);
    ApiServer server(f.store(), f.sharedClock());
    ServiceOptions options;
    options.port = 0;
    options.tlsCertificate = certificatePath;
    options.tlsKey = keyPath;
    Result<quint16> port = server.listen(options);
    LOCKBOX_VERIFY_OK(port);
    const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(*port));
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificatePath);
    QCOMPARE(certificates.size(), 1);

    RemoteStore untrusting(url);
    const Status refused = await(untrusting.open());
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::Unavailable);
    QVERIFY2(refused.error().message().contains(QLatin1String("not trusted")), qPrintable(refused.error().message()));

    RemoteStore otherPin(url);
    otherPin.setPinnedCertificate(QCryptographicHash::hash("another certificate", QCryptographicHash::Sha256));
    LOCKBOX_COMPARE_ERROR(await(otherPin.open()), Error::Code::Unavailable);

    RemoteStore pinned(url);
    pinned.setPinnedCertificate(certificates.constFirst().digest(QCryptographicHash::Sha256));
    LOCKBOX_VERIFY_OK(await(pinned.open()));
}

void TestCtlRemote::remoteStoreGivesUpAfterItsTimeout()
{
    // A service that takes the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    RemoteStore remote {QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()))};
    remote.setTimeout(300);
    const Status opened = await(remote.open());
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::Unavailable);
    QVERIFY2(opened.error().message().contains(QLatin1String("no answer within 0.3 seconds")),
             qPrintable(opened.error().message()));
}

void TestCtlRemote::remoteStoreCarriesSignedDecisions()
{
    SERVICE(f, service);
    const Actor megan = StoreFixture::megan();
    RemoteStore remote {QUrl(service.url())};
    LOCKBOX_VERIFY_OK(await(remote.open()));
    LOCKBOX_VERIFY_OK(await(remote.signInWithPassword(megan.tenantId, megan.principal, password, service.nextCode())));

    // The key is registered through the service, and listed with its fingerprint.
    const SigningKey key = *SigningKey::generate();
    Result<RegisteredKey> registered = await(remote.registerSigningKey(megan, key.publicKey()));
    LOCKBOX_VERIFY_OK(registered);
    QCOMPARE(registered->fingerprint, key.fingerprint());
    Result<QList<RegisteredKey>> keys = await(remote.signingKeys(megan));
    LOCKBOX_VERIFY_OK(keys);
    QCOMPARE(keys->size(), 1);
    QCOMPARE(keys->first().publicKey, key.publicKey());

    // A signature that does not match is refused in the store's words; a good one is kept.
    const QString id = f.pending();
    const AccessRequest request = *await(remote.request(megan, id));
    DecisionSignature signature = DecisionSignature::sign(
        key, DecisionStatement::of(request, Action::Approve, megan.principal, f.clock().now()));
    DecisionSignature forged = signature;
    forged.value[0] = char(forged.value.at(0) ^ 0x01);
    LOCKBOX_COMPARE_ERROR(await(remote.perform(megan, id, Action::Approve, {}, forged)), Error::Code::PermissionDenied);
    Result<AccessRequest> approved = await(remote.perform(megan, id, Action::Approve, QStringLiteral("ok"), signature));
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);
    QCOMPARE(approved->decisions.last().signingKey, key.fingerprint());
    QCOMPARE(approved->decisions.last().signature, signature.value);
    QCOMPARE(approved->decisions.last().signedAt, signature.signedAt);
}

// The README's path for a script that calls the API itself: make and register a key through the
// service, sign with `key sign`, and send the signature in the decision's body.
void TestCtlRemote::keyCreatedAndSignedThroughTheServiceApprovesOverPlainHttp()
{
    SERVICE(f, service);
    const QString id = f.pending();
    QProcessEnvironment token = service.megansToken();
    f.clock().advanceSeconds(6 * 60);
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("megan.key"));
    const CtlRunner::Run created = service.ctl(
        {QStringLiteral("--code"), service.nextCode(), QStringLiteral("key"), QStringLiteral("create"), key}, token);
    CTL_EXIT(created, ExitCode::Success);
    const QString ids = dir.filePath(QStringLiteral("ids"));
    {
        QFile file(ids);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write(id.toUtf8() + '\n');
    }
    const CtlRunner::Run signedRun = service.ctl({QStringLiteral("key"),
                                                  QStringLiteral("sign"),
                                                  QStringLiteral("--key"),
                                                  key,
                                                  QStringLiteral("--action"),
                                                  QStringLiteral("approve"),
                                                  QStringLiteral("--ids"),
                                                  ids},
                                                 token);
    CTL_EXIT(signedRun, ExitCode::Success);
    const QJsonObject line = signedRun.json();
    QCOMPARE(line.value(QStringLiteral("id")).toString(), id);

    auto approve = [&](const QJsonObject& body) {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(service.url() + QStringLiteral("/api/v1/requests/%1/approve").arg(id)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token.value(QStringLiteral("LOCKBOX_TOKEN")).toUtf8());
        std::unique_ptr<QNetworkReply> reply(network.post(request, QJsonDocument(body).toJson()));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        return std::make_pair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
    };
    // Without the signature the service refuses the decision and says how to sign it.
    const auto [unsignedStatus, unsignedBody] = approve({{QStringLiteral("comment"), QStringLiteral("ok")}});
    QCOMPARE(unsignedStatus, 422);
    QVERIFY2(unsignedBody.contains("Decisions are signed"), unsignedBody.constData());
    QCOMPARE(requestById(f, id).status, RequestStatus::Pending);
    // With it, the approval is taken and keeps the key's fingerprint.
    const auto [status, body] = approve({{QStringLiteral("comment"), QStringLiteral("ok")},
                                         {QStringLiteral("signature"), line.value(QStringLiteral("signature"))}});
    QVERIFY2(status == 200, body.constData());
    const AccessRequest approved = requestById(f, id);
    QCOMPARE(approved.status, RequestStatus::Approved);
    QVERIFY2(created.out.contains(approved.decisions.last().signingKey), qPrintable(created.out));
}
