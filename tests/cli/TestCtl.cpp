#include "TestCtl.h"

#include "CtlRunner.h"
#include "audit/AuditOperation.h"
#include "audit/AuditRecord.h"
#include "cli/CommandCatalog.h"
#include "cli/ExitCode.h"
#include "signing/DecisionSignature.h"
#include "signing/DecisionStatement.h"
#include "signing/KeyFile.h"
#include "signing/SigningKey.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"
#include "json/RequestJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

#define FIXTURE(name)                                                                                                  \
    LOCKBOX_STORE_FIXTURE(name);                                                                                       \
    CtlRunner ctl(name.sharedClock(), name.path());                                                                    \
    ctl.setKeyFiles([&name](const lockbox::Actor& who) { return name.keyFileOf(who); })

// The command exited with `code`; on failure, shows everything it printed.
#define CTL_EXIT(run, code)                                                                                            \
    do {                                                                                                               \
        const CtlRunner::Run& ctlRun_ = (run);                                                                         \
        QVERIFY2(ctlRun_.exitCode == int(code), qPrintable(ctlRun_.describe()));                                       \
    } while (false)

namespace {

// Spelled out: a copy of StoreFixture::contoso could be initialised before it, in another file.
const QString contoso = QStringLiteral("contoso.onmicrosoft.com");

QString referenceOf(StoreFixture& f, const QString& id)
{
    // The support manager sees every tenant's requests.
    Result<AccessRequest> found = f.store().request(StoreFixture::manager(), id).result();
    return found ? found->reference : QString();
}

AccessRequest requestById(StoreFixture& f, const QString& id)
{
    Result<AccessRequest> found = f.store().request(StoreFixture::manager(), id).result();
    return found ? *found : AccessRequest();
}

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString lineContaining(const QString& text, const QString& needle)
{
    for (const QString& line : lines(text)) {
        if (line.contains(needle))
            return line;
    }
    return {};
}

QList<QByteArray> fileLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> result = file.readAll().split('\n');
    while (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

bool writeLines(const QString& path, const QList<QByteArray>& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (const QByteArray& line : content)
        file.write(line + '\n');
    return true;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int auditCount(const QString& path, const QString& where)
{
    return RawDatabase::value(path, QStringLiteral("SELECT COUNT(*) FROM audit WHERE %1").arg(where)).toInt();
}

QString rowStartingWith(const QString& text, const QString& start)
{
    for (const QString& line : lines(text)) {
        if (line.startsWith(start))
            return line;
    }
    return {};
}

QString firstCursor(const QString& err)
{
    static const QRegularExpression cursor(QStringLiteral("--cursor (\\S+)"));
    return cursor.match(err).captured(1);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Help and the command line

void TestCtl::helpListsEveryCommandAndTheExitCodes()
{
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), {});
    const CtlRunner::Run run = ctl.run({QStringLiteral("--help")});
    CTL_EXIT(run, ExitCode::Success);
    for (const char* usage : {"list [--status",
                              "show REF",
                              "approve REF [--comment TEXT]",
                              "deny REF --reason TEXT",
                              "revoke REF",
                              "settings get",
                              "settings set [--require-approval on|off] [--approvals N]",
                              "roles list",
                              "roles add PRINCIPAL --role admin|approver|reader",
                              "roles remove PRINCIPAL",
                              "audit export [--format jsonl|csv]",
                              "audit verify\n",
                              "audit verify-file FILE",
                              "operator file --for TENANT",
                              "operator manager-approve REF",
                              "operator manager-reject REF --reason TEXT",
                              "operator withdraw REF",
                              "operator access-check --engineer PRINCIPAL --for TENANT",
                              "tenant add TENANT --name NAME --admin PRINCIPAL",
                              "staff add PRINCIPAL --role engineer|manager",
                              "seed demo",
                              "seed large [--count N]"})
        QVERIFY2(run.out.contains(QLatin1String(usage)), usage);
    for (const char* code : {"^  0  success$",
                             "^  1  usage error",
                             "^  2  refused by Lockbox's rules",
                             "^  3  not found",
                             "^  4  store unavailable or failed",
                             "^  5  audit integrity failure"}) {
        const QRegularExpression line(QLatin1String(code), QRegularExpression::MultilineOption);
        QVERIFY2(line.match(run.out).hasMatch(), code);
    }
    for (const char* variable : {"LOCKBOX_STORE", "LOCKBOX_USER", "LOCKBOX_TENANT"})
        QVERIFY2(run.out.contains(QLatin1String(variable)), variable);
}

void TestCtl::commandHelpShowsItsOptions()
{
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), {});
    const CtlRunner::Run run = ctl.run({QStringLiteral("deny"), QStringLiteral("--help")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY(
        run.out.startsWith(QLatin1String("Usage: lockboxctl [global options] deny REF --reason TEXT [--key FILE]\n")));
    QVERIFY(run.out.contains(QLatin1String("--reason TEXT")));
    QVERIFY(run.out.contains(QLatin1String("Exit codes")));
}

void TestCtl::missingAsExitsOneNamingLockboxUser()
{
    FIXTURE(f);
    const CtlRunner::Run run
        = ctl.run({QStringLiteral("--store"), f.path(), QStringLiteral("--tenant"), contoso, QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Usage);
    QVERIFY2(run.err.startsWith(QLatin1String("lockboxctl: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("--as")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("LOCKBOX_USER")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCtl::missingStoreExitsOneNamingLockboxStore()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.run({QStringLiteral("--as"),
                                        StoreFixture::megan().principal,
                                        QStringLiteral("--tenant"),
                                        contoso,
                                        QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Usage);
    QVERIFY2(run.err.contains(QLatin1String("--store")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("LOCKBOX_STORE")), qPrintable(run.err));
}

void TestCtl::missingTenantExitsOneNamingLockboxTenant()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.run({QStringLiteral("--store"),
                                        f.path(),
                                        QStringLiteral("--as"),
                                        StoreFixture::megan().principal,
                                        QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Usage);
    QVERIFY2(run.err.contains(QLatin1String("--tenant")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("LOCKBOX_TENANT")), qPrintable(run.err));
}

void TestCtl::environmentSuppliesStoreUserAndTenant()
{
    FIXTURE(f);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("LOCKBOX_STORE"), f.path());
    environment.insert(QStringLiteral("LOCKBOX_USER"), StoreFixture::megan().principal);
    environment.insert(QStringLiteral("LOCKBOX_TENANT"), contoso);
    ctl.setEnvironment(environment);
    const CtlRunner::Run run = ctl.run({QStringLiteral("settings"), QStringLiteral("get")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QStringLiteral("Tenant: %1\n").arg(contoso)), qPrintable(run.out));
}

void TestCtl::commandLineOverridesTheEnvironment()
{
    FIXTURE(f);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("LOCKBOX_STORE"), f.path());
    environment.insert(QStringLiteral("LOCKBOX_USER"), StoreFixture::nestor().principal);
    environment.insert(QStringLiteral("LOCKBOX_TENANT"), StoreFixture::fabrikam);
    ctl.setEnvironment(environment);
    const CtlRunner::Run run = ctl.run({QStringLiteral("--as"),
                                        StoreFixture::megan().principal,
                                        QStringLiteral("--tenant"),
                                        contoso,
                                        QStringLiteral("settings"),
                                        QStringLiteral("get")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QStringLiteral("Tenant: %1\n").arg(contoso)), qPrintable(run.out));
}

void TestCtl::globalOptionsWorkAfterTheCommand()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.run({QStringLiteral("settings"),
                                        QStringLiteral("get"),
                                        QStringLiteral("--store"),
                                        f.path(),
                                        QStringLiteral("--as"),
                                        StoreFixture::megan().principal,
                                        QStringLiteral("--tenant"),
                                        contoso,
                                        QStringLiteral("--json")});
    CTL_EXIT(run, ExitCode::Success);
    bool ok = false;
    const QJsonObject json = run.json(&ok);
    QVERIFY2(ok, qPrintable(run.out));
    QCOMPARE(json.value(QStringLiteral("tenant")).toString(), contoso);
}

void TestCtl::malformedCommandLinesExitOne_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");

    const QStringList fileRequest = {QStringLiteral("operator"),
                                     QStringLiteral("file"),
                                     QStringLiteral("--for"),
                                     contoso,
                                     QStringLiteral("--ticket"),
                                     QStringLiteral("SR1"),
                                     QStringLiteral("--reason"),
                                     QStringLiteral("r"),
                                     QStringLiteral("--scope"),
                                     QStringLiteral("s")};
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("unknown option") << QStringList {QStringLiteral("list"), QStringLiteral("--bogus")}
                                    << QStringLiteral("bogus");
    QTest::newRow("option without its value")
        << QStringList {QStringLiteral("list"), QStringLiteral("--status")} << QStringLiteral("--status");
    QTest::newRow("group without subcommand")
        << QStringList {QStringLiteral("audit")} << QStringLiteral("export, verify, verify-file");
    QTest::newRow("unknown subcommand") << QStringList {QStringLiteral("roles"), QStringLiteral("promote")}
                                        << QStringLiteral("promote");
    QTest::newRow("missing REF") << QStringList {QStringLiteral("show")} << QStringLiteral("REF");
    QTest::newRow("extra argument") << QStringList {QStringLiteral("show"), QStringLiteral("A"), QStringLiteral("B")}
                                    << QStringLiteral("'B'");
    QTest::newRow("limit not a number") << QStringList {QStringLiteral("list"),
                                                        QStringLiteral("--limit"),
                                                        QStringLiteral("ten")}
                                        << QStringLiteral("--limit");
    QTest::newRow("unknown status") << QStringList {QStringLiteral("list"),
                                                    QStringLiteral("--status"),
                                                    QStringLiteral("pending,sideways")}
                                    << QStringLiteral("sideways");
    QTest::newRow("unknown sort") << QStringList {QStringLiteral("list"),
                                                  QStringLiteral("--sort"),
                                                  QStringLiteral("colour")}
                                  << QStringLiteral("colour");
    QTest::newRow("deny without reason") << QStringList {QStringLiteral("deny"), QStringLiteral("EXSR359001")}
                                         << QStringLiteral("--reason");
    QTest::newRow("settings set without a change")
        << QStringList {QStringLiteral("settings"), QStringLiteral("set")} << QStringLiteral("--require-approval");
    QTest::newRow("require-approval neither on nor off") << QStringList {QStringLiteral("settings"),
                                                                         QStringLiteral("set"),
                                                                         QStringLiteral("--require-approval"),
                                                                         QStringLiteral("maybe")}
                                                         << QStringLiteral("maybe");
    QTest::newRow("roles add without role")
        << QStringList {QStringLiteral("roles"), QStringLiteral("add"), QStringLiteral("joni@contoso.com")}
        << QStringLiteral("--role");
    QTest::newRow("roles add with an operator role") << QStringList {QStringLiteral("roles"),
                                                                     QStringLiteral("add"),
                                                                     QStringLiteral("joni@contoso.com"),
                                                                     QStringLiteral("--role"),
                                                                     QStringLiteral("engineer")}
                                                     << QStringLiteral("engineer");
    QTest::newRow("export format") << QStringList {QStringLiteral("audit"),
                                                   QStringLiteral("export"),
                                                   QStringLiteral("--format"),
                                                   QStringLiteral("xml")}
                                   << QStringLiteral("xml");
    QTest::newRow("export time") << QStringList {QStringLiteral("audit"),
                                                 QStringLiteral("export"),
                                                 QStringLiteral("--from"),
                                                 QStringLiteral("yesterday")}
                                 << QStringLiteral("yesterday");
    QTest::newRow("export json to stdout")
        << QStringList {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--json")}
        << QStringLiteral("--output");
    QTest::newRow("file without workload and duration") << fileRequest << QStringLiteral("--workload, --duration");
    QTest::newRow("file with an unknown workload") << fileRequest
            + QStringList {QStringLiteral("--workload"),
                           QStringLiteral("fax"),
                           QStringLiteral("--duration"),
                           QStringLiteral("60")} << QStringLiteral("fax");
    QTest::newRow("file with a duration in words") << fileRequest
            + QStringList {QStringLiteral("--workload"),
                           QStringLiteral("teams"),
                           QStringLiteral("--duration"),
                           QStringLiteral("an hour")}
                                                   << QStringLiteral("--duration");
}

void TestCtl::malformedCommandLinesExitOne()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), arguments);
    CTL_EXIT(run, ExitCode::Usage);
    QVERIFY2(run.err.startsWith(QLatin1String("lockboxctl: ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(named), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("--help")), qPrintable(run.err));
    if (arguments.contains(QStringLiteral("--json")))
        QCOMPARE(run.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("usage"));
    else
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCtl::missingStoreFileExitsFourAndCreatesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nowhere.db"));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::StoreFailure);
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
    QVERIFY(!QFile::exists(path));
}

void TestCtl::fileThatIsNotAStoreExitsFour()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.db"));
    QVERIFY(writeLines(path, {"These are my notes, not a database."}));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::StoreFailure);
    QVERIFY2(run.err.contains(QLatin1String("not a Lockbox store")), qPrintable(run.err));
}

