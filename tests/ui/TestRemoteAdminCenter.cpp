#include "TestRemoteAdminCenter.h"

#include "MainWindow.h"
#include "accounts/Totp.h"
#include "common/NotificationBanner.h"
#include "connect/ConnectDialog.h"
#include "connect/StepUpDialog.h"
#include "connection/CertificateProbe.h"
#include "connection/CredentialVault.h"
#include "core/SystemClock.h"
#include "itemmodels/RequestTableModel.h"
#include "notifications/TrayIcon.h"
#include "requests/DecisionDialog.h"
#include "requests/RequestsPage.h"
#include "roles/RolesPage.h"
#include "session/Session.h"
#include "settings/AppSettings.h"
#include "store/RemoteStore.h"
#include "support/AdminCenterFixture.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"
#include "support/SelfSignedCertificate.h"
#include "support/ServiceProcess.h"
#include "support/StoreFixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

const QString password = QStringLiteral("correct-horse-battery-staple");

// The connection dialog on `url`, as `who`, with the password typed in.
void fillIn(ConnectDialog& connect, const QString& url, const Actor& who)
{
    connect.setService({QUrl(url), who.tenantId, who.principal, {}});
    connect.show();
    connect.findChild<QLineEdit*>(QStringLiteral("servicePassword"))->setText(password);
}

RequestStatus statusIn(RequestTableModel* model, const QString& id)
{
    const int row = model->rowOf(id);
    return row < 0 ? RequestStatus::Filed : model->requestAt(row)->status;
}

} // namespace

