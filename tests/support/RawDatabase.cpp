#include "RawDatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {
const QString connectionName = QStringLiteral("lockbox-test-raw");
}

bool RawDatabase::exec(const QString& path, const QStringList& statements, QString* problem)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString& statement : statements) {
            if (!ok)
                break;
            ok = query.exec(statement);
            if (!ok && problem)
                *problem = statement + QStringLiteral(": ") + query.lastError().text();
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok;
}

QVariant RawDatabase::value(const QString& path, const QString& sql)
{
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return result;
}
