#include "TestCredentialVault.h"

#include "VaultProbe.h"
#include "connection/CredentialVault.h"
#include "connection/KeychainSigningKey.h"
#include "support/ResultAsserts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

using lockbox::CredentialVault;
using lockbox::Error;
using lockbox::KeychainSigningKey;
using Secret = CredentialVault::Secret;

namespace {

constexpr int callTimeout = 30'000;
constexpr int probeTimeout = 120'000;
const QString service = QStringLiteral("Lockbox Test");
const QString otherService = QStringLiteral("Another App");

// The vault answers from QtKeychain's job signals on this thread: run the event loop until it has.
template <typename T>
T settle(QFuture<T> future)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, callTimeout) || future.isCanceled())
        return T(Error(Error::Code::Internal, QStringLiteral("The keychain did not answer within 30 s.")));
    return future.result();
}

QString keyOf(const QString& user, const QString& tenant = QStringLiteral("contoso.onmicrosoft.com"))
{
    return CredentialVault::accountKey(QUrl(QStringLiteral("https://lockbox.example:8443")), tenant, user);
}

// Every regular file under `root`, hidden ones included (sockets and links are not files written).
QStringList filesUnder(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

// "file: secret" for every file under `root` that holds one of `secrets` as UTF-8, UTF-16 or
// base64 (QtKeychain's and QSettings' encodings of a value).
QStringList filesHolding(const QString& root, const QStringList& secrets)
{
    QStringList found;
    for (const QString& path : filesUnder(root)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            found.append(QStringLiteral("%1: unreadable (%2)").arg(path, file.errorString()));
            continue;
        }
        const QByteArray bytes = file.readAll();
        for (const QString& secret : secrets) {
            const QByteArray utf8 = secret.toUtf8();
            const QByteArray utf16(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2);
            if (bytes.contains(utf8) || bytes.contains(utf16) || bytes.contains(utf8.toBase64()))
                found.append(QStringLiteral("%1: %2").arg(path, secret));
        }
    }
    return found;
}

QByteArray sha256Of(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                          : QByteArray();
}

// An environment for a child in a home of its own: no display (no keyring prompt may appear) and
// no desktop (QtKeychain would pick KWallet under KDE).
QProcessEnvironment childEnvironment(const QString& home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY",
                             "WAYLAND_DISPLAY",
                             "XDG_CURRENT_DESKTOP",
                             "DESKTOP_SESSION",
                             "KDE_SESSION_VERSION",
                             "KDE_FULL_SESSION",
                             "GNOME_DESKTOP_SESSION_ID",
                             "DBUS_SESSION_BUS_ADDRESS"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    environment.insert(QStringLiteral("TMPDIR"), home + QStringLiteral("/tmp"));
    // Its own runtime folder: with the test's, an activated gnome-keyring-daemon --start would
    // find and reuse the test's unlocked daemon through its control socket there.
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    QDir(home).mkpath(QStringLiteral("tmp"));
    QDir(home).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(home + QStringLiteral("/runtime"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return environment;
}

} // namespace

void TestCredentialVault::initTestCase()
{
    m_keyringDir = qEnvironmentVariable("LOCKBOX_TEST_KEYRING_DIR");
    QVERIFY2(!m_keyringDir.isEmpty() && qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "This test needs a D-Bus session with an unlocked gnome-keyring in a temporary home: run it through "
             "scripts/with-keyring.sh (ctest does), which needs the dbus, gnome-keyring, libsecret-tools and "
             "libglib2.0-bin packages (bash scripts/deps.sh).");
    QVERIFY2(QDir::homePath().startsWith(m_keyringDir + QLatin1Char('/')),
             qPrintable(QStringLiteral("HOME (%1) is not inside the test's temporary folder %2: run the test through "
                                       "scripts/with-keyring.sh")
                            .arg(QDir::homePath(), m_keyringDir)));
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
             "secret-tool is missing: install the libsecret-tools package (bash scripts/deps.sh)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("dbus-run-session")).isEmpty(),
             "dbus-run-session is missing: install the dbus package (bash scripts/deps.sh)");
}

