#include "TestItemModels.h"
#include "core/Guarded.h"

#include "itemmodels/AuditTableModel.h"
#include "itemmodels/RequestTableModel.h"
#include "itemmodels/RoleTableModel.h"
#include "itemmodels/TimeFormat.h"
#include "session/Session.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace lockbox;

namespace {

struct SignedIn
{
    StoreFixture data;
    std::unique_ptr<Session> session;

    bool setUp(const Actor& who, QString* problem, int pendingRequests = 3)
    {
        if (!data.setUp(problem))
            return false;
        for (int i = 0; i < pendingRequests; ++i) {
            data.clock().advanceSeconds(1);
            if (data.pending(1 + i % 240).isEmpty()) {
                *problem = QStringLiteral("filing failed");
                return false;
            }
        }
        session = std::make_unique<Session>(&data.store(), data.sharedClock());
        bool done = false;
        session->signIn(who).then(QCoreApplication::instance(),
                                  guarded(session.get(), [&](const Status&) { done = true; }));
        return QTest::qWaitFor([&] { return done; }, 10000) && session->isSignedIn();
    }
};

} // namespace

#define SIGNED_IN(name, who, ...)                                                                                      \
    SignedIn name;                                                                                                     \
    do {                                                                                                               \
        QString problem_;                                                                                              \
        QVERIFY2(name.setUp(who, &problem_, ##__VA_ARGS__), qPrintable(problem_));                                     \
    } while (false)

void TestItemModels::requestModelPassesTheTester()
{
    SIGNED_IN(s, StoreFixture::megan(), 5);
    RequestTableModel model(s.session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(RequestTableModel::ColumnCount));
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QCOMPARE(model.headerData(RequestTableModel::ExpiresIn, Qt::Horizontal).toString(), QStringLiteral("Expires in"));
    QCOMPARE(model.index(0, RequestTableModel::Status).data().toString(), QStringLiteral("Pending"));
    QVERIFY(model.index(0, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
    model.setStatuses({});
    QTRY_COMPARE(model.rowCount(), 5);
}

void TestItemModels::requestModelPagesLazily()
{
    SIGNED_IN(s, StoreFixture::megan(), 230);
    // No model tester here: it calls fetchMore itself, which is what this test watches.
    RequestTableModel model(s.session.get());
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 100);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 200);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 230);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.requestAt(row)->id);
    QCOMPARE(ids.size(), 230);
}

void TestItemModels::requestModelUpdatesOneRowOnADecision()
{
    SIGNED_IN(s, StoreFixture::megan(), 3);
    RequestTableModel model(s.session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 3);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    const QString id = model.requestAt(1)->id;
    LOCKBOX_VERIFY_OK(s.data.approve(StoreFixture::lidia(), id).result());
    QTRY_COMPARE(model.requestAt(1)->status, RequestStatus::Approved);
    QCOMPARE(resets.count(), 0);
    QVERIFY(!changes.isEmpty());
    const QModelIndex topLeft = changes.last().at(0).toModelIndex();
    const QModelIndex bottomRight = changes.last().at(1).toModelIndex();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    QVERIFY(!model.index(1, RequestTableModel::Actions).data(RequestTableModel::CanDecideRole).toBool());
}

void TestItemModels::requestModelSortsThroughTheStore()
{
    SIGNED_IN(s, StoreFixture::megan(), 6);
    RequestTableModel model(s.session.get());
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 6);
    model.sort(RequestTableModel::Duration, Qt::AscendingOrder);
    QCOMPARE(model.query().sortKey, RequestQuery::SortKey::Duration);
    QTRY_COMPARE(model.rowCount(), 6);
    for (int row = 1; row < 6; ++row)
        QVERIFY(model.requestAt(row - 1)->durationMinutes <= model.requestAt(row)->durationMinutes);
}

void TestItemModels::auditModelPassesTheTesterAndFilters()
{
    SIGNED_IN(s, StoreFixture::adele(), 4);
    AuditTableModel model(s.session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QTRY_VERIFY(model.rowCount() > 8);
    // Newest first.
    QVERIFY(model.recordAt(0)->seq > model.recordAt(1)->seq);
    AuditQuery filter;
    filter.operation = QStringLiteral("ManagerApproved");
    model.setFilter(filter);
    QTRY_COMPARE(model.rowCount(), 4);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(model.index(row, AuditTableModel::Operation).data().toString(), QStringLiteral("ManagerApproved"));
}

void TestItemModels::roleModelPassesTheTester()
{
    SIGNED_IN(s, StoreFixture::megan(), 0);
    RoleTableModel model(s.session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 4);
    LOCKBOX_VERIFY_OK(
        s.data.store()
            .setRole(StoreFixture::megan(),
                     RoleAssignment {StoreFixture::contoso, QStringLiteral("new@contoso.com"), {}, Role::Reader})
            .result());
    QTRY_COMPARE(model.rowCount(), 5);
}

void TestItemModels::timeFormatReadsNaturally_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
    QTest::newRow("a minute") << qint64(60) << QStringLiteral("1 min");
    QTest::newRow("an hour and a half") << qint64(5400) << QStringLiteral("1 h 30 min");
    QTest::newRow("four hours") << qint64(4 * 3600) << QStringLiteral("4 h");
    QTest::newRow("passed") << qint64(-5) << QStringLiteral("none");
}

void TestItemModels::timeFormatReadsNaturally()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    const QDateTime now = StoreFixture::start;
    QCOMPARE(TimeFormat::remaining(now, now.addSecs(seconds)), expected);
}
