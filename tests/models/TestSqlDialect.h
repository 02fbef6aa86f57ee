#pragma once

#include <QObject>

// Reading a store's database name (an SQLite file or a PostgreSQL URL), never showing its
// password, and what a store says when its server cannot be reached. Needs no server.
class TestSqlDialect : public QObject
{
    Q_OBJECT

private slots:
    void databaseNameIsAFileOrAServerUrl_data();
    void databaseNameIsAFileOrAServerUrl();
    void passwordIsNeverShown();
    void urlWithoutADatabaseIsRefused();
    void writesTakeOneLockOnEitherDatabase();
    void unreachableServerIsUnavailableWithItsAddress();
};
