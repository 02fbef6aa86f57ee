#include "TestMailNotifier.h"

#include "ServiceFixture.h"
#include "SmtpSink.h"
#include "audit/AuditOperation.h"
#include "service/MailNotifier.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace lockbox;

namespace {

const QString mailSender = QStringLiteral("lockbox@ops.example");

SmtpMailer::Settings settingsFor(const QString& url)
{
    SmtpMailer::Settings settings;
    settings.url = QUrl(url);
    settings.from = mailSender;
    settings.connectTimeoutSeconds = 10;
    settings.timeoutSeconds = 20;
    return settings;
}

// Quick enough for a test: the log read every 50 ms, expiry looked for every 100 ms.
MailNotifier::Timing fast(QList<int> retryDelays = {50, 50})
{
    MailNotifier::Timing timing;
    timing.pollMilliseconds = 50;
    timing.expiryCheckMilliseconds = 100;
    timing.retryDelaysMilliseconds = std::move(retryDelays);
    return timing;
}

// Contoso's Global administrator and its two Lockbox access approvers; not adele, a Reader.
QStringList contosoApprovers()
{
    return {StoreFixture::diego().principal, StoreFixture::lidia().principal, StoreFixture::megan().principal};
}

// The records of `operation` about a request in its tenant's audit log, as `reader` sees them.
QList<AuditRecord> auditOf(StoreFixture& fixture, const Actor& reader, const QString& operation, const QString& id)
{
    AuditQuery query;
    query.operation = operation;
    query.requestId = id;
    Result<Page<AuditRecord>> page = fixture.store().auditRecords(reader, query).result();
    return page ? page->items : QList<AuditRecord>();
}

Result<AccessRequest> pendingRequest(StoreFixture& fixture, const NewRequest& wanted)
{
    Result<AccessRequest> filed = fixture.store().fileRequest(StoreFixture::engineer(), wanted).result();
    if (!filed)
        return filed;
    return fixture.store().perform(StoreFixture::manager(), filed->id, Action::ManagerApprove, {}).result();
}

bool writePrivateFile(const QString& path, const QByteArray& text, QFile::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() && file.setPermissions(permissions);
}

} // namespace

#define LOCKBOX_START_SINK(name, ...)                                                                                  \
    SmtpSink name {QStringList {__VA_ARGS__}};                                                                         \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.start(&problem_), qPrintable(problem_));                                                         \
    } while (false)

