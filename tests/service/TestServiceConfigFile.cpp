#include "TestServiceConfigFile.h"

#include "service/ServiceConfigFile.h"
#include "signing/KeyFile.h"
#include "support/ResultAsserts.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

const QString configPath = QStringLiteral("/etc/lockbox/lockboxd.conf");

ServiceOptions applied(const QByteArray& text, const ServiceOptions& before = {})
{
    const Result<ServiceConfigFile> config = ServiceConfigFile::parse(text, configPath);
    ServiceOptions options = before;
    if (config)
        config->applyTo(options);
    else
        qWarning("%s", qPrintable(config.error().message()));
    return options;
}

bool writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

void TestServiceConfigFile::everyKeySetsItsOption()
{
    const ServiceOptions options = applied("database = postgresql://lockbox@db.example:5432/lockbox\n"
                                           "listen = 0.0.0.0\n"
                                           "port = 9443\n"
                                           "tls-cert = /etc/lockbox/cert.pem\n"
                                           "tls-key = /etc/lockbox/key.pem\n"
                                           "max-body-kib = 128\n"
                                           "connections = 8\n"
                                           "insecure-http = yes\n"
                                           "smtp-url = smtp://mail.contoso.com:587\n"
                                           "smtp-from = lockbox@contoso.com\n"
                                           "smtp-user = lockbox\n"
                                           "smtp-password-file = /etc/lockbox/smtp-password\n"
                                           "smtp-starttls = yes\n");
    QCOMPARE(options.database, QStringLiteral("postgresql://lockbox@db.example:5432/lockbox"));
    QCOMPARE(options.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(options.port, quint16(9443));
    QCOMPARE(options.tlsCertificate, QStringLiteral("/etc/lockbox/cert.pem"));
    QCOMPARE(options.tlsKey, QStringLiteral("/etc/lockbox/key.pem"));
    QCOMPARE(options.maxBodyBytes, qint64(128 * 1024));
    QCOMPARE(options.connections, 8);
    QCOMPARE(options.allowPlainHttp, true);
    QCOMPARE(options.smtpUrl, QStringLiteral("smtp://mail.contoso.com:587"));
    QCOMPARE(options.smtpFrom, QStringLiteral("lockbox@contoso.com"));
    QCOMPARE(options.smtpUser, QStringLiteral("lockbox"));
    QCOMPARE(options.smtpPasswordFile, QStringLiteral("/etc/lockbox/smtp-password"));
    QCOMPARE(options.smtpStartTls, true);
}

void TestServiceConfigFile::keysLeftOutKeepTheirValues()
{
    ServiceOptions before;
    before.database = QStringLiteral("/srv/lockbox.db");
    before.connections = 2;
    const ServiceOptions options = applied("port = 9443\n", before);
    QCOMPARE(options.port, quint16(9443));
    QCOMPARE(options.database, QStringLiteral("/srv/lockbox.db"));
    QCOMPARE(options.connections, 2);
    QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(options.maxBodyBytes, ServiceOptions::defaultMaxBodyBytes);
    QCOMPARE(options.allowPlainHttp, false);
    QVERIFY(options.tlsCertificate.isEmpty());
    QVERIFY(options.smtpUrl.isEmpty());
    QCOMPARE(options.smtpStartTls, false);
}

void TestServiceConfigFile::commentsBlankLinesAndSpacesAreIgnored()
{
    const QByteArray text = "# lockboxd's settings\r\n"
                            "\r\n"
                            "   # an indented comment: port = 1\r\n"
                            "\tport=9443   \r\n"
                            "connections   =   3\r\n"
                            "#connections = 9\n";
    LOCKBOX_VERIFY_OK(ServiceConfigFile::parse(text, configPath));
    const ServiceOptions options = applied(text);
    QCOMPARE(options.port, quint16(9443));
    QCOMPARE(options.connections, 3);
}

void TestServiceConfigFile::pathsAreRelativeToTheFile()
{
    const ServiceOptions options = applied("database = data/lockboxd.db\n"
                                           "tls-cert = ../ssl/cert.pem\n"
                                           "tls-key = key.pem\n"
                                           "smtp-password-file = smtp-password\n");
    QCOMPARE(options.database, QStringLiteral("/etc/lockbox/data/lockboxd.db"));
    QCOMPARE(options.tlsCertificate, QStringLiteral("/etc/ssl/cert.pem"));
    QCOMPARE(options.tlsKey, QStringLiteral("/etc/lockbox/key.pem"));
    QCOMPARE(options.smtpPasswordFile, QStringLiteral("/etc/lockbox/smtp-password"));
}

void TestServiceConfigFile::mistakesAreRefusedNamingFileAndLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("says");
    const QByteArray header = "# settings\n\n";
    QTest::newRow("unknown key") << header + "prot = 8443\n"
                                 << 3 << QStringLiteral("unknown setting \"prot\"; the settings are database, listen,");
    QTest::newRow("command-line spelling") << header + "--port = 8443\n"
                                           << 3 << QStringLiteral("unknown setting \"--port\"");
    QTest::newRow("no equals sign") << header
            + "port 8443\n" << 3 << QStringLiteral("expected a setting like \"port = 8443\", found \"port 8443\"");
    QTest::newRow("no value") << header + "database =\n" << 3 << QStringLiteral("\"database\" has no value");
    QTest::newRow("set twice") << header + "port = 1\nport = 2\n"
                               << 4 << QStringLiteral("\"port\" is set a second time (first on line 3)");
    QTest::newRow("port not a number") << header
            + "port = https\n" << 3 << QStringLiteral("port takes a number from 0 to 65535; \"https\" is not one");
    QTest::newRow("port too large") << header + "port = 65536\n"
                                    << 3 << QStringLiteral("port takes a number from 0 to 65535");
    QTest::newRow("port with a comment") << header + "port = 8443 # the default\n"
                                         << 3 << QStringLiteral("\"8443 # the default\" is not one");
    QTest::newRow("listen on a host name") << header + "listen = localhost\n"
                                           << 3 << QStringLiteral("listen takes an IP address");
    QTest::newRow("no body at all") << header + "max-body-kib = 0\n"
                                    << 3 << QStringLiteral("max-body-kib takes a number from 1 to 102400");
    QTest::newRow("body too large") << header + "max-body-kib = 102401\n"
                                    << 3 << QStringLiteral("max-body-kib takes a number from 1 to 102400");
    QTest::newRow("no connections") << header + "connections = 0\n"
                                    << 3 << QStringLiteral("connections takes a number from 1 to 32");
    QTest::newRow("too many connections") << header + "connections = 33\n"
                                          << 3 << QStringLiteral("connections takes a number from 1 to 32");
    QTest::newRow("insecure-http not yes or no") << header + "insecure-http = maybe\n"
                                                 << 3 << QStringLiteral("insecure-http takes yes or no");
    QTest::newRow("smtp-url not SMTP") << header + "smtp-url = https://mail.contoso.com\n"
                                       << 3 << QStringLiteral("smtp://host[:port] or smtps://host[:port]");
    QTest::newRow("password in smtp-url") << header + "smtp-url = smtp://lockbox:hunter2@mail.contoso.com\n"
                                          << 3 << QStringLiteral("put no user or password in the SMTP URL");
    QTest::newRow("smtp-from not an address") << header + "smtp-from = Lockbox\n"
                                              << 3 << QStringLiteral("smtp-from takes an address");
    QTest::newRow("smtp-starttls not yes or no") << header + "smtp-starttls = always\n"
                                                 << 3 << QStringLiteral("smtp-starttls takes yes or no");
}