QString TestCredentialVault::freshSecret(const QString& what)
{
    const QString secret = QStringLiteral("%1-%2").arg(
        what, QUuid::createUuid().toString(QUuid::WithoutBraces).remove(QLatin1Char('-')));
    m_secrets.append(secret);
    return secret;
}

void TestCredentialVault::accountKeyIsNormalised_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("key");

    const QString expected = QStringLiteral("https://lockbox.example:8443 contoso.onmicrosoft.com megan@contoso.com");
    QTest::newRow("plain") << "https://lockbox.example:8443"
                           << "contoso.onmicrosoft.com"
                           << "megan@contoso.com" << expected;
    QTest::newRow("upper-case host and scheme") << "HTTPS://LockBox.Example:8443"
                                                << "contoso.onmicrosoft.com"
                                                << "megan@contoso.com" << expected;
    QTest::newRow("path, query and fragment dropped") << "https://lockbox.example:8443/api/v1/?x=1#top"
                                                      << "contoso.onmicrosoft.com"
                                                      << "megan@contoso.com" << expected;
    QTest::newRow("tenant and user trimmed, lower-case") << "https://lockbox.example:8443"
                                                         << " Contoso.onmicrosoft.com "
                                                         << "Megan@Contoso.com" << expected;
    QTest::newRow("user information dropped") << "https://megan:secret@lockbox.example:8443"
                                              << "contoso.onmicrosoft.com"
                                              << "megan@contoso.com" << expected;
    QTest::newRow("https default port") << "https://lockbox.example"
                                        << "t"
                                        << "u"
                                        << "https://lockbox.example:443 t u";
    QTest::newRow("http default port") << "http://127.0.0.1"
                                       << "t"
                                       << "u"
                                       << "http://127.0.0.1:80 t u";
    QTest::newRow("IPv6") << "https://[::1]:8443"
                          << "t"
                          << "u"
                          << "https://[::1]:8443 t u";
}

void TestCredentialVault::accountKeyIsNormalised()
{
    QFETCH(QString, url);
    QFETCH(QString, tenant);
    QFETCH(QString, user);
    QFETCH(QString, key);
    QCOMPARE(CredentialVault::accountKey(QUrl(url), tenant, user), key);
}

void TestCredentialVault::serviceNameIsTheApplicationsByDefault()
{
    QCOMPARE(CredentialVault().serviceName(), QCoreApplication::applicationName());
    QCOMPARE(CredentialVault(service).serviceName(), service);
}

void TestCredentialVault::writtenSecretsAreReadBack()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("megan@contoso.com"));
    const QString token = freshSecret(QStringLiteral("token"));
    const QString password = freshSecret(QStringLiteral("password"));

    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, token)));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Password, password)));

    const auto readToken = settle(vault.read(key, Secret::Token));
    LOCKBOX_VERIFY_OK(readToken);
    QCOMPARE(*readToken, token);
    const auto readPassword = settle(vault.read(key, Secret::Password));
    LOCKBOX_VERIFY_OK(readPassword);
    QCOMPARE(*readPassword, password);
    QVERIFY(vault.isAvailable());

    // Another vault (the app's next start) reads what this one wrote.
    CredentialVault nextStart(service);
    const auto again = settle(nextStart.read(key, Secret::Token));
    LOCKBOX_VERIFY_OK(again);
    QCOMPARE(*again, token);
}

void TestCredentialVault::writeReplacesTheSecret()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("lidia@contoso.com"));
    const QString first = freshSecret(QStringLiteral("first-token"));
    const QString second = freshSecret(QStringLiteral("second-token"));

    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, first)));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, second)));

    const auto token = settle(vault.read(key, Secret::Token));
    LOCKBOX_VERIFY_OK(token);
    QCOMPARE(*token, second);
}