void TestCtl::personWithoutARoleIsRefusedNamingTheTenant()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(Actor {QStringLiteral("joni@contoso.com"), contoso}, {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Refused);
    QVERIFY2(run.err.contains(QLatin1String("joni@contoso.com")), qPrintable(run.err));
    QVERIFY2(run.err.contains(contoso), qPrintable(run.err));
}

void TestCtl::jsonErrorIsPrintedOnStdout()
{
    FIXTURE(f);
    const QString reference = referenceOf(f, f.pending());
    const CtlRunner::Run run
        = ctl.as(StoreFixture::adele(), {QStringLiteral("approve"), reference, QStringLiteral("--json")});
    CTL_EXIT(run, ExitCode::Refused);
    bool ok = false;
    const QJsonObject error = run.json(&ok).value(QStringLiteral("error")).toObject();
    QVERIFY2(ok, qPrintable(run.out));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("permission_denied"));
    QCOMPARE(QStringLiteral("lockboxctl: %1\n").arg(error.value(QStringLiteral("message")).toString()), run.err);
}

// ---------------------------------------------------------------------------------------------
// Requests

void TestCtl::listShowsTheTenantsRequestsInATable()
{
    FIXTURE(f);
    const QString pending = referenceOf(f, f.pending(90));
    const QString filed = referenceOf(f, f.file());
    const QString otherTenants = referenceOf(f, f.pending(60, StoreFixture::fabrikam));
    f.clock().advanceSeconds(3600);

    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Success);
    const QStringList table = lines(run.out);
    QCOMPARE(table.size(), 3);
    const QString& header = table.first();
    qsizetype previous = -1;
    for (const char* column :
         {"Reference", "Requested", "Status", "Workload", "Requester", "Duration", "Expires in", "Reason"}) {
        const qsizetype at = header.indexOf(QLatin1String(column));
        QVERIFY2(at > previous, column);
        previous = at;
    }
    const QString pendingRow = lineContaining(run.out, pending);
    QVERIFY2(pendingRow.contains(QLatin1String("2026-11-24 08:00")), qPrintable(pendingRow));
    QVERIFY2(pendingRow.contains(QLatin1String("Exchange")), qPrintable(pendingRow));
    QVERIFY2(pendingRow.contains(StoreFixture::engineer().principal), qPrintable(pendingRow));
    QVERIFY2(pendingRow.contains(QLatin1String("1 h 30 min")), qPrintable(pendingRow));
    QVERIFY2(pendingRow.endsWith(QLatin1String("Troubleshoot mail flow delays")), qPrintable(pendingRow));
    // Aligned columns: each row's status starts under the header's.
    QCOMPARE(pendingRow.indexOf(QLatin1String("Pending")), header.indexOf(QLatin1String("Status")));
    QCOMPARE(pendingRow.indexOf(QLatin1String("11 h ")), header.indexOf(QLatin1String("Expires in")));
    QVERIFY2(lineContaining(run.out, filed).contains(QLatin1String("Awaiting manager")), qPrintable(run.out));
    QVERIFY2(!run.out.contains(otherTenants), qPrintable(run.out));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
}

void TestCtl::listFiltersByStatusAndSearch()
{
    FIXTURE(f);
    const QString pending = referenceOf(f, f.pending());
    const QString filed = referenceOf(f, f.file());

    const CtlRunner::Run onlyPending = ctl.as(
        StoreFixture::megan(), {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("pending")});
    CTL_EXIT(onlyPending, ExitCode::Success);
    QVERIFY(onlyPending.out.contains(pending));
    QVERIFY(!onlyPending.out.contains(filed));

    const CtlRunner::Run both = ctl.as(
        StoreFixture::megan(), {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("Pending,filed")});
    CTL_EXIT(both, ExitCode::Success);
    QVERIFY(both.out.contains(pending) && both.out.contains(filed));

    const CtlRunner::Run search
        = ctl.as(StoreFixture::megan(), {QStringLiteral("list"), QStringLiteral("--search"), filed});
    CTL_EXIT(search, ExitCode::Success);
    QVERIFY(!search.out.contains(pending));
    QVERIFY(search.out.contains(filed));

    const CtlRunner::Run none = ctl.as(StoreFixture::megan(),
                                       {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("revoked")});
    CTL_EXIT(none, ExitCode::Success);
    QCOMPARE(none.out, QStringLiteral("No requests match.\n"));
}

