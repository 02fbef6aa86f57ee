#include "TestSeed.h"

#include "core/ManualClock.h"
#include "seed/LargeStoreGenerator.h"
#include "seed/SeedGenerator.h"
#include "store/SqlStore.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {
const QDateTime now(QDate(2026, 11, 24), QTime(9, 15), Qt::UTC);
const Actor megan {QStringLiteral("megan.bowen@contoso.com"), QStringLiteral("contoso.onmicrosoft.com")};
} // namespace

void TestSeed::demoStoreHasEveryStatusAndAnIntactLog()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.db"));
    SeedGenerator::Options options;
    options.end = now;
    Result<int> filed = SeedGenerator::createDemoStore(path, options);
    LOCKBOX_VERIFY_OK(filed);
    QVERIFY(*filed >= 300);
    for (RequestStatus status : requestStatus::all()) {
        const int count
            = RawDatabase::value(
                  path,
                  QStringLiteral("SELECT COUNT(*) FROM requests WHERE status = '%1'").arg(requestStatus::key(status)))
                  .toInt();
        QVERIFY2(count > 0, qPrintable(QStringLiteral("no request is %1").arg(requestStatus::key(status))));
    }
    // History spread over the 30 days, decided by several admins.
    const qint64 oldest = RawDatabase::value(path, QStringLiteral("SELECT MIN(created_at) FROM requests")).toLongLong();
    QVERIFY(oldest <= now.addDays(-28).toMSecsSinceEpoch());
    QVERIFY(RawDatabase::value(path,
                               QStringLiteral("SELECT COUNT(DISTINCT decided_by) FROM requests WHERE tenant_id = "
                                              "'contoso.onmicrosoft.com' AND status = 'Denied'"))
                .toInt()
            >= 3);
    QVERIFY(RawDatabase::value(path, QStringLiteral("SELECT COUNT(DISTINCT workload) FROM requests")).toInt() == 4);

    SqlStore store(path, std::make_shared<ManualClock>(now));
    LOCKBOX_VERIFY_OK(store.open().result());
    Result<AuditVerification> verified = store.verifyAudit(megan).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
}

void TestSeed::demoStoreEndsWithWorkForTheTrainee()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.db"));
    SeedGenerator::Options options;
    options.end = now;
    LOCKBOX_VERIFY_OK(SeedGenerator::createDemoStore(path, options));
    SqlStore store(path, std::make_shared<ManualClock>(now));
    LOCKBOX_VERIFY_OK(store.open().result());
    Result<RequestSummary> summary = store.summary(megan).result();
    LOCKBOX_VERIFY_OK(summary);
    QVERIFY2(summary->pending >= 4, qPrintable(QString::number(summary->pending)));
    QVERIFY(summary->expiringWithinHour >= 1);
    QVERIFY(summary->windowsOpen >= 1);
    // Nothing is overdue: opening the store changes nothing.
    Result<int> due = store.applyDueTransitions().result();
    LOCKBOX_VERIFY_OK(due);
    QCOMPARE(*due, 0);
}

void TestSeed::demoStoreNeverOverwritesAFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("precious.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();
    SeedGenerator::Options options;
    options.end = now;
    LOCKBOX_COMPARE_ERROR(SeedGenerator::createDemoStore(path, options), Error::Code::InvalidInput);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
}

void TestSeed::largeStoreIsConsistentAndVerifies()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.db"));
    LargeStoreGenerator::Options options;
    options.requests = 20'000;
    options.now = now;
    qint64 reported = 0;
    bool indexing = false;
    Result<qint64> written = LargeStoreGenerator::generate(path, options, [&](qint64 n) {
        if (n < 0)
            indexing = true;
        else
            reported = n;
    });
    LOCKBOX_VERIFY_OK(written);
    QCOMPARE(*written, 20'000);
    QCOMPARE(reported, 20'000);
    QVERIFY(indexing);
    QCOMPARE(RawDatabase::value(path, QStringLiteral("SELECT COUNT(*) FROM requests")).toInt(), 20'000);
    // Every list index exists again after the bulk load.
    QVERIFY(RawDatabase::value(path,
                               QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE "
                                              "'requests_by_tenant%'"))
                .toInt()
            >= 14);

    SqlStore store(path, std::make_shared<ManualClock>(now));
    LOCKBOX_VERIFY_OK(store.open().result());
    Result<int> due = store.applyDueTransitions().result();
    LOCKBOX_VERIFY_OK(due);
    QCOMPARE(*due, 0);
    RequestQuery pending;
    pending.statuses = {RequestStatus::Pending};
    Result<Page<AccessRequest>> page = store.listRequests(megan, pending).result();
    LOCKBOX_VERIFY_OK(page);
    QCOMPARE(page->items.size(), 50);
    QVERIFY(!page->nextCursor.isEmpty());
    Result<AuditVerification> verified = store.verifyAudit(megan).result();
    LOCKBOX_VERIFY_OK(verified);
    QVERIFY2(verified->intact, qPrintable(verified->summary()));
    QVERIFY(verified->recordCount > 15'000); // nine in ten requests are the first tenant's
}

void TestSeed::largeStoreRefusesAPostgresDatabase()
{
    LargeStoreGenerator::Options options;
    options.requests = 10;
    options.now = now;
    Result<qint64> refused
        = LargeStoreGenerator::generate(QStringLiteral("postgresql://lockbox:s3cret@db.example:5433/lockbox"), options);
    LOCKBOX_COMPARE_ERROR(refused, Error::Code::InvalidInput);
    QVERIFY2(refused.error().message().contains(QStringLiteral("postgresql://lockbox@db.example:5433/lockbox")),
             qPrintable(refused.error().message()));
    QVERIFY2(!refused.error().message().contains(QStringLiteral("s3cret")), qPrintable(refused.error().message()));
}
