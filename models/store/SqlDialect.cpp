#include "SqlDialect.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

namespace lockbox {

namespace {

const QString sqliteDriver = QStringLiteral("QSQLITE");
const QString postgresDriver = QStringLiteral("QPSQL");
constexpr int defaultPostgresPort = 5432;

// Advisory lock keys: "Lockbox" and a byte, so that they do not collide with another
// application's locks on a shared server.
const QString writeLockKey = QStringLiteral("5507730182161528833");
const QString schemaLockKey = QStringLiteral("5507730182161528834");

QString hostForDisplay(const QString& host)
{
    if (host.isEmpty())
        return QStringLiteral("localhost");
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace

bool SqlDialect::isServerUrl(const QString& databaseName)
{
    return databaseName.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || databaseName.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString SqlDialect::displayName(const QString& databaseName)
{
    if (!isServerUrl(databaseName))
        return databaseName;
    const QUrl url(databaseName, QUrl::StrictMode);
    if (url.isValid())
        return url.toString(QUrl::RemovePassword);
    // Unreadable as a URL: still never show what may be a password before the host.
    static const QRegularExpression credentials(QStringLiteral("://[^/]*@"));
    QString shown = databaseName;
    return shown.replace(credentials, QStringLiteral("://…@"));
}

Result<SqlDialect> SqlDialect::forDatabaseName(const QString& databaseName)
{
    SqlDialect dialect;
    if (!isServerUrl(databaseName)) {
        dialect.m_path = databaseName;
        return dialect;
    }
    const QUrl url(databaseName, QUrl::StrictMode);
    const QString shown = displayName(databaseName);
    const QString database = url.path(QUrl::FullyDecoded).mid(1);
    if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(QLatin1Char('/')))
        return Error(Error::Code::InvalidInput,
                     tr("%1 is not a PostgreSQL database URL; write it as "
                        "postgresql://user:password@host:port/database.")
                         .arg(shown));
    QStringList options;
    bool timeoutGiven = false;
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_.+/:-]+$"));
        if (!word.match(key).hasMatch() || !word.match(value).hasMatch())
            return Error(Error::Code::InvalidInput,
                         tr("The option \"%1\" in %2 cannot be passed to PostgreSQL; give options as "
                            "?name=value&name=value with no spaces.")
                             .arg(key, shown));
        options << key + QLatin1Char('=') + value;
        timeoutGiven = timeoutGiven || key == QLatin1String("connect_timeout");
    }
    // A server that does not answer is reported within seconds instead of hanging a caller.
    if (!timeoutGiven)
        options << QStringLiteral("connect_timeout=10");
    dialect.m_kind = Kind::Postgres;
    dialect.m_host = url.host(QUrl::FullyDecoded);
    dialect.m_port = url.port(defaultPostgresPort);
    dialect.m_user = url.userName(QUrl::FullyDecoded);
    dialect.m_password = url.password(QUrl::FullyDecoded);
    dialect.m_database = database;
    dialect.m_options = options.join(QLatin1Char(';'));
    return dialect;
}

SqlDialect SqlDialect::of(const QSqlDatabase& db)
{
    SqlDialect dialect;
    if (db.driverName() != postgresDriver) {
        dialect.m_path = db.databaseName();
        return dialect;
    }
    dialect.m_kind = Kind::Postgres;
    dialect.m_host = db.hostName();
    dialect.m_port = db.port() > 0 ? db.port() : defaultPostgresPort;
    dialect.m_user = db.userName();
    dialect.m_database = db.databaseName();
    return dialect;
}

QString SqlDialect::driverName() const
{
    return isServer() ? postgresDriver : sqliteDriver;
}

void SqlDialect::configure(QSqlDatabase& db) const
{
    if (!isServer()) {
        db.setDatabaseName(m_path);
        // A writer waits for another's write lock instead of failing at once.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(defaultLockWaitMs));
        return;
    }
    db.setHostName(m_host);
    db.setPort(m_port);
    db.setUserName(m_user);
    db.setPassword(m_password);
    db.setDatabaseName(m_database);
    db.setConnectOptions(m_options);
}

QString SqlDialect::location() const
{
    if (!isServer())
        return m_path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user);
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QLatin1Char('/') + m_database);
    return url.toString();
}

QString SqlDialect::address() const
{
    if (!isServer())
        return m_path;
    return QStringLiteral("%1:%2/%3").arg(hostForDisplay(m_host)).arg(m_port).arg(m_database);
}

QStringList SqlDialect::sessionSetup() const
{
    if (isServer())
        return {};
    return {QStringLiteral("PRAGMA journal_mode=WAL"),
            QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("PRAGMA foreign_keys=ON")};
}

QStringList SqlDialect::beginWrite(int lockWaitMs) const
{
    if (!isServer()) {
        // BEGIN IMMEDIATE takes SQLite's write lock up front, so that two writers queue (busy
        // timeout) instead of both reading a state that only one of them may change.
        return {QStringLiteral("BEGIN IMMEDIATE")};
    }
    // One transaction-scoped advisory lock serializes every writer of the database, whichever
    // process it is in. READ COMMITTED whatever the server's default: each statement after the
    // lock then sees what the previous holder committed. A writer gives up after a while instead
    // of waiting for ever behind a stuck one.
    return {QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED"),
            QStringLiteral("SET LOCAL lock_timeout = '%1ms'").arg(lockWaitMs),
            QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(writeLockKey)};
}

QString SqlDialect::lockSchema() const
{
    return isServer() ? QStringLiteral("SELECT pg_advisory_lock(%1)").arg(schemaLockKey) : QString();
}

QString SqlDialect::unlockSchema() const
{
    return isServer() ? QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(schemaLockKey) : QString();
}

QString SqlDialect::likeIgnoringCase() const
{
    return isServer() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
}

QString SqlDialect::bytewise(const QString& column) const
{
    // SQLite's default collation already compares bytes; PostgreSQL's follows the locale.
    return isServer() ? column + QStringLiteral(" COLLATE \"C\"") : column;
}

bool SqlDialect::isConnectionLost(const QSqlError& error, const QSqlDatabase& db) const
{
    if (!isServer())
        return false;
    // The driver closes the connection when libpq reports it broken; SQLSTATE class 08 is a
    // connection exception, 57P01-57P03 a server shutting down or starting.
    const QString state = error.nativeErrorCode();
    return !db.isOpen() || error.type() == QSqlError::ConnectionError || state.startsWith(QLatin1String("08"))
        || state == QLatin1String("57P01") || state == QLatin1String("57P02") || state == QLatin1String("57P03");
}

} // namespace lockbox
