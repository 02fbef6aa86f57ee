#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace lockbox {

class SqlConnection;

// A write transaction holding the database's one write lock (see SqlDialect::beginWrite) from its
// start, so that every writer, in this process or another, reads and writes in turn: the "next
// number" reads of the audit chain and the reference numbers cannot race. Rolls back unless
// committed.
class SqlWriteTransaction
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SqlWriteTransaction)

public:
    explicit SqlWriteTransaction(SqlConnection& connection);
    ~SqlWriteTransaction();
    SqlWriteTransaction(const SqlWriteTransaction&) = delete;
    SqlWriteTransaction& operator=(const SqlWriteTransaction&) = delete;

    // False when the transaction could not start; error() says why.
    bool ok() const { return m_open; }
    const Error& error() const { return m_error; }

    Status commit();

private:
    void rollback();

    SqlConnection& m_connection;
    bool m_open = false;
    Error m_error;
};

} // namespace lockbox