void TestCtl::listJsonIsValidWithStableFieldNames()
{
    FIXTURE(f);
    const QString id = f.pending(90);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("list"), QStringLiteral("--json")});
    CTL_EXIT(run, ExitCode::Success);
    bool ok = false;
    const QJsonObject json = run.json(&ok);
    QVERIFY2(ok, qPrintable(run.out));
    QVERIFY(json.value(QStringLiteral("nextCursor")).isNull());
    const QJsonArray requests = json.value(QStringLiteral("requests")).toArray();
    QCOMPARE(requests.size(), 1);
    const QJsonObject request = requests.first().toObject();
    QStringList keys = request.keys();
    keys.sort();
    QStringList expected = {QStringLiteral("id"),
                            QStringLiteral("reference"),
                            QStringLiteral("serviceRequest"),
                            QStringLiteral("tenant"),
                            QStringLiteral("workload"),
                            QStringLiteral("requester"),
                            QStringLiteral("reason"),
                            QStringLiteral("scope"),
                            QStringLiteral("durationMinutes"),
                            QStringLiteral("created"),
                            QStringLiteral("expires"),
                            QStringLiteral("status"),
                            QStringLiteral("approvalsRequired"),
                            QStringLiteral("approvalsCount"),
                            QStringLiteral("manager"),
                            QStringLiteral("managerDecidedAt"),
                            QStringLiteral("decidedBy"),
                            QStringLiteral("decidedAt"),
                            QStringLiteral("decisionComment"),
                            QStringLiteral("accessFrom"),
                            QStringLiteral("accessUntil"),
                            QStringLiteral("informationRequested"),
                            QStringLiteral("escalateAt"),
                            QStringLiteral("escalatedAt"),
                            QStringLiteral("version")};
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(request.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(request.value(QStringLiteral("tenant")).toString(), contoso);
    QCOMPARE(request.value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
    QCOMPARE(request.value(QStringLiteral("workload")).toString(), QStringLiteral("Exchange"));
    QCOMPARE(request.value(QStringLiteral("durationMinutes")).toInt(), 90);
    QCOMPARE(request.value(QStringLiteral("created")).toString(), QStringLiteral("2026-11-24T08:00:00.000Z"));
    QCOMPARE(request.value(QStringLiteral("expires")).toString(), QStringLiteral("2026-11-24T20:00:00.000Z"));
    QCOMPARE(request.value(QStringLiteral("manager")).toString(), StoreFixture::manager().principal);
    QVERIFY(request.value(QStringLiteral("decidedBy")).isNull());
    QVERIFY(request.value(QStringLiteral("accessFrom")).isNull());
}

void TestCtl::listPagesWithACursorOnStderr()
{
    FIXTURE(f);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!f.file().isEmpty());
        f.clock().advanceSeconds(60);
    }
    const CtlRunner::Run first
        = ctl.as(StoreFixture::megan(), {QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("2")});
    CTL_EXIT(first, ExitCode::Success);
    QCOMPARE(lines(first.out).size(), 1 + 2);
    const QString cursor = firstCursor(first.err);
    QVERIFY2(!cursor.isEmpty(), qPrintable(first.err));

    const CtlRunner::Run second = ctl.as(
        StoreFixture::megan(),
        {QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--cursor"), cursor});
    CTL_EXIT(second, ExitCode::Success);
    QCOMPARE(lines(second.out).size(), 1 + 1);
    QVERIFY2(second.err.isEmpty(), qPrintable(second.err));
    // The oldest request is on the second page only.
    const QString oldest = lines(second.out).last().section(QLatin1Char(' '), 0, 0);
    QVERIFY(!first.out.contains(oldest));
}

void TestCtl::listNeverCutsALongReason()
{
    FIXTURE(f);
    const QString reason = QStringLiteral("Investigate why the journaling rule drops messages. ").repeated(6).trimmed();
    const NewRequest wanted {
        contoso, Workload::Exchange, QStringLiteral("SR1"), reason, QStringLiteral("Mailbox of joni@contoso.com"), 30};
    LOCKBOX_VERIFY_OK(f.store().fileRequest(StoreFixture::engineer(), wanted).result());
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(reason + QLatin1Char('\n')), qPrintable(run.out));
}

void TestCtl::listForOperatorStaffNamesEachRequestsTenant()
{
    FIXTURE(f);
    const QString contosos = referenceOf(f, f.pending());
    const QString fabrikams = referenceOf(f, f.pending(60, StoreFixture::fabrikam));
    const CtlRunner::Run run = ctl.as(StoreFixture::manager(), {QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Success);
    const QString header = lines(run.out).first();
    QVERIFY2(header.indexOf(QLatin1String("Tenant")) > header.indexOf(QLatin1String("Reference")), qPrintable(header));
    QVERIFY2(rowStartingWith(run.out, contosos).contains(contoso), qPrintable(run.out));
    QVERIFY2(rowStartingWith(run.out, fabrikams).contains(StoreFixture::fabrikam), qPrintable(run.out));

    const CtlRunner::Run customer = ctl.as(StoreFixture::megan(), {QStringLiteral("list")});
    CTL_EXIT(customer, ExitCode::Success);
    QVERIFY2(!lines(customer.out).first().contains(QLatin1String("Tenant")), qPrintable(customer.out));
}

void TestCtl::showPrintsEveryFieldDecisionsAndHistory()
{
    FIXTURE(f);
    const QString id = f.pending();
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id, QStringLiteral("ok")).result());
    const QString reference = referenceOf(f, id);

    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), reference});
    CTL_EXIT(run, ExitCode::Success);
    for (const QString& field : {QStringLiteral("Reference: %1").arg(reference),
                                 QStringLiteral("Id: %1").arg(id),
                                 QStringLiteral("Status: Approved"),
                                 QStringLiteral("Tenant: %1").arg(contoso),
                                 QStringLiteral("Workload: Exchange"),
                                 QStringLiteral("Service request: SR2611240001"),
                                 QStringLiteral("Requester: %1").arg(StoreFixture::engineer().principal),
                                 QStringLiteral("Reason: Troubleshoot mail flow delays"),
                                 QStringLiteral("Scope: Mailbox of joni@contoso.com"),
                                 QStringLiteral("Duration: 1 h"),
                                 QStringLiteral("Created: 2026-11-24 08:00:00 UTC"),
                                 QStringLiteral("Expires: 2026-11-24 20:00:00 UTC"),
                                 QStringLiteral("Expires in: —"),
                                 QStringLiteral("Approvals: 1 of 1"),
                                 QStringLiteral("Manager: %1").arg(StoreFixture::manager().principal),
                                 QStringLiteral("Decided by: %1").arg(StoreFixture::lidia().principal),
                                 QStringLiteral("Decided at: 2026-11-24 08:00:00 UTC"),
                                 QStringLiteral("Decision comment: ok"),
                                 QStringLiteral("Access from: 2026-11-24 08:00:00 UTC"),
                                 QStringLiteral("Access until: 2026-11-24 09:00:00 UTC")})
        QVERIFY2(run.out.contains(field + QLatin1Char('\n')), qPrintable(field + QStringLiteral("\n\n") + run.out));

    const QString decisions = run.out.section(QStringLiteral("\nDecisions\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QVERIFY2(lineContaining(decisions, QStringLiteral("ManagerApprove")).contains(StoreFixture::manager().principal),
             qPrintable(decisions));
    QVERIFY2(lineContaining(decisions, QStringLiteral("  Approve  ")).contains(StoreFixture::lidia().principal),
             qPrintable(decisions));
    const QString history = run.out.section(QStringLiteral("\nHistory\n"), 1);
    qsizetype previous = -1;
    for (const QString& operation : {QStringLiteral("RequestFiled"),
                                     QStringLiteral("ManagerApproved"),
                                     QStringLiteral("RequestApproved"),
                                     QStringLiteral("AccessWindowStarted")}) {
        const qsizetype at = history.indexOf(operation);
        QVERIFY2(at > previous, qPrintable(operation + QStringLiteral("\n") + history));
        previous = at;
    }
}

void TestCtl::showJsonHasDecisionsAndHistory()
{
    FIXTURE(f);
    const QString id = f.pending();
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    const CtlRunner::Run run
        = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), referenceOf(f, id), QStringLiteral("--json")});
    CTL_EXIT(run, ExitCode::Success);
    bool ok = false;
    const QJsonObject json = run.json(&ok);
    QVERIFY2(ok, qPrintable(run.out));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("Approved"));
    QCOMPARE(json.value(QStringLiteral("accessUntil")).toString(), QStringLiteral("2026-11-24T09:00:00.000Z"));
    const QJsonArray decisions = json.value(QStringLiteral("decisions")).toArray();
    QCOMPARE(decisions.size(), 2);
    QCOMPARE(decisions.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("Approve"));
    QCOMPARE(decisions.at(1).toObject().value(QStringLiteral("actor")).toString(), StoreFixture::lidia().principal);
    QCOMPARE(decisions.at(1).toObject().value(QStringLiteral("actorRole")).toString(),
             QStringLiteral("LockboxApprover"));
    QStringList operations;
    for (const QJsonValue& record : json.value(QStringLiteral("history")).toArray()) {
        QCOMPARE(record.toObject().value(QStringLiteral("requestId")).toString(), id);
        operations << record.toObject().value(QStringLiteral("operation")).toString();
    }
    QCOMPARE(operations,
             (QStringList {QStringLiteral("RequestFiled"),
                           QStringLiteral("ManagerApproved"),
                           QStringLiteral("RequestApproved"),
                           QStringLiteral("AccessWindowStarted")}));
}

void TestCtl::showUnknownReferenceExitsThree()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), QStringLiteral("EXSR000001")});
    CTL_EXIT(run, ExitCode::NotFound);
    QCOMPARE(run.err, QStringLiteral("lockboxctl: There is no request EXSR000001 in your organisation.\n"));
    QVERIFY(run.out.isEmpty());
}

void TestCtl::showAnotherTenantsRequestExitsThree()
{
    FIXTURE(f);
    const QString fabrikams = referenceOf(f, f.pending(60, StoreFixture::fabrikam));
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), fabrikams});
    CTL_EXIT(run, ExitCode::NotFound);
    QVERIFY(!run.out.contains(fabrikams));
}