void TestCredentialVault::removedSecretIsNotFound()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("adele@contoso.com"));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, freshSecret(QStringLiteral("token")))));
    const QString password = freshSecret(QStringLiteral("password"));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Password, password)));

    LOCKBOX_VERIFY_OK(settle(vault.remove(key, Secret::Token)));

    LOCKBOX_COMPARE_ERROR(settle(vault.read(key, Secret::Token)), Error::Code::NotFound);
    QVERIFY(vault.isAvailable());
    // Signing out removes the token; a remembered password is a secret of its own.
    const auto kept = settle(vault.read(key, Secret::Password));
    LOCKBOX_VERIFY_OK(kept);
    QCOMPARE(*kept, password);
}

void TestCredentialVault::removingWhatIsNotThereSucceeds()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("pradeep@contoso.com"));
    LOCKBOX_VERIFY_OK(settle(vault.remove(key, Secret::Password)));

    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, freshSecret(QStringLiteral("token")))));
    LOCKBOX_VERIFY_OK(settle(vault.remove(key, Secret::Token)));
    LOCKBOX_VERIFY_OK(settle(vault.remove(key, Secret::Token)));
    LOCKBOX_COMPARE_ERROR(settle(vault.read(key, Secret::Token)), Error::Code::NotFound);
}

void TestCredentialVault::accountsDoNotSeeEachOthersSecrets()
{
    CredentialVault vault(service);
    const QString megan = keyOf(QStringLiteral("megan@fabrikam.com"), QStringLiteral("fabrikam.onmicrosoft.com"));
    const QString joni = keyOf(QStringLiteral("joni@fabrikam.com"), QStringLiteral("fabrikam.onmicrosoft.com"));
    const QString meganElsewhere = keyOf(QStringLiteral("megan@fabrikam.com"), QStringLiteral("northwind.example"));
    const QString meganOtherService = CredentialVault::accountKey(QUrl(QStringLiteral("https://other.example:8443")),
                                                                  QStringLiteral("fabrikam.onmicrosoft.com"),
                                                                  QStringLiteral("megan@fabrikam.com"));
    const QString meganToken = freshSecret(QStringLiteral("megan-token"));
    LOCKBOX_VERIFY_OK(settle(vault.write(megan, Secret::Token, meganToken)));

    for (const QString& other : {joni, meganElsewhere, meganOtherService})
        LOCKBOX_COMPARE_ERROR(settle(vault.read(other, Secret::Token)), Error::Code::NotFound);
    // A token is not a password of the same account either.
    LOCKBOX_COMPARE_ERROR(settle(vault.read(megan, Secret::Password)), Error::Code::NotFound);

    const QString joniToken = freshSecret(QStringLiteral("joni-token"));
    LOCKBOX_VERIFY_OK(settle(vault.write(joni, Secret::Token, joniToken)));
    LOCKBOX_VERIFY_OK(settle(vault.remove(joni, Secret::Token)));
    const auto stillMegans = settle(vault.read(megan, Secret::Token));
    LOCKBOX_VERIFY_OK(stillMegans);
    QCOMPARE(*stillMegans, meganToken);
}

void TestCredentialVault::serviceNameSeparatesApplications()
{
    CredentialVault ours(service);
    CredentialVault theirs(otherService);
    const QString key = keyOf(QStringLiteral("shared@contoso.com"));
    const QString ourToken = freshSecret(QStringLiteral("our-token"));
    LOCKBOX_VERIFY_OK(settle(ours.write(key, Secret::Token, ourToken)));

    LOCKBOX_COMPARE_ERROR(settle(theirs.read(key, Secret::Token)), Error::Code::NotFound);

    const QString theirToken = freshSecret(QStringLiteral("their-token"));
    LOCKBOX_VERIFY_OK(settle(theirs.write(key, Secret::Token, theirToken)));
    LOCKBOX_VERIFY_OK(settle(theirs.remove(key, Secret::Token)));
    const auto stillOurs = settle(ours.read(key, Secret::Token));
    LOCKBOX_VERIFY_OK(stillOurs);
    QCOMPARE(*stillOurs, ourToken);
}

