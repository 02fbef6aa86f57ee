#pragma once

#include "SqlDialect.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

class QSqlError;

namespace lockbox {

// One named database connection, used from one thread, with its dialect. Turns driver errors
// into Errors a person can act on, and notices when a server connection is lost so that the
// next call opens it again instead of failing for ever.
class SqlConnection
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SqlConnection)

public:
    // `databaseName`: an SQLite file path or a PostgreSQL URL (see SqlDialect).
    explicit SqlConnection(const QString& databaseName);
    ~SqlConnection();
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    // Connects and prepares the session. Unavailable when a server cannot be reached.
    Status open();
    // After a lost connection, closes and opens it once more; Unavailable if that fails too.
    Status reconnectIfLost();

    QSqlDatabase& database() { return m_db; }
    // Valid once open() succeeded.
    const SqlDialect& dialect() const { return *m_dialect; }
    // Where the data lives, without any password.
    QString location() const { return m_location; }

    // "`what` failed in <location>: <driver text>" (StorageFailure), or, when the connection is
    // gone, Unavailable naming the server, remembered for reconnectIfLost().
    Error failure(const QString& what, const QSqlError& error);

private:
    Error unreachable(const QSqlError& error) const;

    Result<SqlDialect> m_dialect;
    QString m_location;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_lost = false;
};

} // namespace lockbox