void TestCtl::approveOpensTheAccessWindow()
{
    FIXTURE(f);
    const QString id = f.pending(45);
    f.clock().advanceSeconds(60);
    const CtlRunner::Run run = ctl.as(
        StoreFixture::lidia(),
        {QStringLiteral("approve"), referenceOf(f, id), QStringLiteral("--comment"), QStringLiteral("go ahead")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QStringLiteral("%1 is now Approved.\n").arg(referenceOf(f, id))), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("Access: from 2026-11-24 08:01:00 UTC until 2026-11-24 08:46:00 UTC\n")),
             qPrintable(run.out));
    const AccessRequest after = requestById(f, id);
    QCOMPARE(after.status, RequestStatus::Approved);
    QCOMPARE(after.decidedBy, StoreFixture::lidia().principal);
    QCOMPARE(after.decisionComment, QStringLiteral("go ahead"));
}

void TestCtl::approveByAReaderExitsTwoWithTheStoresMessage()
{
    FIXTURE(f);
    const QString id = f.pending();
    const CtlRunner::Run run = ctl.as(StoreFixture::adele(), {QStringLiteral("approve"), referenceOf(f, id)});
    CTL_EXIT(run, ExitCode::Refused);
    // Exactly what the store says to a reader who approves, nothing rephrased.
    Result<AccessRequest> refused = f.approve(StoreFixture::adele(), id).result();
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::PermissionDenied);
    QCOMPARE(run.err, QStringLiteral("lockboxctl: %1\n").arg(refused.error().message()));
    QVERIFY(run.out.isEmpty());
    QCOMPARE(requestById(f, id).status, RequestStatus::Pending);
}

void TestCtl::approveAfterExpiryExitsTwo()
{
    FIXTURE(f);
    const QString id = f.pending();
    f.clock().advanceSeconds(12 * 3600 + 1);
    const CtlRunner::Run run = ctl.as(StoreFixture::lidia(), {QStringLiteral("approve"), referenceOf(f, id)});
    CTL_EXIT(run, ExitCode::Refused);
    QVERIFY2(run.err.contains(QLatin1String("expired")), qPrintable(run.err));
    QCOMPARE(requestById(f, id).status, RequestStatus::Expired);
}

void TestCtl::approveUnknownReferenceExitsThree()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::lidia(), {QStringLiteral("approve"), QStringLiteral("EXSR000001")});
    CTL_EXIT(run, ExitCode::NotFound);
    QVERIFY2(run.err.contains(QLatin1String("EXSR000001")), qPrintable(run.err));
}

void TestCtl::denyRecordsTheReason()
{
    FIXTURE(f);
    const QString id = f.pending();
    const CtlRunner::Run run = ctl.as(
        StoreFixture::megan(),
        {QStringLiteral("deny"), referenceOf(f, id), QStringLiteral("--reason"), QStringLiteral("Not during close")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QLatin1String("is now Denied.")), qPrintable(run.out));
    const AccessRequest after = requestById(f, id);
    QCOMPARE(after.status, RequestStatus::Denied);
    QCOMPARE(after.decisionComment, QStringLiteral("Not during close"));
    QVERIFY(!after.accessFrom.isValid());
}

void TestCtl::revokeClosesTheWindow()
{
    FIXTURE(f);
    const QString id = f.pending();
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    f.clock().advanceSeconds(600);
    const CtlRunner::Run run
        = ctl.as(StoreFixture::megan(),
                 {QStringLiteral("revoke"), referenceOf(f, id), QStringLiteral("--comment"), QStringLiteral("Fixed")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QLatin1String("is now Revoked.")), qPrintable(run.out));
    const AccessRequest after = requestById(f, id);
    QCOMPARE(after.status, RequestStatus::Revoked);
    QCOMPARE(after.accessUntil, StoreFixture::start.addSecs(600));
}

// ---------------------------------------------------------------------------------------------
// Settings and roles

void TestCtl::settingsGetShowsThePolicy()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::adele(), {QStringLiteral("settings"), QStringLiteral("get")});
    CTL_EXIT(run, ExitCode::Success);
    for (const QString& line : {QStringLiteral("Tenant: %1").arg(contoso),
                                QStringLiteral("Name: Contoso Ltd"),
                                QStringLiteral("Require approval for all data access requests: on"),
                                QStringLiteral("Approvals required: 1")})
        QVERIFY2(run.out.contains(line + QLatin1Char('\n')), qPrintable(run.out));
}

void TestCtl::settingsSetChangesThePolicy()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(),
                                      {QStringLiteral("settings"),
                                       QStringLiteral("set"),
                                       QStringLiteral("--require-approval"),
                                       QStringLiteral("off"),
                                       QStringLiteral("--approvals"),
                                       QStringLiteral("2")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QLatin1String("Require approval for all data access requests: off\n")),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("Approvals required: 2\n")), qPrintable(run.out));
    Result<TenantSettings> stored = f.store().settings(StoreFixture::megan()).result();
    LOCKBOX_VERIFY_OK(stored);
    QCOMPARE(stored->requireApproval, false);
    QCOMPARE(stored->approvalsRequired, 2);
    QCOMPARE(stored->changedBy, StoreFixture::megan().principal);
}

void TestCtl::settingsSetOutOfRangeIsRefusedByTheStore()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(
        StoreFixture::megan(),
        {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--approvals"), QStringLiteral("7")});
    CTL_EXIT(run, ExitCode::Refused);
    QVERIFY2(run.err.contains(QLatin1String("between 1 and 3")), qPrintable(run.err));
    QCOMPARE(f.store().settings(StoreFixture::megan()).result()->approvalsRequired, 1);
}

void TestCtl::rolesListShowsEveryone()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::adele(), {QStringLiteral("roles"), QStringLiteral("list")});
    CTL_EXIT(run, ExitCode::Success);
    QCOMPARE(lines(run.out).size(), 1 + 4);
    QVERIFY(rowStartingWith(run.out, StoreFixture::megan().principal).contains(QLatin1String("Global administrator")));
    QVERIFY(
        rowStartingWith(run.out, StoreFixture::lidia().principal).contains(QLatin1String("Lockbox access approver")));
    QVERIFY(rowStartingWith(run.out, StoreFixture::adele().principal).contains(QLatin1String("Reader")));
}

void TestCtl::rolesAddAndRemoveChangeTheTenantsRoles()
{
    FIXTURE(f);
    const QString joni = QStringLiteral("joni@contoso.com");
    const CtlRunner::Run added = ctl.as(StoreFixture::megan(),
                                        {QStringLiteral("roles"),
                                         QStringLiteral("add"),
                                         joni,
                                         QStringLiteral("--role"),
                                         QStringLiteral("approver"),
                                         QStringLiteral("--name"),
                                         QStringLiteral("Joni Sherman")});
    CTL_EXIT(added, ExitCode::Success);
    QVERIFY2(
        lineContaining(added.out, QStringLiteral("Joni Sherman")).contains(QLatin1String("Lockbox access approver")),
        qPrintable(added.out));
    Result<Actor> resolved = f.store().resolveActor(Actor {joni, contoso}).result();
    LOCKBOX_VERIFY_OK(resolved);
    QCOMPARE(resolved->role, Role::LockboxApprover);

    const CtlRunner::Run removed = ctl.as(
        StoreFixture::megan(), {QStringLiteral("roles"), QStringLiteral("remove"), joni, QStringLiteral("--json")});
    CTL_EXIT(removed, ExitCode::Success);
    bool ok = false;
    const QJsonArray roles = removed.json(&ok).value(QStringLiteral("roles")).toArray();
    QVERIFY2(ok, qPrintable(removed.out));
    QCOMPARE(roles.size(), 4);
    for (const QJsonValue& role : roles)
        QVERIFY(role.toObject().value(QStringLiteral("principal")).toString() != joni);
    LOCKBOX_COMPARE_ERROR(f.store().resolveActor(Actor {joni, contoso}).result(), Error::Code::PermissionDenied);
}

void TestCtl::rolesAddByAnApproverExitsTwo()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::lidia(),
                                      {QStringLiteral("roles"),
                                       QStringLiteral("add"),
                                       QStringLiteral("joni@contoso.com"),
                                       QStringLiteral("--role"),
                                       QStringLiteral("admin")});
    CTL_EXIT(run, ExitCode::Refused);
    LOCKBOX_COMPARE_ERROR(f.store().resolveActor(Actor {QStringLiteral("joni@contoso.com"), contoso}).result(),
                          Error::Code::PermissionDenied);
}

// ---------------------------------------------------------------------------------------------
// Audit

void TestCtl::auditExportThenVerifyFilePasses()
{
    FIXTURE(f);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), f.pending()).result());
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
    const CtlRunner::Run run = ctl.as(StoreFixture::adele(),
                                      {QStringLiteral("audit"),
                                       QStringLiteral("export"),
                                       QStringLiteral("--format"),
                                       QStringLiteral("jsonl"),
                                       QStringLiteral("--output"),
                                       exported});
    CTL_EXIT(run, ExitCode::Success);
    const int records = auditCount(f.path(), QStringLiteral("tenant_id = '%1'").arg(contoso));
    QVERIFY(records > 5);
    QCOMPARE(fileLines(exported).size(), records);
    QVERIFY2(run.out.contains(QStringLiteral("Exported the audit log to %1").arg(exported))
                 && run.out.contains(QStringLiteral("Records: %1.").arg(records)),
             qPrintable(run.out));

    // Offline: no store, no actor, no environment.
    CtlRunner offline(f.sharedClock(), {});
    const CtlRunner::Run verified = offline.run({QStringLiteral("audit"), QStringLiteral("verify-file"), exported});
    CTL_EXIT(verified, ExitCode::Success);
    QVERIFY2(verified.out.contains(QStringLiteral("intact. Records checked: %1;").arg(records)),
             qPrintable(verified.out));
}