void TestCredentialVault::secretIsAnItemOfTheLoginKeyring()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("keyring@contoso.com"));
    const QString token = freshSecret(QStringLiteral("token"));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, token)));

    // QtKeychain's attributes: server = the vault's service name, user = "<account key>/token".
    QProcess lookup;
    lookup.start(QStandardPaths::findExecutable(QStringLiteral("secret-tool")),
                 {QStringLiteral("lookup"),
                  QStringLiteral("server"),
                  service,
                  QStringLiteral("user"),
                  key + QStringLiteral("/token")});
    QVERIFY2(lookup.waitForFinished(callTimeout), qPrintable(lookup.errorString()));
    QVERIFY2(lookup.exitStatus() == QProcess::NormalExit && lookup.exitCode() == 0,
             qPrintable(QString::fromUtf8(lookup.readAllStandardError())));
    QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()).trimmed(), token);
}

void TestCredentialVault::emptySecretIsRefused()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("empty@contoso.com"));
    LOCKBOX_COMPARE_ERROR(settle(vault.write(key, Secret::Password, QString())), Error::Code::InvalidInput);
    LOCKBOX_COMPARE_ERROR(settle(vault.read(key, Secret::Password)), Error::Code::NotFound);
}

// The keyring keeps its items in $XDG_DATA_HOME/keyrings/login.keyring, encrypted with the
// keyring's password: the file changes when a secret is stored, yet the secret is in no file. The
// scan covers the whole temporary folder of scripts/with-keyring.sh: HOME, the XDG data, config,
// cache and runtime folders and TMPDIR, so QSettings, logs and QtKeychain's plain-text fallback
// (which setInsecureFallback(false) turns off) would all be found.
void TestCredentialVault::noSecretIsWrittenToAnyFile()
{
    const QString keyring = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/keyrings/login.keyring");
    const QByteArray before = sha256Of(keyring);
    QVERIFY2(!before.isEmpty(), qPrintable(QStringLiteral("%1 does not exist: is it gnome-keyring?").arg(keyring)));

    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("scan@contoso.com"));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Token, freshSecret(QStringLiteral("kept-token")))));
    LOCKBOX_VERIFY_OK(settle(vault.write(key, Secret::Password, freshSecret(QStringLiteral("kept-password")))));

    QVERIFY2(sha256Of(keyring) != before, "the keyring file did not change when secrets were stored in it");
    QVERIFY2(m_secrets.size() > 10, "the earlier tests should have stored secrets for the scan too");
    const QStringList found = filesHolding(m_keyringDir, m_secrets);
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("secrets in plain:\n") + found.join(QLatin1Char('\n'))));
    QVERIFY(filesUnder(m_keyringDir).contains(keyring));
}

QString
TestCredentialVault::runProbe(const QStringList& command, const QProcessEnvironment& environment, const QString& secret)
{
    QProcessEnvironment withSecret = environment;
    withSecret.insert(QStringLiteral("LOCKBOX_PROBE_SECRET"), secret);
    QProcess probe;
    probe.setProcessEnvironment(withSecret);
    probe.start(command.first(), command.mid(1));
    if (!probe.waitForFinished(probeTimeout)) {
        probe.kill();
        probe.waitForFinished(callTimeout);
        return QStringLiteral("probe did not finish: %1").arg(probe.errorString());
    }
    const QString out = QString::fromUtf8(probe.readAllStandardOutput());
    if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        return QStringLiteral("probe failed (exit %1):\n%2\n%3")
            .arg(probe.exitCode())
            .arg(out, QString::fromUtf8(probe.readAllStandardError()));
    return out;
}

void TestCredentialVault::withoutSessionBusTheVaultIsUnavailable_data()
{
    QTest::addColumn<QString>("desktop");
    QTest::addColumn<QString>("kdeVersion");
    QTest::newRow("no desktop: the Secret Service") << QString() << QString();
    // KWallet is the one backend where QtKeychain would fall back to a plain QSettings file.
    QTest::newRow("KDE 4: KWallet") << QStringLiteral("KDE") << QStringLiteral("4");
}