void TestServiceConfigFile::mistakesAreRefusedNamingFileAndLine()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, says);
    const Result<ServiceConfigFile> config = ServiceConfigFile::parse(text, configPath);
    LOCKBOX_COMPARE_ERROR(config, Error::Code::InvalidInput);
    const QString message = config.error().message();
    QVERIFY2(message.startsWith(QStringLiteral("/etc/lockbox/lockboxd.conf:%1: ").arg(line)), qPrintable(message));
    QVERIFY2(message.contains(says), qPrintable(message));
}

void TestServiceConfigFile::unreadableFileIsRefusedNamingIt()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("lockboxd.conf"));
    const Result<ServiceConfigFile> config = ServiceConfigFile::read(missing);
    LOCKBOX_COMPARE_ERROR(config, Error::Code::InvalidInput);
    QVERIFY2(
        config.error().message().startsWith(QStringLiteral("Cannot read the configuration file %1: ").arg(missing)),
        qPrintable(config.error().message()));
}

void TestServiceConfigFile::packagedDefaultPointsAtTheStateDirectory()
{
    const Result<ServiceConfigFile> config = ServiceConfigFile::read(QStringLiteral(LOCKBOX_PACKAGED_CONFIG));
    LOCKBOX_VERIFY_OK(config);
    ServiceOptions options;
    config->applyTo(options);
    QCOMPARE(options.database, QStringLiteral("/var/lib/lockbox/lockboxd.db"));
    QCOMPARE(options.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(options.port, ServiceOptions::defaultPort);
    QVERIFY(options.tlsCertificate.isEmpty());
    QCOMPARE(options.allowPlainHttp, false);
}

void TestServiceConfigFile::lockboxdRefusesABadFileBeforeStarting()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lockboxd.conf"));
    QVERIFY(writeFile(path, "database = lockboxd.db\nprot = 8443\n"));
    QProcess lockboxd;
    lockboxd.start(QStringLiteral(LOCKBOXD_PATH), {QStringLiteral("--config"), path});
    QVERIFY(lockboxd.waitForFinished(30'000));
    QCOMPARE(lockboxd.exitCode(), 1);
    const QString err = QString::fromUtf8(lockboxd.readAllStandardError());
    QVERIFY2(err.startsWith(QStringLiteral("lockboxd: %1:2: unknown setting \"prot\"").arg(path)), qPrintable(err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("lockboxd.db"))));
}

void TestServiceConfigFile::lockboxdCommandLineWinsOverTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lockboxd.conf"));
    // Plain HTTP on every address would be refused: the command line's --listen must win.
    QVERIFY(writeFile(path,
                      "database = lockboxd.db\nlisten = 0.0.0.0\nport = 1\nendorsement-key = keys/endorsement.key\n"));
    QProcess lockboxd;
    lockboxd.start(QStringLiteral(LOCKBOXD_PATH),
                   {QStringLiteral("--config"),
                    path,
                    QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1"),
                    QStringLiteral("--port"),
                    QStringLiteral("0")});
    QVERIFY(lockboxd.waitForStarted(10'000));
    static const QRegularExpression serving(QStringLiteral("serving (.+) on http://127\\.0\\.0\\.1:(\\d+)/api/v1"));
    QByteArray output;
    QRegularExpressionMatch match;
    // The first line says where it serves, the next which endorsement key it uses.
    while ((!match.hasMatch() || !output.contains("endorsement key")) && lockboxd.waitForReadyRead(15'000)) {
        output += lockboxd.readAllStandardOutput();
        match = serving.match(QString::fromUtf8(output));
    }
    lockboxd.terminate();
    QVERIFY(lockboxd.waitForFinished(10'000));
    QVERIFY2(match.hasMatch(), (output + lockboxd.readAllStandardError()).constData());
    QVERIFY(match.captured(2).toUInt() > 1);
    // The database comes from the file, relative to the file's folder.
    QVERIFY2(match.captured(1).contains(dir.filePath(QStringLiteral("lockboxd.db"))), qPrintable(match.captured(1)));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("lockboxd.db"))));
    // So does the endorsement key, made on first start, for lockboxd's user alone, and named.
    const QString key = dir.filePath(QStringLiteral("keys/endorsement.key"));
    const Result<SigningKey> made = KeyFile::read(key);
    LOCKBOX_VERIFY_OK(made);
    QCOMPARE(QFileInfo(key).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY2(QString::fromUtf8(output).contains(
                 QStringLiteral("lockboxd made its endorsement key %1 (%2)").arg(key, made->fingerprint())),
             output.constData());
}

void TestServiceConfigFile::commandLineFollowsTheFilesRules()
{
    const QDir folder(QStringLiteral("/srv/lockbox"));
    Result<ServiceConfigFile> given
        = ServiceConfigFile::fromCommandLine({{QStringLiteral("port"), QStringLiteral("8443")},
                                              {QStringLiteral("insecure-http"), QStringLiteral("yes")},
                                              {QStringLiteral("tls-cert"), QStringLiteral("tls/cert.pem")}},
                                             folder);
    LOCKBOX_VERIFY_OK(given);
    ServiceOptions options;
    given->applyTo(options);
    QCOMPARE(options.port, quint16(8443));
    QVERIFY(options.allowPlainHttp);
    QCOMPARE(options.tlsCertificate, QStringLiteral("/srv/lockbox/tls/cert.pem"));

    const QList<std::pair<QString, QString>> mistakes = {
        {QStringLiteral("port"), QStringLiteral("99999")},
        {QStringLiteral("connections"), QStringLiteral("0")},
        {QStringLiteral("smtp-from"), QStringLiteral("not an address")},
        {QStringLiteral("smtp-url"), QStringLiteral("ftp://mail.example")},
    };
    for (const auto& mistake : mistakes) {
        Result<ServiceConfigFile> refused = ServiceConfigFile::fromCommandLine({mistake}, folder);
        LOCKBOX_COMPARE_ERROR(refused, Error::Code::InvalidInput);
        QVERIFY2(refused.error().message().startsWith(QStringLiteral("--") + mistake.first),
                 qPrintable(refused.error().message()));
    }
}