void TestCtl::auditExportCsvHasAHeaderAndOneRowPerRecord()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("audit.csv"));
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(),
                                      {QStringLiteral("audit"),
                                       QStringLiteral("export"),
                                       QStringLiteral("--format"),
                                       QStringLiteral("csv"),
                                       QStringLiteral("--output"),
                                       exported});
    CTL_EXIT(run, ExitCode::Success);
    const QList<QByteArray> csv = fileLines(exported);
    QCOMPARE(csv.size(), 1 + auditCount(f.path(), QStringLiteral("tenant_id = '%1'").arg(contoso)));
    QCOMPARE(csv.first(),
             QByteArray("seq,tenantSeq,time,actor,actorRole,tenant,operation,requestId,details,prevHash,hash\r"));
}

void TestCtl::auditExportFiltersByRequestReference()
{
    FIXTURE(f);
    const QString id = f.pending();
    QVERIFY(!f.pending().isEmpty());
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("request.jsonl"));
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(),
                                      {QStringLiteral("audit"),
                                       QStringLiteral("export"),
                                       QStringLiteral("--request"),
                                       referenceOf(f, id),
                                       QStringLiteral("--output"),
                                       exported});
    CTL_EXIT(run, ExitCode::Success);
    const QList<QByteArray> records = fileLines(exported);
    QCOMPARE(records.size(), auditCount(f.path(), QStringLiteral("request_id = '%1'").arg(id)));
    QCOMPARE(records.size(), 2); // filed, manager approved
    for (const QByteArray& line : records)
        QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("requestId")).toString(), id);
}

void TestCtl::auditExportToStdoutIsTheExportItself()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("audit"), QStringLiteral("export")});
    CTL_EXIT(run, ExitCode::Success);
    const QStringList records = lines(run.out);
    QCOMPARE(records.size(), auditCount(f.path(), QStringLiteral("tenant_id = '%1'").arg(contoso)));
    qint64 previous = 0;
    for (const QString& line : records) {
        const qint64 seq = QJsonDocument::fromJson(line.toUtf8()).object().value(QStringLiteral("seq")).toInteger();
        QVERIFY2(seq > previous, qPrintable(line));
        previous = seq;
    }
    QVERIFY2(run.err.contains(QStringLiteral("Exported the audit log. Records: %1.").arg(records.size())),
             qPrintable(run.err));
}

void TestCtl::editedExportFailsVerifyFileNamingTheRecord()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
    CTL_EXIT(ctl.as(StoreFixture::megan(),
                    {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), exported}),
             ExitCode::Success);

    // Someone rewrites who did it on the third line.
    QList<QByteArray> records = fileLines(exported);
    QVERIFY(records.size() > 3);
    QJsonObject edited = QJsonDocument::fromJson(records.at(2)).object();
    const qint64 seq = edited.value(QStringLiteral("seq")).toInteger();
    edited.insert(QStringLiteral("actor"), QStringLiteral("mallory@evil.example"));
    records[2] = QJsonDocument(edited).toJson(QJsonDocument::Compact);
    QVERIFY(writeLines(exported, records));

    CtlRunner offline(f.sharedClock(), {});
    const CtlRunner::Run run
        = offline.run({QStringLiteral("audit"), QStringLiteral("verify-file"), exported, QStringLiteral("--json")});
    CTL_EXIT(run, ExitCode::IntegrityFailure);
    QVERIFY2(run.err.contains(QStringLiteral("record %1 ").arg(seq)), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("line 3")), qPrintable(run.err));
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("firstBrokenSeq")).toInteger(), seq);
    QCOMPARE(json.value(QStringLiteral("intact")).toBool(true), false);
    QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("integrity_failure"));
}

void TestCtl::reorderedExportFailsVerifyFile()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
    CTL_EXIT(ctl.as(StoreFixture::megan(),
                    {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), exported}),
             ExitCode::Success);
    QList<QByteArray> records = fileLines(exported);
    records.swapItemsAt(1, 2);
    QVERIFY(writeLines(exported, records));
    const CtlRunner::Run run
        = CtlRunner(f.sharedClock(), {}).run({QStringLiteral("audit"), QStringLiteral("verify-file"), exported});
    CTL_EXIT(run, ExitCode::IntegrityFailure);
    // The tenant's second record now comes third: the chain breaks at line 2, where the third one is.
    QVERIFY2(run.err.contains(QLatin1String("(line 2)")) && run.err.contains(QLatin1String("record 2 of tenant")),
             qPrintable(run.err));
}

void TestCtl::verifyFileOfAMissingFileExitsFive()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("never-exported.jsonl"));
    const CtlRunner::Run run = CtlRunner(std::make_shared<ManualClock>(StoreFixture::start), {})
                                   .run({QStringLiteral("audit"), QStringLiteral("verify-file"), path});
    CTL_EXIT(run, ExitCode::IntegrityFailure);
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
}

void TestCtl::refusedExportLeavesNoOutputFile()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("fresh.jsonl"));
    const QString earlier = dir.filePath(QStringLiteral("earlier.jsonl"));
    QVERIFY(writeLines(earlier, {"an earlier export"}));
    // Engineers do not read the audit log: the store refuses on the first page.
    for (const QString& output : {fresh, earlier}) {
        const CtlRunner::Run run
            = ctl.as(StoreFixture::engineer(),
                     {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), output});
        CTL_EXIT(run, ExitCode::Refused);
    }
    QVERIFY(!QFile::exists(fresh));
    QCOMPARE(readAll(earlier), QByteArray("an earlier export\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList {QStringLiteral("earlier.jsonl")});
}

void TestCtl::exportToAnUnwritablePathExitsFour()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("no-such-folder/audit.jsonl"));
    const CtlRunner::Run run = ctl.as(
        StoreFixture::megan(), {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), output});
    CTL_EXIT(run, ExitCode::StoreFailure);
    QVERIFY2(run.err.contains(output), qPrintable(run.err));
    QVERIFY(!QFile::exists(output));
}

void TestCtl::auditVerifyPassesOnAnIntactStore()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    const CtlRunner::Run run = ctl.as(StoreFixture::adele(), {QStringLiteral("audit"), QStringLiteral("verify")});
    CTL_EXIT(run, ExitCode::Success);
    // The reader's tenant's chain, whole.
    const int records = auditCount(f.path(), QStringLiteral("tenant_id = '%1'").arg(contoso));
    QVERIFY2(run.out.startsWith(QStringLiteral("Audit log intact. Records checked: %1.\n").arg(records)),
             qPrintable(run.out));
}

void TestCtl::tamperedStoreFailsAuditVerifyNamingTheFirstBrokenSeq()
{
    FIXTURE(f);
    QVERIFY(!f.pending().isEmpty());
    f.closeStore();
    QString problem;
    QVERIFY2(RawDatabase::exec(f.path(),
                               {QStringLiteral("UPDATE audit SET actor = 'mallory@evil.example' WHERE seq = 9"),
                                QStringLiteral("UPDATE audit SET actor = 'mallory@evil.example' WHERE seq = 11")},
                               &problem),
             qPrintable(problem));

    const CtlRunner::Run run = ctl.as(StoreFixture::megan(), {QStringLiteral("audit"), QStringLiteral("verify")});
    CTL_EXIT(run, ExitCode::IntegrityFailure);
    QVERIFY2(run.err.startsWith(QLatin1String("lockboxctl: Audit log broken at record 9: record 9 was changed")),
             qPrintable(run.err));
    const CtlRunner::Run json
        = ctl.as(StoreFixture::megan(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
    CTL_EXIT(json, ExitCode::IntegrityFailure);
    QCOMPARE(json.json().value(QStringLiteral("firstBrokenSeq")).toInteger(), 9);
    QCOMPARE(json.json().value(QStringLiteral("intact")).toBool(true), false);
}

// ---------------------------------------------------------------------------------------------
// Operator

void TestCtl::engineerFilesAndManagerApprovesIntoPending()
{
    FIXTURE(f);
    // No --tenant: operator commands act in the operator's tenant.
    const QStringList engineer
        = {QStringLiteral("--store"), f.path(), QStringLiteral("--as"), StoreFixture::engineer().principal};
    const CtlRunner::Run filed = ctl.run(engineer
                                         + QStringList {QStringLiteral("operator"),
                                                        QStringLiteral("file"),
                                                        QStringLiteral("--for"),
                                                        contoso,
                                                        QStringLiteral("--workload"),
                                                        QStringLiteral("sharepoint"),
                                                        QStringLiteral("--ticket"),
                                                        QStringLiteral("SR2611249999"),
                                                        QStringLiteral("--reason"),
                                                        QStringLiteral("Fix broken inheritance"),
                                                        QStringLiteral("--scope"),
                                                        QStringLiteral("Site Finance"),
                                                        QStringLiteral("--duration"),
                                                        QStringLiteral("30"),
                                                        QStringLiteral("--json")});
    CTL_EXIT(filed, ExitCode::Success);
    const QJsonObject request = filed.json();
    const QString reference = request.value(QStringLiteral("reference")).toString();
    QVERIFY2(reference.startsWith(QLatin1String("SPSR")), qPrintable(reference));
    QCOMPARE(request.value(QStringLiteral("status")).toString(), QStringLiteral("Filed"));
    QCOMPARE(request.value(QStringLiteral("tenant")).toString(), contoso);
    QCOMPARE(request.value(QStringLiteral("requester")).toString(), StoreFixture::engineer().principal);
    QCOMPARE(request.value(QStringLiteral("durationMinutes")).toInt(), 30);

    const CtlRunner::Run approved = ctl.run({QStringLiteral("--store"),
                                             f.path(),
                                             QStringLiteral("--as"),
                                             StoreFixture::manager().principal,
                                             QStringLiteral("operator"),
                                             QStringLiteral("manager-approve"),
                                             reference});
    CTL_EXIT(approved, ExitCode::Success);
    QVERIFY2(approved.out.contains(QStringLiteral("%1 is now Pending.").arg(reference)), qPrintable(approved.out));
    QCOMPARE(requestById(f, request.value(QStringLiteral("id")).toString()).status, RequestStatus::Pending);
}

void TestCtl::managerRejectRecordsTheReason()
{
    FIXTURE(f);
    const QString id = f.file();
    const CtlRunner::Run run = ctl.as(StoreFixture::manager(),
                                      {QStringLiteral("operator"),
                                       QStringLiteral("manager-reject"),
                                       referenceOf(f, id),
                                       QStringLiteral("--reason"),
                                       QStringLiteral("Use the runbook first")});
    CTL_EXIT(run, ExitCode::Success);
    const AccessRequest after = requestById(f, id);
    QCOMPARE(after.status, RequestStatus::Rejected);
    QCOMPARE(after.decisionComment, QStringLiteral("Use the runbook first"));
}

void TestCtl::engineerWithdrawsTheirRequest()
{
    FIXTURE(f);
    const QString id = f.pending();
    const CtlRunner::Run run = ctl.as(StoreFixture::engineer(),
                                      {QStringLiteral("operator"), QStringLiteral("withdraw"), referenceOf(f, id)});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QLatin1String("is now Withdrawn.")), qPrintable(run.out));
    QCOMPARE(requestById(f, id).status, RequestStatus::Cancelled);
}

