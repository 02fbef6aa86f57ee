#include "SqlWriteTransaction.h"

#include "SqlConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lockbox {

SqlWriteTransaction::SqlWriteTransaction(SqlConnection& connection)
    : m_connection(connection)
{
    m_connection.finishStatements();
    // The statements in one round trip (PostgreSQL runs a semicolon-separated text in order and
    // stops at the first that fails). Whatever part of it ran is rolled back on failure.
    QSqlQuery query(m_connection.database());
    m_open = true;
    if (!m_connection.execAll(query, m_connection.dialect().beginWrite())) {
        m_error = m_connection.failure(tr("Starting a write"), query.lastError());
        rollback();
    }
}

SqlWriteTransaction::~SqlWriteTransaction()
{
    rollback();
}

Status SqlWriteTransaction::commit()
{
    QSqlQuery query(m_connection.database());
    if (!query.exec(QStringLiteral("COMMIT")))
        return m_connection.failure(tr("Saving the change"), query.lastError());
    m_open = false;
    return Status::success();
}

void SqlWriteTransaction::rollback()
{
    if (!m_open)
        return;
    QSqlQuery(m_connection.database()).exec(QStringLiteral("ROLLBACK"));
    m_open = false;
}

} // namespace lockbox
