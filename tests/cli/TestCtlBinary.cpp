#include "TestCtlBinary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Finished
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

// Runs the binary with only the given LOCKBOX_* variables set, so the test's own environment
// cannot leak a store or a user into it.
Finished lockboxctl(const QStringList& arguments, const QStringList& variables = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name :
         {QStringLiteral("LOCKBOX_STORE"), QStringLiteral("LOCKBOX_USER"), QStringLiteral("LOCKBOX_TENANT")})
        environment.remove(name);
    for (const QString& variable : variables)
        environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LOCKBOXCTL_PATH), arguments);
    Finished finished;
    if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit)
        return finished;
    finished.exitCode = process.exitCode();
    finished.out = process.readAllStandardOutput();
    finished.err = process.readAllStandardError();
    return finished;
}

} // namespace

#define EXITED(run, code) QVERIFY2((run).exitCode == (code), qPrintable((run).describe()))

void TestCtlBinary::helpExitsZeroAndListsTheExitCodes()
{
    const Finished run = lockboxctl({QStringLiteral("--help")});
    EXITED(run, 0);
    QVERIFY(run.out.startsWith("Usage: lockboxctl "));
    QVERIFY(run.out.contains("Exit codes\n"));
    for (const char* code : {"\n  0  success\n",
                             "\n  1  usage error",
                             "\n  2  refused by Lockbox's rules",
                             "\n  3  not found",
                             "\n  4  store unavailable or failed",
                             "\n  5  audit integrity failure"})
        QVERIFY2(run.out.contains(code), code);
    QVERIFY(run.err.isEmpty());
}

void TestCtlBinary::versionPrintsTheProjectVersion()
{
    const Finished run = lockboxctl({QStringLiteral("--version")});
    EXITED(run, 0);
    QCOMPARE(run.out, QByteArray("lockboxctl " LOCKBOX_VERSION "\n"));
}

void TestCtlBinary::missingAsExitsOneNamingLockboxUser()
{
    QTemporaryDir dir;
    const Finished run = lockboxctl({QStringLiteral("list")},
                                    {QStringLiteral("LOCKBOX_STORE=") + dir.filePath(QStringLiteral("any.db")),
                                     QStringLiteral("LOCKBOX_TENANT=contoso.onmicrosoft.com")});
    EXITED(run, 1);
    QVERIFY2(run.err.startsWith("lockboxctl: "), run.err.constData());
    QVERIFY2(run.err.contains("LOCKBOX_USER"), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCtlBinary::seededDemoStoreAnswersListAsJson()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("demo.db"));
    const Finished seeded
        = lockboxctl({QStringLiteral("--store"), store, QStringLiteral("seed"), QStringLiteral("demo")});
    EXITED(seeded, 0);
    QVERIFY(seeded.out.contains(store.toUtf8()));

    const QStringList megan = {QStringLiteral("LOCKBOX_STORE=") + store,
                               QStringLiteral("LOCKBOX_USER=megan.bowen@contoso.com"),
                               QStringLiteral("LOCKBOX_TENANT=contoso.onmicrosoft.com")};
    const Finished listed = lockboxctl(
        {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("pending"), QStringLiteral("--json")},
        megan);
    EXITED(listed, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(listed.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray requests = document.object().value(QStringLiteral("requests")).toArray();
    QVERIFY(!requests.isEmpty());
    for (const QJsonValue& request : requests) {
        QCOMPARE(request.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
        QCOMPARE(request.toObject().value(QStringLiteral("tenant")).toString(),
                 QStringLiteral("contoso.onmicrosoft.com"));
    }

    const Finished unknown = lockboxctl({QStringLiteral("show"), QStringLiteral("EXSR000001")}, megan);
    EXITED(unknown, 3);
}

void TestCtlBinary::exportToStdoutMatchesExportToAFile()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("demo.db"));
    EXITED(lockboxctl({QStringLiteral("--store"), store, QStringLiteral("seed"), QStringLiteral("demo")}), 0);
    const QStringList megan = {QStringLiteral("LOCKBOX_STORE=") + store,
                               QStringLiteral("LOCKBOX_USER=megan.bowen@contoso.com"),
                               QStringLiteral("LOCKBOX_TENANT=contoso.onmicrosoft.com")};
    const QString file = dir.filePath(QStringLiteral("audit.jsonl"));
    EXITED(lockboxctl({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), file}, megan), 0);
    const Finished piped = lockboxctl({QStringLiteral("audit"), QStringLiteral("export")}, megan);
    EXITED(piped, 0);
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray written = exported.readAll();
    QVERIFY(written.count('\n') > 100);
    QCOMPARE(piped.out, written);

    const Finished verified = lockboxctl({QStringLiteral("audit"), QStringLiteral("verify-file"), file});
    EXITED(verified, 0);
}