void TestCtl::engineerCannotApprove()
{
    FIXTURE(f);
    const QString id = f.pending();
    const CtlRunner::Run run = ctl.as(StoreFixture::engineer(), {QStringLiteral("approve"), referenceOf(f, id)});
    CTL_EXIT(run, ExitCode::Refused);
    QCOMPARE(requestById(f, id).status, RequestStatus::Pending);
}

void TestCtl::accessCheckAnswersWithTheExitCode()
{
    FIXTURE(f);
    const QString id = f.pending();
    const QStringList check = {QStringLiteral("operator"),
                               QStringLiteral("access-check"),
                               QStringLiteral("--engineer"),
                               StoreFixture::engineer().principal,
                               QStringLiteral("--for"),
                               contoso};
    const CtlRunner::Run denied = ctl.as(StoreFixture::manager(), check);
    CTL_EXIT(denied, ExitCode::Refused);
    QVERIFY2(denied.out.startsWith(QLatin1String("Denied: ")), qPrintable(denied.out));

    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), id).result());
    const CtlRunner::Run allowed = ctl.as(StoreFixture::manager(), check);
    CTL_EXIT(allowed, ExitCode::Success);
    QVERIFY2(allowed.out.startsWith(QLatin1String("Allowed: ")), qPrintable(allowed.out));
    QVERIFY2(allowed.out.contains(QLatin1String("until 2026-11-24 09:00:00 UTC")), qPrintable(allowed.out));
    QVERIFY2(allowed.out.contains(referenceOf(f, id)), qPrintable(allowed.out));

    const CtlRunner::Run json = ctl.as(StoreFixture::manager(), check + QStringList {QStringLiteral("--json")});
    CTL_EXIT(json, ExitCode::Success);
    QCOMPARE(json.json().value(QStringLiteral("allowed")).toBool(), true);
    QCOMPARE(json.json().value(QStringLiteral("until")).toString(), QStringLiteral("2026-11-24T09:00:00.000Z"));
    QCOMPARE(json.json().value(QStringLiteral("requestId")).toString(), id);
}

// ---------------------------------------------------------------------------------------------
// Provisioning

void TestCtl::tenantAddCreatesAStoreWithItsAdmin()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run created = ctl.run({QStringLiteral("--store"),
                                            path,
                                            QStringLiteral("tenant"),
                                            QStringLiteral("add"),
                                            QStringLiteral("tailspin.onmicrosoft.com"),
                                            QStringLiteral("--name"),
                                            QStringLiteral("Tailspin Toys"),
                                            QStringLiteral("--admin"),
                                            QStringLiteral("ann@tailspin.com")});
    CTL_EXIT(created, ExitCode::Success);
    QVERIFY(QFile::exists(path));

    const Actor ann {QStringLiteral("ann@tailspin.com"), QStringLiteral("tailspin.onmicrosoft.com")};
    const CtlRunner::Run settings = ctl.as(ann, {QStringLiteral("settings"), QStringLiteral("get")});
    CTL_EXIT(settings, ExitCode::Success);
    QVERIFY2(settings.out.contains(QLatin1String("Name: Tailspin Toys\n")), qPrintable(settings.out));
    const CtlRunner::Run roles = ctl.as(ann, {QStringLiteral("roles"), QStringLiteral("list")});
    CTL_EXIT(roles, ExitCode::Success);
    QVERIFY2(lineContaining(roles.out, ann.principal).contains(QLatin1String("Global administrator")),
             qPrintable(roles.out));
}

void TestCtl::tenantAddRefusesAnExistingTenant()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.run({QStringLiteral("--store"),
                                        f.path(),
                                        QStringLiteral("tenant"),
                                        QStringLiteral("add"),
                                        contoso,
                                        QStringLiteral("--name"),
                                        QStringLiteral("Contoso Again"),
                                        QStringLiteral("--admin"),
                                        QStringLiteral("eve@contoso.com")});
    CTL_EXIT(run, ExitCode::Refused);
    QVERIFY2(run.err.contains(QLatin1String("already exists")), qPrintable(run.err));
}

void TestCtl::staffAddLetsTheEngineerFile()
{
    FIXTURE(f);
    const QString jing = QStringLiteral("jchen@ops.example");
    const CtlRunner::Run added = ctl.run({QStringLiteral("--store"),
                                          f.path(),
                                          QStringLiteral("staff"),
                                          QStringLiteral("add"),
                                          jing,
                                          QStringLiteral("--role"),
                                          QStringLiteral("engineer"),
                                          QStringLiteral("--name"),
                                          QStringLiteral("Jing Chen")});
    CTL_EXIT(added, ExitCode::Success);
    const CtlRunner::Run filed = ctl.as(Actor {jing, operatorTenantId},
                                        {QStringLiteral("operator"),
                                         QStringLiteral("file"),
                                         QStringLiteral("--for"),
                                         contoso,
                                         QStringLiteral("--workload"),
                                         QStringLiteral("onedrive"),
                                         QStringLiteral("--ticket"),
                                         QStringLiteral("SR7"),
                                         QStringLiteral("--reason"),
                                         QStringLiteral("Restore a folder"),
                                         QStringLiteral("--scope"),
                                         QStringLiteral("OneDrive of joni@contoso.com"),
                                         QStringLiteral("--duration"),
                                         QStringLiteral("60")});
    CTL_EXIT(filed, ExitCode::Success);
    QVERIFY2(filed.out.startsWith(QLatin1String("Filed ODSR")), qPrintable(filed.out));
}

void TestCtl::seedDemoCreatesAStoreAndNamesWhoToSignInAs()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.db"));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run seeded
        = ctl.run({QStringLiteral("--store"), path, QStringLiteral("seed"), QStringLiteral("demo")});
    CTL_EXIT(seeded, ExitCode::Success);
    QVERIFY2(seeded.out.startsWith(QStringLiteral("Created the training demo store %1:").arg(path)),
             qPrintable(seeded.out));
    QVERIFY2(lineContaining(seeded.out, QStringLiteral("megan.bowen@contoso.com"))
                 .contains(QLatin1String("Global administrator")),
             qPrintable(seeded.out));
    QVERIFY2(
        lineContaining(seeded.out, QStringLiteral("rkumar@ops.lockbox.example")).contains(QLatin1String("operator")),
        qPrintable(seeded.out));
    QVERIFY2(seeded.out.contains(QStringLiteral("export LOCKBOX_STORE=%1 LOCKBOX_USER=megan.bowen@contoso.com "
                                                "LOCKBOX_TENANT=contoso.onmicrosoft.com")
                                     .arg(path)),
             qPrintable(seeded.out));

    // The store is ready for the person it names.
    const CtlRunner::Run pending = ctl.as(
        Actor {QStringLiteral("megan.bowen@contoso.com"), QStringLiteral("contoso.onmicrosoft.com")},
        {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("pending"), QStringLiteral("--json")});
    CTL_EXIT(pending, ExitCode::Success);
    QVERIFY(!pending.json().value(QStringLiteral("requests")).toArray().isEmpty());
}

void TestCtl::seedDemoRefusesAnExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("precious.db"));
    QVERIFY(writeLines(path, {"precious"}));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run run
        = ctl.run({QStringLiteral("--store"), path, QStringLiteral("seed"), QStringLiteral("demo")});
    CTL_EXIT(run, ExitCode::Refused);
    QVERIFY2(run.err.contains(QLatin1String("already exists")), qPrintable(run.err));
    QCOMPARE(readAll(path), QByteArray("precious\n"));
}

