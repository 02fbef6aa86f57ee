#include "TestCliFormatting.h"

#include "cli/DisplayFormat.h"
#include "cli/ExitCode.h"
#include "cli/TablePrinter.h"
#include "json/RequestJson.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace lockbox;

void TestCliFormatting::durationsReadAsHoursAndMinutes_data()
{
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("a minute") << 1 << QStringLiteral("1 min");
    QTest::newRow("under an hour") << 45 << QStringLiteral("45 min");
    QTest::newRow("an hour") << 60 << QStringLiteral("1 h");
    QTest::newRow("an hour and a half") << 90 << QStringLiteral("1 h 30 min");
    QTest::newRow("the longest request") << 240 << QStringLiteral("4 h");
}

void TestCliFormatting::durationsReadAsHoursAndMinutes()
{
    QFETCH(int, minutes);
    QFETCH(QString, shown);
    QCOMPARE(DisplayFormat::minutes(minutes), shown);
}

void TestCliFormatting::timeLeftRoundsDownToTheMinute_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("shown");
    QTest::newRow("last seconds") << qint64(59) << QStringLiteral("< 1 min");
    QTest::newRow("one minute") << qint64(60) << QStringLiteral("1 min");
    QTest::newRow("almost 3 h 13 min") << qint64(3 * 3600 + 12 * 60 + 59) << QStringLiteral("3 h 12 min");
    QTest::newRow("twelve hours") << qint64(12 * 3600) << QStringLiteral("12 h");
}

void TestCliFormatting::timeLeftRoundsDownToTheMinute()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, shown);
    QCOMPARE(DisplayFormat::timeLeft(seconds), shown);
}

void TestCliFormatting::onlyUndecidedRequestsShowTimeLeft_data()
{
    QTest::addColumn<RequestStatus>("status");
    QTest::addColumn<QString>("shown");
    for (RequestStatus status : requestStatus::all()) {
        const bool undecided = status == RequestStatus::Filed || status == RequestStatus::Pending;
        QTest::newRow(qPrintable(requestStatus::key(status)))
            << status << (undecided ? QStringLiteral("2 h") : QStringLiteral("—"));
    }
}

void TestCliFormatting::onlyUndecidedRequestsShowTimeLeft()
{
    QFETCH(RequestStatus, status);
    QFETCH(QString, shown);
    const QDateTime now(QDate(2026, 11, 24), QTime(8, 0), Qt::UTC);
    AccessRequest request;
    request.status = status;
    request.expires = now.addSecs(2 * 3600);
    QCOMPARE(DisplayFormat::expiresIn(request, now), shown);
}

void TestCliFormatting::tableColumnsAreAsWideAsTheirWidestCell()
{
    TablePrinter table({QStringLiteral("Reference"), QStringLiteral("Reason")});
    table.addRow({QStringLiteral("EXSR1"), QStringLiteral("short")});
    const QString longReason = QStringLiteral("a reason far longer than any terminal is wide ").repeated(4).trimmed();
    table.addRow({QStringLiteral("EXSR359423"), longReason});
    table.setRightAligned(0, false);
    QCOMPARE(table.toString(),
             QStringLiteral("Reference   Reason\n"
                            "EXSR1       short\n"
                            "EXSR359423  %1\n")
                 .arg(longReason));
}

void TestCliFormatting::tableKeepsEachRowOnOneLine()
{
    TablePrinter table({QStringLiteral("Seq"), QStringLiteral("Comment"), QStringLiteral("Empty")});
    table.setRightAligned(0);
    table.addRow({QStringLiteral("7"), QStringLiteral("two\nlines"), QString()});
    table.addRow({QStringLiteral("1234"), QStringLiteral("tab\there"), QString()});
    QCOMPARE(table.toString(),
             QStringLiteral(" Seq  Comment    Empty\n"
                            "   7  two lines\n"
                            "1234  tab here\n"));
}

void TestCliFormatting::requestJsonUsesStableNamesAndUtcTimes()
{
    AccessRequest request;
    request.id = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    request.reference = QStringLiteral("TMSR359423");
    request.workload = Workload::Teams;
    request.status = RequestStatus::Pending;
    request.durationMinutes = 90;
    // A time in another zone comes out as the same instant in UTC.
    request.created = QDateTime(QDate(2026, 11, 24), QTime(9, 30), QTimeZone(3600));
    const QJsonObject json = RequestJson::toJson(request);
    QCOMPARE(json.value(QStringLiteral("reference")).toString(), request.reference);
    QCOMPARE(json.value(QStringLiteral("workload")).toString(), QStringLiteral("Teams"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("Pending"));
    QCOMPARE(json.value(QStringLiteral("durationMinutes")).toInt(), 90);
    QCOMPARE(json.value(QStringLiteral("created")).toString(), QStringLiteral("2026-11-24T08:30:00.000Z"));
    QVERIFY(json.value(QStringLiteral("expires")).isNull());
    QVERIFY(json.value(QStringLiteral("manager")).isNull());
    QVERIFY(json.value(QStringLiteral("decisionComment")).isNull());
}

void TestCliFormatting::requestJsonOmitsDecisionsOnlyWhenAsked()
{
    AccessRequest request;
    request.decisions.append(Decision {Decision::Kind::ManagerApprove,
                                       QStringLiteral("mgarcia@ops.example"),
                                       Role::SupportManager,
                                       QDateTime(QDate(2026, 11, 24), QTime(8, 0), Qt::UTC),
                                       {}});
    const QJsonArray decisions = RequestJson::toJson(request).value(QStringLiteral("decisions")).toArray();
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.first().toObject(),
             (QJsonObject {{QStringLiteral("kind"), QStringLiteral("ManagerApprove")},
                           {QStringLiteral("actor"), QStringLiteral("mgarcia@ops.example")},
                           {QStringLiteral("actorRole"), QStringLiteral("SupportManager")},
                           {QStringLiteral("at"), QStringLiteral("2026-11-24T08:00:00.000Z")},
                           {QStringLiteral("comment"), QJsonValue()}}));
    QVERIFY(!RequestJson::toJson(request, RequestJson::Decisions::Omit).contains(QStringLiteral("decisions")));
}

void TestCliFormatting::exitCodeFollowsTheErrorCode_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("permission denied") << Error::Code::PermissionDenied << 2;
    QTest::newRow("invalid state") << Error::Code::InvalidState << 2;
    QTest::newRow("conflict") << Error::Code::Conflict << 2;
    QTest::newRow("expired") << Error::Code::Expired << 2;
    QTest::newRow("invalid input") << Error::Code::InvalidInput << 2;
    QTest::newRow("not found") << Error::Code::NotFound << 3;
    QTest::newRow("storage failure") << Error::Code::StorageFailure << 4;
    QTest::newRow("unavailable") << Error::Code::Unavailable << 4;
    QTest::newRow("schema too new") << Error::Code::SchemaTooNew << 4;
    QTest::newRow("internal") << Error::Code::Internal << 4;
    QTest::newRow("integrity failure") << Error::Code::IntegrityFailure << 5;
}

void TestCliFormatting::exitCodeFollowsTheErrorCode()
{
    QFETCH(Error::Code, code);
    QFETCH(int, exitCode);
    QCOMPARE(int(exitCodeFor(Error(code, QStringLiteral("m")))), exitCode);
}