void TestRemoteAdminCenter::signInDecideLiveAndSurviveTheServiceGoingAway()
{
    // The service runs on the real clock: provision on it too.
    LOCKBOX_SERVICE_STORE_FIXTURE(data);
    data.clock().set(QDateTime::currentDateTimeUtc());
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(data.store().addAccount(megan.tenantId, megan.principal, password).result());
    Result<MfaEnrolment> enrolment = data.store().enrolMfa(megan.tenantId, megan.principal).result();
    LOCKBOX_VERIFY_OK(enrolment);
    const QByteArray secret = Totp::fromBase32(enrolment->secret).value();
    const QString mine = data.pending();
    const QString othersToDecide = data.pending();
    const QString refusedWhileAway = data.pending();
    QVERIFY(!mine.isEmpty() && !othersToDecide.isEmpty() && !refusedWhileAway.isEmpty());

    ServiceProcess service(QStringLiteral(LOCKBOXD_PATH));
    service.useEndorsementKey(data.endorsementKeyFile());
    QString problem;
    QVERIFY2(service.start(data.path(), &problem), qPrintable(problem));

    // Sign in: user name and password, then the one-time code the service asks for.
    QTemporaryDir settingsDir;
    AppSettings settings(settingsDir.filePath(QStringLiteral("admin.ini")));
    CredentialVault vault(QStringLiteral("lockbox-admin-test"));
    ConnectDialog connect(&settings, &vault);
    fillIn(connect, service.url(), megan);
    auto* connectButton = connect.findChild<QPushButton*>(QStringLiteral("connectButton"));
    QVERIFY(connectButton->isEnabled());
    QTest::mouseClick(connectButton, Qt::LeftButton);
    auto* code = connect.findChild<QLineEdit*>(QStringLiteral("serviceCode"));
    QTRY_VERIFY_WITH_TIMEOUT(code->isVisible(), 10000);
    QVERIFY(!connectButton->isEnabled());
    // The previous step's code: the next ones stay unused for the step-up below.
    QTest::keyClicks(code, Totp::code(secret, QDateTime::currentDateTimeUtc().addSecs(-Totp::stepSeconds)));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(connect.result(), int(QDialog::Accepted), 10000);
    std::unique_ptr<RemoteStore> remote = connect.takeRemoteStore();
    QVERIFY(remote);
    QCOMPARE(connect.actor().principal, megan.principal);
    QCOMPARE(settings.recentServices().value(0).user, megan.principal);

    // The code of the sign-in counts for decisions for 5 minutes; take it away, so that the
    // decision below has to ask for a fresh one.
    QVERIFY2(RawDatabase::exec(data.path(), {QStringLiteral("UPDATE sessions SET step_up_at = NULL")}, &problem),
             qPrintable(problem));

    Session session(remote.get(), std::make_shared<SystemClock>());
    MainWindow window(&session, &settings);
    QFuture<Status> signedIn = session.signIn(connect.actor());
    QTRY_VERIFY_WITH_TIMEOUT(signedIn.isFinished(), 10000);
    LOCKBOX_VERIFY_OK(signedIn.result());
    remote->followEvents(true);
    window.show();
    window.showPage(QStringLiteral("requests"));
    RequestsPage* page = window.requestsPage();
    RequestTableModel* model = page->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(mine) >= 0 && model->rowOf(othersToDecide) >= 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(remote->isConnected(), 10000);

    // Approve: the service asks for a fresh code in a small prompt, then the decision goes through.
    page->decide(Action::Approve, *model->requestAt(model->rowOf(mine)));
    QTRY_VERIFY(page->openDecisionDialog());
    QTest::mouseClick(page->openDecisionDialog()->findChild<QPushButton*>(QStringLiteral("confirmDecision")),
                      Qt::LeftButton);
    StepUpDialog* stepUp = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((stepUp = page->findChild<StepUpDialog*>()) != nullptr && stepUp->isVisible(), 10000);
    QTest::keyClicks(stepUp->findChild<QLineEdit*>(QStringLiteral("stepUpCode")),
                     Totp::code(secret, QDateTime::currentDateTimeUtc()));
    QTest::mouseClick(stepUp->findChild<QPushButton*>(QStringLiteral("stepUpConfirm")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(statusIn(model, mine), RequestStatus::Approved, 10000);
    QTRY_VERIFY(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("Approved")));

    // Another approver decides elsewhere (straight in the database the service uses): the open
    // table shows it without a refresh.
    LOCKBOX_VERIFY_OK(data.approve(StoreFixture::lidia(), othersToDecide).result());
    QTRY_COMPARE_WITH_TIMEOUT(statusIn(model, othersToDecide), RequestStatus::Approved, 2000);

    // The service goes away: a banner says so, the window says its data is out of date, and a
    // decision is refused at once (nothing is queued).
    const quint16 port = service.port();
    service.stop();
    QTRY_VERIFY_WITH_TIMEOUT(
        AdminCenterFixture::bannerText(&window, "connectionBanner").contains(QStringLiteral("cannot be reached")),
        10000);
    QVERIFY(window.windowTitle().contains(QStringLiteral("out of date")));
    page->decide(Action::Approve, *model->requestAt(model->rowOf(refusedWhileAway)));
    QVERIFY(!page->openDecisionDialog());
    QVERIFY2(AdminCenterFixture::bannerText(page, "requestsBanner").contains(QStringLiteral("cannot be reached")),
             qPrintable(AdminCenterFixture::bannerText(page, "requestsBanner")));
    // Meanwhile a new request comes in.
    const QString filedWhileAway = data.pending();
    QVERIFY(!filedWhileAway.isEmpty());

    // Back on the same address: the app reconnects and catches up by itself.
    QVERIFY2(service.start(data.path(), &problem, port), qPrintable(problem));
    QTRY_VERIFY_WITH_TIMEOUT(
        AdminCenterFixture::bannerText(&window, "connectionBanner").contains(QStringLiteral("again")), 30000);
    QVERIFY(!window.windowTitle().contains(QStringLiteral("out of date")));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(filedWhileAway) >= 0, 10000);
    QCOMPARE(statusIn(model, refusedWhileAway), RequestStatus::Pending);
    // The request that came in while the service was away is announced once it is back (in the
    // window here: the test platform has no system tray).
    QTRY_VERIFY_WITH_TIMEOUT(window.trayIcon()->lastNotice().requestIds.contains(filedWhileAway), 10000);
    QVERIFY(AdminCenterFixture::bannerText(&window, "noticeBanner")
                .contains(data.store().request(megan, filedWhileAway).result()->reference));

    // A role change asks for a fresh code too, in the same small prompt.
    QVERIFY2(RawDatabase::exec(data.path(), {QStringLiteral("UPDATE sessions SET step_up_at = NULL")}, &problem),
             qPrintable(problem));
    window.showPage(QStringLiteral("roles"));
    RolesPage* roles = window.rolesPage();
    roles->findChild<QLineEdit*>(QStringLiteral("rolePrincipal"))->setText(QStringLiteral("joni.sherman@contoso.com"));
    QTest::mouseClick(roles->findChild<QPushButton*>(QStringLiteral("addRoleButton")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT((stepUp = roles->findChild<StepUpDialog*>()) != nullptr && stepUp->isVisible(),
                              qPrintable(AdminCenterFixture::bannerText(roles, "rolesBanner")),
                              10000);
    // The next time step's code: the current one was spent on the approval above.
    QTest::keyClicks(stepUp->findChild<QLineEdit*>(QStringLiteral("stepUpCode")),
                     Totp::code(secret, QDateTime::currentDateTimeUtc().addSecs(Totp::stepSeconds)));
    QTest::mouseClick(stepUp->findChild<QPushButton*>(QStringLiteral("stepUpConfirm")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(AdminCenterFixture::bannerText(roles, "rolesBanner")
                                 .contains(QStringLiteral("joni.sherman@contoso.com is now")),
                             10000);
}

void TestRemoteAdminCenter::selfSignedCertificateIsPinnedOnlyWhenTrusted()
{
    LOCKBOX_SERVICE_STORE_FIXTURE(data);
    data.clock().set(QDateTime::currentDateTimeUtc());
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(data.store().addAccount(megan.tenantId, megan.principal, password).result());
    SelfSignedCertificate tls;
    QString problem;
    QVERIFY2(tls.create(&problem), qPrintable(problem));
    const QList<QSslCertificate> certificate = QSslCertificate::fromPath(tls.certificatePath());
    QCOMPARE(certificate.size(), 1);
    ServiceProcess service(QStringLiteral(LOCKBOXD_PATH));
    service.useTls(tls.certificatePath(), tls.keyPath());
    service.useEndorsementKey(data.endorsementKeyFile());
    QVERIFY2(service.start(data.path(), &problem), qPrintable(problem));
    QVERIFY(service.url().startsWith(QLatin1String("https://")));

    QTemporaryDir settingsDir;
    AppSettings settings(settingsDir.filePath(QStringLiteral("admin.ini")));
    CredentialVault vault(QStringLiteral("lockbox-admin-test"));
    ConnectDialog connect(&settings, &vault);
    fillIn(connect, service.url(), megan);
    QTest::mouseClick(connect.findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);

    // Nothing on this computer vouches for it: the dialog stops and shows the fingerprint.
    auto* shown = connect.findChild<QLabel*>(QStringLiteral("serviceCertificate"));
    auto* trust = connect.findChild<QPushButton*>(QStringLiteral("trustCertificate"));
    QTRY_VERIFY_WITH_TIMEOUT(trust->isVisible(), 10000);
    QVERIFY(shown->isVisible());
    QVERIFY2(shown->text().contains(CertificateProbe::fingerprint(certificate.first())), qPrintable(shown->text()));
    QVERIFY(connect.result() != QDialog::Accepted);
    QVERIFY(connect.isVisible());
    QVERIFY(settings.recentServices().isEmpty());

    // Trusted: the sign-in goes on over the pinned certificate, and the pin is remembered.
    QTest::mouseClick(trust, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(connect.result(), int(QDialog::Accepted), 10000);
    std::unique_ptr<RemoteStore> remote = connect.takeRemoteStore();
    QVERIFY(remote);
    QCOMPARE(settings.recentServices().value(0).pinnedSha256,
             certificate.first().digest(QCryptographicHash::Sha256).toHex());
    Result<RequestSummary> summary;
    bool answered = false;
    remote->summary(connect.actor()).then(&connect, [&](const Result<RequestSummary>& result) {
        summary = result;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    LOCKBOX_VERIFY_OK(summary);
}
