#pragma once

#include "SqlDialect.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>
#include <unordered_map>
#include <vector>

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
    // A forward-only query for `sql`, prepared once per connection and kept: on PostgreSQL a
    // new statement costs a PREPARE and a DEALLOCATE round trip besides its execution. The
    // query is shared with earlier callers of the same text, so never nest two uses of one
    // text. The reference holds until trimStatements().
    QSqlQuery& prepared(const QString& sql);
    // Forgets the kept statements when there are many (generated texts, such as lists with their
    // filters, would pile up). Only between calls, when no one holds a prepared() reference.
    void trimStatements();
    // Ends the result sets the kept statements still hold. SQLite keeps a read snapshot open
    // while a statement is not reset, and a write cannot start on an outdated snapshot.
    void finishStatements();
    // Runs `statements` as one text, in one round trip on PostgreSQL (which stops at the first
    // that fails), and succeeds only when every one did: QPSQL's exec() reports the first
    // statement's outcome alone. SQLite runs only a text's first statement.
    bool execAll(QSqlQuery& query, const QStringList& statements);
    // PostgreSQL: "EXECUTE name(values)" of `sql` (with $1, $2, … for the values), prepared on
    // the server once per connection under a name of its own. For a write sent in one round trip
    // as a text of several statements, where a prepared() query cannot go. The values are
    // written as the driver writes them for its own prepared statements.
    Result<QString> serverExecute(const QString& sql, const QVariantList& values);
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
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements; // by text, for prepared()
    std::vector<std::unique_ptr<QSqlQuery>> m_failed; // those that did not prepare, until trimStatements()
    std::unordered_map<QString, QString> m_serverStatements; // names by text, for serverExecute()
    bool m_lost = false;
};

} // namespace lockbox