// Starts the notifier and waits until it follows the audit log.
#define LOCKBOX_START_NOTIFIER(notifier)                                                                               \
    do {                                                                                                               \
        QSignalSpy started_(&(notifier), &MailNotifier::started);                                                      \
        (notifier).start();                                                                                            \
        QTRY_COMPARE_WITH_TIMEOUT(started_.size(), 1, 10'000);                                                         \
    } while (false)

void TestMailNotifier::messageIsWellFormedRfc5322()
{
    MailMessage message;
    message.fromName = QStringLiteral("Lockbox");
    message.from = mailSender;
    message.to = contosoApprovers();
    message.subject = QStringLiteral("Délai: EXSR359001\r\nBcc: eve@evil.example");
    message.body = QStringLiteral(".hidden folder\n.\nA line with a trailing space \nCafé = 5 € ")
        + QStringLiteral("and a long line that goes on and on well past the seventy-six characters a "
                         "quoted-printable line may hold, so it must be broken softly.");
    message.date = StoreFixture::start;
    message.messageId = MailMessage::newMessageId(mailSender);
    const QByteArray encoded = message.encoded();

    QCOMPARE(encoded.count('\n'), encoded.count("\r\n"));
    for (const QByteArray& line : encoded.split('\n'))
        QVERIFY2(line.size() <= 78 + 1, line.constData());
    for (char c : encoded)
        QVERIFY2(uchar(c) < 0x80, "8-bit byte in the message");
    QVERIFY(encoded.startsWith("Date: Tue, 24 Nov 2026 08:00:00 +0000\r\n"));
    QVERIFY(encoded.contains("\r\nFrom: Lockbox <lockbox@ops.example>\r\n"));
    QVERIFY(encoded.contains("\r\nMIME-Version: 1.0\r\n"));
    QVERIFY(encoded.contains("\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
    QVERIFY(encoded.contains("\r\nContent-Transfer-Encoding: quoted-printable\r\n"));
    QVERIFY(encoded.contains("\r\nMessage-ID: <" + message.messageId.toLatin1() + ">\r\n"));
    // A line break in the subject cannot start a header of its own.
    QVERIFY(!encoded.contains("\nBcc:"));
    QVERIFY(MailMessage::isAddress(mailSender));
    QVERIFY(!MailMessage::isAddress(QStringLiteral("eve@evil.example>\r\nRCPT TO:<x@y.z")));
    QVERIFY(!MailMessage::isAddress(QStringLiteral("no-domain")));

    // Through a real SMTP server: the subject and body come back as written, dots and all.
    LOCKBOX_START_SINK(sink);
    LOCKBOX_VERIFY_OK(SmtpMailer(settingsFor(sink.url())).send(message));
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
    const SmtpSink::Mail& received = sink.mails().first();
    QVERIFY2(received.subject.startsWith(QStringLiteral("Délai: EXSR359001")), qPrintable(received.subject));
    QVERIFY(!received.headers.contains(QStringLiteral("Bcc")));
    QCOMPARE(received.body.trimmed().replace(QStringLiteral("\r\n"), QStringLiteral("\n")), message.body.trimmed());
    QCOMPARE(received.recipients, contosoApprovers());
    QCOMPARE(received.mailFrom, mailSender);
}

void TestMailNotifier::approversAreMailedOnceWhenARequestAwaitsThem()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_START_SINK(sink);
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    notifier.setTiming(fast());
    LOCKBOX_START_NOTIFIER(notifier);

    const NewRequest wanted {StoreFixture::contoso,
                             Workload::SharePoint,
                             QStringLiteral("SR2611240042"),
                             QStringLiteral("Délai de synchronisation:\nthe finance site is slow"),
                             QStringLiteral("Site https://contoso.sharepoint.com/sites/finance"),
                             90};
    const Result<AccessRequest> request = pendingRequest(fixture, wanted);
    LOCKBOX_VERIFY_OK(request);
    QCOMPARE(request->status, RequestStatus::Pending);

    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
    const SmtpSink::Mail mail = sink.mails().first();
    QCOMPARE(mail.mailFrom, mailSender);
    QCOMPARE(mail.recipients, contosoApprovers());
    QCOMPARE(mail.subject,
             QStringLiteral("Lockbox: data access request %1 awaits your approval").arg(request->reference));
    QCOMPARE(mail.headers.value(QStringLiteral("From")).toString(), QStringLiteral("Lockbox <lockbox@ops.example>"));
    for (const QString& approver : contosoApprovers())
        QVERIFY(mail.headers.value(QStringLiteral("To")).toString().contains(approver));
    QCOMPARE(mail.headers.value(QStringLiteral("MIME-Version")).toString(), QStringLiteral("1.0"));
    QVERIFY(mail.headers.value(QStringLiteral("Content-Type")).toString().startsWith(QStringLiteral("text/plain")));
    QVERIFY(mail.headers.value(QStringLiteral("Message-ID")).toString().endsWith(QStringLiteral("@ops.example>")));
    QVERIFY(mail.headers.value(QStringLiteral("Date")).toString().contains(QStringLiteral("24 Nov 2026")));
    QCOMPARE(mail.raw.count('\n'), mail.raw.count("\r\n"));
    for (const QString& expected : {request->reference,
                                    QStringLiteral("SharePoint"),
                                    StoreFixture::engineer().principal,
                                    QStringLiteral("SR2611240042"),
                                    QStringLiteral("Délai de synchronisation: the finance site is slow"),
                                    QStringLiteral("Site https://contoso.sharepoint.com/sites/finance"),
                                    QStringLiteral("1 hour 30 minutes"),
                                    QStringLiteral("2026-11-24 20:00 UTC"),
                                    QStringLiteral("Lockbox Admin Center"),
                                    QStringLiteral("lockboxctl approve %1").arg(request->reference)})
        QVERIFY2(mail.body.simplified().contains(expected),
                 qPrintable(expected + QStringLiteral(" missing from:\n") + mail.body));

    // The notice is in the tenant's audit log, once, by the system, naming whom it went to.
    const QList<AuditRecord> notices
        = auditOf(fixture, StoreFixture::megan(), AuditOperation::ApprovalNoticeSent, request->id);
    QCOMPARE(notices.size(), 1);
    QCOMPARE(notices.first().actor, Actor::systemPrincipal());
    QCOMPARE(notices.first().details.value(QStringLiteral("recipients")).toArray().size(), 3);

    // Nothing about it twice: the next mail is about the next request.
    const QString next = fixture.pending();
    QVERIFY(!next.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 2, 10'000);
    QVERIFY(!sink.mails().at(1).subject.contains(request->reference));
    QCOMPARE(auditOf(fixture, StoreFixture::megan(), AuditOperation::ApprovalNoticeSent, request->id).size(), 1);
}

void TestMailNotifier::requestsThatDoNotAwaitTheCustomerAreNotMailed()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_START_SINK(sink);
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    notifier.setTiming(fast());

    // Waiting before lockboxd started: not mailed (it follows the log from where it stood).
    const QString before = fixture.pending();
    QVERIFY(!before.isEmpty());
    LOCKBOX_START_NOTIFIER(notifier);
    // Still with the manager, and rejected by the manager: not the customer's turn.
    QVERIFY(!fixture.file().isEmpty());
    const QString rejected = fixture.file();
    LOCKBOX_VERIFY_OK(
        fixture.store()
            .perform(StoreFixture::manager(), rejected, Action::ManagerReject, QStringLiteral("wrong ticket"))
            .result());
    // Fabrikam does not require approval: Lockbox approves at once, nobody is asked.
    Result<TenantSettings> fabrikam = fixture.store().settings(StoreFixture::nestor()).result();
    LOCKBOX_VERIFY_OK(fabrikam);
    TenantSettings noApproval = *fabrikam;
    noApproval.requireApproval = false;
    LOCKBOX_VERIFY_OK(fixture.store().updateSettings(StoreFixture::nestor(), noApproval).result());
    const QString autoApproved = fixture.file(60, StoreFixture::fabrikam);
    Result<AccessRequest> approved
        = fixture.store().perform(StoreFixture::manager(), autoApproved, Action::ManagerApprove, {}).result();
    LOCKBOX_VERIFY_OK(approved);
    QCOMPARE(approved->status, RequestStatus::Approved);

    // The first mail is about the one request that awaits the customer since.
    const QString awaiting = fixture.pending();
    Result<AccessRequest> sentinel = fixture.store().request(StoreFixture::megan(), awaiting).result();
    LOCKBOX_VERIFY_OK(sentinel);
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
    QVERIFY(sink.mails().first().subject.contains(sentinel->reference));
    QCOMPARE(sink.mails().first().recipients, contosoApprovers());
}

void TestMailNotifier::approversAreWarnedOnceWithinTheHourBeforeExpiry()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    // Two approvals required: whoever approved already is not warned.
    QVERIFY(fixture.changeSettings([](TenantSettings& settings) { settings.approvalsRequired = 2; }));

    LOCKBOX_START_SINK(sink);
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    notifier.setTiming(fast());
    LOCKBOX_START_NOTIFIER(notifier);
    const QString id = fixture.pending();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
    LOCKBOX_VERIFY_OK(fixture.approve(StoreFixture::lidia(), id).result());
    Result<AccessRequest> request = fixture.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(request);

    // 19:01: the request, filed at 08:00, expires at 20:00, in 59 minutes.
    fixture.clock().set(StoreFixture::start.addSecs(11 * 3600 + 60));
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 2, 10'000);
    const SmtpSink::Mail warning = sink.mails().at(1);
    QCOMPARE(warning.subject,
             QStringLiteral("Lockbox: data access request %1 expires in under an hour").arg(request->reference));
    QCOMPARE(warning.recipients, (QStringList {StoreFixture::diego().principal, StoreFixture::megan().principal}));
    for (const QString& expected : {QStringLiteral("expires at 2026-11-24 20:00 UTC, in 59 minutes"),
                                    QStringLiteral("1 of 2 different approvers"),
                                    QStringLiteral("lockboxctl approve %1").arg(request->reference)})
        QVERIFY2(warning.body.simplified().contains(expected),
                 qPrintable(expected + QStringLiteral(" missing from:\n") + warning.body));

    // Once: later looks, even half an hour on, and another lockboxd (or this one restarted) warn
    // nobody again.
    QSignalSpy checks(&notifier, &MailNotifier::expiryCheckFinished);
    fixture.clock().set(StoreFixture::start.addSecs(11 * 3600 + 30 * 60));
    QTRY_VERIFY_WITH_TIMEOUT(checks.size() >= 3, 10'000);
    MailNotifier another(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    another.setTiming(fast());
    QSignalSpy anotherChecks(&another, &MailNotifier::expiryCheckFinished);
    another.start();
    QTRY_VERIFY_WITH_TIMEOUT(anotherChecks.size() >= 2, 10'000);
    for (const QList<QVariant>& check : std::as_const(checks))
        QCOMPARE(check.at(0).toInt(), 0);
    for (const QList<QVariant>& check : std::as_const(anotherChecks))
        QCOMPARE(check.at(0).toInt(), 0);
    QCOMPARE(auditOf(fixture, StoreFixture::megan(), AuditOperation::ExpiryWarningSent, id).size(), 1);

    // And the next mail is about the next request, not the warning again.
    const QString next = fixture.pending();
    QVERIFY(!next.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 3, 10'000);
    QVERIFY(!sink.mails().at(2).subject.contains(request->reference));
}

void TestMailNotifier::aRefusedMailIsTriedAgain()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_START_SINK(sink, QStringLiteral("--refuse-first"), QStringLiteral("1"));
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    notifier.setTiming(fast());
    QSignalSpy failed(&notifier, &MailNotifier::deliveryFailed);
    QSignalSpy delivered(&notifier, &MailNotifier::delivered);
    LOCKBOX_START_NOTIFIER(notifier);
    QVERIFY(!fixture.pending().isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10'000);
    QCOMPARE(sink.refused(), 1);
    QCOMPARE(sink.mails().size(), 1);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("451")),
             qPrintable(failed.first().at(1).toString()));
    QCOMPARE(failed.first().at(2).toBool(), true);
}

void TestMailNotifier::signsInWithTheUserAndThePasswordFile()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_START_SINK(sink, QStringLiteral("--auth"), QStringLiteral("lockbox:s3cret-pw"));
    QTemporaryDir dir;
    const QString right = dir.filePath(QStringLiteral("smtp-password"));
    const QString wrong = dir.filePath(QStringLiteral("wrong-password"));
    QVERIFY(writePrivateFile(right, "s3cret-pw\n", QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(writePrivateFile(wrong, "not-the-password\n", QFile::ReadOwner | QFile::WriteOwner));
    ServiceOptions options;
    options.smtpUrl = sink.url();
    options.smtpFrom = mailSender;
    options.smtpUser = QStringLiteral("lockbox");
    options.smtpPasswordFile = right;
    const Result<SmtpMailer::Settings> settings = SmtpMailer::configure(options);
    LOCKBOX_VERIFY_OK(settings);
    QCOMPARE(settings->password, QStringLiteral("s3cret-pw"));
    {
        MailNotifier notifier(fixture.store(), fixture.sharedClock(), *settings);
        notifier.setTiming(fast());
        LOCKBOX_START_NOTIFIER(notifier);
        QVERIFY(!fixture.pending().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
        QCOMPARE(sink.mails().first().login, QStringLiteral("lockbox"));
    }

    // A wrong password is not tried again (it would fail the same way) and is never shown.
    options.smtpPasswordFile = wrong;
    const Result<SmtpMailer::Settings> wrongSettings = SmtpMailer::configure(options);
    LOCKBOX_VERIFY_OK(wrongSettings);
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), *wrongSettings);
    notifier.setTiming(fast());
    QSignalSpy failed(&notifier, &MailNotifier::deliveryFailed);
    LOCKBOX_START_NOTIFIER(notifier);
    QVERIFY(!fixture.pending().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10'000);
    const QString reason = failed.first().at(0 + 1).toString();
    QVERIFY2(reason.contains(QStringLiteral("refused the sign-in of lockbox")), qPrintable(reason));
    QVERIFY(!reason.contains(QStringLiteral("not-the-password")));
    QCOMPARE(failed.first().at(2).toBool(), false);
    QCOMPARE(sink.mails().size(), 1);
}

void TestMailNotifier::aHangingMailServerHoldsUpNothing()
{
    LOCKBOX_SERVICE_FIXTURE(service);
    // Takes the connection and never greets: the send waits until its time limit.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    SmtpMailer::Settings settings = settingsFor(QStringLiteral("smtp://127.0.0.1:%1").arg(silent.serverPort()));
    settings.timeoutSeconds = 3;
    MailNotifier notifier(service.store(), service.fixture().sharedClock(), settings);
    notifier.setTiming(fast({}));
    QSignalSpy failed(&notifier, &MailNotifier::deliveryFailed);
    LOCKBOX_START_NOTIFIER(notifier);
    QVERIFY(!service.fixture().pending().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 10'000);

    // While the mail hangs, the service answers at once.
    QElapsedTimer elapsed;
    elapsed.start();
    QCOMPARE(service.call("GET", QStringLiteral("/api/v1/health")).status, 200);
    QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(failed.isEmpty());
    const QString engineer = service.signIn(StoreFixture::engineer());
    QVERIFY(!engineer.isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20'000);
    const QString reason = failed.first().at(1).toString();
    QVERIFY2(reason.contains(QStringLiteral("smtp://127.0.0.1:%1").arg(silent.serverPort())), qPrintable(reason));
    QCOMPARE(failed.first().at(2).toBool(), false);
    QCOMPARE(service.call("GET", QStringLiteral("/api/v1/health")).status, 200);
}

void TestMailNotifier::unsafeOrIncompleteSettingsAreRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("passwordFileMode"); // -1: no password file
    QTest::addColumn<bool>("startTls");
    QTest::addColumn<QString>("refusal"); // empty: accepted

    const QString remote = QStringLiteral("smtp://mail.contoso.com:587");
    const QString smtps = QStringLiteral("smtps://mail.contoso.com");
    const QString lockbox = QStringLiteral("lockbox");
    auto row = [](const char* name,
                  const QString& url,
                  const QString& from,
                  const QString& user,
                  int mode,
                  bool startTls,
                  const QString& refusal) {
        QTest::newRow(name) << url << from << user << mode << startTls << refusal;
    };
    row("accepted with STARTTLS", remote, mailSender, lockbox, 0600, true, {});
    row("accepted over smtps", smtps, mailSender, lockbox, 0400, false, {});
    row("no sender", remote, {}, {}, -1, false, QStringLiteral("needs --smtp-from"));
    row("bad sender", remote, QStringLiteral("lockbox"), {}, -1, false, QStringLiteral("is not one"));
    row("not SMTP",
        QStringLiteral("http://mail.contoso.com"),
        mailSender,
        {},
        -1,
        false,
        QStringLiteral("smtp://host[:port] or smtps://host[:port]"));
    row("password in the URL",
        QStringLiteral("smtp://lockbox:hunter2@mail.contoso.com"),
        mailSender,
        {},
        -1,
        false,
        QStringLiteral("put no user or password in the SMTP URL"));
    row("user without password", remote, mailSender, lockbox, -1, true, QStringLiteral("together, or neither"));
    row("password file readable by the group",
        remote,
        mailSender,
        lockbox,
        0640,
        true,
        QStringLiteral("make it readable by its owner only: chmod 600"));
    row("password file readable by all",
        remote,
        mailSender,
        lockbox,
        0644,
        true,
        QStringLiteral("open to other users (mode 0644)"));
    row("password in clear to another host",
        remote,
        mailSender,
        lockbox,
        0600,
        false,
        QStringLiteral("would send the password unencrypted"));
    row("STARTTLS on smtps", smtps, mailSender, {}, -1, true, QStringLiteral("--smtp-starttls is for smtp:// URLs"));
}

void TestMailNotifier::unsafeOrIncompleteSettingsAreRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, from);
    QFETCH(QString, user);
    QFETCH(int, passwordFileMode);
    QFETCH(bool, startTls);
    QFETCH(QString, refusal);

    QTemporaryDir dir;
    ServiceOptions options;
    options.smtpUrl = url;
    options.smtpFrom = from;
    options.smtpUser = user;
    options.smtpStartTls = startTls;
    if (passwordFileMode >= 0) {
        options.smtpPasswordFile = dir.filePath(QStringLiteral("smtp-password"));
        QVERIFY(writePrivateFile(options.smtpPasswordFile, "hunter2\n", QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(::chmod(QFile::encodeName(options.smtpPasswordFile).constData(), mode_t(passwordFileMode)) == 0);
    }
    const Result<SmtpMailer::Settings> settings = SmtpMailer::configure(options);
    if (refusal.isEmpty()) {
        LOCKBOX_VERIFY_OK(settings);
        QCOMPARE(settings->password, QStringLiteral("hunter2"));
        return;
    }
    QVERIFY2(!settings, "expected a refusal");
    QVERIFY2(settings.error().message().contains(refusal), qPrintable(settings.error().message()));
    QVERIFY(!settings.error().message().contains(QStringLiteral("hunter2")));
}

void TestMailNotifier::lockboxdMailsTheApproversThroughTheSink()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    LOCKBOX_START_SINK(sink);
    QTemporaryDir dir;
    const QString passwordFile = dir.filePath(QStringLiteral("smtp-password"));
    QVERIFY(writePrivateFile(passwordFile, "hunter2\n", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));

    // A password file others may read stops lockboxd before it opens anything.
    QProcess refused;
    refused.start(QStringLiteral(LOCKBOXD_PATH),
                  {QStringLiteral("--database"),
                   fixture.path(),
                   QStringLiteral("--port"),
                   QStringLiteral("0"),
                   QStringLiteral("--smtp-url"),
                   sink.url(),
                   QStringLiteral("--smtp-from"),
                   mailSender,
                   QStringLiteral("--smtp-user"),
                   QStringLiteral("lockbox"),
                   QStringLiteral("--smtp-password-file"),
                   passwordFile});
    QVERIFY(refused.waitForFinished(30'000));
    QCOMPARE(refused.exitCode(), 1);
    const QString err = QString::fromUtf8(refused.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("chmod 600 %1").arg(passwordFile)), qPrintable(err));
    QVERIFY(!err.contains(QStringLiteral("hunter2")));

    // lockboxd runs on the system clock: file on it too, so that the request is not lapsed there.
    fixture.clock().set(QDateTime::currentDateTimeUtc());
    QProcess lockboxd;
    lockboxd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    lockboxd.start(QStringLiteral(LOCKBOXD_PATH),
                   {QStringLiteral("--database"),
                    fixture.path(),
                    QStringLiteral("--port"),
                    QStringLiteral("0"),
                    QStringLiteral("--endorsement-key"),
                    fixture.endorsementKeyFile(),
                    QStringLiteral("--smtp-url"),
                    sink.url(),
                    QStringLiteral("--smtp-from"),
                    mailSender});
    QVERIFY(lockboxd.waitForStarted(10'000));
    const QString following = QStringLiteral("lockboxd e-mails approvers through %1 as %2").arg(sink.url(), mailSender);
    QString output;
    while (!output.contains(following) && lockboxd.waitForReadyRead(20'000))
        output += QString::fromUtf8(lockboxd.readAllStandardOutput());
    QVERIFY2(output.contains(following), qPrintable(output));

    const QString id = fixture.pending();
    Result<AccessRequest> request = fixture.store().request(StoreFixture::megan(), id).result();
    LOCKBOX_VERIFY_OK(request);
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 20'000);
    QCOMPARE(sink.mails().first().recipients, contosoApprovers());
    QVERIFY(sink.mails().first().subject.contains(request->reference));
    QVERIFY(sink.mails().first().body.contains(request->reference));

    lockboxd.terminate();
    QVERIFY(lockboxd.waitForFinished(20'000));
    QCOMPARE(lockboxd.exitCode(), 0);
}

void TestMailNotifier::backupApproversAreMailedOnceWhenARequestIsEscalated()
{
    LOCKBOX_STORE_FIXTURE(fixture);
    QVERIFY(fixture.changeSettings([](TenantSettings& settings) {
        settings.backupApprovers = {StoreFixture::diego().principal};
        settings.escalationLeadMinutes = 120;
    }));

    LOCKBOX_START_SINK(sink);
    MailNotifier notifier(fixture.store(), fixture.sharedClock(), settingsFor(sink.url()));
    notifier.setTiming(fast());
    LOCKBOX_START_NOTIFIER(notifier);
    const QString id = fixture.pending();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 1, 10'000);
    const AccessRequest request = *fixture.store().request(StoreFixture::megan(), id).result();

    // 18:00, two hours before it expires: the sweep escalates it, and only the backup hears.
    fixture.clock().set(request.escalateAt);
    QCOMPARE(*fixture.store().applyDueTransitions().result(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 2, 10'000);
    const SmtpSink::Mail mail = sink.mails().at(1);
    QCOMPARE(mail.subject,
             QStringLiteral("Lockbox: data access request %1 was escalated to you").arg(request.reference));
    QCOMPARE(mail.recipients, QStringList {StoreFixture::diego().principal});
    QVERIFY2(mail.body.simplified().contains(QStringLiteral("named you a backup approver")), qPrintable(mail.body));
    QTRY_COMPARE_WITH_TIMEOUT(
        auditOf(fixture, StoreFixture::megan(), AuditOperation::EscalationNoticeSent, id).size(), 1, 10'000);

    // Once: later sweeps escalate nothing more, and the next mail is about the next request.
    fixture.clock().advanceSeconds(30 * 60);
    QCOMPARE(*fixture.store().applyDueTransitions().result(), 0);
    const QString next = fixture.pending();
    QVERIFY(!next.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sink.mails().size(), 3, 10'000);
    QVERIFY(!sink.mails().at(2).subject.contains(request.reference));
    QCOMPARE(auditOf(fixture, StoreFixture::megan(), AuditOperation::EscalationNoticeSent, id).size(), 1);
}