void TestCtl::seedLargeReportsProgressAndElapsedTime()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.db"));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    const CtlRunner::Run run = ctl.run({QStringLiteral("--store"),
                                        path,
                                        QStringLiteral("seed"),
                                        QStringLiteral("large"),
                                        QStringLiteral("--count"),
                                        QStringLiteral("3000")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.err.contains(QLatin1String("3000 of 3000 requests written (100%")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("Building the indexes...")), qPrintable(run.err));
    const QRegularExpression elapsed(
        QStringLiteral("^Created the benchmark store .*: 3000 requests in \\d+\\.\\d s\\.$"),
        QRegularExpression::MultilineOption);
    QVERIFY2(elapsed.match(run.out).hasMatch(), qPrintable(run.out));
    QCOMPARE(RawDatabase::value(path, QStringLiteral("SELECT COUNT(*) FROM requests")).toInt(), 3000);
}

void TestCtl::largeExportReportsProgressOnStderr()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.db"));
    CtlRunner ctl(std::make_shared<ManualClock>(StoreFixture::start), path);
    CTL_EXIT(ctl.run({QStringLiteral("--store"),
                      path,
                      QStringLiteral("seed"),
                      QStringLiteral("large"),
                      QStringLiteral("--count"),
                      QStringLiteral("25000")}),
             ExitCode::Success);
    const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
    const CtlRunner::Run run
        = ctl.as(Actor {QStringLiteral("megan.bowen@contoso.com"), QStringLiteral("contoso.onmicrosoft.com")},
                 {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), exported});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.err.contains(QLatin1String("Exported 10000 records...\n")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("Exported 20000 records...\n")), qPrintable(run.err));
    QVERIFY(fileLines(exported).size() > 20000);
}

void TestCtl::askAndAnswerAQuestion()
{
    FIXTURE(f);
    const QString id = f.pending();
    const QString reference = referenceOf(f, id);
    CTL_EXIT(ctl.as(StoreFixture::lidia(), {QStringLiteral("ask"), reference}), ExitCode::Usage);
    const CtlRunner::Run asked
        = ctl.as(StoreFixture::lidia(),
                 {QStringLiteral("ask"), reference, QStringLiteral("--text"), QStringLiteral("Which mailbox?")});
    CTL_EXIT(asked, ExitCode::Success);
    QVERIFY2(asked.out.contains(QLatin1String("is now Information requested.")), qPrintable(asked.out));
    QVERIFY(requestById(f, id).informationRequested);

    const CtlRunner::Run answered = ctl.as(StoreFixture::engineer(),
                                           {QStringLiteral("operator"),
                                            QStringLiteral("answer"),
                                            reference,
                                            QStringLiteral("--text"),
                                            QStringLiteral("joni@contoso.com")});
    CTL_EXIT(answered, ExitCode::Success);
    QVERIFY(!requestById(f, id).informationRequested);
    const CtlRunner::Run shown = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), reference});
    CTL_EXIT(shown, ExitCode::Success);
    QVERIFY2(shown.out.contains(QLatin1String("Which mailbox?"))
                 && shown.out.contains(QLatin1String("joni@contoso.com"))
                 && shown.out.contains(AuditOperation::QuestionAnswered),
             qPrintable(shown.out));
    // Nothing open to answer now.
    CTL_EXIT(ctl.as(StoreFixture::engineer(),
                    {QStringLiteral("operator"),
                     QStringLiteral("answer"),
                     reference,
                     QStringLiteral("--text"),
                     QStringLiteral("Again")}),
             ExitCode::Refused);
}

void TestCtl::settingsSetNamesBackupApprovers()
{
    FIXTURE(f);
    const CtlRunner::Run run = ctl.as(StoreFixture::megan(),
                                      {QStringLiteral("settings"),
                                       QStringLiteral("set"),
                                       QStringLiteral("--backup-approvers"),
                                       QStringLiteral("Diego@contoso.com, lidia@contoso.com"),
                                       QStringLiteral("--escalation-lead"),
                                       QStringLiteral("90")});
    CTL_EXIT(run, ExitCode::Success);
    QVERIFY2(run.out.contains(QLatin1String("Backup approvers: diego@contoso.com, lidia@contoso.com\n")),
             qPrintable(run.out));
    QCOMPARE(f.store().settings(StoreFixture::megan()).result()->escalationLeadMinutes, 90);
    const CtlRunner::Run reader = ctl.as(StoreFixture::megan(),
                                         {QStringLiteral("settings"),
                                          QStringLiteral("set"),
                                          QStringLiteral("--backup-approvers"),
                                          QStringLiteral("adele@contoso.com")});
    CTL_EXIT(reader, ExitCode::Refused);
    QVERIFY2(reader.err.contains(QLatin1String("cannot be a backup approver")), qPrintable(reader.err));
    CTL_EXIT(ctl.as(StoreFixture::megan(),
                    {QStringLiteral("settings"),
                     QStringLiteral("set"),
                     QStringLiteral("--backup-approvers"),
                     QStringLiteral("none")}),
             ExitCode::Success);
    QVERIFY(f.store().settings(StoreFixture::megan()).result()->backupApprovers.isEmpty());
}

void TestCtl::keyCreateRegistersAPrivateKeyFile()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lidia.key"));
    const CtlRunner::Run created
        = ctl.as(StoreFixture::lidia(), {QStringLiteral("key"), QStringLiteral("create"), path});
    CTL_EXIT(created, ExitCode::Success);
    const Result<SigningKey> key = KeyFile::read(path);
    LOCKBOX_VERIFY_OK(key);
    QVERIFY2(created.out.contains(key->fingerprint()), qPrintable(created.out));
    const QList<RegisteredKey> keys = *f.store().signingKeys(StoreFixture::megan()).result();
    const auto fromFile = std::find_if(keys.cbegin(), keys.cend(), [&](const RegisteredKey& registered) {
        return registered.publicKey == key->publicKey();
    });
    QVERIFY(fromFile != keys.cend());
    QCOMPARE(fromFile->principal, StoreFixture::lidia().principal);
    const CtlRunner::Run listed = ctl.as(StoreFixture::adele(), {QStringLiteral("key"), QStringLiteral("list")});
    CTL_EXIT(listed, ExitCode::Success);
    QVERIFY2(listed.out.contains(key->fingerprint()) && listed.out.contains(StoreFixture::lidia().principal),
             qPrintable(listed.out));

    // A reader may not register a key, and leaves no key file behind.
    const QString readers = dir.filePath(QStringLiteral("adele.key"));
    CTL_EXIT(ctl.as(StoreFixture::adele(), {QStringLiteral("key"), QStringLiteral("create"), readers}),
             ExitCode::Refused);
    QVERIFY(!QFile::exists(readers));
}

void TestCtl::approveWithAKeyFileSignsTheDecision()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lidia.key"));
    CTL_EXIT(ctl.as(StoreFixture::lidia(), {QStringLiteral("key"), QStringLiteral("create"), path}), ExitCode::Success);
    const QString id = f.pending();
    const CtlRunner::Run approved
        = ctl.as(StoreFixture::lidia(), {QStringLiteral("approve"), referenceOf(f, id), QStringLiteral("--key"), path});
    CTL_EXIT(approved, ExitCode::Success);
    const AccessRequest stored = requestById(f, id);
    QCOMPARE(stored.status, RequestStatus::Approved);
    const Decision approval = stored.decisions.last();
    QCOMPARE(approval.signingKey, KeyFile::read(path)->fingerprint());
    QVERIFY(
        SigningKey::verify(KeyFile::read(path)->publicKey(),
                           DecisionStatement::of(stored, Action::Approve, approval.actor, approval.signedAt).encoded(),
                           approval.signature));

    // Someone else's key file is refused by the store, and so is one that others can read.
    const QString next = f.pending();
    const CtlRunner::Run borrowed = ctl.as(
        StoreFixture::megan(), {QStringLiteral("approve"), referenceOf(f, next), QStringLiteral("--key"), path});
    CTL_EXIT(borrowed, ExitCode::Refused);
    QVERIFY2(borrowed.err.contains(QLatin1String("not registered to megan@contoso.com")), qPrintable(borrowed.err));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    CTL_EXIT(
        ctl.as(StoreFixture::lidia(), {QStringLiteral("approve"), referenceOf(f, next), QStringLiteral("--key"), path}),
        ExitCode::Refused);
    QCOMPARE(requestById(f, next).status, RequestStatus::Pending);
}

