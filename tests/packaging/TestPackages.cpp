#include "TestPackages.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <memory>
#include <unistd.h>

namespace {

constexpr int toolTimeout = 120'000;
// CPack installs, strips and runs dpkg-shlibdeps on each program; lintian reads both packages.
constexpr int packagingTimeout = 300'000;
// The unprivileged user lockboxd runs as when the test runs as root, as the unit's User= does.
constexpr uid_t nobody = 65534;

const QString version = QStringLiteral(LOCKBOX_VERSION);
const QString release = QStringLiteral(LOCKBOX_VERSION "-1");

struct Finished
{
    QString command;
    bool exited = false; // started and exited on its own within the time allowed
    QString failure; // why not
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool succeeded() const { return exited && exitCode == 0; }
    QString output() const { return QString::fromUtf8(out + err); }
    QString describe() const
    {
        return QStringLiteral("%1: %2\n--- stdout\n%3\n--- stderr\n%4")
            .arg(command,
                 exited ? QStringLiteral("exit %1").arg(exitCode) : failure,
                 QString::fromUtf8(out),
                 QString::fromUtf8(err));
    }
};

struct RunOptions
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString workingDirectory;
    int timeout = toolTimeout;
    bool discardStdout = false;
};

Finished run(const QString& program, const QStringList& arguments, const RunOptions& options = {})
{
    Finished finished;
    finished.command = (QStringList {program} + arguments).join(QLatin1Char(' '));
    QProcess process;
    process.setProcessEnvironment(options.environment);
    if (!options.workingDirectory.isEmpty())
        process.setWorkingDirectory(options.workingDirectory);
    if (options.discardStdout)
        process.setStandardOutputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!process.waitForStarted(toolTimeout)) {
        finished.failure = QStringLiteral("did not start: %1").arg(process.errorString());
        return finished;
    }
    if (!process.waitForFinished(options.timeout)) {
        process.kill();
        process.waitForFinished(toolTimeout);
        finished.failure = QStringLiteral("still running after %1 s, killed").arg(options.timeout / 1000);
    } else if (process.exitStatus() != QProcess::NormalExit) {
        finished.failure = QStringLiteral("crashed: %1").arg(process.errorString());
    } else {
        finished.exited = true;
        finished.exitCode = process.exitCode();
    }
    finished.out = process.readAllStandardOutput();
    finished.err = process.readAllStandardError();
    return finished;
}

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString doesNotContain(const QString& what, const QString& part, const QString& text)
{
    return QStringLiteral("%1: \"%2\" not found in:\n%3").arg(what, part, text);
}

} // namespace

// A tool of scripts/deps.sh that is not installed fails the test, naming the package it comes in.
#define LOCKBOX_REQUIRE_TOOL(tool, package)                                                                            \
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral(tool)).isEmpty(),                                          \
             tool " is missing: install the Debian package " package " (scripts/deps.sh installs it)")

#define LOCKBOX_VERIFY_SUCCEEDED(finished) QVERIFY2((finished).succeeded(), qPrintable((finished).describe()))

#define LOCKBOX_VERIFY_CONTAINS(what, text, part)                                                                      \
    QVERIFY2((text).contains(part), qPrintable(doesNotContain(what, part, text)))

QString TestPackages::rootPath(const QString& file) const
{
    return m_root + QLatin1Char('/') + file;
}

