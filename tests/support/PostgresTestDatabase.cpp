#include "PostgresTestDatabase.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

const char* const PostgresTestDatabase::serverVariable = "LOCKBOX_TEST_PG_URL";

namespace {

// Runs one statement on the server's maintenance database through a connection of its own.
bool onServer(const QString& statement, QString* problem)
{
    static QAtomicInteger<quint64> counter;
    const QString connectionName = QStringLiteral("lockbox-test-pg-admin-%1").arg(counter.fetchAndAddRelaxed(1));
    const QUrl server(qEnvironmentVariable(PostgresTestDatabase::serverVariable));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(server.host());
        db.setPort(server.port(5432));
        db.setUserName(server.userName());
        db.setPassword(server.password());
        db.setDatabaseName(server.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!db.open()) {
            *problem = QStringLiteral("Cannot reach the test PostgreSQL server at %1 (%2): %3 Run the tests under "
                                      "scripts/with-postgres.sh, which starts one.")
                           .arg(server.toString(QUrl::RemovePassword),
                                QString::fromLatin1(PostgresTestDatabase::serverVariable),
                                db.lastError().text());
        } else {
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok)
                *problem = statement + QStringLiteral(": ") + query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok;
}

} // namespace

bool PostgresTestDatabase::create(QString* problem)
{
    QUrl url(qEnvironmentVariable(serverVariable));
    if (url.isEmpty()) {
        *problem = QStringLiteral("These tests run against PostgreSQL, but %1 is not set. Run them under "
                                  "scripts/with-postgres.sh (e.g. bash scripts/with-postgres.sh ctest -L postgres), "
                                  "which starts a throwaway server and sets it.")
                       .arg(QString::fromLatin1(serverVariable));
        return false;
    }
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("lockbox_test_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(counter.fetchAndAddRelaxed(1));
    if (!onServer(QStringLiteral("CREATE DATABASE %1").arg(name), problem))
        return false;
    m_name = name;
    url.setPath(QLatin1Char('/') + name);
    m_url = url.toString();
    return true;
}

PostgresTestDatabase::~PostgresTestDatabase()
{
    if (m_name.isEmpty())
        return;
    QString problem;
    // FORCE: a store a failed test left open must not keep the database alive.
    if (!onServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name), &problem))
        qWarning("Could not drop the test database %s: %s", qPrintable(m_name), qPrintable(problem));
}