void TestCtl::verifyFileChecksEverySignedDecision()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("lidia.key"));
    CTL_EXIT(ctl.as(StoreFixture::lidia(), {QStringLiteral("key"), QStringLiteral("create"), key}), ExitCode::Success);
    const QString id = f.pending();
    CTL_EXIT(
        ctl.as(StoreFixture::lidia(), {QStringLiteral("approve"), referenceOf(f, id), QStringLiteral("--key"), key}),
        ExitCode::Success);
    const QString exported = dir.filePath(QStringLiteral("audit.jsonl"));
    CTL_EXIT(ctl.as(StoreFixture::adele(),
                    {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--output"), exported}),
             ExitCode::Success);
    CtlRunner offline(f.sharedClock(), {});
    const CtlRunner::Run verified = offline.run({QStringLiteral("audit"), QStringLiteral("verify-file"), exported});
    CTL_EXIT(verified, ExitCode::Success);
    QVERIFY2(verified.out.contains(QStringLiteral("Signed decisions checked: 1.")), qPrintable(verified.out));

    // Someone who can write the database replaces the signature and recomputes the whole chain:
    // the chain holds, the signature does not, and verify-file names the record.
    QList<AuditRecord> records;
    for (const QByteArray& line : fileLines(exported)) {
        AuditRecord record;
        QString problem;
        QVERIFY2(AuditRecord::fromJson(QJsonDocument::fromJson(line).object(), &record, &problem), qPrintable(problem));
        records.append(record);
    }
    qint64 forgedSeq = 0;
    for (qsizetype i = 0; i < records.size(); ++i) {
        AuditRecord& record = records[i];
        if (record.operation == AuditOperation::RequestApproved) {
            const SigningKey other = *SigningKey::generate();
            record.details.insert(QStringLiteral("signature"), QString::fromLatin1(other.sign("forged").toBase64()));
            forgedSeq = record.seq;
        }
        if (i > 0)
            record.prevHash = records[i - 1].hash;
        record.hash = record.computeHash();
    }
    QVERIFY(forgedSeq > 0);
    QFile file(exported);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    for (const AuditRecord& record : std::as_const(records))
        file.write(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n');
    file.close();
    const CtlRunner::Run caught = offline.run({QStringLiteral("audit"), QStringLiteral("verify-file"), exported});
    CTL_EXIT(caught, ExitCode::IntegrityFailure);
    const QString said = caught.out + caught.err;
    QVERIFY2(said.contains(QStringLiteral("record %1").arg(forgedSeq))
                 && said.contains(QStringLiteral("signature does not match")),
             qPrintable(said));
}

void TestCtl::keySignPrintsASignatureTheStoreAccepts()
{
    FIXTURE(f);
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("lidia.key"));
    CTL_EXIT(ctl.as(StoreFixture::lidia(), {QStringLiteral("key"), QStringLiteral("create"), key}), ExitCode::Success);
    const QString first = f.pending();
    const QString second = f.pending();
    const QString ids = dir.filePath(QStringLiteral("ids"));
    {
        QFile file(ids);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        // Ids or references, one a line; blank lines are skipped.
        file.write(first.toUtf8() + "\n\n" + referenceOf(f, second).toUtf8() + "\n");
    }
    const QStringList sign = {QStringLiteral("key"),
                              QStringLiteral("sign"),
                              QStringLiteral("--key"),
                              key,
                              QStringLiteral("--action"),
                              QStringLiteral("approve"),
                              QStringLiteral("--ids"),
                              ids};
    const CtlRunner::Run signedRun = ctl.as(StoreFixture::lidia(), sign);
    CTL_EXIT(signedRun, ExitCode::Success);
    const QStringList lines = signedRun.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QJsonObject line = QJsonDocument::fromJson(lines.at(1).toUtf8()).object();
    QCOMPARE(line.value(QStringLiteral("id")).toString(), second);
    const QJsonObject signature = line.value(QStringLiteral("signature")).toObject();
    const Result<DecisionSignature> parsed = RequestJson::fromJson<DecisionSignature>(signature);
    LOCKBOX_VERIFY_OK(parsed);
    QCOMPARE(parsed->keyFingerprint, KeyFile::read(key)->fingerprint());

    // The signature is the one the store asks for: the decision it signs goes through.
    const Actor lidia = StoreFixture::lidia();
    LOCKBOX_VERIFY_OK(f.store().perform(lidia, second, Action::Approve, {}, *parsed).result());
    QCOMPARE(requestById(f, second).status, RequestStatus::Approved);
    // Signed for approving, it does not deny.
    const QJsonObject firstLine = QJsonDocument::fromJson(lines.at(0).toUtf8()).object();
    const Result<DecisionSignature> forFirst
        = RequestJson::fromJson<DecisionSignature>(firstLine.value(QStringLiteral("signature")));
    LOCKBOX_VERIFY_OK(forFirst);
    LOCKBOX_COMPARE_ERROR(f.store().perform(lidia, first, Action::Deny, QStringLiteral("No"), *forFirst).result(),
                          Error::Code::PermissionDenied);

    // Bad input: no action to sign, an unknown request.
    CTL_EXIT(ctl.as(lidia, sign.mid(0, 4) + sign.mid(6)), ExitCode::Usage);
    QFile unknown(ids);
    QVERIFY(unknown.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text));
    unknown.write("EXSR999999999\n");
    unknown.close();
    CTL_EXIT(ctl.as(lidia, sign), ExitCode::NotFound);
}

void TestCtl::handEditedApprovalWithTheSqlite3CommandLineGrantsNothing()
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    QVERIFY2(!sqlite3.isEmpty(), "the sqlite3 command line is required (Debian package sqlite3)");
    FIXTURE(f);
    const auto accessCheck = [&ctl] {
        return ctl.as(StoreFixture::manager(),
                      {QStringLiteral("operator"),
                       QStringLiteral("access-check"),
                       QStringLiteral("--engineer"),
                       StoreFixture::engineer().principal,
                       QStringLiteral("--for"),
                       contoso});
    };
    // A request approved and then revoked leaves a genuine signature behind to copy.
    const QString genuine = f.pending();
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::lidia(), genuine).result());
    LOCKBOX_VERIFY_OK(f.revoke(StoreFixture::megan(), genuine).result());
    const QString edited = f.pending();
    const QString reference = referenceOf(f, edited);
    const qint64 now = f.clock().now().toMSecsSinceEpoch();
    f.closeStore();

    // Whoever can write the database file flips the request to Approved with an open window and
    // gives it an approval by Lidia, signature and all, copied from the other request.
    QProcess process;
    process.start(sqlite3,
                  {f.path(),
                   QStringLiteral("UPDATE requests SET status = 'Approved', approvals_count = approvals_required, "
                                  "decided_by = 'lidia@contoso.com', decided_at = %1, access_from = %1, "
                                  "access_until = %1 + duration_minutes * 60000 WHERE id = '%2';"
                                  "INSERT INTO decisions (request_id, seq, kind, actor, actor_role, at, comment, "
                                  "signing_key, signed_at, signature) "
                                  "SELECT '%2', 100, kind, actor, actor_role, %1, comment, signing_key, signed_at, "
                                  "signature FROM decisions WHERE request_id = '%3' AND kind = 'Approve';")
                       .arg(now)
                       .arg(edited, genuine)});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(RawDatabase::value(f.path(),
                                QStringLiteral("SELECT COUNT(*) FROM decisions WHERE request_id = '%1' AND "
                                               "kind = 'Approve' AND signature <> ''")
                                    .arg(edited))
                 .toInt(),
             1);

    // The store reads it as approved, but the access check verifies the approval's signature.
    const CtlRunner::Run shown = ctl.as(StoreFixture::megan(), {QStringLiteral("show"), reference});
    CTL_EXIT(shown, ExitCode::Success);
    QVERIFY2(shown.out.contains(QLatin1String("Approved")), qPrintable(shown.out));
    const CtlRunner::Run check = accessCheck();
    CTL_EXIT(check, ExitCode::Refused);
    QVERIFY2(check.out.startsWith(QLatin1String("Denied: ")), qPrintable(check.out));
    QVERIFY2(check.out.contains(reference) && check.out.contains(QLatin1String("0 of the 1 approvals"))
                 && check.out.contains(QLatin1String("grants nothing")),
             qPrintable(check.out));

    // Nor does giving Lidia's registered key row the forger's public key, so that a signature
    // made with the forger's key names Lidia's fingerprint.
    const SigningKey forger = *SigningKey::generate();
    const qint64 signedAt = now;
    QString problem;
    QVERIFY2(f.reopenStore(&problem), qPrintable(problem));
    const AccessRequest asStored = requestById(f, edited);
    f.closeStore();
    const QByteArray forgedSignature
        = forger.sign(DecisionStatement::of(asStored,
                                            Action::Approve,
                                            StoreFixture::lidia().principal,
                                            QDateTime::fromMSecsSinceEpoch(signedAt, Qt::UTC))
                          .encoded());
    process.start(
        sqlite3,
        {f.path(),
         QStringLiteral("UPDATE signing_keys SET public_key = '%1' WHERE principal = 'lidia@contoso.com';"
                        "UPDATE decisions SET signature = '%2', signed_at = %3 WHERE request_id = '%4' "
                        "AND seq = 100;")
             .arg(QString::fromLatin1(forger.publicKey().toBase64()), QString::fromLatin1(forgedSignature.toBase64()))
             .arg(signedAt)
             .arg(edited)});
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const CtlRunner::Run swapped = accessCheck();
    CTL_EXIT(swapped, ExitCode::Refused);
    QVERIFY2(swapped.out.contains(QLatin1String("does not match its fingerprint")), qPrintable(swapped.out));

    // Nor does the forged row hide a genuine approval with a shorter window.
    QVERIFY2(f.reopenStore(&problem), qPrintable(problem));
    const QString shorter = f.pending(30);
    LOCKBOX_VERIFY_OK(f.approve(StoreFixture::megan(), shorter).result()); // Lidia's key row is spoilt now
    const CtlRunner::Run stillAllowed = accessCheck();
    CTL_EXIT(stillAllowed, ExitCode::Success);
    QVERIFY2(stillAllowed.out.startsWith(QLatin1String("Allowed: "))
                 && stillAllowed.out.contains(referenceOf(f, shorter)),
             qPrintable(stillAllowed.out));
}
