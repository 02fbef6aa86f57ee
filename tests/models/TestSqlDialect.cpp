#include "TestSqlDialect.h"

#include "core/ManualClock.h"
#include "store/SqlDialect.h"
#include "store/SqlStore.h"
#include "support/ResultAsserts.h"

#include <QSqlDatabase>
#include <QTest>

using namespace lockbox;

void TestSqlDialect::databaseNameIsAFileOrAServerUrl_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("server");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("address");
    QTest::newRow("file") << QStringLiteral("/home/megan/lockbox.db") << false
                          << QStringLiteral("/home/megan/lockbox.db") << QStringLiteral("/home/megan/lockbox.db");
    QTest::newRow("relative file") << QStringLiteral("lockbox.db") << false << QStringLiteral("lockbox.db")
                                   << QStringLiteral("lockbox.db");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://lockbox@db.example:5433/lockbox") << true
                                << QStringLiteral("postgresql://lockbox@db.example:5433/lockbox")
                                << QStringLiteral("db.example:5433/lockbox");
    QTest::newRow("postgres, default port")
        << QStringLiteral("postgres://lockbox@db.example/lockbox") << true
        << QStringLiteral("postgresql://lockbox@db.example:5432/lockbox") << QStringLiteral("db.example:5432/lockbox");
    QTest::newRow("options") << QStringLiteral("postgresql://lockbox@10.0.0.7/lockbox?sslmode=require") << true
                             << QStringLiteral("postgresql://lockbox@10.0.0.7:5432/lockbox")
                             << QStringLiteral("10.0.0.7:5432/lockbox");
}

void TestSqlDialect::databaseNameIsAFileOrAServerUrl()
{
    QFETCH(QString, name);
    QFETCH(bool, server);
    QFETCH(QString, location);
    QFETCH(QString, address);
    QCOMPARE(SqlDialect::isServerUrl(name), server);
    Result<SqlDialect> dialect = SqlDialect::forDatabaseName(name);
    LOCKBOX_VERIFY_OK(dialect);
    QCOMPARE(dialect->isServer(), server);
    QCOMPARE(dialect->driverName(), server ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"));
    QCOMPARE(dialect->location(), location);
    QCOMPARE(dialect->address(), address);
}

void TestSqlDialect::passwordIsNeverShown()
{
    const QString name = QStringLiteral("postgresql://lockbox:s%40cr3t@db.example:5433/lockbox");
    QCOMPARE(SqlDialect::displayName(name), QStringLiteral("postgresql://lockbox@db.example:5433/lockbox"));
    Result<SqlDialect> dialect = SqlDialect::forDatabaseName(name);
    LOCKBOX_VERIFY_OK(dialect);
    QVERIFY(!dialect->location().contains(QStringLiteral("cr3t")));
    // The driver still gets the password, decoded.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect->driverName(), QStringLiteral("dialect-test"));
        dialect->configure(db);
        QCOMPARE(db.password(), QStringLiteral("s@cr3t"));
        QCOMPARE(db.userName(), QStringLiteral("lockbox"));
        QCOMPARE(db.hostName(), QStringLiteral("db.example"));
        QCOMPARE(db.port(), 5433);
        QCOMPARE(db.databaseName(), QStringLiteral("lockbox"));
        QCOMPARE(SqlDialect::of(db).location(), dialect->location());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dialect-test"));
    SqlStore store(name, std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc()));
    QCOMPARE(store.location(), QStringLiteral("postgresql://lockbox@db.example:5433/lockbox"));
    // Even a URL that cannot be read keeps what may be a password to itself.
    QVERIFY(!SqlDialect::displayName(QStringLiteral("postgresql://lockbox:s3cret@db example:x/lockbox"))
                 .contains(QStringLiteral("s3cret")));
}

void TestSqlDialect::urlWithoutADatabaseIsRefused()
{
    for (const QString& name : {QStringLiteral("postgresql://lockbox:s3cret@db.example:5432"),
                                QStringLiteral("postgresql://lockbox:s3cret@db.example:5432/"),
                                QStringLiteral("postgresql:///lockbox")}) {
        Result<SqlDialect> dialect = SqlDialect::forDatabaseName(name);
        LOCKBOX_COMPARE_ERROR(dialect, Error::Code::InvalidInput);
        QVERIFY2(dialect.error().message().contains(QStringLiteral("postgresql://user:password@host:port/database")),
                 qPrintable(dialect.error().message()));
        QVERIFY2(!dialect.error().message().contains(QStringLiteral("s3cret")), qPrintable(dialect.error().message()));
    }
    SqlStore store(QStringLiteral("postgresql://lockbox:s3cret@db.example/"),
                   std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc()));
    LOCKBOX_COMPARE_ERROR(store.open().result(), Error::Code::InvalidInput);
}

void TestSqlDialect::writesTakeOneLockOnEitherDatabase()
{
    Result<SqlDialect> sqlite = SqlDialect::forDatabaseName(QStringLiteral("lockbox.db"));
    LOCKBOX_VERIFY_OK(sqlite);
    QCOMPARE(sqlite->beginWrite(), QStringList {QStringLiteral("BEGIN IMMEDIATE")});
    QVERIFY(sqlite->lockSchema().isEmpty());
    Result<SqlDialect> postgres
        = SqlDialect::forDatabaseName(QStringLiteral("postgresql://lockbox@db.example/lockbox"));
    LOCKBOX_VERIFY_OK(postgres);
    QCOMPARE(postgres->beginWrite().first(), QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED"));
    QVERIFY(postgres->beginWrite().last().startsWith(QStringLiteral("SELECT pg_advisory_xact_lock(")));
    QVERIFY(postgres->lockSchema().startsWith(QStringLiteral("SELECT pg_advisory_lock(")));
    QCOMPARE(postgres->likeIgnoringCase(), QStringLiteral("ILIKE"));
}

void TestSqlDialect::unreachableServerIsUnavailableWithItsAddress()
{
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    SqlStore store(QStringLiteral("postgresql://lockbox:s3cret@127.0.0.1:1/lockbox"),
                   std::make_shared<ManualClock>(QDateTime::currentDateTimeUtc()));
    Status opened = store.open().result();
    LOCKBOX_COMPARE_ERROR(opened, Error::Code::Unavailable);
    QVERIFY2(
        opened.error().message().startsWith(QStringLiteral("The database at 127.0.0.1:1/lockbox is unreachable: ")),
        qPrintable(opened.error().message()));
    QVERIFY2(!opened.error().message().contains(QStringLiteral("s3cret")), qPrintable(opened.error().message()));
}