// QtKeychain settles on its backend once per process, so the vault without a bus runs in a child
// (VaultProbe) whose bus address names a socket that does not exist.
void TestCredentialVault::withoutSessionBusTheVaultIsUnavailable()
{
    QFETCH(QString, desktop);
    QFETCH(QString, kdeVersion);
    QTemporaryDir home(m_keyringDir + QStringLiteral("/no-bus-XXXXXX"));
    QVERIFY(home.isValid());
    QProcessEnvironment environment = childEnvironment(home.path());
    if (!desktop.isEmpty()) {
        environment.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), desktop);
        environment.insert(QStringLiteral("KDE_SESSION_VERSION"), kdeVersion);
    }
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=%1/no-bus-here").arg(home.path()));
    const QString secret = freshSecret(QStringLiteral("no-bus-password"));

    const QString out
        = runProbe({QCoreApplication::applicationFilePath(), QString::fromLatin1(VaultProbe::argument), service},
                   environment,
                   secret);

    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 4, qPrintable(out));
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("write unavailable No keychain is available")), qPrintable(out));
    QVERIFY2(lines.at(0).contains(QStringLiteral("ask for it each time")), qPrintable(out));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("read unavailable ")), qPrintable(out));
    QVERIFY2(lines.at(2).startsWith(QStringLiteral("remove unavailable ")), qPrintable(out));
    QCOMPARE(lines.at(3), QStringLiteral("available false"));
    // No fallback: nothing at all was written in the child's home (but the folders it was given).
    QCOMPARE(filesUnder(home.path()), QStringList());
}

// A session bus where the Secret Service is there but has no unlocked collection: the bus starts
// gnome-keyring itself (its D-Bus activation file), with no password to create "login" with and
// no display to ask on. dbus-run-session closes the bus when the probe ends, and that daemon with it.
void TestCredentialVault::withoutUnlockedKeyringTheVaultIsUnavailable()
{
    QTemporaryDir home(m_keyringDir + QStringLiteral("/locked-XXXXXX"));
    QVERIFY(home.isValid());
    const QString secret = freshSecret(QStringLiteral("locked-password"));

    const QString out = runProbe({QStandardPaths::findExecutable(QStringLiteral("dbus-run-session")),
                                  QStringLiteral("--"),
                                  QCoreApplication::applicationFilePath(),
                                  QString::fromLatin1(VaultProbe::argument),
                                  service},
                                 childEnvironment(home.path()),
                                 secret);

    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 4, qPrintable(out));
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("write unavailable No keychain is available")), qPrintable(out));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("read ")) && !lines.at(1).startsWith(QStringLiteral("read ok")),
             qPrintable(out));
    QCOMPARE(lines.at(3), QStringLiteral("available false"));
    const QStringList found = filesHolding(home.path(), {secret});
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestCredentialVault::signingKeyIsMadeOnceAndKept()
{
    CredentialVault vault(service);
    const QString key = keyOf(QStringLiteral("diego@contoso.com"));
    const auto first = settle(KeychainSigningKey::loadOrCreate(&vault, key));
    LOCKBOX_VERIFY_OK(first);
    // The next start reads the same key back; only the keychain holds it.
    CredentialVault nextStart(service);
    const auto again = settle(KeychainSigningKey::loadOrCreate(&nextStart, key));
    LOCKBOX_VERIFY_OK(again);
    QCOMPARE(again->publicKey(), first->publicKey());
    const auto stored = settle(vault.read(key, Secret::SigningKey));
    LOCKBOX_VERIFY_OK(stored);
    QCOMPARE(QByteArray::fromBase64(stored->toLatin1()), first->seed());
    // Another account has a key of its own.
    const auto others = settle(KeychainSigningKey::loadOrCreate(&vault, keyOf(QStringLiteral("adele@contoso.com"))));
    LOCKBOX_VERIFY_OK(others);
    QVERIFY(others->publicKey() != first->publicKey());
}