void TestPackages::initTestCase()
{
    LOCKBOX_REQUIRE_TOOL("cpack", "cmake");
    LOCKBOX_REQUIRE_TOOL("dpkg", "dpkg");
    LOCKBOX_REQUIRE_TOOL("dpkg-deb", "dpkg");
    LOCKBOX_REQUIRE_TOOL("dpkg-shlibdeps", "dpkg-dev");
    QVERIFY2(m_work.isValid(), qPrintable(m_work.errorString()));

    // Qt's runtime folder inside ours, so that the programs leave nothing in /tmp.
    const QString runtime = m_work.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkdir(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);

    const Finished architecture = run(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")});
    LOCKBOX_VERIFY_SUCCEEDED(architecture);
    const QString arch = QString::fromUtf8(architecture.out).trimmed();

    // Into the temporary folder, so that the build tree's own packages/ stays as it was.
    const QString packages = m_work.filePath(QStringLiteral("packages"));
    const Finished cpack = run(QStringLiteral("cpack"),
                               {QStringLiteral("--config"),
                                QStringLiteral(LOCKBOX_BUILD_DIR "/CPackConfig.cmake"),
                                QStringLiteral("-B"),
                                packages},
                               {.workingDirectory = m_work.path(), .timeout = packagingTimeout});
    LOCKBOX_VERIFY_SUCCEEDED(cpack);
    m_adminDeb = packages + QStringLiteral("/lockbox-admin_%1_%2.deb").arg(release, arch);
    m_serverDeb = packages + QStringLiteral("/lockbox-server_%1_%2.deb").arg(release, arch);
    const QString built = QDir(packages).entryList(QDir::Files).join(QStringLiteral(", "));
    for (const QString& deb : {m_adminDeb, m_serverDeb})
        QVERIFY2(QFileInfo::exists(deb),
                 qPrintable(QStringLiteral("no %1 among: %2").arg(QFileInfo(deb).fileName(), built)));

    m_root = m_work.filePath(QStringLiteral("root"));
    QVERIFY(QDir().mkdir(m_root));
    for (const QString& deb : {m_adminDeb, m_serverDeb}) {
        const Finished unpacked = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb, m_root});
        LOCKBOX_VERIFY_SUCCEEDED(unpacked);
    }
}

void TestPackages::cleanupTestCase()
{
    // The packages, the root and lockboxd's store all live in the temporary folder.
    const QString work = m_work.path();
    QVERIFY(m_work.remove());
    QVERIFY(!QFileInfo::exists(work));
}

void TestPackages::controlFieldsNameThePackageAndItsDependencies_data()
{
    QTest::addColumn<QString>("deb");
    QTest::addColumn<QString>("alsoDepends");
    QTest::newRow("lockbox-admin") << m_adminDeb << QStringLiteral("libqt6widgets6");
    QTest::newRow("lockbox-server") << m_serverDeb << QStringLiteral("adduser");
}

void TestPackages::controlFieldsNameThePackageAndItsDependencies()
{
    QFETCH(QString, deb);
    QFETCH(QString, alsoDepends);
    QHash<QString, QString> fields;
    for (const QString& field : {QStringLiteral("Package"),
                                 QStringLiteral("Version"),
                                 QStringLiteral("Source"),
                                 QStringLiteral("Depends"),
                                 QStringLiteral("Maintainer"),
                                 QStringLiteral("Homepage")}) {
        const Finished read = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), deb, field});
        LOCKBOX_VERIFY_SUCCEEDED(read);
        fields.insert(field, QString::fromUtf8(read.out).trimmed());
    }
    QCOMPARE(fields.value(QStringLiteral("Package")), QString::fromLatin1(QTest::currentDataTag()));
    QCOMPARE(fields.value(QStringLiteral("Version")), release);
    QCOMPARE(fields.value(QStringLiteral("Source")), QStringLiteral("lockbox"));
    const QString depends = fields.value(QStringLiteral("Depends"));
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("Depends"), depends, QStringLiteral("libqt6sql6-sqlite"));
    // dpkg-shlibdeps ran: the Qt libraries the programs link are named with their versions.
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("Depends"), depends, QStringLiteral("libqt6core6 (>= "));
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("Depends"), depends, alsoDepends);
    QVERIFY2(!fields.value(QStringLiteral("Maintainer")).isEmpty(), "no Maintainer");
    QVERIFY2(!fields.value(QStringLiteral("Homepage")).isEmpty(), "no Homepage");
}

void TestPackages::serverHasItsConffileAndMaintainerScripts()
{
    const QString control = m_work.filePath(QStringLiteral("control"));
    const Finished extracted = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-e"), m_serverDeb, control});
    LOCKBOX_VERIFY_SUCCEEDED(extracted);
    QCOMPARE(readText(control + QStringLiteral("/conffiles")), QStringLiteral("/etc/lockbox/lockboxd.conf\n"));
    for (const QString& script : {QStringLiteral("postinst"), QStringLiteral("prerm"), QStringLiteral("postrm")}) {
        const QFileInfo info(control + QLatin1Char('/') + script);
        QVERIFY2(info.isFile() && info.isExecutable(),
                 qPrintable(QStringLiteral("lockbox-server has no executable %1").arg(script)));
    }
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("postinst"),
                            readText(control + QStringLiteral("/postinst")),
                            QStringLiteral("adduser --system"));
}

