#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

namespace lockbox {

// The store's schema as a list of numbered steps. Opening a store applies every step above its
// version, each in its own transaction; a store written by a newer Lockbox is refused, never
// touched. The SQL is kept to what SQLite and PostgreSQL both accept.
class SchemaMigrations
{
    Q_DECLARE_TR_FUNCTIONS(lockbox::SchemaMigrations)

public:
    struct Step
    {
        int version;
        QString description;
        QStringList statements;
    };

    static const QList<Step>& steps();
    static int latestVersion();

    // 0 for an empty database.
    static Result<int> currentVersion(QSqlDatabase& db);
    // Brings the database to `target` (default: latest). Refuses a newer schema.
    static Status migrate(QSqlDatabase& db, int target = -1);
};

} // namespace lockbox
