#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QSqlDatabase;
class QSqlError;

namespace lockbox {

// What differs between the two databases a store can live in, kept in one place: an SQLite file
// (one admin's machine, the demo) or a PostgreSQL database shared by several processes (the
// service). A store's "database name" is a file path, or a URL
// `postgresql://user[:password]@host[:port]/dbname` (also `postgres://`; query items such as
// `?sslmode=require` are passed on to libpq).
class SqlDialect
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SqlDialect)

public:
    // How long a writer waits for the write lock (PostgreSQL) or SQLite's (busy timeout).
    static constexpr int defaultLockWaitMs = 15000;

    enum class Kind { Sqlite, Postgres };

    // A URL is refused (InvalidInput) when it names no database.
    static Result<SqlDialect> forDatabaseName(const QString& databaseName);
    // The dialect of a connection configured by configure() (or by hand).
    static SqlDialect of(const QSqlDatabase& db);
    static bool isServerUrl(const QString& databaseName);
    // The name as it may be shown or logged: a URL loses its password.
    static QString displayName(const QString& databaseName);

    Kind kind() const { return m_kind; }
    bool isServer() const { return m_kind == Kind::Postgres; }
    QString driverName() const;
    // Sets the driver's connection parameters on a connection made with driverName().
    void configure(QSqlDatabase& db) const;
    // The file path, or the URL without its password.
    QString location() const;
    // The file path, or "host:port/dbname": for messages about reaching the database.
    QString address() const;

    // Run once on every new connection; the first one doubles as a check that SQLite's file is a
    // database at all.
    QStringList sessionSetup() const;
    // Starts a write transaction that holds the database's one write lock until it ends, so that
    // the "next number" reads (MAX(seq) + 1 and the like) cannot race, across processes too.
    // On PostgreSQL the lock is waited for `lockWaitMs` at most, as long as SQLite's busy timeout
    // by default.
    QStringList beginWrite(int lockWaitMs = defaultLockWaitMs) const;
    // Taken around a schema upgrade on a server, so that processes starting together upgrade one
    // after the other (each rereads the version once it holds the lock). Empty for SQLite.
    QString lockSchema() const;
    QString unlockSchema() const;
    // A LIKE that ignores case (SQLite's LIKE already does for ASCII).
    QString likeIgnoringCase() const;
    // `column` compared byte by byte (the reference prefix range), whatever the collation.
    QString bytewise(const QString& column) const;
    // Whether a failed statement means the connection itself is gone (server stopped, network
    // lost), so that it is worth opening it again.
    bool isConnectionLost(const QSqlError& error, const QSqlDatabase& db) const;

private:
    SqlDialect() = default;

    Kind m_kind = Kind::Sqlite;
    QString m_path; // SQLite
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QString m_options;
};

} // namespace lockbox