void TestPackages::rootHoldsEveryInstalledFile_data()
{
    QTest::addColumn<QString>("file");
    for (const char* file : {"usr/bin/lockbox-admin",
                             "usr/bin/lockboxd",
                             "usr/bin/lockboxctl",
                             "usr/share/applications/org.lockbox.AdminCenter.desktop",
                             "usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml",
                             "usr/share/icons/hicolor/scalable/apps/org.lockbox.AdminCenter.svg",
                             "usr/share/man/man1/lockbox-admin.1.gz",
                             "usr/share/man/man1/lockboxctl.1.gz",
                             "usr/share/man/man8/lockboxd.8.gz",
                             "usr/share/doc/lockbox-admin/copyright",
                             "usr/share/doc/lockbox-server/copyright",
                             "usr/share/doc/lockbox-admin/changelog.Debian.gz",
                             "usr/share/doc/lockbox-server/changelog.Debian.gz",
                             "usr/share/lintian/overrides/lockbox-server",
                             "etc/lockbox/lockboxd.conf"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestPackages::rootHoldsEveryInstalledFile()
{
    QFETCH(QString, file);
    QVERIFY2(QFileInfo(rootPath(file)).isFile(), qPrintable(QStringLiteral("/%1 is not in the packages").arg(file)));
}

void TestPackages::systemdUnitRunsLockboxdAsItsUser()
{
    // /lib/systemd/system on Debian 12, /usr/lib/systemd/system where systemd.pc says so.
    QString unit;
    for (const QString& folder : {QStringLiteral("lib/systemd/system"), QStringLiteral("usr/lib/systemd/system")}) {
        if (QFileInfo::exists(rootPath(folder + QStringLiteral("/lockboxd.service"))))
            unit = rootPath(folder + QStringLiteral("/lockboxd.service"));
    }
    QVERIFY2(!unit.isEmpty(), "lockboxd.service is not in the packages");
    const QString text = readText(unit);
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("lockboxd.service"),
                            text,
                            QStringLiteral("ExecStart=/usr/bin/lockboxd --config /etc/lockbox/lockboxd.conf\n"));
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("lockboxd.service"), text, QStringLiteral("User=lockbox\n"));
    LOCKBOX_VERIFY_CONTAINS(QStringLiteral("lockboxd.service"), text, QStringLiteral("StateDirectory=lockbox\n"));
}

void TestPackages::releaseNotesNameThisVersion()
{
    LOCKBOX_REQUIRE_TOOL("gzip", "gzip");
    const Finished changelog
        = run(QStringLiteral("gzip"),
              {QStringLiteral("-cd"), rootPath(QStringLiteral("usr/share/doc/lockbox-server/changelog.Debian.gz"))});
    LOCKBOX_VERIFY_SUCCEEDED(changelog);
    const QString firstLine = QString::fromUtf8(changelog.out).section(QLatin1Char('\n'), 0, 0);
    LOCKBOX_VERIFY_CONTAINS(
        QStringLiteral("changelog.Debian's first line"), firstLine, QStringLiteral("lockbox (%1)").arg(release));
    LOCKBOX_VERIFY_CONTAINS(
        QStringLiteral("metainfo"),
        readText(rootPath(QStringLiteral("usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml"))),
        QStringLiteral("<release version=\"%1\"").arg(version));
}

void TestPackages::desktopEntryIsValid()
{
    LOCKBOX_REQUIRE_TOOL("desktop-file-validate", "desktop-file-utils");
    const Finished validated
        = run(QStringLiteral("desktop-file-validate"),
              {rootPath(QStringLiteral("usr/share/applications/org.lockbox.AdminCenter.desktop"))});
    LOCKBOX_VERIFY_SUCCEEDED(validated);
}

void TestPackages::metainfoIsValid()
{
    LOCKBOX_REQUIRE_TOOL("appstreamcli", "appstream");
    const Finished validated
        = run(QStringLiteral("appstreamcli"),
              {QStringLiteral("validate"),
               QStringLiteral("--no-net"),
               rootPath(QStringLiteral("usr/share/metainfo/org.lockbox.AdminCenter.metainfo.xml"))});
    LOCKBOX_VERIFY_SUCCEEDED(validated);
}

void TestPackages::manPagesRenderWithoutWarnings_data()
{
    QTest::addColumn<QString>("page");
    for (const char* page : {"man1/lockbox-admin.1.gz", "man1/lockboxctl.1.gz", "man8/lockboxd.8.gz"})
        QTest::newRow(page) << QString::fromLatin1(page);
}

void TestPackages::manPagesRenderWithoutWarnings()
{
    QFETCH(QString, page);
    LOCKBOX_REQUIRE_TOOL("man", "man-db");
    RunOptions options {.environment = m_environment, .discardStdout = true};
    options.environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    options.environment.insert(QStringLiteral("MANROFFSEQ"), QString());
    options.environment.insert(QStringLiteral("MANWIDTH"), QStringLiteral("80"));
    const Finished rendered = run(QStringLiteral("man"),
                                  {QStringLiteral("--warnings"),
                                   QStringLiteral("-E"),
                                   QStringLiteral("UTF-8"),
                                   QStringLiteral("-l"),
                                   rootPath(QStringLiteral("usr/share/man/") + page)},
                                  options);
    LOCKBOX_VERIFY_SUCCEEDED(rendered);
    QVERIFY2(rendered.err.isEmpty(), qPrintable(rendered.describe()));
}

void TestPackages::lintianReportsNoErrorsAndNoHardeningTags()
{
    LOCKBOX_REQUIRE_TOOL("lintian", "lintian");
    const Finished lintian = run(QStringLiteral("lintian"),
                                 {QStringLiteral("--fail-on"),
                                  QStringLiteral("error"),
                                  QStringLiteral("--display-info"),
                                  m_adminDeb,
                                  m_serverDeb},
                                 {.environment = m_environment, .timeout = packagingTimeout});
    QStringList report = lintian.output().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    report.removeAll(QStringLiteral("running with root privileges is not recommended!"));
    const QString tags = report.join(QLatin1Char('\n'));
    QVERIFY2(lintian.succeeded(), qPrintable(QStringLiteral("lintian reports errors: ") + lintian.describe()));
    // "I: lockbox-server: hardening-no-bindnow [usr/bin/lockboxd]", information that lintian shows
    // only with --display-info: the programs are built with _FORTIFY_SOURCE and linked with
    // -z relro -z now (see the top-level CMakeLists.txt), so there must be none.
    static const QRegularExpression hardening(QStringLiteral("^[A-Z]: [^:\\n]+: hardening-"),
                                              QRegularExpression::MultilineOption);
    QVERIFY2(!tags.contains(hardening), qPrintable(QStringLiteral("lintian reports hardening tags:\n") + tags));
    // What lintian still notes (warnings, information) is shown, not failed on.
    if (!tags.isEmpty())
        qInfo("lintian:\n%s", qPrintable(tags));
}

void TestPackages::programsRunFromTheRoot_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QStringList>("setVariables");
    QTest::addColumn<QStringList>("unsetVariables");
    QTest::addColumn<QString>("printed");
    QTest::addColumn<bool>("exactly");
    QTest::newRow("lockbox-admin --version")
        << QStringLiteral("lockbox-admin") << QStringLiteral("--version")
        << QStringList {QStringLiteral("QT_QPA_PLATFORM=offscreen")} << QStringList {}
        << QStringLiteral("lockbox-admin %1\n").arg(version) << true;
    // Without a display and without QT_QPA_PLATFORM too: --version and --help must not need one.
    QTest::newRow("lockbox-admin --version, no display")
        << QStringLiteral("lockbox-admin") << QStringLiteral("--version") << QStringList {}
        << QStringList {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")}
        << QStringLiteral("lockbox-admin %1\n").arg(version) << true;
    QTest::newRow("lockboxd --version") << QStringLiteral("lockboxd") << QStringLiteral("--version") << QStringList {}
                                        << QStringList {} << QStringLiteral("lockboxd %1\n").arg(version) << true;
    QTest::newRow("lockboxctl --help") << QStringLiteral("lockboxctl") << QStringLiteral("--help") << QStringList {}
                                       << QStringList {} << QStringLiteral("Usage: lockboxctl ") << false;
}

void TestPackages::programsRunFromTheRoot()
{
    QFETCH(QString, program);
    QFETCH(QString, argument);
    QFETCH(QStringList, setVariables);
    QFETCH(QStringList, unsetVariables);
    QFETCH(QString, printed);
    QFETCH(bool, exactly);
    RunOptions options {.environment = m_environment};
    for (const QString& variable : setVariables)
        options.environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    for (const QString& variable : unsetVariables)
        options.environment.remove(variable);
    const Finished ran = run(rootPath(QStringLiteral("usr/bin/") + program), {argument}, options);
    LOCKBOX_VERIFY_SUCCEEDED(ran);
    const QString out = QString::fromUtf8(ran.out);
    if (exactly)
        QVERIFY2(out == printed, qPrintable(QStringLiteral("expected \"%1\", got:\n").arg(printed) + ran.describe()));
    else
        QVERIFY2(out.contains(printed), qPrintable(doesNotContain(ran.command, printed, ran.describe())));
}

void TestPackages::systemdUnitStaysSandboxed()
{
    LOCKBOX_REQUIRE_TOOL("systemd-analyze", "systemd");
    // Exposure 0 (locked down) to 100 (unprotected); the unit scores about 13.
    const Finished security = run(QStringLiteral("systemd-analyze"),
                                  {QStringLiteral("security"),
                                   QStringLiteral("--offline=yes"),
                                   QStringLiteral("--threshold=20"),
                                   QStringLiteral("--root=") + m_root,
                                   QStringLiteral("lockboxd.service")});
    QVERIFY2(security.succeeded(),
             qPrintable(QStringLiteral("lockboxd.service lost some of its sandbox: ") + security.describe()));
}

void TestPackages::packagedLockboxdStartsOnItsDefaultConfiguration()
{
    const bool asRoot = ::geteuid() == 0;
    if (asRoot)
        LOCKBOX_REQUIRE_TOOL("setpriv", "util-linux");

    // The packaged configuration with only the state it keeps (the database, and the endorsement
    // key lockboxd makes on first start) moved into the temporary folder.
    const QString state = m_work.filePath(QStringLiteral("state"));
    QVERIFY(QDir().mkdir(state));
    const QString database = state + QStringLiteral("/lockboxd.db");
    const QString endorsementKey = state + QStringLiteral("/endorsement.key");
    QString config = readText(rootPath(QStringLiteral("etc/lockbox/lockboxd.conf")));
    const QList<std::pair<QString, QString>> moved {
        {QStringLiteral("database = /var/lib/lockbox/lockboxd.db"), QStringLiteral("database = ") + database},
        {QStringLiteral("endorsement-key = /var/lib/lockbox/endorsement.key"),
         QStringLiteral("endorsement-key = ") + endorsementKey}};
    for (const auto& [packaged, here] : moved) {
        const QRegularExpression line(QLatin1Char('^') + QRegularExpression::escape(packaged) + QLatin1Char('$'),
                                      QRegularExpression::MultilineOption);
        QVERIFY2(config.contains(line),
                 qPrintable(QStringLiteral("the packaged configuration does not say %1:\n%2").arg(packaged, config)));
        config.replace(line, here);
    }
    const QString configPath = m_work.filePath(QStringLiteral("lockboxd.conf"));
    QFile configFile(configPath);
    QVERIFY(configFile.open(QIODevice::WriteOnly));
    QVERIFY(configFile.write(config.toUtf8()) == config.toUtf8().size());
    configFile.close();

    QString program = rootPath(QStringLiteral("usr/bin/lockboxd"));
    QStringList arguments = {QStringLiteral("--config"), configPath, QStringLiteral("--port"), QStringLiteral("0")};
    if (asRoot) {
        // As the unit does: an unprivileged user, no new privileges, writing only its state folder.
        QVERIFY(QFile::setPermissions(m_work.path(),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther));
        QVERIFY2(::chown(QFile::encodeName(state).constData(), nobody, nobody) == 0, std::strerror(errno));
        arguments = QStringList {QStringLiteral("--reuid=%1").arg(nobody),
                                 QStringLiteral("--regid=%1").arg(nobody),
                                 QStringLiteral("--clear-groups"),
                                 QStringLiteral("--no-new-privs"),
                                 program}
            + arguments;
        program = QStringLiteral("setpriv");
    }

    QProcess lockboxd;
    QProcessEnvironment environment = m_environment;
    environment.insert(QStringLiteral("HOME"), state);
    lockboxd.setProcessEnvironment(environment);
    lockboxd.start(program, arguments);
    const auto stop = qScopeGuard([&lockboxd] {
        if (lockboxd.state() != QProcess::NotRunning) {
            lockboxd.kill();
            lockboxd.waitForFinished(toolTimeout);
        }
    });
    QVERIFY2(lockboxd.waitForStarted(toolTimeout), qPrintable(lockboxd.errorString()));

    // It prints where it serves once it listens; --port 0 lets the system pick a free port.
    static const QRegularExpression serving(
        QStringLiteral("^lockboxd \\S+ serving (.+) on http://127\\.0\\.0\\.1:(\\d+)/api/v1$"),
        QRegularExpression::MultilineOption);
    QByteArray out;
    QByteArray err;
    QRegularExpressionMatch match;
    const QDeadlineTimer deadline(30'000);
    while (!match.hasMatch() && lockboxd.waitForReadyRead(int(deadline.remainingTime()))) {
        out += lockboxd.readAllStandardOutput();
        match = serving.match(QString::fromUtf8(out));
    }
    // What it printed so far, for the messages (QVERIFY2 builds its message even when it passes).
    const auto said = [&] {
        out += lockboxd.readAllStandardOutput();
        err += lockboxd.readAllStandardError();
        return QStringLiteral("%1 %2\n--- stdout\n%3\n--- stderr\n%4")
            .arg(program, arguments.join(QLatin1Char(' ')), QString::fromUtf8(out), QString::fromUtf8(err));
    };
    QVERIFY2(match.hasMatch(), qPrintable(QStringLiteral("lockboxd did not start: ") + said()));
    QVERIFY2(match.capturedStart() == 0 && match.captured(1) == database,
             qPrintable(QStringLiteral("lockboxd's first line does not say \"serving %1\": ").arg(database) + said()));
    const QString port = match.captured(2);
    const QFileInfo madeKey(endorsementKey);
    QVERIFY2(madeKey.exists(), qPrintable(QStringLiteral("lockboxd made no endorsement key: ") + said()));
    QCOMPARE(madeKey.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(port)));
    request.setTransferTimeout(10'000);
    const std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY2(reply->isFinished() || finished.wait(15'000),
             qPrintable(QStringLiteral("GET /api/v1/health had no answer: ") + said()));
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QVERIFY2(status == 200,
             qPrintable(QStringLiteral("GET /api/v1/health answered %1 (%2): %3\n")
                            .arg(QString::number(status), reply->errorString(), QString::fromUtf8(body))
                        + said()));
    QVERIFY2(QFileInfo(database).isFile(),
             qPrintable(QStringLiteral("lockboxd did not create its SQLite store: ") + said()));

    lockboxd.terminate();
    QVERIFY2(lockboxd.waitForFinished(toolTimeout),
             qPrintable(QStringLiteral("lockboxd did not stop on SIGTERM: ") + said()));
    QVERIFY2(lockboxd.exitStatus() == QProcess::NormalExit && lockboxd.exitCode() == 0,
             qPrintable(QStringLiteral("lockboxd's exit after SIGTERM: status %1, code %2: ")
                            .arg(int(lockboxd.exitStatus()))
                            .arg(lockboxd.exitCode())
                        + said()));
}
