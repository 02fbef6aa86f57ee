#include "SqlWriteTransaction.h"

#include "SqlConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace lockbox {

SqlWriteTransaction::SqlWriteTransaction(SqlConnection& connection)
    : m_connection(connection)
{
    m_connection.finishStatements();
    QSqlQuery query(m_connection.database());
    for (const QString& statement : m_connection.dialect().beginWrite()) {
        if (!query.exec(statement)) {
            m_error = m_connection.failure(tr("Starting a write"), query.lastError());
            rollback();
            return;
        }
        m_open = true;
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
