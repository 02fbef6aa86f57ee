#include "TestRemoteKeychain.h"

#include "accounts/Totp.h"
#include "connect/ConnectDialog.h"
#include "connection/CredentialVault.h"
#include "settings/AppSettings.h"
#include "store/RemoteStore.h"
#include "support/ResultAsserts.h"
#include "support/ServiceProcess.h"
#include "support/StoreFixture.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

const QString password = QStringLiteral("correct-horse-battery-staple");

// Every file under `folder` that contains `secret`, as UTF-8 or UTF-16.
QStringList filesHolding(const QString& folder, const QString& secret)
{
    QStringList found;
    QDirIterator files(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        if (content.contains(secret.toUtf8())
            || content.contains(QByteArray(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2)))
            found << file.fileName();
    }
    return found;
}

// The vault's futures are fulfilled from keychain signals on this thread: wait with the event loop
// running, never block on result().
template <typename T>
T awaitHere(QFuture<T> future)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 15000))
        return T(Error(Error::Code::Unavailable, QStringLiteral("The keychain did not answer within 15 s.")));
    return future.result();
}

} // namespace

void TestRemoteKeychain::restartSignsInFromTheKeychainAndSignOutForgets()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "Run under scripts/with-keyring.sh: it starts a D-Bus session with an unlocked keyring.");
    LOCKBOX_SERVICE_STORE_FIXTURE(data);
    data.clock().set(QDateTime::currentDateTimeUtc());
    const Actor megan = StoreFixture::megan();
    LOCKBOX_VERIFY_OK(data.store().addAccount(megan.tenantId, megan.principal, password).result());
    Result<MfaEnrolment> enrolment = data.store().enrolMfa(megan.tenantId, megan.principal).result();
    LOCKBOX_VERIFY_OK(enrolment);
    const QByteArray secret = Totp::fromBase32(enrolment->secret).value();
    ServiceProcess service(QStringLiteral(LOCKBOXD_PATH));
    service.useEndorsementKey(data.endorsementKeyFile());
    QString problem;
    QVERIFY2(service.start(data.path(), &problem), qPrintable(problem));
    const ServiceConnection target {QUrl(service.url()), megan.tenantId, megan.principal, {}};

    // Everything the app writes goes under this folder (settings included).
    QTemporaryDir home;
    AppSettings settings(home.filePath(QStringLiteral("config/lockbox-admin.ini")));
    CredentialVault vault(QStringLiteral("lockbox-admin-test-%1").arg(QCoreApplication::applicationPid()));
    const QString key = CredentialVault::accountKey(target.url, target.tenant, target.user);
    QString token;
    {
        ConnectDialog first(&settings, &vault);
        first.setService(target);
        first.show();
        first.findChild<QLineEdit*>(QStringLiteral("servicePassword"))->setText(password);
        first.findChild<QCheckBox*>(QStringLiteral("rememberPassword"))->setChecked(true);
        QTest::mouseClick(first.findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);
        auto* code = first.findChild<QLineEdit*>(QStringLiteral("serviceCode"));
        QTRY_VERIFY_WITH_TIMEOUT(code->isVisible(), 10000);
        QTest::keyClicks(code, Totp::code(secret, QDateTime::currentDateTimeUtc()));
        QTest::mouseClick(first.findChild<QPushButton*>(QStringLiteral("connectButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(first.result(), int(QDialog::Accepted), 10000);
        std::unique_ptr<RemoteStore> remote = first.takeRemoteStore();
        token = remote->token();
        QVERIFY(!token.isEmpty());
        QVERIFY(vault.isAvailable());
        // The keychain now holds the token and, as asked, the password.
        QTRY_COMPARE_WITH_TIMEOUT(awaitHere(vault.read(key, CredentialVault::Secret::Token)).value(), token, 10000);
        QCOMPARE(awaitHere(vault.read(key, CredentialVault::Secret::Password)).value(), password);
    }

    // The next start signs in with the saved session, nothing typed.
    {
        ConnectDialog again(&settings, &vault);
        again.setService(settings.recentServices().value(0));
        again.signInWithStoredToken();
        QTRY_COMPARE_WITH_TIMEOUT(again.result(), int(QDialog::Accepted), 10000);
        std::unique_ptr<RemoteStore> remote = again.takeRemoteStore();
        QCOMPARE(again.actor().principal, megan.principal);
        QCOMPARE(remote->token(), token);

        // Signing out ends the session at the service and forgets the token here.
        LOCKBOX_VERIFY_OK(remote->signOut().result());
        LOCKBOX_VERIFY_OK(awaitHere(vault.remove(key, CredentialVault::Secret::Token)));
        LOCKBOX_COMPARE_ERROR(awaitHere(vault.read(key, CredentialVault::Secret::Token)), Error::Code::NotFound);
    }
    // A start after that asks again (the saved session is gone).
    {
        ConnectDialog after(&settings, &vault);
        after.setService(settings.recentServices().value(0));
        after.signInWithStoredToken();
        // It finds no token, fills in the remembered password and waits for the admin.
        QTRY_VERIFY_WITH_TIMEOUT(after.findChild<QPushButton*>(QStringLiteral("connectButton"))->isEnabled(), 10000);
        QCOMPARE(after.findChild<QLineEdit*>(QStringLiteral("servicePassword"))->text(), password);
        QCOMPARE(after.result(), int(QDialog::Rejected));
    }

    // No file the app wrote holds the password or the token (settings and all).
    settings.sync();
    QVERIFY(QFileInfo::exists(settings.fileName()));
    QCOMPARE(filesHolding(home.path(), password), QStringList());
    QCOMPARE(filesHolding(home.path(), token), QStringList());
    const QString configHome = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QCOMPARE(filesHolding(configHome, password), QStringList());
    QCOMPARE(filesHolding(configHome, token), QStringList());
    LOCKBOX_VERIFY_OK(awaitHere(vault.remove(key, CredentialVault::Secret::Password)));
}
