#include "TestSchemaMigrations.h"

#include "core/ManualClock.h"
#include "store/SchemaMigrations.h"
#include "store/SqlStore.h"
#include "support/RawDatabase.h"
#include "support/ResultAsserts.h"
#include "support/StoreFixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace lockbox;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

Status openStore(const QString& path)
{
    SqlStore store(path, std::make_shared<ManualClock>(StoreFixture::start));
    return store.open().result();
}

} // namespace

void TestSchemaMigrations::newStoreIsAtTheLatestVersion()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    LOCKBOX_VERIFY_OK(openStore(path));
    QCOMPARE(RawDatabase::value(path, QStringLiteral("SELECT version FROM schema_version")).toInt(),
             SchemaMigrations::latestVersion());
    QCOMPARE(RawDatabase::value(path, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
}

void TestSchemaMigrations::oldestSchemaIsUpgradedWithItsData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("oldest"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        LOCKBOX_VERIFY_OK(SchemaMigrations::migrate(db, 1));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("oldest"));
    QString problem;
    QVERIFY2(
        RawDatabase::exec(
            path,
            {QStringLiteral("INSERT INTO tenants (id, display_name) VALUES ('contoso.onmicrosoft.com', 'Contoso')"),
             QStringLiteral("INSERT INTO role_assignments VALUES ('contoso.onmicrosoft.com', 'megan@contoso.com', "
                            "'Megan', 'GlobalAdministrator', 'system', 0)"),
             QStringLiteral(
                 "INSERT INTO requests (id, ref_number, reference, service_request, tenant_id, workload, "
                 "requester, reason, scope, duration_minutes, created_at, expires_at, status) VALUES "
                 "('r1', 359001, 'EXSR359001', 'SR1', 'contoso.onmicrosoft.com', 'Exchange', "
                 "'eng@ops.example', 'old reason', 'old scope', 60, 1795939200000, 1795982400000, 'Pending')")},
            &problem),
        qPrintable(problem));
    QCOMPARE(RawDatabase::value(path, QStringLiteral("SELECT version FROM schema_version")).toInt(), 1);

    SqlStore store(path, std::make_shared<ManualClock>(QDateTime::fromMSecsSinceEpoch(1795939200000 + 60000, Qt::UTC)));
    LOCKBOX_VERIFY_OK(store.open().result());
    QCOMPARE(RawDatabase::value(path, QStringLiteral("SELECT version FROM schema_version")).toInt(),
             SchemaMigrations::latestVersion());
    QVERIFY(RawDatabase::value(path,
                               QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = "
                                              "'requests_by_tenant_status_created'"))
                .toInt()
            == 1);
    Result<AccessRequest> old
        = store
              .request(Actor {QStringLiteral("megan@contoso.com"), QStringLiteral("contoso.onmicrosoft.com")},
                       QStringLiteral("EXSR359001"))
              .result();
    LOCKBOX_VERIFY_OK(old);
    QCOMPARE(old->reason, QStringLiteral("old reason"));
    QCOMPARE(old->status, RequestStatus::Pending);
}

void TestSchemaMigrations::newerSchemaIsRefusedUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.db"));
    LOCKBOX_VERIFY_OK(openStore(path));
    QVERIFY(RawDatabase::exec(
        path,
        {QStringLiteral("UPDATE schema_version SET version = 99"), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}));
    const QByteArray before = fileHash(path);
    Status opened = openStore(path);
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::SchemaTooNew);
    QVERIFY2(opened.error().message().contains(QStringLiteral("newer Lockbox")), qPrintable(opened.error().message()));
    QVERIFY(opened.error().message().contains(QStringLiteral("99")));
    QCOMPARE(fileHash(path), before);
}

void TestSchemaMigrations::foreignDatabaseIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.db"));
    QVERIFY(RawDatabase::exec(path, {QStringLiteral("CREATE TABLE invoices (id INTEGER)")}));
    Status opened = openStore(path);
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::InvalidInput);
    QVERIFY(opened.error().message().contains(QStringLiteral("not a Lockbox store")));
    QCOMPARE(
        RawDatabase::value(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'requests'")).toInt(),
        0);
}

void TestSchemaMigrations::fileThatIsNotADatabaseIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    Status opened = openStore(path);
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::InvalidInput);
    QVERIFY2(opened.error().message().contains(QStringLiteral("not a Lockbox store")),
             qPrintable(opened.error().message()));
}

void TestSchemaMigrations::missingFolderGivesAClearError()
{
    QTemporaryDir dir;
    Status opened = openStore(dir.filePath(QStringLiteral("no/such/folder/store.db")));
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::StorageFailure);
    QVERIFY(opened.error().message().contains(QStringLiteral("no/such/folder/store.db")));
}
